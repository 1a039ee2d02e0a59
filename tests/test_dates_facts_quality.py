"""Dates and facts quality on the held-out split of the project's gold set, and on Duckling's corpus."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import eval_dates_facts  # noqa: E402


def test_held_out_split_meets_the_bar():
    report = eval_dates_facts.evaluate_gold(split="test")
    assert report["dates"]["f1"] >= 0.92
    assert report["dates"]["value_accuracy"] >= 0.95
    assert report["facts"]["f1"] >= 0.85


def test_no_phone_document_or_chrome_number_is_a_fact():
    assert eval_dates_facts.sample_page_violations() == []


def test_duckling_time_and_numeral_examples():
    duck = eval_dates_facts.evaluate_duckling()
    (n_ok, n_all), (t_ok, t_all) = duck["numeral"], duck["time"]
    assert (n_ok + t_ok) / (n_all + t_all) >= 0.80
