"""Dates and numeric facts: span F1 and value accuracy on the project's gold set, plus Duckling.

Usage:  python benchmarks/eval_dates_facts.py [--gold benchmarks/gold/temporal_facts/sentences.jsonl] [--errors 20]

- Dates: exact-span precision/recall/F1; value accuracy on exactly matched spans.
- Facts: a predicted fact matches a gold fact when their spans overlap, their numbers agree
  (`value`, or `min`/`max` for ranges) and the unit or the thing counted agrees (same unit when
  the gold gives one, else a shared word between the `quantity_of`s, or both empty).
- Sample pages: facts that are phone numbers, document numbers or page chrome (must be none).
- Duckling's Vietnamese corpus (BSD-3, tests/data/duckling_vi): Numeral phrases through
  `parse_number`, Time phrases through the date extractor at Duckling's reference time.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "benchmarks" / "gold" / "temporal_facts" / "sentences.jsonl"
DUCKLING = ROOT / "tests" / "data" / "duckling_vi" / "duckling_vi_corpus.jsonl"
SAMPLES = ROOT / "vnnews" / "samples"
_WORD = re.compile(r"\w+")
# A fact whose text looks like one of these was read from something that is not a quantity.
_NOT_A_FACT = re.compile(r"\b0\d{2,3}[.\s]?\d{3}[.\s]?\d{3,4}\b|\b0\d{9,10}\b|\d+[-/][A-ZĐ]{2,}|[A-ZĐ]{2,}[-/]\d")


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _fact_matches(pred: dict, gold: dict) -> bool:
    if pred["end"] <= gold["start"] or gold["end"] <= pred["start"]:
        return False
    numbers_agree = _close(pred["value"], gold["value"]) if gold.get("value") is not None else (
        _close(pred.get("min"), gold.get("min")) and _close(pred.get("max"), gold.get("max")))
    if not numbers_agree:
        return False
    if gold.get("unit"):
        return (pred.get("unit") or "").lower() == gold["unit"].lower()
    want = set(_WORD.findall((gold.get("quantity_of") or "").lower()))
    got = set(_WORD.findall((pred.get("quantity_of") or "").lower()))
    return (not want and not got) or bool(want & got)


def split_of(sentence: dict) -> str:
    """"dev" (article pages and the seed: what the rules were developed on) or "test" (listing teasers)."""
    return "test" if "_list" in sentence["source"] else "dev"


def evaluate_gold(path: Path = DEFAULT_GOLD, split: str | None = None) -> dict:
    """Date and fact scores of vnnews on the gold sentences (optionally one split), with the errors."""
    from pipeline import analyze_text

    gold = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    gold = [s for s in gold if split is None or split_of(s) == split]
    date_tp = date_pred = date_gold = value_ok = 0
    fact_tp = fact_pred = fact_gold = 0
    errors = []
    for sentence in gold:
        article = analyze_text(sentence["text"], published_at=sentence.get("published_at"))
        assert article.text == sentence["text"], "gold text must be normalised like the pipeline's"
        got_dates = {(d.start, d.end): d.value for d in article.dates}
        want_dates = {(d["start"], d["end"]): d["value"] for d in sentence["dates"]}
        matched = set(got_dates) & set(want_dates)
        date_tp += len(matched)
        date_pred += len(got_dates)
        date_gold += len(want_dates)
        value_ok += sum(got_dates[k] == want_dates[k] for k in matched)
        facts = [f.__dict__ for f in article.facts]
        used: set[int] = set()
        for g in sentence["facts"]:
            hit = next((i for i, f in enumerate(facts) if i not in used and _fact_matches(f, g)), None)
            if hit is not None:
                used.add(hit)
        fact_tp += len(used)
        fact_pred += len(facts)
        fact_gold += len(sentence["facts"])
        text = sentence["text"]
        wrong_values = [(text[s:e], got_dates[(s, e)], want_dates[(s, e)]) for s, e in matched
                        if got_dates[(s, e)] != want_dates[(s, e)]]
        if set(got_dates) != set(want_dates) or wrong_values or len(used) != len(facts) or len(used) != len(sentence["facts"]):
            errors.append({
                "id": sentence["id"],
                "dates_missed": [text[s:e] for s, e in set(want_dates) - set(got_dates)],
                "dates_spurious": [text[s:e] for s, e in set(got_dates) - set(want_dates)],
                "date_values_wrong": wrong_values,
                "facts_gold": [g["text"] for g in sentence["facts"]],
                "facts_got": [(f["text"], f["value"], f["unit"], f["quantity_of"]) for f in facts],
            })
    dp, dr, df = _f1(date_tp, date_pred, date_gold)
    fp, fr, ff = _f1(fact_tp, fact_pred, fact_gold)
    return {
        "sentences": len(gold),
        "dates": {"gold": date_gold, "predicted": date_pred, "precision": dp, "recall": dr, "f1": df,
                  "value_accuracy": value_ok / date_tp if date_tp else 0.0},
        "facts": {"gold": fact_gold, "predicted": fact_pred, "precision": fp, "recall": fr, "f1": ff},
        "errors": errors,
    }


def sample_page_violations() -> list[tuple[str, str]]:
    """Facts on the bundled sample pages that look like phone, document or licence numbers."""
    from pipeline import process_html

    bad = []
    for page in sorted(SAMPLES.glob("*.html")):
        for fact in process_html(page.read_bytes()).facts:
            if _NOT_A_FACT.search(fact.text):
                bad.append((page.name, fact.text))
    return bad


def _duckling_time(expected: str) -> list[str]:
    """Values in our notation that say the same as Duckling's expected time."""
    point = re.match(r"\(datetime \((\d+), (\d+), (\d+), (\d+), (\d+), \d+\) (\w+)\)", expected or "")
    if point:
        y, mo, d, hh, mi = map(int, point.groups()[:5])
        grain = point.group(6)
        day = f"{y:04d}-{mo:02d}-{d:02d}"
        return {
            "Day": [day], "Month": [f"{y:04d}-{mo:02d}"], "Year": [f"{y}"],
            "Quarter": [f"{y}-Q{(mo - 1) // 3 + 1}"], "Week": [datetime(y, mo, d).strftime("%G-W%V"), _week_range(y, mo, d)],
            "Hour": [f"{day}T{hh:02d}:00", f"T{hh:02d}:00"], "Minute": [f"{day}T{hh:02d}:{mi:02d}", f"T{hh:02d}:{mi:02d}"],
            "Second": [f"{day}T{hh:02d}:{mi:02d}"],
        }.get(grain, [])
    interval = re.match(r"\(datetimeInterval \(\((\d+), (\d+), (\d+), \d+, \d+, \d+\), \((\d+), (\d+), (\d+)", expected or "")
    if interval:
        y1, m1, d1, y2, m2, d2 = map(int, interval.groups())
        start, end = f"{y1:04d}-{m1:02d}-{d1:02d}", f"{y2:04d}-{m2:02d}-{d2:02d}"
        return [f"{start}/{end}", start]  # a part of one day ("tối nay") is that day
    return []


def _week_range(y: int, mo: int, d: int) -> str:
    """The Monday/Sunday day range of the week Duckling names (our notation for weeks)."""
    from datetime import timedelta

    monday = datetime(y, mo, d) - timedelta(days=datetime(y, mo, d).weekday())
    return f"{monday:%Y-%m-%d}/{monday + timedelta(days=6):%Y-%m-%d}"


def _without_offset(value: str) -> str:
    # Our times carry Vietnam's offset; Duckling's expected values are zone-less wall times.
    return re.sub(r"[+-]\d{2}:\d{2}$", "", value)


def evaluate_duckling() -> dict:
    """How many Duckling Numeral and Time phrases resolve to Duckling's value."""
    from pipeline.temporal.dates import find_dates
    from pipeline.text.numbers import parse_number

    reference = datetime(2017, 2, 2, 3, 55)
    rows = [json.loads(line) for line in DUCKLING.read_text("utf-8").splitlines()]
    numerals = [r for r in rows if r["dim"] == "Numeral"]
    numeral_ok = 0
    for row in numerals:
        want = float(re.search(r"(-?[\d.]+)\)*$", row["expected"]).group(1))
        got = parse_number(row["text"])
        numeral_ok += got is not None and math.isclose(got, want, rel_tol=1e-9)
    times = [r for r in rows if r["dim"] == "Time"]
    time_ok = 0
    misses = []
    for row in times:
        accepted = _duckling_time(row["expected"])
        values = [_without_offset(d.value) for d in find_dates(row["text"], reference)]
        if any(v in accepted or any(v.endswith(a) for a in accepted if a.startswith("T")) for v in values):
            time_ok += 1
        else:
            misses.append((row["text"], values, accepted[:1]))
    return {"numeral": (numeral_ok, len(numerals)), "time": (time_ok, len(times)), "time_misses": misses}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--errors", type=int, default=0, help="print this many error records of the dev split")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    report = evaluate_gold(args.gold)
    for name, part in (("all", report), ("dev", evaluate_gold(args.gold, "dev")), ("test", evaluate_gold(args.gold, "test"))):
        d, f = part["dates"], part["facts"]
        print(f"[{name}] {part['sentences']} sentences")
        print(f"  dates: {d['gold']} gold, {d['predicted']} found; span P {d['precision']:.3f} R {d['recall']:.3f} "
              f"F1 {d['f1']:.3f}; value accuracy on matched spans {d['value_accuracy']:.3f}")
        print(f"  facts: {f['gold']} gold, {f['predicted']} found; P {f['precision']:.3f} R {f['recall']:.3f} "
              f"F1 {f['f1']:.3f}")
    violations = sample_page_violations()
    print(f"phone/document/chrome numbers reported as facts on the sample pages: {len(violations)} {violations or ''}")
    duck = evaluate_duckling()
    (n_ok, n_all), (t_ok, t_all) = duck["numeral"], duck["time"]
    print(f"Duckling: Numeral {n_ok}/{n_all} ({n_ok / n_all:.1%}), Time {t_ok}/{t_all} ({t_ok / t_all:.1%}), "
          f"together {(n_ok + t_ok) / (n_all + t_all):.1%}")
    dev_errors = [e for e in report["errors"] if not re.search(r"_list-", e["id"])]
    for err in dev_errors[:args.errors]:
        print(" ", json.dumps(err, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps({**report, "duckling": duck}, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
