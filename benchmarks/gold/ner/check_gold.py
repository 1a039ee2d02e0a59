"""Validate an NER gold file (default: benchmarks/gold/ner/sentences.jsonl) and print its statistics.

    python benchmarks/gold/ner/check_gold.py [GOLD.jsonl]

Checks, for every record: the required keys, a unique id, NFC text,
text[start:end] == entity.text, labels in PER/ORG/LOC/MISC, no overlapping
spans, spans sorted, and no leading/trailing space or punctuation in a span.
Exits with status 1 if any check fails. Standard library only.
"""

from __future__ import annotations

import collections
import json
import pathlib
import sys
import unicodedata

GOLD = pathlib.Path(__file__).with_name("sentences.jsonl")
LABELS = {"PER", "ORG", "LOC", "MISC"}
EDGE_PUNCT = set(" \t\n.,;:!?()[]{}\"'“”‘’-–—…/")


def main(gold: pathlib.Path = GOLD) -> int:
    errors: list[str] = []
    ids: set[str] = set()
    sentences = 0
    by_label: collections.Counter[str] = collections.Counter()
    by_source: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    empty = 0
    for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        sentences += 1
        for key in ("id", "source", "published_at", "text", "entities"):
            if key not in rec:
                errors.append(f"line {n}: missing {key}")
        rid, text, ents = rec["id"], rec["text"], rec["entities"]
        if rid in ids:
            errors.append(f"line {n}: duplicate id {rid}")
        ids.add(rid)
        if unicodedata.normalize("NFC", text) != text:
            errors.append(f"{rid}: text is not NFC")
        by_source[rec["source"]]["sentences"] += 1
        if not ents:
            empty += 1
            by_source[rec["source"]]["no_entity"] += 1
        prev_end = -1
        for e in ents:
            s, t, label = e["start"], e["end"], e["label"]
            if label not in LABELS:
                errors.append(f"{rid}: bad label {label}")
            if not (0 <= s < t <= len(text)):
                errors.append(f"{rid}: bad offsets {s}-{t}")
                continue
            if text[s:t] != e["text"]:
                errors.append(f"{rid}: text[{s}:{t}]={text[s:t]!r} != {e['text']!r}")
            if s < prev_end:
                errors.append(f"{rid}: overlapping or unsorted span {e['text']!r}")
            prev_end = t
            if e["text"][0] in EDGE_PUNCT or e["text"][-1] in EDGE_PUNCT:
                errors.append(f"{rid}: span has edge punctuation/space {e['text']!r}")
            by_label[label] += 1
            by_source[rec["source"]][label] += 1
    for err in errors:
        print("ERROR", err)
    print(f"sentences: {sentences}  entities: {sum(by_label.values())}  "
          f"sentences without entities: {empty} ({empty / max(sentences, 1):.1%})")
    print("per label:", dict(sorted(by_label.items())))
    print(f"{'source':28} {'sent':>5} {'none':>5} {'PER':>4} {'ORG':>4} {'LOC':>4} {'MISC':>4}")
    for src, c in sorted(by_source.items()):
        print(f"{src:28} {c['sentences']:5} {c['no_entity']:5} {c['PER']:4} {c['ORG']:4} {c['LOC']:4} {c['MISC']:4}")
    print("offsets check:", "FAILED" if errors else "passed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD))
