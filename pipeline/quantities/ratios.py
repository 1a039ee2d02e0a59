"""Multipliers ("gấp đôi", "gấp 3 lần", "gấp hai đến ba lần") and fractions ("chưa tới 1/3") as amounts.

Both are found by position only; the caller adds the qualifier, change and counted thing.
A multiplier's unit is "lần"; a fraction is a plain number (1/3 -> 0.333...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.text.numbers import parse_number

_WORD = r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|rưỡi)"
_NUM = rf"(?:\d+(?:,\d+)?|{_WORD})"
MULTIPLIER_RE = re.compile(
    rf"""(?<!\w)gấp\s+(?:
        (?P<n1>{_NUM})\s*(?:[-–]|\s(?:đến|tới|hoặc)\s)\s*(?P<n2>{_NUM})\s+lần
      | (?P<n>{_NUM})\s+lần
      | (?P<word>đôi|rưỡi|ba|bốn|năm|mười)(?!\s+(?:lần|[-–]|đến|tới))
    )(?!\w)""",
    re.IGNORECASE | re.VERBOSE,
)
_WORD_VALUES = {"đôi": 2.0, "rưỡi": 1.5, "ba": 3.0, "bốn": 4.0, "năm": 5.0, "mười": 10.0}
# A d/m-looking pair is a fraction after these words ("chưa tới 1/3", "gần 2/3", "chiếm 1/4").
FRACTION_RE = re.compile(
    r"""(?:(?<=\W)|^)(?:chưa\s+tới|chưa\s+đến|chưa\s+đầy|gần\s+như|tới\s+gần|gần|hơn|khoảng|chiếm|bằng|xấp\s+xỉ
    |ít\s+nhất|còn)\s+(?P<a>\d{1,2})/(?P<b>\d{1,3})(?![\w/]|[.,]\d)""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass
class Ratio:
    start: int  # where the amount starts ("gấp" or the numerator); the caller adds a qualifier before it
    end: int
    value: float | None
    lo: float | None = None
    hi: float | None = None
    unit: str | None = None


def _number(raw: str) -> float | None:
    raw = raw.lower()
    return 1.5 if raw == "rưỡi" else parse_number(raw)


def find_ratios(text: str, start: int, end: int) -> list[Ratio]:
    """Multipliers and fractions in text[start:end], sorted by start."""
    out: list[Ratio] = []
    for m in MULTIPLIER_RE.finditer(text, start, end):
        if m.group("n1"):
            lo, hi = _number(m.group("n1")), _number(m.group("n2"))
            if lo is None or hi is None or not lo < hi:
                continue
            out.append(Ratio(m.start(), m.end(), None, lo, hi, "lần"))
        else:
            value = _WORD_VALUES[m.group("word").lower()] if m.group("word") else _number(m.group("n"))
            if value is None or value <= 0:
                continue
            out.append(Ratio(m.start(), m.end(), value, unit="lần"))
    for m in FRACTION_RE.finditer(text, start, end):
        a, b = int(m.group("a")), int(m.group("b"))
        if not 0 < a < b:
            continue
        out.append(Ratio(m.start("a"), m.end("b"), a / b))
    out.sort(key=lambda r: r.start)
    return out
