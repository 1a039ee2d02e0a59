"""Extraction quality against the project's gold texts (benchmarks/gold/extraction)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import eval_extraction  # noqa: E402


def test_score_counts_words():
    s = eval_extraction.score("a b c d", "a b c e")
    assert (s.precision, s.recall) == (0.75, 0.75)


def test_quality_against_gold_and_baselines():
    report = eval_extraction.evaluate(eval_extraction.legacy_pages(), repeat=1)
    macro = report["macro"]
    assert len(report["pages"]) == 8
    assert macro["vnnews"]["f1"] >= 0.97
    assert macro["vnnews-generic"]["f1"] >= 0.95
    assert macro["vnnews"]["f1"] >= max(macro["trafilatura"]["f1"], macro["readability"]["f1"])
    leaks = [(p, r["systems"][n]["chrome_leaks"]) for p, r in report["pages"].items()
             for n in ("vnnews", "vnnews-generic") if r["systems"][n]["chrome_leaks"]]
    assert leaks == []
    assert report["metadata_errors"] == []
