"""Validate benchmarks/gold/temporal_facts/sentences.jsonl and print its statistics.

    python benchmarks/gold/temporal_facts/check_gold.py

Checks, for every record: the required keys, a unique id, NFC text,
text[start:end] == span.text for every date and fact, date kinds and value
syntax, fact value/min/max consistency, change directions, no overlapping
spans (dates and facts together), spans sorted, no leading/trailing space in a span.
Exits with status 1 if any check fails. Standard library only.
"""

from __future__ import annotations

import collections
import json
import pathlib
import re
import sys
import unicodedata

GOLD = pathlib.Path(__file__).with_name("sentences.jsonl")
KINDS = {"date", "time", "period", "range", "duration", "relative"}
DATE_KEYS = {"start", "end", "text", "value", "kind"}
FACT_KEYS = {"start", "end", "text", "value", "unit", "quantity_of", "qualifier", "min", "max", "currency", "change"}
# one point: 2026 | 2026-03 | 2026-03-07 | 2026-Q1 | 2026-H2 | XXXX-H1 | 2026-03-05T15:00+07:00
POINT = r"(?:\d{4}|XXXX)(?:-(?:\d\d|Q[1-4]|H[12])(?:-\d\d)?)?(?:T\d\d:\d\d(?:[+-]\d\d:\d\d)?)?"
DURATION = r"P(?:\d+|X)[YMWD]|PT(?:\d+|X)[HMS]"
VALUE = re.compile(rf"^(?:{POINT}|{DURATION})(?:/(?:{POINT}|{DURATION}))?$")


def main() -> int:
    errors: list[str] = []
    ids: set[str] = set()
    kinds: collections.Counter[str] = collections.Counter()
    by_source: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    n_sent = n_facts = negatives = 0
    for line_no, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), 1):
        rec = json.loads(line)
        where = f"line {line_no} ({rec.get('id')})"
        missing = {"id", "source", "published_at", "text", "dates", "facts"} - rec.keys()
        if missing:
            errors.append(f"{where}: missing keys {sorted(missing)}")
            continue
        if rec["id"] in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(rec["id"])
        text = rec["text"]
        if unicodedata.normalize("NFC", text) != text:
            errors.append(f"{where}: text is not NFC")
        n_sent += 1
        by_source[rec["source"]]["sentences"] += 1
        spans = []
        for d in rec["dates"]:
            if set(d) != DATE_KEYS:
                errors.append(f"{where}: date keys {sorted(d)}")
            if text[d["start"]:d["end"]] != d["text"]:
                errors.append(f"{where}: date offsets {d}")
            if d["kind"] not in KINDS:
                errors.append(f"{where}: date kind {d['kind']!r}")
            if not VALUE.match(d["value"]):
                errors.append(f"{where}: date value {d['value']!r}")
            if d["kind"] == "range" and "/" not in d["value"]:
                errors.append(f"{where}: range without '/' {d['value']!r}")
            kinds[d["kind"]] += 1
            by_source[rec["source"]]["dates"] += 1
            spans.append((d["start"], d["end"], d["text"]))
        for f in rec["facts"]:
            if not FACT_KEYS <= set(f) or set(f) - FACT_KEYS - {"vague"}:
                errors.append(f"{where}: fact keys {sorted(f)}")
            if text[f["start"]:f["end"]] != f["text"]:
                errors.append(f"{where}: fact offsets {f}")
            if f["value"] is None and (f["min"] is None or f["max"] is None):
                errors.append(f"{where}: fact without value or range {f['text']!r}")
            if f["min"] is not None and f["max"] is not None and f["min"] > f["max"]:
                errors.append(f"{where}: min > max {f['text']!r}")
            if f["change"] is not None and f["change"].get("direction") not in ("increase", "decrease"):
                errors.append(f"{where}: change direction {f['change']}")
            if f["currency"] not in (None, "VND", "USD"):
                errors.append(f"{where}: currency {f['currency']!r}")
            n_facts += 1
            by_source[rec["source"]]["facts"] += 1
            spans.append((f["start"], f["end"], f["text"]))
        for s, e, t in spans:
            if t != t.strip():
                errors.append(f"{where}: span with outer space {t!r}")
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1]:
                errors.append(f"{where}: overlapping spans {a[2]!r} / {b[2]!r}")
        for key in ("dates", "facts"):
            starts = [x["start"] for x in rec[key]]
            if starts != sorted(starts):
                errors.append(f"{where}: {key} not sorted")
        if not rec["dates"] and not rec["facts"]:
            negatives += 1
            by_source[rec["source"]]["negatives"] += 1

    n_dates = sum(kinds.values())
    print(f"{n_sent} sentences, {n_dates} dates, {n_facts} facts, "
          f"{negatives} sentences with neither ({negatives / max(n_sent, 1):.1%})")
    print("dates by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    for source in sorted(by_source):
        c = by_source[source]
        print(f"  {source:34} {c['sentences']:3} sentences {c['dates']:3} dates {c['facts']:3} facts {c['negatives']:2} negatives")
    for err in errors:
        print("ERROR", err, file=sys.stderr)
    print("offsets and schema: OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
