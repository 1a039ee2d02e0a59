"""Metadata quality: title, author and publication time, vnnews beside trafilatura and htmldate.

Usage:
  python benchmarks/eval_metadata.py                # page-family corpus, dev split (+ the real sample pages)
  python benchmarks/eval_metadata.py --split test   # the held-out test split: score it rarely (see its README)
  options: [--errors] (list vnnews's misses) [--json out.json]

Every system reads the same HTML in the same run. Gold is `<slug>.metadata.json` beside each
article page (benchmarks/gold/families/METADATA.md says how it is written) and, for the real
sample pages, benchmarks/gold/extraction/NAME.metadata.json. Printed per system, as accuracy
over article pages:
- title: the same headline after Unicode NFC, one tone-mark convention and collapsed whitespace;
- author: the same set of people (case-insensitive); no author when the gold names none;
- day: the publication day in Vietnam time (the day a Vietnamese reader saw the article);
- day + minute + offset: the same moment to the minute, over the pages whose gold gives a time.
  The offset is judged through the moment it names: "09:20+07:00" and "02:20+00:00" are the same
  moment written in two zones and agree; "09:20+00:00" for a page that means 09:20 in Vietnam
  does not.
A value without a UTC offset is read as Vietnam time (+07:00), for every system. trafilatura
gives days only, so its minute score is n/a; htmldate is asked for the time as well.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "vnnews" / "samples"
SAMPLE_GOLD = ROOT / "benchmarks" / "gold" / "extraction"
FAMILIES = ROOT / "benchmarks" / "gold" / "families"
VIETNAM = timezone(timedelta(hours=7))
FIELDS = ("title", "author", "day", "minute")


@dataclass
class Page:
    """One article page and its metadata gold."""

    name: str
    family: str
    html: bytes
    url: str | None
    gold: dict


@dataclass
class Reading:
    """What one system read from a page: title, authors, publication time (ISO 8601 or a day)."""

    title: str | None
    authors: list[str]
    published: str | None


def pages(split: str) -> list[Page]:
    """Article pages of one split that have metadata gold; dev adds the real sample pages."""
    found = []
    for gold in sorted((FAMILIES / split).glob("*/*.metadata.json")):
        slug = gold.name.removesuffix(".metadata.json")
        meta = json.loads(gold.with_name(f"{slug}.meta.json").read_text("utf-8"))
        found.append(Page(slug, gold.parent.name, gold.with_name(f"{slug}.html").read_bytes(), meta.get("url"),
                          json.loads(gold.read_text("utf-8"))))
    if split == "dev":
        for gold in sorted(SAMPLE_GOLD.glob("*.metadata.json")):
            name = gold.name.removesuffix(".metadata.json")
            meta = json.loads(gold.with_name(f"{name}.meta.json").read_text("utf-8"))
            found.append(Page(name, "real", (SAMPLES / f"{name}.html").read_bytes(), meta.get("url") or _sample_url(name),
                              json.loads(gold.read_text("utf-8"))))
    return found


def _sample_url(name: str) -> str | None:
    from eval_extraction import _known_url

    return _known_url(name)


def _vnnews(page: Page) -> Reading:
    from pipeline.page.parse import parse_page

    result = parse_page(page.html, url=page.url)
    authors = [a.strip() for a in (result.author or "").split(",") if a.strip()]
    return Reading(result.title, authors, result.published_at)


def _trafilatura(page: Page) -> Reading:
    import trafilatura

    doc = trafilatura.extract_metadata(page.html.decode("utf-8", "replace"), default_url=page.url)
    authors = [a.strip() for a in re.split(r"[;,]", doc.author or "") if a.strip()]
    return Reading(doc.title, authors, doc.date)


def _htmldate(page: Page) -> Reading:
    from htmldate import find_date

    found = find_date(page.html, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z", url=page.url)
    return Reading(None, [], found)


SYSTEMS: dict[str, Callable[[Page], Reading]] = {"vnnews": _vnnews, "trafilatura": _trafilatura, "htmldate": _htmldate}
# What each system claims to read; the others are n/a for it.
CLAIMS = {"vnnews": FIELDS, "trafilatura": ("title", "author", "day"), "htmldate": ("day", "minute")}


def _text(value: str | None) -> str:
    from pipeline.text.normalize import normalize_text

    return " ".join(normalize_text(unicodedata.normalize("NFC", value or "")).split())


def _moment(value: str | None) -> tuple[datetime, bool] | None:
    """The time a value names, and whether it names a time of day (not a day alone)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    has_time = "T" in value or " " in value.strip()
    return (moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)), has_time


def judge(reading: Reading, gold: dict) -> dict[str, bool | None]:
    """Right or wrong per field; None where the field does not apply (no time in the gold)."""
    gold_time, predicted = _moment(gold.get("published_at")), _moment(reading.published)
    day = minute = False
    if gold_time is not None and predicted is not None:
        day = predicted[0].astimezone(VIETNAM).date() == gold_time[0].astimezone(VIETNAM).date()
        minute = predicted[1] and \
            predicted[0].replace(second=0, microsecond=0) == gold_time[0].replace(second=0, microsecond=0)
    authors = {_text(a).casefold() for a in reading.authors}
    return {
        "title": _text(reading.title) == _text(gold.get("title")),
        "author": authors == {_text(a).casefold() for a in gold.get("authors") or []},
        "day": day if gold_time is not None else None,
        "minute": minute if gold_time is not None and gold_time[1] else None,
    }


def evaluate(corpus: list[Page]) -> dict:
    """Per-system accuracy per field, and vnnews's misses."""
    scores: dict[str, dict[str, list[bool]]] = {name: {f: [] for f in FIELDS} for name in SYSTEMS}
    misses: list[str] = []
    for page in corpus:
        for name, system in SYSTEMS.items():
            reading = system(page)
            verdict = judge(reading, page.gold)
            for field_name, ok in verdict.items():
                if ok is not None:
                    scores[name][field_name].append(ok)
            if name == "vnnews":
                wrong = [f for f, ok in verdict.items() if ok is False]
                if wrong:
                    misses.append(f"{page.family}/{page.name}: " + "; ".join(
                        f"{f} {_show(reading, f)!r} (gold {_show_gold(page.gold, f)!r})" for f in wrong))
    table = {name: {f: (sum(v) / len(v) if v and f in CLAIMS[name] else None, len(v)) for f, v in fields.items()}
             for name, fields in scores.items()}
    return {"pages": len(corpus), "accuracy": table, "vnnews_misses": misses}


def _show(reading: Reading, field_name: str) -> object:
    return {"title": reading.title, "author": reading.authors}.get(field_name, reading.published)


def _show_gold(gold: dict, field_name: str) -> object:
    return {"title": gold.get("title"), "author": gold.get("authors")}.get(field_name, gold.get("published_at"))


def _print(report: dict, errors: bool) -> None:
    print(f"{report['pages']} article pages with metadata gold")
    print(f"{'system':<12}" + "".join(f"{f if f != 'minute' else 'day+minute':>14}" for f in FIELDS))
    for name, fields in report["accuracy"].items():
        cells = []
        for f in FIELDS:
            value, n = fields[f]
            cells.append(f"{'n/a':>14}" if value is None else f"{value:>9.3f} /{n:<3}")
        print(f"{name:<12}" + "".join(cells))
    ours = report["accuracy"]["vnnews"]
    for f in FIELDS:
        others = [s[f][0] for n, s in report["accuracy"].items() if n != "vnnews" and s[f][0] is not None]
        if others and ours[f][0] is not None:
            print(f"{f}: vnnews {ours[f][0]:.3f}, best baseline {max(others):.3f} ({ours[f][0] / max(others):.2f}x)")
    if errors:
        print("\nvnnews misses:")
        for line in report["vnnews_misses"]:
            print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--errors", action="store_true", help="list the pages where vnnews is wrong")
    parser.add_argument("--json", type=Path, help="also write the full report here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    corpus = pages(args.split)
    if not corpus:
        print(f"no pages in the {args.split} split: every test split so far has been retired into dev; "
              "write a new one first (benchmarks/gold/families/README.md says how)", file=sys.stderr)
        return 2
    report = evaluate(corpus)
    _print(report, args.errors)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
