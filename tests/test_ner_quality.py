"""Entity quality on the project's gold set (benchmarks/gold/ner), beside underthesea's bundled NER."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import eval_ner  # noqa: E402


def test_gold_offsets_are_valid():
    for sentence in eval_ner.load_gold(eval_ner.DEFAULT_GOLD):
        for entity in sentence["entities"]:
            assert sentence["text"][entity["start"]:entity["end"]] == entity["text"]
            assert entity["label"] in eval_ner.LABELS


def test_entities_beat_the_bundled_ner_and_meet_the_bar():
    report = eval_ner.evaluate()
    assert report["sentences"] >= 300
    ours, theirs = report["systems"]["vnnews"], report["systems"]["underthesea"]
    assert ours["micro_f1_per_org_loc"] >= 0.85
    for label in eval_ner.CORE:
        assert ours["labels"][label]["f1"] >= 0.75, label
    assert ours["micro_f1_per_org_loc"] > theirs["micro_f1_per_org_loc"]
