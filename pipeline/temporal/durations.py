"""Durations in Vietnamese text ("15 ngày", "ba tháng", "vài ngày qua", "6–12 tháng") as ISO 8601 values.

Values: "P15D", "P3M", "P2W", "P3Y", "PT30M", "PT2H", "PT10S", decimals "P1.5Y"; a vague count
("vài", "nhiều", "mấy", "ít", "dăm") writes X: "PXD", "PXW", "PTXM"; a range of counts is
"P6M/P12M". The span is the number and unit with a trailing "qua"/"tới"/"trở lại đây"/...,
never a preceding "trong"/"sau"/"gần"/"khoảng" (those are read by the caller, not kept).
"""

from __future__ import annotations

import re

from pipeline.text.numbers import parse_number

_UNITS = {
    "ngày": ("D", False, "day"), "tuần": ("W", False, "week"), "tháng": ("M", False, "month"),
    "năm": ("Y", False, "year"), "giờ": ("H", True, "hour"), "tiếng": ("H", True, "hour"), "h": ("H", True, "hour"),
    "phút": ("M", True, "minute"), "giây": ("S", True, "second"), "thập kỷ": ("0Y", False, "year"),
    "thập niên": ("0Y", False, "year"),
}
_SMALL = r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín)"
_WORD_NUM = rf"""(?:(?:hai|ba|bốn|năm|sáu|bảy|tám|chín)\s+mươi(?:\s+(?:mốt|tư|lăm|{_SMALL}))?
    |mười(?:\s+(?:một|hai|ba|bốn|lăm|sáu|bảy|tám|chín))?|{_SMALL})"""
_DIGITS = r"(?:\d{1,3}(?:,\d)?)"
_NUM = rf"(?:{_DIGITS}|{_WORD_NUM})"
_VAGUE = r"(?:vài|nhiều|mấy|dăm|ít)"
_TAIL = r"""(?:\s+(?:trở\s+lại\s+đây|vừa\s+qua|vừa\s+rồi|gần\s+đây|sắp\s+tới|tiếp\s+theo|qua(?!\s+(?:đời|khỏi|lại|mặt))
    |tới(?!\s+(?:đây|nơi|(?-i:[A-ZĐ])))|nay(?!\s+\w)))"""
DURATION_RE = re.compile(
    rf"""(?<![\w.,/\-–])
    (?:(?P<n1>{_NUM})\s*(?:[-–]|\s(?:đến|tới)\s)\s*)?
    (?:(?P<n>{_NUM})|(?P<vague>{_VAGUE}))
    \s*(?P<u>thập\s+kỷ|thập\s+niên|ngày|tuần|tháng|năm|giờ|tiếng(?:\s+đồng\s+hồ)?|phút|giây|h)
    (?P<half>\s+rưỡi)?
    (?!\w)(?P<tail>{_TAIL})?(?!\w)""",
    re.IGNORECASE | re.VERBOSE,
)
# A clock hour is read by the time rules: "8 giờ" is a duration only after these words or before a tail.
_HOUR_CUE_BEFORE_RE = re.compile(r"(?:^|\W)(?:trong|mất|suốt|kéo\s+dài|dài|hơn|gần|chỉ|đủ|thêm|sau\s+gần)\s+$",
                                 re.IGNORECASE)
# "mỗi 3 tháng", "ngày thứ 6", "tháng 5 năm nay", "quý 2 năm sau": the number is not a count of units.
_NOT_COUNT_BEFORE_RE = re.compile(
    r"(?:^|\W)(?:mỗi|hằng|hàng|thứ|từng|các|những|tháng|ngày|quý|số|lần|khóa|khoá|kỳ|đợt|lúc|hôm|mồng|mùng|"
    r"điều|khoản|mục|top|hạng)\s+$",
    re.IGNORECASE,
)


def _count(raw: str) -> float | None:
    return parse_number(" ".join(raw.split()).lower())


def _iso(n: float | None, unit: str) -> str:
    code, is_time, _ = _UNITS[unit]
    if n is None:
        amount = "X"
    elif code == "0Y":  # decades
        code, amount = "Y", f"{n * 10:g}"
    else:
        amount = f"{n:g}"
    return f"PT{amount}{code}" if is_time else f"P{amount}{code}"


def duration(m: re.Match[str], text: str) -> tuple[int, int, str, str] | None:
    """(start, end, ISO value, grain) of a duration match, or None when it is not one."""
    unit = " ".join(m.group("u").lower().split())
    if unit.startswith("tiếng"):
        unit = "tiếng"
    before = text[max(0, m.start() - 16):m.start()]
    if _NOT_COUNT_BEFORE_RE.search(before):
        return None  # "mỗi 3 tháng", "ngày thứ 6", "các năm": not a length of time
    n_raw, vague = m.group("n"), m.group("vague")
    after = text[m.end("u"):m.end("u") + 12]
    if unit == "tháng" and re.match(r"\s*(?:\d|giêng|chạp)", after, re.IGNORECASE):
        return None  # "6 tháng 3": a date
    if unit == "năm" and re.match(r"\s*\d", after):
        return None  # "2 năm 2021"
    if re.match(r"\s+tuổi(?!\w)", after):
        return None  # "6 tháng tuổi" is an age
    if not m.group("tail") and re.match(r"\s+(?:trước|nữa)(?!\w)", text[m.end():m.end() + 8]):
        return None  # "3 ngày trước", "2 tuần nữa": a point in time (relative rules), not a length
    if n_raw and not n_raw[0].isdigit():
        low = n_raw.lower()
        if low == "năm" and unit in ("tháng", "năm") and not m.group("tail"):
            return None  # "năm tháng" is an idiom ("the years"), "năm năm" too ambiguous
    if vague and vague.lower() == "ít" and unit not in ("phút", "giây", "ngày", "hôm"):
        return None
    if unit in ("giờ", "h") and not m.group("tail") and not _HOUR_CUE_BEFORE_RE.search(before):
        return None  # "8 giờ" is also 8 o'clock
    if unit == "h" and not n_raw:
        return None
    if unit == "tiếng" and not m.group("tail") and "đồng" not in m.group("u") \
            and not _HOUR_CUE_BEFORE_RE.search(before):
        return None  # "hai tiếng nổ" counts sounds
    if n_raw and n_raw[0].isdigit() and len(n_raw) > 1 and n_raw[0] == "0":
        return None
    n = None if vague else _count(n_raw)
    if not vague and (n is None or n <= 0):
        return None
    if m.group("half") and n is not None:
        n += 0.5
    value = _iso(n, unit)
    if m.group("n1"):
        n1 = _count(m.group("n1"))
        if n1 is None or n is None or not 0 < n1 < n:
            return None
        value = f"{_iso(n1, unit)}/{value}"
    return m.start(), m.end(), value, _UNITS[unit][2]
