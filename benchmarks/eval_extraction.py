"""Main-text extraction quality and speed: vnnews against trafilatura and readability-lxml.

Usage:
  python benchmarks/eval_extraction.py                 # page-family corpus, dev split (+ the real pages)
  python benchmarks/eval_extraction.py --split test    # the held-out test split: score it rarely (see its README)
  python benchmarks/eval_extraction.py --legacy        # the eight sample pages against benchmarks/gold/extraction
  options: [--repeat 3] [--json out.json]

Every system extracts the main text from the same HTML in the same run. For article pages we
print word-level precision/recall/F1 (bag of lower-cased words) per page, per family and
macro-averaged; for pages that are not articles, whether each system returned no text (and
whether vnnews gave the right reason); the median time per page of vnnews's page stage (decode,
metadata, chrome stripping, body) against trafilatura's; chrome phrases leaking into the output;
metadata correctness on the sample pages. Needs the `eval` extra: pip install -e '.[eval]'.
Gold: benchmarks/gold/families/ (README.md there says how it was written and how often the test
split was scored) and benchmarks/gold/extraction/ (metadata of the sample pages).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "vnnews" / "samples"
DEFAULT_GOLD = ROOT / "benchmarks" / "gold" / "extraction"
FAMILIES = ROOT / "benchmarks" / "gold" / "families"
# Phrases of page chrome that must never reach the text (the seed list).
CHROME_PHRASES = ("Xem thêm", "Tin liên quan", "Bình luận", "Đang online", "Đã truy cập", "Bản quyền",
                  "Giấy phép", "Chịu trách nhiệm", "Đường dây nóng", "Thống kê truy cập", "Liên kết website")
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> Counter[str]:
    """Bag of lower-cased words; punctuation ignored; NFC and one tone-mark convention on both sides."""
    from pipeline.text.normalize import normalize_text

    return Counter(_WORD.findall(normalize_text(text).lower()))


@dataclass
class Score:
    precision: float
    recall: float
    f1: float


def score(predicted: str, gold: str) -> Score:
    """Word-level precision, recall and F1 of a predicted text against the gold text."""
    p, g = words(predicted), words(gold)
    overlap = sum((p & g).values())
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


@dataclass
class GoldPage:
    """One page of a gold set: its HTML, URL, gold main text and what kind of page it is."""

    name: str
    family: str
    html: bytes
    url: str | None
    gold: str
    is_article: bool = True
    reason: str | None = None
    meta: dict | None = None  # gold title/author/published_at, where the gold set has them


def _known_url(page: str) -> str | None:
    expected = ROOT / "tests" / "data" / "expected" / f"{page}.expected.json"
    if expected.exists():
        return json.loads(expected.read_text("utf-8"))["url"]
    return "http://tusta.org.vn/tin-tuc/hoi-nghi-ban-thuong-vu" if page == "tusta-seed" else None


def legacy_pages(gold_dir: Path = DEFAULT_GOLD) -> list[GoldPage]:
    """The eight sample pages with the gold of benchmarks/gold/extraction (text and metadata)."""
    pages = []
    for txt in sorted(gold_dir.glob("*.txt")):
        meta = json.loads((gold_dir / f"{txt.stem}.meta.json").read_text("utf-8"))
        pages.append(GoldPage(txt.stem, "samples", (SAMPLES / f"{txt.stem}.html").read_bytes(),
                              meta.get("url") or _known_url(txt.stem), txt.read_text("utf-8"), meta=meta))
    return pages


def family_pages(split: str) -> list[GoldPage]:
    """The page-family corpus of one split; the dev split also holds the real sample pages (family "real")."""
    pages = []
    for gold_json in sorted((FAMILIES / split).glob("*/*.gold.json")):
        family, slug = gold_json.parent.name, gold_json.name.removesuffix(".gold.json")
        label = json.loads(gold_json.read_text("utf-8"))
        text = gold_json.with_name(f"{slug}.gold.txt").read_text("utf-8")
        if family == "real":
            html, url = (SAMPLES / f"{slug}.html").read_bytes(), _known_url(slug)
        else:
            html = gold_json.with_name(f"{slug}.html").read_bytes()
            url = json.loads(gold_json.with_name(f"{slug}.meta.json").read_text("utf-8")).get("url")
        pages.append(GoldPage(slug, family, html, url, text, bool(label["is_article"]), label.get("reason")))
    return pages


def _vnnews(use_profiles: bool) -> Callable[[bytes, str | None], str]:
    from pipeline.page.parse import parse_page

    def run(html: bytes, url: str | None) -> str:
        return parse_page(html, url=url, use_profiles=use_profiles).text

    return run


def _trafilatura(html: bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False, include_tables=True) or ""


def _readability(html: bytes, url: str | None) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    root = lxml.html.fromstring(summary)
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "tr", "br"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


SYSTEMS: dict[str, Callable[[], Callable[[bytes, str | None], str]]] = {
    "vnnews": lambda: _vnnews(True),
    "vnnews-generic": lambda: _vnnews(False),
    "trafilatura": lambda: _trafilatura,
    "readability": lambda: _readability,
}
BASELINES = ("trafilatura", "readability")


def _timed(fn: Callable[[bytes, str | None], str], html: bytes, url: str | None, repeat: int) -> tuple[str, float]:
    fn(html, url)  # warm-up: imports and caches are not per-page costs
    times = []
    out = ""
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(html, url)
        times.append(time.perf_counter() - start)
    return out, statistics.median(times)


def _same_time(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b
    return datetime.fromisoformat(a) == datetime.fromisoformat(b)


def _metadata_errors(name: str, html: bytes, url: str | None, gold: dict) -> list[str]:
    from pipeline.page.parse import parse_page

    page = parse_page(html, url=url)
    errors = []
    if page.title != gold.get("title"):
        errors.append(f"{name}: title {page.title!r} != {gold.get('title')!r}")
    if (page.author or None) != gold.get("author"):
        errors.append(f"{name}: author {page.author!r} != {gold.get('author')!r}")
    if not _same_time(page.published_at, gold.get("published_at")):
        errors.append(f"{name}: published_at {page.published_at!r} != {gold.get('published_at')!r}")
    return errors


def evaluate(pages: list[GoldPage] | None = None, repeat: int = 5) -> dict:
    """Scores, times, leaks and page-kind decisions per page and system; macro averages per family and overall."""
    from pipeline.page.parse import parse_page

    pages = legacy_pages() if pages is None else pages
    systems = {name: make() for name, make in SYSTEMS.items()}
    rows: dict[str, dict] = {}
    metadata_errors: list[str] = []
    for page in pages:
        row: dict = {"family": page.family, "is_article": page.is_article, "systems": {}}
        for name, fn in systems.items():
            text, seconds = _timed(fn, page.html, page.url, repeat)
            s = score(text, page.gold)
            leaks = [p for p in CHROME_PHRASES if p in text and p not in page.gold]
            row["systems"][name] = {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                                    "ms": seconds * 1000, "chrome_leaks": leaks, "empty": not text.strip()}
        parsed = parse_page(page.html, url=page.url)
        row["vnnews_is_article"] = parsed.is_article
        row["vnnews_reason"] = parsed.extraction.get("reason")
        row["vnnews_layer"] = parsed.extraction.get("layer")
        row["gold_reason"] = page.reason
        rows[f"{page.family}/{page.name}"] = row
        if page.meta is not None:
            metadata_errors += _metadata_errors(page.name, page.html, page.url, page.meta)
    articles = [k for k, r in rows.items() if r["is_article"]]

    def macro(keys: list[str]) -> dict:
        return {name: {m: statistics.mean(rows[k]["systems"][name][m] for k in keys)
                       for m in ("precision", "recall", "f1", "ms")} for name in systems} if keys else {}

    families = sorted({rows[k]["family"] for k in articles})
    return {
        "pages": rows,
        "macro": macro(articles),
        "families": {f: macro([k for k in articles if rows[k]["family"] == f]) for f in families},
        "non_articles": [k for k, r in rows.items() if not r["is_article"]],
        "metadata_errors": metadata_errors,
    }


def _print(report: dict) -> None:
    names = list(SYSTEMS)
    rows = report["pages"]
    print(f"{'page':<58}" + "".join(f"{n:>16}" for n in names) + "  layer")
    for key, row in rows.items():
        if row["is_article"]:
            cells = [f"{row['systems'][n]['f1']:.3f}" for n in names]
            print(f"{key[:57]:<58}" + "".join(f"{c:>16}" for c in cells) + f"  {row['vnnews_layer']}")
    print(f"\n{'family (article pages)':<30}{'n':>4}" + "".join(f"{n:>16}" for n in names))
    for family, by_system in report["families"].items():
        n = sum(1 for r in rows.values() if r["is_article"] and r["family"] == family)
        print(f"{family:<30}{n:>4}" + "".join(f"{by_system[s]['f1']:>16.3f}" for s in names))
    macro = report["macro"]
    if macro:
        n = sum(1 for r in rows.values() if r["is_article"])
        print(f"{'macro F1':<30}{n:>4}" + "".join(f"{macro[s]['f1']:>16.3f}" for s in names))
        print(f"{'  precision':<34}" + "".join(f"{macro[s]['precision']:>16.3f}" for s in names))
        print(f"{'  recall':<34}" + "".join(f"{macro[s]['recall']:>16.3f}" for s in names))
        best = max(BASELINES, key=lambda b: macro[b]["f1"])
        for name in ("vnnews", "vnnews-generic"):
            print(f"{name}: macro F1 {macro[name]['f1']:.3f} ({macro[name]['f1'] - macro[best]['f1']:+.3f} vs {best})")
        behind = {f: [b for b in BASELINES if by[b]["f1"] > by["vnnews"]["f1"]] for f, by in report["families"].items()}
        print("families where a baseline beats vnnews: "
              + (", ".join(f"{f} ({', '.join(b)})" for f, b in behind.items() if b) or "none"))
        below = [(k, r["systems"]["vnnews"]["f1"], r["systems"]["trafilatura"]["f1"]) for k, r in rows.items()
                 if r["is_article"] and r["systems"]["vnnews"]["f1"] < r["systems"]["trafilatura"]["f1"] - 0.02]
        print("pages more than 0.02 below trafilatura: "
              + ("; ".join(f"{k} {v:.3f} vs {t:.3f}" for k, v, t in below) or "none"))
    if report["non_articles"]:
        keys = report["non_articles"]
        rejected = {n: sum(rows[k]["systems"][n]["empty"] for k in keys) for n in names}
        right_reason = sum(1 for k in keys if rows[k]["vnnews_reason"] == rows[k]["gold_reason"])
        print(f"\nnot articles ({len(keys)} pages), returned no text: "
              + ", ".join(f"{n} {rejected[n]}/{len(keys)}" for n in names)
              + f"; vnnews gave the gold reason on {right_reason}/{len(keys)}")
        for k in keys:
            if rows[k]["vnnews_is_article"] or rows[k]["vnnews_reason"] != rows[k]["gold_reason"]:
                print(f"  {k}: vnnews is_article={rows[k]['vnnews_is_article']} reason={rows[k]['vnnews_reason']} "
                      f"(gold {rows[k]['gold_reason']})")
    wrongly_rejected = [k for k, r in rows.items() if r["is_article"] and not r["vnnews_is_article"]]
    print(f"articles vnnews called not an article: {wrongly_rejected or 'none'}")
    ms = {n: statistics.mean(r["systems"][n]["ms"] for r in rows.values()) for n in ("vnnews", "trafilatura")}
    print(f"time per page (all pages): vnnews page stage {ms['vnnews']:.1f} ms, trafilatura {ms['trafilatura']:.1f} ms "
          f"({ms['vnnews'] / ms['trafilatura']:.2f}x trafilatura's)")
    leaks = {(k, n): r["systems"][n]["chrome_leaks"] for k, r in rows.items() for n in ("vnnews", "vnnews-generic")
             if r["systems"][n]["chrome_leaks"]}
    print(f"chrome phrases in vnnews output: {leaks or 'none'}")
    print(f"metadata errors: {report['metadata_errors'] or 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--legacy", action="store_true", help="the sample pages against benchmarks/gold/extraction")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the full report here")
    args = parser.parse_args(argv)
    pages = legacy_pages() if args.legacy else family_pages(args.split)
    if not pages:
        print(f"no pages in the {args.split} split: every test split so far has been retired into dev; "
              "write a new one first (benchmarks/gold/families/README.md says how)", file=sys.stderr)
        return 2
    report = evaluate(pages, args.repeat)
    _print(report)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
