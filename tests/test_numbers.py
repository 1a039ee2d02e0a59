"""Tests for pipeline.text.numbers: Vietnamese number strings and number spans."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.text.numbers import DIGIT_NUMBER_RE, find_numbers, parse_number

DUCKLING = Path(__file__).parent / "data" / "duckling_vi" / "duckling_vi_corpus.jsonl"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("23.628", 23628),
        ("1.200.000", 1200000),
        ("1,5", 1.5),
        ("02", 2),
        ("06", 6),
        ("2,5 triệu", 2500000),
        ("34.500 tỷ", 34500e9),
        ("hai mươi mốt", 21),
        ("một tỷ", 1e9),
        ("một tỉ", 1e9),
        ("một trăm linh năm", 105),
        ("một trăm lẻ năm", 105),
        ("mười lăm", 15),
        ("mười", 10),
        ("năm nghìn", 5000),
        ("năm ngàn", 5000),
        ("ba triệu", 3e6),
        ("1.5", 1.5),  # a "." not followed by exactly three digits is a decimal point
        ("3.14", 3.14),
        ("1.500", 1500),
        ("1.200,5", 1200.5),
        ("1,200,000", 1200000),
        ("0,2", 0.2),
        ("100", 100),
        ("1 triệu 200 nghìn", 1200000),
        ("hai triệu rưỡi", 2500000),
        ("một trăm rưỡi", 150),
        ("hai trăm nghìn tỷ", 200e12),
        ("5 nghìn tỷ", 5e12),
        ("một tỷ hai trăm triệu", 1.2e9),
        ("hai mươi mốt nghìn không trăm mười một", 21011),
        ("chín mươi chín", 99),
        ("bốn mươi tư", 44),
        ("-5", -5),
        ("âm 1.200.000", -1200000),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "abc", "3.2.1", "02373.720.885", "1.2.3.4", "một hai", "hai ba bốn", "triệu đồng", "5 người", "12,"]
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_find_numbers_digits_and_words() -> None:
    text = "Có 32 hội, 2,5 triệu USD, 1.200.000 đồng và hai mươi mốt người."
    spans = [(text[n.start:n.end], n.value) for n in find_numbers(text)]
    assert spans == [("32", 32), ("2,5 triệu", 2.5e6), ("1.200.000", 1.2e6), ("hai mươi mốt", 21)]


def test_find_numbers_scale_recorded() -> None:
    (n,) = find_numbers("2-3 triệu")[1:]
    assert n.scale == 10**6 and n.value == 3e6


def test_find_numbers_keeps_year_noun() -> None:
    text = "suốt hai mươi năm qua"
    (n,) = find_numbers(text)
    assert text[n.start:n.end] == "hai mươi" and n.value == 20


def test_find_numbers_skips_negation() -> None:
    assert find_numbers("không có gì") == []


def test_digit_number_re_not_glued() -> None:
    assert [m.group() for m in DIGIT_NUMBER_RE.finditer("F0 và E5 có 3 người")] == ["3"]


def _duckling_numerals() -> list[tuple[str, float]]:
    out = []
    for line in DUCKLING.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["dim"] == "Numeral":
            flat = row["expected"].replace("(", "").replace(")", "")
            out.append((row["text"], float(re.search(r"(-?[\d.]+)$", flat).group(1))))
    return out


def test_duckling_numeral_pass_rate() -> None:
    cases = _duckling_numerals()
    assert len(cases) >= 50
    passed = [t for t, exp in cases if (got := parse_number(t)) is not None and got == pytest.approx(exp)]
    rate = len(passed) / len(cases)
    assert rate >= 0.95, f"pass rate {rate:.2%}"


def test_rich_people_words_are_not_scales() -> None:
    # "tỷ phú"/"triệu phú" (billionaire/millionaire) and "tỷ lệ" (rate) do not multiply the number before them
    assert [(n.value, n.scale) for n in find_numbers("một tỷ phú")] == [(1.0, 1)]
    assert [(n.value, n.scale) for n in find_numbers("có 3 tỷ phú và 2 triệu phú")] == [(3.0, 1), (2.0, 1)]
    assert [n.value for n in find_numbers("vốn 3 tỷ đồng")] == [3e9]
