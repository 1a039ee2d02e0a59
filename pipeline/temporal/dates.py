"""Temporal expressions in Vietnamese news text: dates, times, periods, ranges and relative dates.

Values are ISO-style: "2021-06-22", "2021-06", "2021", "2021-Q2", "2021-H1", "2020/2025",
"2021-W25", "2026-05-23T15:30+07:00" (Vietnam time). A date whose year cannot be known
(no year written, no reference date) keeps "XXXX" in place of the year; a clock time with no
date is "T15:30+07:00".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pipeline.article import DateMention
from pipeline.temporal.durations import DURATION_RE, duration
from pipeline.text.numbers import parse_number

TZ = "+07:00"
_I = re.IGNORECASE
_F = re.IGNORECASE | re.VERBOSE

# --- building blocks -------------------------------------------------------------------------
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_MONTH = r"(?:1[0-2]|0?[1-9])"
_YEAR = r"(?:19\d\d|20\d\d|2100)"
_NB = r"(?<![\w/.,:\-])"  # a date number is not glued to a word, a document number or a decimal
_NA = r"(?![\w/]|[.,:\-]\d)"
_POD = (r"(?:rạng\s+sáng|sáng\s+sớm|sáng\s+muộn|chiều\s+tối|chiều\s+muộn|tối\s+muộn|đêm\s+muộn|đêm\s+khuya|nửa\s+đêm"
        r"|sáng|trưa|chiều|tối|đêm|khuya)")
# A deictic day word glued to an absolute date: "hôm nay 6/3/2026", "hôm nay (6/3)", "chiều nay, 6-3".
_DEICTIC_DAY = rf"(?:{_POD}\s+(?:hôm\s+nay|hôm\s+qua|nay|qua|mai)|ngày\s+hôm\s+nay|hôm\s+nay|hôm\s+qua|ngày\s+mai)"
_WD = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|chúa\s+nhật)"
_WMONTH = r"(?:giêng|chạp|mười\s+một|mười\s+hai|mười|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín)"
_MONTH_ANY = rf"(?:{_MONTH}|{_WMONTH})"

_WORD_MONTHS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
_WEEKDAYS = {"hai": 0, "2": 0, "ba": 1, "3": 1, "tư": 2, "4": 2, "năm": 3, "5": 3, "sáu": 4, "6": 4, "bảy": 5, "7": 5}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# Optional material before an absolute date: a deictic day, a clock time, a part of day, a weekday,
# "ngày"/"mồng".
_PREFIX = rf"""
(?:(?P<p_deic>{_DEICTIC_DAY})(?:\s*,\s*|\s+|\s*(?P<p_dparen>\(\s*)))?
(?:(?P<p_hh>2[0-3]|[01]?\d)\s*(?:(?:h|g|giờ)(?:\s*(?P<p_mi>[0-5]\d)(?:\s*phút)?|\s+(?P<p_half>rưỡi))?
    |:(?P<p_mi2>[0-5]\d))(?!\w)(?:\s+(?P<p_tpod>{_POD}))?\s*,?\s+)?
(?:(?P<p_pod>{_POD})\s*,?\s+)?
(?:(?:ngày\s+)?(?P<p_wd>{_WD})\s*(?:,\s*|\s+|-\s+|(?P<p_paren>\(\s*)))?
(?:(?P<p_cue>ngày|hôm|mồng|mùng)\s+(?:(?:mồng|mùng)\s+)?)?
"""
# Optional clock time after a date: "ngày 23/5 lúc 15h30".
_SUFFIX = rf"""
(?(p_paren)\s*\))(?(p_dparen)\s*\))
(?:\s*,?\s*(?:vào\s+lúc|lúc|vào)\s+(?P<s_hh>2[0-3]|[01]?\d)\s*(?:(?:h|g|giờ)(?:\s*(?P<s_mi>[0-5]\d)(?:\s*phút)?)?
    |:(?P<s_mi2>[0-5]\d))(?!\w)(?:\s+(?P<s_pod>{_POD}))?)?
"""

# Words right before a bare "d/m" that make it a date rather than a ratio or a score.
_DM_CUE_RE = re.compile(
    r"(?:^|\W)(?:từ|đến|tới|vào|lúc|hôm|trước|sau|hết|hạn|ngày|và|hoặc|đầu|cuối|giữa|dịp|phiên|lễ|mừng|kỷ\s+niệm"
    r"|tết|trong|tính\s+đến|kể\s+từ|mốc|thời\s+điểm"
    # holidays named before their date: "Quốc tế Phụ nữ 8/3", "Quốc khánh 2/9", "Nhà giáo Việt Nam 20/11"
    r"|phụ\s+nữ(?:\s+việt\s+nam)?|quốc\s+khánh|nhà\s+giáo(?:\s+việt\s+nam)?|thầy\s+thuốc(?:\s+việt\s+nam)?"
    r"|lao\s+động|thương\s+binh\s+liệt\s+sĩ|giải\s+phóng\s+miền\s+nam|thống\s+nhất\s+đất\s+nước"
    # the second day of a holiday range: "30/4 - 1/5"
    r"|\d{1,2}[/\-]\d{1,2}\s+[-–]|\d{1,2}/\d{1,2}\s*[-–])\s*$",
    _I,
)
# "chưa tới 1/3", "gần 1/3": a fraction, never a date.
_FRACTION_BEFORE_RE = re.compile(r"(?:^|\W)(?:chưa|không|gần|hơn|khoảng|chiếm|bằng|tới\s+gần)\s+(?:(?:tới|đến|đầy)\s+)?$", _I)
# "8-3 năm nay", "31-1 của năm dương lịch tiếp theo": a deictic year glued to a year-less date.
_DEICTIC_YEAR_RE = re.compile(
    r"\s+(?:(?:của|trong)\s+)?năm\s+(?:dương\s+lịch\s+|âm\s+lịch\s+)?"
    r"(?P<rel>nay|ngoái|trước|sau|tới|tiếp\s+theo|kế\s+tiếp)(?!\w)",
    _I,
)
_MY_CUE_RE = re.compile(r"(?:^|\W)(?:từ|đến|tới|vào|hết|trước|sau|đầu|cuối|giữa|trong|và|hoặc|tháng)\s+$", _I)
_COUNTING_BEFORE_RE = re.compile(
    r"(?:^|\W)(?:\d+|mỗi|hàng|hằng|các|những|mấy|vài|một|hai|ba|bốn|sáu|bảy|tám|chín|mười)\s+$",
                                 re.IGNORECASE)
_RANGE_GAP_RE = re.compile(r"\s*(?:đến|tới|cho\s+đến|-|–|—)\s*", re.IGNORECASE)
_RANGE_DASH_RE = re.compile(r"\s*[-–—]\s*")
_FROM_BEFORE_RE = re.compile(r"(?:^|\W)(?:từ)\s+(?:ngày\s+|hôm\s+)?$", re.IGNORECASE)


@dataclass
class _Cand:
    start: int
    end: int
    value: str
    kind: str = "date"
    grain: str = "day"
    ymd: tuple[int | None, int, int | None] | None = None  # kept for range merging
    year_explicit: bool = True
    priority: int = 0
    today_anchor: bool = False  # "hôm nay 6/3/2026": the text says which day "today" is
    year_source: bool = False  # "năm 2026", "6/3/2026": states a year other mentions may take


# --- small helpers ---------------------------------------------------------------------------
def _fmt(y: int | None, m: int | None = None, d: int | None = None) -> str:
    ys = f"{y:04d}" if y is not None else "XXXX"
    if m is None:
        return ys
    return f"{ys}-{m:02d}" if d is None else f"{ys}-{m:02d}-{d:02d}"


def _fmt_time(day: str | None, hh: int, mi: int | None, ss: int | None = None) -> str:
    clock = f"{hh:02d}:{(mi or 0):02d}" + (f":{ss:02d}" if ss is not None else "")
    return f"{day or ''}T{clock}{TZ}"


def _valid(y: int | None, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    try:
        date(y if y is not None else 2000, m, d)  # 2000 is a leap year: 29/2 stays valid
    except ValueError:
        return False
    return True


def _nearest_year(m: int, d: int | None, ref: datetime) -> int:
    """The year that puts day `d` of month `m` closest to the reference date."""
    best: tuple[int, int] | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            diff = abs((date(y, m, d or 15) - ref.date()).days)
        except ValueError:
            continue
        if best is None or diff < best[0]:
            best = (diff, y)
    return best[1] if best else ref.year


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _month_value(raw: str, original: str) -> int | None:
    raw = " ".join(raw.lower().split())
    if raw.isdigit():
        return int(raw)
    # "tháng năm"/"tháng một" are mostly "months and years"/"one month"; capitalised they are May/January.
    if raw in ("năm", "một") and not original[:1].isupper():
        return None
    return _WORD_MONTHS.get(raw)


def _apply_pod(hh: int, pod: str | None) -> int:
    """Clock hour adjusted for a part of day: "3 giờ chiều" is 15:00, "10 giờ đêm" 22:00."""
    if not pod:
        return hh
    p = pod.lower()
    if ("chiều" in p or "tối" in p) and hh < 12:
        return hh + 12
    if ("đêm" in p or "khuya" in p) and 6 <= hh < 12:
        return hh + 12
    if "trưa" in p and hh <= 3:
        return hh + 12
    return hh


def _int(m: re.Match[str], *names: str) -> int | None:
    for name in names:
        if m.group(name) is not None:
            return int(m.group(name))
    return None


def _clock(m: re.Match[str], hh: str, mi: tuple[str, ...], pods: tuple[str, ...], half: str | None = None,
           ) -> tuple[int, int | None] | None:
    if m.group(hh) is None:
        return None
    minute = _int(m, *mi)
    if half and m.group(half):
        minute = 30
    pod = next((m.group(p) for p in pods if m.group(p)), None)
    return _apply_pod(int(m.group(hh)), pod), minute


_FUTURE_RE = re.compile(r"(?<!\w)(?:sẽ|dự\s+kiến|dự\s+báo|kế\s+hoạch|sắp|chuẩn\s+bị|lộ\s+trình|tới\s+đây)(?!\w)", _I)
_PAST_RE = re.compile(r"(?<!\w)(?:đã|vừa|hôm|trước\s+đó|qua)(?!\w)", _I)


def _future_tense(text: str, pos: int) -> bool:
    """True when the sentence before `pos` speaks of the future ("dự kiến", "sẽ") and not of the past since."""
    lo = max(0, pos - 200)
    start = max(text.rfind(ch, lo, pos) for ch in ".!?\n") + 1
    window = text[max(start, lo):pos]
    last = None
    for last in _FUTURE_RE.finditer(window):
        pass
    return last is not None and not _PAST_RE.search(window, last.end())


def _resolve_year(m: int, d: int | None, ref: datetime, text: str = "", pos: int = 0) -> int:
    """The year of a year-less month/day: the nearest one, or the next one when the sentence is future."""
    if text and _future_tense(text, pos):
        today = ref.date()
        for y in (ref.year, ref.year + 1):
            if (y, m, d or 31) >= (today.year, today.month, today.day if d else 0):
                return y
    return _nearest_year(m, d, ref)


def _year_of(y: int | None, m: int, d: int | None, ref: datetime | None, text: str = "",
             pos: int = 0) -> tuple[int | None, bool]:
    if y is not None:
        return y, True
    return (_resolve_year(m, d, ref, text, pos) if ref else None), False


# --- absolute dates (with optional prefix/suffix) ----------------------------------------------
def _absolute(core: str) -> re.Pattern[str]:
    # the lookahead only skips positions where no prefix word and no number can start (speed)
    return re.compile(rf"(?<!\w)(?=[\dhnstcđrkm]){_PREFIX}{_NB}{core}{_NA}{_SUFFIX}", _F)


_DMY_RE = _absolute(rf"(?P<d>{_DAY})(?P<sep>[/.\-])(?P<m>{_MONTH})(?P=sep)(?P<y>\d{{4}}|\d\d)")
_DM_RE = _absolute(rf"(?P<d>{_DAY})(?P<sep>[/\-])(?P<m>{_MONTH})")
_WORD_DATE_RE = _absolute(
    rf"(?P<d>{_DAY})\s+tháng\s+(?P<m>{_MONTH_ANY})(?:\s*,?\s*(?:năm\s+|/|-)\s*(?P<y>{_YEAR}))?"
)
_DAY_RANGE_RE = _absolute(
    rf"(?P<d1>{_DAY})\s*[-–]\s*(?P<d>{_DAY})\s*/\s*(?P<m>{_MONTH})(?:/(?P<y>{_YEAR}))?"
)


def _date_from_match(m: re.Match[str], text: str, ref: datetime | None, kind_range: bool = False) -> _Cand | None:
    d = int(m.group("d"))
    month = _month_value(m.group("m"), m.group("m"))
    if month is None:
        return None
    y_raw = m.groupdict().get("y")
    y: int | None = None
    has_prefix = any(m.group(g) for g in ("p_hh", "p_pod", "p_wd", "p_cue", "p_deic"))
    if y_raw:
        if len(y_raw) == 2:
            # "3/9/91": two-digit years only with "/", and never as a document number ("số 12/5/19").
            if m.groupdict().get("sep") != "/" or re.search(r"(?:^|\W)số\s+$", text[max(0, m.start() - 6):m.start()], _I):
                return None
            y = int(y_raw) + (2000 if int(y_raw) <= 50 else 1900)
        else:
            y = int(y_raw)
        if m.groupdict().get("sep") == "." and len(y_raw) != 4:
            return None
    if not _valid(y, month, d):
        return None
    core_start = m.start("d1") if "d1" in m.groupdict() else m.start("d")
    end = m.end()
    deictic = _DEICTIC_YEAR_RE.match(text, end) if y is None and not m.group("s_hh") else None
    if y is None and not has_prefix and not kind_range and "tháng" not in m.group().lower():
        before = text[max(0, core_start - 30):core_start]
        in_parens = before.endswith("(") and text[m.end():m.end() + 1] == ")"
        if _FRACTION_BEFORE_RE.search(before) and d < month:
            return None  # "chưa tới 1/3" is a fraction
        d_raw, m_raw = m.group("d"), m.group("m")
        padded = len(d_raw) == len(m_raw) == 2 and "0" in (d_raw[0], m_raw[0])  # "07/03" is no fraction
        if not (_DM_CUE_RE.search(before) or in_parens or deictic or padded):
            return None
    if "tháng" in m.group().lower() and y is None and not has_prefix and not deictic:
        return None  # "3 tháng 5 ngày" is a duration; a word date needs "ngày"/"mồng" or a year
    if deictic:
        end = deictic.end()
        rel = " ".join(deictic.group("rel").lower().split())
        year, explicit = (ref.year + _REL_YEAR[rel] if ref else None), False
    else:
        year, explicit = _year_of(y, month, d, ref, text, m.start())
    start = m.start()
    only_cue = m.group("p_cue") and not any(m.group(g) for g in ("p_hh", "p_pod", "p_wd"))
    if only_cue and m.group("p_cue").lower() in ("ngày", "hôm") and "tháng" not in m.group().lower() \
            and not m.group("s_hh"):
        start = core_start  # keep "22/6/2021" as the mention, "Ngày" is just the cue
    from_m = _FROM_BEFORE_RE.search(text, max(0, m.start() - 14), m.start())
    if kind_range and from_m:
        start = from_m.start() + len(from_m.group()) - len(from_m.group().lstrip(" \t\n([,;:"))  # "từ ngày 1-15/7"
    day_value = _fmt(year, month, d)
    if kind_range:
        d1 = int(m.group("d1"))
        if not (d1 < d and _valid(year, month, d1)):
            return None
        return _Cand(start, end, f"{_fmt(year, month, d1)}/{day_value}", "range", "day",
                     (year, month, d1), explicit)
    clock = _clock(m, "p_hh", ("p_mi", "p_mi2"), ("p_tpod", "p_pod"), "p_half") or \
        _clock(m, "s_hh", ("s_mi", "s_mi2"), ("s_pod",))
    if clock:
        hh, mi = clock
        return _Cand(start, end, _fmt_time(day_value, hh, mi), "time", "minute" if mi is not None else "hour",
                     (year, month, d), explicit)
    anchor = bool(m.group("p_deic")) and "nay" in m.group("p_deic").lower()
    return _Cand(start, end, day_value, "date", "day", (year, month, d), explicit, today_anchor=anchor,
                 year_source=y is not None)


# "ngày đầu tiên của tháng 3", "ngày cuối cùng của tháng 2/2024"
_EDGE_DAY_RE = re.compile(
    rf"""(?<!\w)ngày\s+(?P<pos>đầu\s+tiên|cuối\s+cùng)\s+(?:của\s+)?tháng\s+(?P<m>{_MONTH_ANY})
    (?:\s*(?:/|\s+năm\s+)(?P<y>{_YEAR}))?(?![\w/]|[.,:\-]\d)""",
    _F,
)


def _edge_day(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    month = _month_value(m.group("m"), m.group("m"))
    if month is None:
        return None
    y = int(m.group("y")) if m.group("y") else None
    year, explicit = _year_of(y, month, 1, ref, text, m.start())
    day = 1
    if m.group("pos").lower().startswith("cuối"):
        nxt_y, nxt_m = _add_months(year or 2001, month, 1)  # 2001: not a leap year when the year is unknown
        day = (date(nxt_y, nxt_m, 1) - timedelta(days=1)).day
    return _Cand(m.start(), m.end(), _fmt(year, month, day), "date", "day", (year, month, day), explicit)


# --- months, years, quarters, halves, year ranges ----------------------------------------------
_EDGE = r"(?:(?:đầu|cuối|giữa)\s+)?"  # "cuối tháng 1" is January, the edge stays in the span
_MONTH_YEAR_RE = re.compile(
    rf"(?<!\w){_EDGE}tháng\s+(?P<m>{_MONTH_ANY})\s*(?:[/\-]\s*|\s+năm\s+)(?P<y>{_YEAR}){_NA}", _F
)
_MONTH_ALONE_RE = re.compile(
    rf"""(?<!\w){_EDGE}tháng\s+(?P<m>{_MONTH}|giêng|chạp|{_WMONTH})(?![\w/]|[.,:\-]\d|\s*[/\-]\s*\d)
    (?:\s+(?:của\s+)?năm\s+(?P<rel>nay|ngoái|trước|sau|tới)(?!\w))?""",
    _F,
)
# "T3/2017", "T9/2026": the month abbreviation of market reports (capital T only).
_T_MONTH_RE = re.compile(rf"(?<![\w/.])T(?P<m>1[0-2]|0?[1-9])\s*/\s*(?P<y>{_YEAR}){_NA}")
# "tháng 3 - 6/2027", "tháng 3-6": a range of months in one year.
_MONTH_RANGE_RE = re.compile(
    rf"(?<!\w)tháng\s+(?P<m1>{_MONTH})\s*[-–]\s*(?:tháng\s+)?(?P<m2>{_MONTH})(?:\s*/\s*(?P<y>{_YEAR}))?{_NA}", _F
)
_BARE_MONTH_YEAR_RE = re.compile(rf"{_NB}(?P<m>{_MONTH})/(?P<y>{_YEAR}){_NA}", _F)
_YEAR_RE = re.compile(rf"(?<!\w)năm\s+(?P<y>{_YEAR}){_NA}", _F)
# "đến 2025," / "trong 2021.": a bare year only where nothing can follow it as a counted noun.
_CUED_YEAR_RE = re.compile(rf"(?<!\w)(?:đến|tới|trước|sau|từ|trong|vào)\s+(?P<y>{_YEAR})(?=\s*(?:[,.;:!?)]|$))", _F)
_HALF_RE = re.compile(
    rf"""(?<!\w)(?:(?P<n>\d{{1,2}}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười\s+một)\s+tháng|nửa)
    \s+(?P<pos>đầu|cuối|sau)\s+năm(?:\s+(?P<y>{_YEAR})|\s+(?P<rel>nay|ngoái|trước|sau|tới))?{_NA}""",
    _F,
)
_QUARTER_RE = re.compile(
    rf"""(?<!\w)quý\s+(?P<q>iv|iii|ii|i|[1-4]|một|hai|ba|bốn|tư)(?!\w)
    (?:\s*[/\-]\s*(?P<y>{_YEAR})|\s+(?:của\s+)?năm\s+(?P<y2>{_YEAR})
       |\s+năm\s+(?P<rel>nay|ngoái|trước|sau|tới))?{_NA}""",
    _F,
)
_YEAR_SYNONYM = r"(?:năm\s+tài\s+chính|tài\s+kh[oó]a|tài\s+khoá|niên\s+độ|NĐTC)"
_YEAR_RANGE_RE = re.compile(
    rf"""(?<!\w)(?:(?P<cue>{_YEAR_SYNONYM}|nhiệm\s+kỳ|giai\s+đoạn|thời\s+kỳ|niên\s+kh[oó]a|niên\s+khoá|năm\s+học|mùa\s+giải|mùa\s+vụ
    |khóa|khoá|từ\s+năm|năm)\s+)?{_NB}(?P<y1>{_YEAR})\s*[-–—]\s*(?P<y2>{_YEAR}){_NA}""",
    _F,
)
_YEAR_FROM_TO_RE = re.compile(
    rf"(?<!\w)từ\s+(?:năm\s+)?(?P<y1>{_YEAR})\s+(?:đến|tới)\s+(?:năm\s+)?(?P<y2>{_YEAR}){_NA}", _F
)

# A bare year ("kế hoạch 2026", "Giải thưởng ... 2021;") where the context makes it a year.
_BARE_YEAR_RE = re.compile(r"(?<![\w/.,\-–])(?P<y>(?:19|20)\d\d|2100)(?![\w/]|[.,:\-–]\d|\s*[-–]\s*\d)")
_YEAR_CUE_BEFORE_RE = re.compile(
    rf"""(?:^|\W)(?:(?P<syn>{_YEAR_SYNONYM})|(?P<edge>đầu|cuối|giữa)|kế\s+hoạch|ngân\s+sách|dự\s+toán|mục\s+tiêu
    |tầm\s+nhìn|mùa\s+giải|mùa|niên\s+vụ|chiến\s+dịch|tết|quyết\s+toán|cả|suốt|hết|trước|sau|đến|tới|từ|trong|vào
    |so\s+với|hồi|từ\s+đầu|tính\s+đến)\s+$""",
    _F,
)
_AMOUNT_AFTER_RE = re.compile(
    r"\s*(?:[%$]|tỷ|tỉ|triệu|nghìn|ngàn|đồng|usd|vnd|người|tấn|kg|lượt|điểm|cổ\s+phiếu|km|ha|m2|lít|chiếc|con|hộ|ca"
    r"|lần|trường|xã|doanh)(?!\w)",
    _I,
)
_YEAR_END_AFTER_RE = re.compile(r"\s*(?:[,;:!?)\]\"”]|\.(?!\d)|$)")
_PREV_WORD_RE = re.compile(r"([^\W\d_]+)\s+$")
# Words after which a number followed by punctuation is an amount, a code or an address, not a year.
_NOT_YEAR_PREV = set("""
số mã là đạt có gồm khoảng hơn gần trên dưới lên xuống còn tăng giảm điểm tổng cộng được mức ở tại phòng tầng đường
lô hạng top thứ lần bằng chỉ quận phường nhà xe tuyến km lộ kiện khoản điều mục chương tập kỳ khóa khoá bản hiệu
model phiên vượt tới đến giá
""".split())


def _bare_year(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    if _AMOUNT_AFTER_RE.match(text, m.end()):
        return None
    before = text[max(0, m.start() - 24):m.start()]
    cue = _YEAR_CUE_BEFORE_RE.search(before)
    start = m.start()
    if cue:
        for part in ("syn", "edge"):
            if cue.group(part):
                start = m.start() - len(before) + cue.start(part)
    else:
        if not 1990 <= int(m.group("y")) <= 2100 or not _YEAR_END_AFTER_RE.match(text, m.end()):
            return None
        prev = _PREV_WORD_RE.search(before)
        if not prev or prev.group(1).lower() in _NOT_YEAR_PREV:
            return None
    return _Cand(start, m.end(), m.group("y"), "date", "year", None, priority=-1)


_REL_YEAR = {"nay": 0, "ngoái": -1, "trước": -1, "sau": 1, "tới": 1, "tiếp theo": 1, "kế tiếp": 1}


def _ref_year(rel: str | None, ref: datetime | None) -> int | None:
    if ref is None:
        return None
    return ref.year + (_REL_YEAR.get(rel.lower(), 0) if rel else 0)


def _month_year(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    month = _month_value(m.group("m"), m.group("m"))
    if month is None:
        return None
    return _Cand(m.start(), m.end(), _fmt(int(m.group("y")), month), "date", "month", (int(m.group("y")), month, None),
                 year_source=True)


def _month_alone(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    raw = m.group("m")
    month = _month_value(raw, raw)
    if month is None or _COUNTING_BEFORE_RE.search(text[max(0, m.start() - 8):m.start()]):
        return None
    if m.group("rel"):
        year = _ref_year(m.group("rel"), ref)
    else:
        year = _resolve_year(month, None, ref, text, m.start()) if ref else None
    return _Cand(m.start(), m.end(), _fmt(year, month), "date", "month", (year, month, None), False)


def _t_month(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    y, month = int(m.group("y")), int(m.group("m"))
    return _Cand(m.start(), m.end(), _fmt(y, month), "date", "month", (y, month, None), year_source=True)


def _month_range(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    m1, m2 = int(m.group("m1")), int(m.group("m2"))
    if not m1 < m2:
        return None
    if m.group("y"):
        year: int | None = int(m.group("y"))
    else:
        year = _resolve_year(m1, None, ref, text, m.start()) if ref else None
    return _Cand(m.start(), m.end(), f"{_fmt(year, m1)}/{_fmt(year, m2)}", "range", "month")


def _bare_month_year(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    before = text[max(0, m.start() - 10):m.start()]
    in_parens = before.endswith("(") and text[m.end():m.end() + 1] == ")"
    if not (_MY_CUE_RE.search(before) or in_parens):
        return None
    y, month = int(m.group("y")), int(m.group("m"))
    return _Cand(m.start(), m.end(), _fmt(y, month), "date", "month", (y, month, None), year_source=True)


def _year(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    return _Cand(m.start(), m.end(), m.group("y"), "date", "year", None, priority=-1, year_source=True)


def _cued_year(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    return _Cand(m.start("y"), m.end("y"), m.group("y"), "date", "year", None, priority=-1)


def _half(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    n = 6 if m.group("n") is None else parse_number(m.group("n"))
    if n is None or not 1 <= n <= 11:
        return None
    n = int(n)
    first = m.group("pos").lower() == "đầu"
    if m.group("n") is None and m.group("pos").lower() == "sau":
        first = False  # "nửa sau năm" = second half
    elif m.group("pos").lower() == "sau":
        return None  # "6 tháng sau năm ..." is "six months after"
    year = int(m.group("y")) if m.group("y") else _ref_year(m.group("rel"), ref)
    if m.group("rel") and ref is None:
        return None
    ys = _fmt(year)
    explicit = bool(m.group("y"))
    if n == 6:
        value, grain = f"{ys}-H{1 if first else 2}", "half"
    elif n == 3:
        value, grain = f"{ys}-Q{1 if first else 4}", "quarter"
    else:
        lo, hi = (1, n) if first else (13 - n, 12)
        value, grain = f"{_fmt(year, lo)}/{_fmt(year, hi)}", "month"
    return _Cand(m.start(), m.end(), value, "period", grain, year_explicit=explicit, year_source=explicit)


def _quarter(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    raw = m.group("q").lower()
    q = _ROMAN.get(raw) or (int(raw) if raw.isdigit() else {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4}[raw])
    y_raw = m.group("y") or m.group("y2")
    if m.group("rel") and ref is None:
        return None
    year = int(y_raw) if y_raw else _ref_year(m.group("rel"), ref)
    return _Cand(m.start(), m.end(), f"{_fmt(year)}-Q{q}", "period", "quarter", year_explicit=bool(y_raw),
                 year_source=bool(y_raw))


def _year_range(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not 0 < y2 - y1 <= 50:
        return None
    return _Cand(m.start(), m.end(), f"{y1}/{y2}", "range", "year")


# --- clock times -------------------------------------------------------------------------------
_TIME_RE = re.compile(
    rf"""(?:(?<!\w)(?P<rel0>hôm\s+nay|hôm\s+qua|ngày\s+mai)\s*,?\s+(?:vào\s+)?lúc\s+)?
    (?:{_NB}(?P<hh>2[0-4]|[01]?\d)|(?<!\w)(?P<hw>mười\s+một|mười\s+hai|mười|một|hai|ba|bốn|năm|sáu|bảy|tám|chín)(?=\s+giờ))
    (?:\s*(?P<u>h|g|giờ)(?:\s*(?P<mi>[0-5]\d)(?:\s*phút)?|\s+(?P<half>rưỡi)|\s+kém\s+(?P<kem>[0-5]?\d)(?:\s*phút)?)?
      |:(?P<mi2>[0-5]\d)(?::(?P<ss>[0-5]\d))?)
    (?![\w/]|[.,:]\d)
    (?:\s+(?P<pod>{_POD})(?!\w))?
    (?:\s+(?P<rel>hôm\s+nay|hôm\s+qua|ngày\s+mai|nay|qua|mai)(?!\w))?""",
    _F,
)
_DURATION_BEFORE_RE = re.compile(r"(?:^|\W)(?:trong|mất|suốt|dài|hơn|gần|mỗi|vòng|chỉ|đủ|thêm|tới\s+hơn)\s+$", _I)
_TIME_CUE_BEFORE_RE = re.compile(r"(?:^|\W)(?:lúc|vào|từ|đến|tới|khoảng|đúng|tầm|hồi|trước|sau)\s+$", re.IGNORECASE)
_REL_DAY = {"nay": 0, "hôm nay": 0, "qua": -1, "hôm qua": -1, "mai": 1, "ngày mai": 1}


_RATIO_WORD_RE = re.compile(r"(?<!\w)(?:tỷ|tỉ)\s+(?:lệ|số)(?!\w)", _I)


def _time(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    hh_group = "hh" if m.group("hh") is not None else "hw"
    if hh_group == "hw" and not m.group("pod"):
        return None  # "ba giờ" alone is three hours; "ba giờ rưỡi chiều" is a time
    before = text[max(0, m.start(hh_group) - 16):m.start(hh_group)]
    if _DURATION_BEFORE_RE.search(before):
        return None
    if m.group("mi2") and not _TIME_CUE_BEFORE_RE.search(before):
        clause = text[max(0, m.start(hh_group) - 60):m.start(hh_group)]
        clause = clause[max(clause.rfind(ch) for ch in ".;!?\n") + 1:]
        if _RATIO_WORD_RE.search(clause) or re.match(r":\d", text[m.end():m.end() + 2]):
            return None  # "tỷ lệ ... là 1:12" is a ratio
    unit = (m.group("u") or "").lower()
    minute = _int(m, "mi", "mi2")
    if unit == "g" and minute is None:
        return None  # "5G" is a network, "10g45" a time
    if unit == "giờ" and minute is None and not m.group("pod") and not m.group("half") and not m.group("kem") \
            and not _TIME_CUE_BEFORE_RE.search(before):
        return None  # "8 giờ" alone is usually a duration
    hh = int(m.group("hh")) if hh_group == "hh" else int(parse_number(m.group("hw")) or 0)
    if hh == 24:
        hh = 0
    if m.group("half"):
        minute = 30
    if m.group("kem"):
        hh, minute = hh - 1, 60 - int(m.group("kem"))
        if hh < 0 or not 0 <= minute < 60:
            return None
    hh = _apply_pod(hh, m.group("pod"))
    end, day, rel = m.end(), None, m.group("rel")
    start = m.start(hh_group)
    if m.group("rel0") and ref is not None and not rel:
        start, rel = m.start(), m.group("rel0")  # "hôm nay lúc 14h" is one time, like "14h hôm nay"
    if rel and (ref is None or (" " not in rel.strip() and not m.group("pod"))):
        # "15h qua" is not "yesterday": a bare nay/qua/mai needs a part of day before it
        end, rel = m.start("rel"), None
    if rel:
        day = (ref.date() + timedelta(days=_REL_DAY[" ".join(rel.lower().split())])).isoformat()
    end = len(text[:end].rstrip())
    ss = int(m.group("ss")) if m.group("ss") else None
    grain = "second" if ss is not None else "minute" if minute is not None else "hour"
    return _Cand(start, end, _fmt_time(day, hh, minute, ss), "time", grain,
                 priority=-2 if rel is None else 0)


# --- relative expressions (need a reference date) ----------------------------------------------
_REL_DAYS = {
    "hôm nay": 0, "ngày hôm nay": 0, "bữa nay": 0, "sáng nay": 0, "trưa nay": 0, "chiều nay": 0, "tối nay": 0,
    "đêm nay": 0, "sáng hôm nay": 0, "trưa hôm nay": 0, "chiều hôm nay": 0, "tối hôm nay": 0, "đêm hôm nay": 0,
    "buổi sáng nay": 0, "hôm qua": -1, "ngày hôm qua": -1, "sáng qua": -1, "trưa qua": -1, "chiều qua": -1,
    "tối qua": -1, "đêm qua": -1, "sáng hôm qua": -1, "trưa hôm qua": -1, "chiều hôm qua": -1, "tối hôm qua": -1,
    "đêm hôm qua": -1, "hôm kia": -2, "ngày hôm kia": -2, "ngày mai": 1, "sáng mai": 1, "trưa mai": 1,
    "chiều mai": 1, "tối mai": 1, "sáng ngày mai": 1, "trưa ngày mai": 1, "chiều ngày mai": 1, "tối ngày mai": 1,
    "ngày kia": 2,
}
for _pod in ("sáng sớm", "chiều tối", "tối muộn", "đêm khuya", "rạng sáng"):
    for _w, _k in (("nay", 0), ("hôm nay", 0), ("qua", -1), ("hôm qua", -1), ("mai", 1)):
        _REL_DAYS[f"{_pod} {_w}"] = _k
_REL_STEPS = {"này": 0, "nay": 0, "hiện tại": 0, "trước": -1, "qua": -1, "vừa qua": -1, "rồi": -1, "ngoái": -1,
              "sau": 1, "tới": 1, "tiếp": 1, "tiếp theo": 1, "kế tiếp": 1}
_REL_UNITS = {"tuần": ("này nay trước qua vừa_qua rồi sau tới tiếp_theo kế_tiếp", "week"),
              "cuối tuần": ("này nay trước qua vừa_qua rồi sau tới", "weekend"),
              "tháng": ("này nay trước qua vừa_qua rồi sau tới", "month"),
              "quý": ("này nay hiện_tại trước qua vừa_qua sau tới tiếp tiếp_theo", "quarter"),
              "năm": ("nay ngoái trước qua vừa_qua rồi sau tới tiếp_theo kế_tiếp", "year")}
_REL_PHRASES: dict[str, tuple[str, int]] = {k: ("day", v) for k, v in _REL_DAYS.items()}
for _unit, (_steps, _grain) in _REL_UNITS.items():
    for _step in _steps.split():
        _REL_PHRASES[f"{_unit} {_step.replace('_', ' ')}"] = (_grain, _REL_STEPS[_step.replace("_", " ")])
_REL_RE = re.compile(
    r"(?<!\w)(?=[" + "".join(sorted({k[0] for k in _REL_PHRASES})) + r"])(?:"
    + "|".join(r"\s+".join(map(re.escape, k.split())) for k in sorted(_REL_PHRASES, key=len, reverse=True))
    + r")(?!\w)(?!\s+(?:đó|đấy|khi|nữa))",
    re.IGNORECASE,
)
_N_REL_RE = re.compile(
    r"""(?<![\w.,])(?P<n>\d{1,3}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?P<u>ngày|tuần|tháng|năm)
    \s+(?P<dir>trước\s+đây|trước|nữa)(?!\w)(?!\s+(?:khi|đó|đấy))""",
    _F,
)
_WEEKDAY_RE = re.compile(
    rf"""(?<!\w)(?:(?P<cue>hôm|vào|sáng|trưa|chiều|tối|đêm|ngày|phiên)\s+)?(?P<wd>{_WD})(?!\w)
    (?:\s+(?:của\s+)?(?P<wk>tuần\s+(?:này|nay|trước|qua|sau|tới|vừa\s+qua)|vừa\s+qua|vừa\s+rồi|tới|này)(?!\w))?""",
    _F,
)


def _shift(ref: date, grain: str, k: int) -> str:
    """`ref` moved by k units of `grain`, formatted at that grain."""
    if grain == "day":
        return (ref + timedelta(days=k)).isoformat()
    if grain == "week":  # Monday-Sunday, as the gold guide writes weeks
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=k)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    if grain == "month":
        return _fmt(*_add_months(ref.year, ref.month, k))
    if grain == "quarter":
        y, mo = _add_months(ref.year, ref.month, 3 * k)
        return f"{y}-Q{(mo - 1) // 3 + 1}"
    return str(ref.year + k)


def _relative(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    if ref is None:
        return None
    if _COUNTING_BEFORE_RE.search(text[max(0, m.start() - 8):m.start()]):
        return None  # "3 tháng sau" is "three months later", not "next month"
    grain, k = _REL_PHRASES[" ".join(m.group().lower().split())]
    if grain == "weekend":
        sat = ref.date() - timedelta(days=ref.weekday()) + timedelta(days=5 + 7 * k)
        return _Cand(m.start(), m.end(), f"{sat.isoformat()}/{(sat + timedelta(days=1)).isoformat()}",
                     "relative", "day")
    return _Cand(m.start(), m.end(), _shift(ref.date(), grain, k), "relative", grain)


def _n_relative(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    if ref is None:
        return None
    n = parse_number(m.group("n"))
    if n is None or n <= 0:
        return None
    n = int(n)
    grain = {"ngày": "day", "tuần": "week", "tháng": "month", "năm": "year"}[m.group("u").lower()]
    direction = " ".join(m.group("dir").lower().split())
    today = ref.date()
    if direction.startswith("trước"):
        return _Cand(m.start(), m.end(), _shift(today, grain, -n), "relative", grain)
    return _Cand(m.start(), m.end(), _shift(today, grain, n), "relative", grain)  # "3 ngày nữa"


def _duration(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    found = duration(m, text)
    if found is None:
        return None
    start, end, value, grain = found
    return _Cand(start, end, value, "duration", grain, priority=-1)


_RANK_WORDS = {"đứng", "xếp", "hạng", "lớn", "nhỏ", "cao", "thấp", "giải", "trí", "top", "nhất", "lần", "người", "con",
               "nước", "vòng", "khóa", "khoá", "kỳ", "đợt", "phần", "bước", "điểm", "mục", "là"}


def _weekday(m: re.Match[str], text: str, ref: datetime | None) -> _Cand | None:
    named = m.group("wd").lower().endswith("nhật") or m.group("wd").split()[-1][0].isupper()
    if ref is None or not (m.group("cue") or m.group("wk") or named):
        return None  # a bare lowercase "thứ hai" is mostly "second"; "chủ nhật" and "thứ Hai" are days
    if not (m.group("cue") or m.group("wk")):
        prev = _PREV_WORD_RE.search(text, max(0, m.start() - 12), m.start())
        if prev and prev.group(1).lower() in _RANK_WORDS:
            return None  # "đứng thứ Hai thế giới" is a rank
    if (m.group("cue") or "").lower() in ("ngày", "phiên") and re.search(r"\d", m.group("wd")):
        return None  # "ngày thứ 6" is the sixth day; "ngày thứ Sáu" is Friday
    raw = " ".join(m.group("wd").lower().split())
    target = 6 if raw.endswith("nhật") else _WEEKDAYS[raw.split()[1]]
    today = ref.date()
    wk = " ".join((m.group("wk") or "").lower().split())
    monday = today - timedelta(days=today.weekday())
    if wk.startswith("tuần"):
        k = _REL_STEPS.get(wk[5:], 0)
        day = monday + timedelta(days=7 * k + target)
    elif wk == "tới":
        day = today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)
    elif wk in ("vừa qua", "vừa rồi"):
        day = today - timedelta(days=(today.weekday() - target - 1) % 7 + 1)
    elif wk == "này":
        day = monday + timedelta(days=target)
    else:
        diff = (target - today.weekday()) % 7
        day = today + timedelta(days=diff if diff <= 3 else diff - 7)
    start = m.start("wd") if (m.group("cue") or "").lower() == "vào" else m.start()
    return _Cand(start, m.end(), day.isoformat(), "relative", "day")


# --- driver ------------------------------------------------------------------------------------
_Handler = Callable[[re.Match[str], str, "datetime | None"], "_Cand | None"]
_RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (_DMY_RE, lambda m, t, r: _date_from_match(m, t, r)),
    (_DM_RE, lambda m, t, r: _date_from_match(m, t, r)),
    (_WORD_DATE_RE, lambda m, t, r: _date_from_match(m, t, r)),
    (_DAY_RANGE_RE, lambda m, t, r: _date_from_match(m, t, r, kind_range=True)),
    (_EDGE_DAY_RE, _edge_day),
    (_MONTH_YEAR_RE, _month_year),
    (_MONTH_ALONE_RE, _month_alone),
    (_T_MONTH_RE, _t_month),
    (_MONTH_RANGE_RE, _month_range),
    (_BARE_YEAR_RE, _bare_year),
    (DURATION_RE, _duration),
    (_BARE_MONTH_YEAR_RE, _bare_month_year),
    (_YEAR_RE, _year),
    (_CUED_YEAR_RE, _cued_year),
    (_HALF_RE, _half),
    (_QUARTER_RE, _quarter),
    (_YEAR_RANGE_RE, _year_range),
    (_YEAR_FROM_TO_RE, _year_range),
    (_TIME_RE, _time),
    (_REL_RE, _relative),
    (_N_REL_RE, _n_relative),
    (_WEEKDAY_RE, _weekday),
]


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest candidates first, then earliest; drop any that overlaps one already kept."""
    cands.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    starts: list[int] = []
    kept: list[_Cand] = []
    for c in cands:
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and kept[i - 1].end > c.start:
            continue
        if i < len(kept) and kept[i].start < c.end:
            continue
        starts.insert(i, c.start)
        kept.insert(i, c)
    return kept


def _endpoint(c: _Cand, year: int | None) -> str:
    """Value of a range endpoint, re-dated to `year` when its own year was only inferred."""
    if c.ymd is None or c.year_explicit or year is None:
        return c.value
    _, m, d = c.ymd
    return _fmt(year, m, d) if _valid(year, m, d) else c.value


def _merge_ranges(text: str, kept: list[_Cand]) -> list[_Cand]:
    """Join "từ <date> đến <date>" and "<date> - <date>" into one range mention."""
    out: list[_Cand] = []
    i = 0
    while i < len(kept):
        a = kept[i]
        b = kept[i + 1] if i + 1 < len(kept) else None
        if b is not None and a.kind in ("date", "range") and b.kind == "date" and a.grain == b.grain \
                and a.ymd and b.ymd:
            gap = text[a.end:b.start]
            before = text[max(0, a.start - 14):a.start]
            has_from = bool(_FROM_BEFORE_RE.search(before))
            if (has_from and _RANGE_GAP_RE.fullmatch(gap)) or _RANGE_DASH_RE.fullmatch(gap):
                start = a.start - len(before) + before.lower().rfind("từ") if has_from else a.start
                year = b.ymd[0] if b.year_explicit else None
                a_year = year
                if year is not None and a.ymd[1] > b.ymd[1]:
                    a_year = year - 1  # "từ 15/12 đến 15/1/2022" starts the year before
                first = _endpoint(a, a_year).split("/")[0]
                out.append(_Cand(start, b.end, f"{first}/{b.value}", "range", a.grain, a.ymd, a.year_explicit))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_SENTENCE_END_RE = re.compile(r"[.!?…]+(?=\s|$)|\n+")
_YEAR_IN_VALUE_RE = re.compile(r"(?:^|(?<=/))(?:XXXX|\d{4})")
_RELATIVE_RULES = (_REL_RE, _N_REL_RE, _WEEKDAY_RE, _TIME_RE)


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _anchored_relatives(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Without a reference: "hôm nay 6/3/2026 ... so với hôm qua" resolves "hôm qua" against the stated day."""
    extra: list[_Cand] = []
    for anchor in cands:
        if not (anchor.today_anchor and anchor.year_explicit and anchor.ymd):
            continue
        ref = datetime(*anchor.ymd)  # type: ignore[arg-type]
        s_start, s_end = next((s, e) for s, e in _sentences(text) if s <= anchor.start < e)
        for regex in _RELATIVE_RULES:
            handler = next(h for r, h in _RULES if r is regex)
            for m in regex.finditer(text, s_start, s_end):
                cand = handler(m, text, ref)
                if cand is not None and cand.end > cand.start:
                    extra.append(cand)
    return extra


def _fill_years(text: str, kept: list[_Cand], has_reference: bool) -> None:
    """A year-less mention takes the year its sentence states for the same kind of thing.

    Periods take the year of a sibling period ("6 tháng đầu năm và ... 6 tháng cuối năm 2021");
    without a reference, year-less days and months also take the year of a stated date or "năm YYYY".
    """
    i = 0
    for s_start, s_end in _sentences(text):
        inside = []
        while i < len(kept) and kept[i].start < s_end:
            inside.append(kept[i])
            i += 1
        sources = [c for c in inside if c.year_source]
        if not sources:
            continue
        for c in inside:
            if c.year_explicit or c.kind not in ("period", "date", "range") or c.today_anchor:
                continue
            if c.kind == "period":
                pool = [p for p in sources if p.kind == "period"]
            elif not has_reference and c.ymd is not None:
                pool = sources
            else:
                continue
            if not pool:
                continue
            source = min(pool, key=lambda p: abs(p.start - c.start))
            year = source.value[:4]
            c.value = _YEAR_IN_VALUE_RE.sub(year, c.value)
            c.year_explicit = False


def find_dates(text: str, reference: datetime | None = None) -> list[DateMention]:
    """Temporal expressions in `text`, sorted by start and non-overlapping (the longest match wins).

    `reference` (usually the publication time) resolves relative expressions ("hôm qua", "tuần trước")
    and the year of year-less dates (the nearest year); without it relative expressions are skipped.
    """
    cands: list[_Cand] = []
    for regex, handler in _RULES:
        for m in regex.finditer(text):
            cand = handler(m, text, reference)
            if cand is not None and cand.end > cand.start:
                cands.append(cand)
    if reference is None and any(c.today_anchor for c in cands):
        cands += _anchored_relatives(text, _select(list(cands)))
    kept = _merge_ranges(text, _select(cands))
    _fill_years(text, kept, reference is not None)
    return [DateMention(text[c.start:c.end], c.start, c.end, c.value, c.kind, c.grain) for c in kept]
