"""When a page was published: every date a page gives, read in every format these sites use, then
reconciled.

Formats: ISO 8601; d/m/Y and d-m-Y with a time before, after or later on the line ("Thứ năm,
21/6/2018, 10:20", "21-06-2018 - 10:20 GMT+7", "Cập nhật lúc 08:10, Thứ Tư, 12/03/2008", "9g25",
"15 giờ 20 phút", "2:35 CH", "8:15 tối"); two-digit years on a date line ("12-3-25 08:15");
ASP.NET's en-US culture ("9/5/2026 10:17:01 PM", month first); day-first pseudo-ISO
("24-03-2019T07:50:00+07:00"); "2025/03/12"; "ngày 21 tháng 6 năm 2018", "14 Tháng 5 2025", "12 Th3
2025", "Tháng Ba 12, 2025", "Mar 12, 2025", "12 March 2025"; Unix timestamps; dates in URLs. A value
that could be read with day and month either way is ambiguous: it never beats a value that cannot be
misread, and it takes the reading another source agrees with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

VIETNAM_TZ = timezone(timedelta(hours=7))
EARLIEST = datetime(1995, 1, 1, tzinfo=VIETNAM_TZ)  # before the first Vietnamese news site
_ZONE = r"(Z|[+-]\d{2}:?\d{2})"
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*" + _ZONE + "?")
# "10:20", "9g25", "16h45'", "15 giờ 20 phút", with seconds and a 12-hour mark where given.
# The part of the day may follow as a 12-hour mark ("2:35 CH") or a word ("8:15 sáng", "8 giờ 15 tối").
TIME = r"(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})(?:\s*phút)?(?::(\d{2}))?(?:\s*(AM|PM|SA|CH|sáng|trưa|chiều|tối|đêm)\b)?"
_GMT = r"(?:\s*\(?\s*(?:GMT|UTC)\s*([+-]\s*\d{1,2})(?::?(\d{2}))?\s*\)?|\s*([+-]\d{2}:\d{2})\b)?"
# A day-first date, then optionally its time ("T" of a pseudo-ISO value, a comma, a dash, "lúc").
# Two-digit years ("12-3-25 08:15") are read as 20yy.
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)(?![/.-]\d)"
                        r"(?:\s*(?:T|,|-|–|\||lúc|vào lúc)?\s*" + TIME + ")?" + _GMT, re.I)
# A time standing before the date ("08:10, Thứ Tư, 12/03/2008", "10:20 21/6/2018").
_TIME_FIRST = re.compile(TIME + r"[^\d]{0,30}?(?<!\d)(\d{1,2})([/.-])(\d{1,2})\6(\d{4}|\d{2})(?!\d)", re.I)
# A time standing before a date in words ("18h05 Chủ nhật, ngày 9 tháng 2 năm 2025"): searched up to the date.
_TIME_BEFORE = re.compile(TIME + r"\D{0,30}$", re.I)
# A time later on a date line ("03/02/2025 (mùng 6 tháng Giêng) - 15 giờ 20 phút").
_LATER_TIME = re.compile(r"(?<!\d)" + TIME + r"(?![\d/])", re.I)
# "ngày 21 tháng 6 năm 2018", and Joomla's Vietnamese locale: "Thứ tư, 14 Tháng 5 2025 08:20".
# Month names of the vi-VN locale ("21 Tháng Ba 2025"); "mười một" and "mười hai" before "mười".
_MONTHS = {"giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
           "chín": 9, "mười một": 11, "mười hai": 12, "chạp": 12, "mười": 10}
_MONTH = r"(\d{1,2}|" + "|".join(_MONTHS) + r")"
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+(?:tháng\s+|th\s*)" + _MONTH + r",?\s+(?:năm\s+)?(\d{4})(?:\s*(?:,|-|–)?\s*(?:vào lúc|lúc)?\s*"
                    + TIME + ")?", re.I)
# WordPress's vi locale writes the month first ("Tháng Ba 12, 2025"); English themes "Mar 12, 2025" or "12 March 2025".
_MONTH_FIRST = re.compile(r"tháng\s+" + _MONTH + r"\s+(\d{1,2}),\s*(\d{4})", re.I)
_EN_MONTHS = {name: i + 1 for i, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                                  "nov", "dec"))}
_EN_NAME = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ENGLISH = re.compile(r"\b" + _EN_NAME + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"
                      r"|(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+" + _EN_NAME + r",?\s+(\d{4})", re.I)
_EPOCH = re.compile(r"^\s*(\d{10})(\d{3})?\s*$")
# URL dates: /2024/03/15/, -20240315..., /20240315/ and the yyyymmddhhmm... ids of several CMSs.
_URL_DATE = re.compile(r"(?<!\d)(20\d{2}|199\d)([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?:([01]\d|2[0-3])([0-5]\d))?")


@dataclass(frozen=True)
class When:
    """One reading of a date a page gives, and where it came from."""

    moment: datetime  # timezone-aware
    has_time: bool
    source: str
    other: datetime | None = None  # the reading with day and month swapped, for an ambiguous value

    @property
    def iso(self) -> str:
        """ISO 8601 with its offset. A value in UTC is a server's storage form, not the page's: it is
        given in Vietnam time, as the page shows it."""
        moment = self.moment
        if moment.utcoffset() == timedelta(0):
            moment = moment.astimezone(VIETNAM_TZ)
        return moment.isoformat()


def _build(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
           tz: timezone = VIETNAM_TZ) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


def _zone(text: str | None, hours: str | None = None, minutes: str | None = None) -> timezone:
    if text:
        if text == "Z":
            return timezone.utc
        sign = -1 if text[0] == "-" else 1
        digits = text[1:].replace(":", "")
        return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))
    if hours:
        value = int(hours.replace(" ", ""))
        return timezone(timedelta(hours=value, minutes=(-1 if value < 0 else 1) * int(minutes or 0)))
    return VIETNAM_TZ


def _full_year(year: str) -> int:
    return int(year) if len(year) == 4 else 2000 + int(year)  # "25" on a date line is 2025


def clock_time(hour: str | None, minute: str | None, second: str | None, half: str | None) -> tuple[int, int, int]:
    """Hour, minute and second of a time read by `TIME`, on the 24-hour clock."""
    h, m, s = int(hour or 0), int(minute or 0), int(second or 0)
    half = (half or "").lower()
    if (half in ("pm", "ch", "chiều", "tối") or (half == "trưa" and h < 11) or (half == "đêm" and h >= 6)) and h < 12:
        h += 12
    elif half in ("am", "sa") and h == 12:
        h = 0
    return h, m, s


def read_when(value: str | None, source: str) -> When | None:
    """The first date a value gives, or None. Machine values (meta, JSON-LD) and visible lines alike."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if (epoch := _EPOCH.match(value)) is not None:
        moment = datetime.fromtimestamp(int(epoch.group(1)), VIETNAM_TZ)
        return When(moment, True, source) if moment >= EARLIEST else None
    if (m := _ISO.search(value)) is not None:
        year, month, day, hour, minute, second, zone = m.groups()
        moment = _build(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                        _zone(zone))
        return When(moment, hour is not None, source) if moment else None
    m = _DAY_FIRST.search(value)
    if m is not None and len(m.group(4)) == 2 and m.group(5) is None and (len(m.string[:m.start()]) > 30 or (
            value[m.end():].strip(" )|,.-") and not _LATER_TIME.search(value, m.end(), m.end() + 40))):
        m = None  # "1/3/25" inside a sentence is a ratio or a number; a date line ends with it
    if m is not None and m.group(5) is None and (t := _TIME_FIRST.search(value)) is not None:
        hour, minute, second, half, day, _, month, year = t.groups()
        moment = _build(_full_year(year), int(month), int(day), *clock_time(hour, minute, second, half))
        if moment is not None:
            return When(moment, True, source)
    if m is not None:
        first, _, second_part, year, hour, minute, second, half, gmt_h, gmt_m, offset = m.groups()
        if hour is None and (later := _LATER_TIME.search(value, m.end(), m.end() + 80)) is not None:
            hour, minute, second, half = later.groups()  # "03/02/2025 (mùng 6 tháng Giêng) - 15 giờ 20 phút"
        a, b = int(first), int(second_part)
        year = _full_year(year)
        h, mi, s = clock_time(hour, minute, second, half)
        tz = _zone(offset, gmt_h, gmt_m)
        day_first = _build(year, b, a, h, mi, s, tz)
        month_first = _build(year, a, b, h, mi, s, tz)
        # ASP.NET's en-US culture writes "9/5/2026 10:17:01 PM": slashes, AM/PM, month first. That
        # form is ambiguous (Vietnamese pages also write "07/03/2026 08:01 AM"); any other is day first.
        us_style = bool(half) and half.upper() in ("AM", "PM") and m.group(2) == "/"
        preferred, other = (month_first, day_first) if us_style and month_first else (day_first, month_first)
        if preferred is None:
            preferred, other = other, None
        if preferred is None:
            return None
        ambiguous = us_style and other is not None and other != preferred
        return When(preferred, hour is not None, source, other if ambiguous else None)
    if (m := _WORDS.search(value)) is not None:
        day, month, year, hour, minute, second, half = m.groups()
        if hour is None and (before := _TIME_BEFORE.search(value, 0, m.start())) is not None:
            # "18h05 Chủ nhật, ngày 9 tháng 2 năm 2025": the time stands before the date
            moment = _build(int(year), _month_number(month), int(day), *clock_time(*before.groups()[:4]))
            return When(moment, True, source) if moment else None
        if hour is None:  # "ngày 15 tháng 3 năm 2025 (nhằm ngày 16 tháng Hai năm Ất Tỵ), lúc 8h15"
            return _with_later_time(value, m.end(), int(year), _month_number(month), int(day), source, 80)
        moment = _build(int(year), _month_number(month), int(day), *clock_time(hour, minute, second, half))
        return When(moment, True, source) if moment else None
    if (m := _MONTH_FIRST.search(value)) is not None:
        month, day, year = m.groups()
        return _with_later_time(value, m.end(), int(year), _month_number(month), int(day), source)
    if (m := _ENGLISH.search(value)) is not None:
        name, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        return _with_later_time(value, m.end(), int(year), _EN_MONTHS[name.lower()[:3]], int(day), source)
    return None


def _month_number(month: str) -> int:
    return int(month) if month.isdigit() else _MONTHS[" ".join(month.lower().split())]


def _with_later_time(value: str, end: int, year: int, month: int, day: int, source: str,
                     reach: int = 40) -> When | None:
    """A date read from words, with the time that follows it on the line (within `reach`), if any."""
    later = _LATER_TIME.search(value, end, end + reach)
    moment = _build(year, month, day, *clock_time(*later.groups()) if later else (0, 0, 0))
    return When(moment, later is not None, source) if moment else None


def url_when(url: str | None) -> When | None:
    """A publication date that the article's URL carries (day, and time where the id holds one)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for m in _URL_DATE.finditer(path):
        year, _, month, day, hour, minute = m.groups()
        moment = _build(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
        if moment is not None:
            return When(moment, hour is not None, "url")
    return None


# How much a source's word counts when sources disagree about the day.
_WEIGHT = {"profile": 4, "meta": 3, "json-ld": 3, "state": 3, "time": 2, "itemprop": 2, "visible-date-line": 2,
           "url": 1, "sitemap": 1}


def reconcile(candidates: list[When], now: datetime | None = None) -> tuple[When | None, list[str]]:
    """The publication time the candidates agree on, and a warning for each source that disagrees.

    Implausible values go first (before 1995, or more than a day after `now`, the time of the
    fetch). The day with the most weight wins (ties: the first source); an ambiguous value
    supports the reading that agrees with an unambiguous one, and only stands alone when no
    unambiguous value exists. Within the day the first source that gives a time gives it.
    """
    latest = (now or datetime.now(timezone.utc)) + timedelta(days=1)
    shown = [c for c in candidates if c.source == "visible-date-line" and c.has_time and c.other is None]
    zone_warnings: list[str] = []
    candidates = [_on_page_clock(c, shown, zone_warnings) for c in candidates]
    plausible = [c for c in candidates if EARLIEST <= c.moment <= latest]
    if not plausible:
        return None, []
    firm = [c for c in plausible if c.other is None]
    days = {c.moment.astimezone(VIETNAM_TZ).date() for c in firm}
    resolved: list[When] = []
    for c in plausible:
        if c.other is not None and c.moment.astimezone(VIETNAM_TZ).date() not in days \
                and c.other.astimezone(VIETNAM_TZ).date() in days:
            c = When(c.other, c.has_time, c.source)  # the reading another source agrees with
        resolved.append(c)
    pool = [c for c in resolved if c.other is None] or resolved
    score: dict[object, int] = {}
    # Data sources that give one same moment are one CMS field written out several times
    # (article:published_time, JSON-LD, <time>): they count once, with their best weight.
    weights: dict[tuple[object, bool], int] = {}
    for c in pool:
        key = (c.moment, c.source == "visible-date-line")
        weights[key] = max(weights.get(key, 0), _WEIGHT.get(c.source, 1))
    for (moment, _), weight in weights.items():
        day = moment.astimezone(VIETNAM_TZ).date()
        score[day] = score.get(day, 0) + weight
    best = max(score.values())
    day = next(c.moment.astimezone(VIETNAM_TZ).date() for c in pool
               if score[c.moment.astimezone(VIETNAM_TZ).date()] == best)
    same_day = [c for c in resolved if c.moment.astimezone(VIETNAM_TZ).date() == day]
    # Midnight is what a CMS stores when it keeps only the day: a real time from another source beats it.
    timed = [c for c in same_day if c.has_time]
    chosen = next((c for c in timed if (c.moment.hour, c.moment.minute, c.moment.second) != (0, 0, 0)),
                  timed[0] if timed else same_day[0])
    # A visible line gives the minute; the data of the same page may give the second too.
    chosen = next((c for c in timed if c.moment.second and c.moment.replace(second=0) == chosen.moment), chosen)
    warnings = [f"published_at: {c.source} says {c.moment.date().isoformat()}, other sources "
                f"{day.isoformat()}; kept {chosen.source}"
                for c in resolved if c.moment.astimezone(VIETNAM_TZ).date() != day and c.source != "url"]
    return chosen, list(dict.fromkeys(zone_warnings + warnings))


def _on_page_clock(c: When, shown: list[When], warnings: list[str]) -> When:
    """A data time in another offset than the page's visible date line: the same instant is given
    in the page's offset; the same clock reading in another offset (a CMS that writes local time
    with "Z" or a server's zone) is the page's time, the offset was wrong."""
    if c.source == "visible-date-line" or not c.has_time or c.other is not None:
        return c
    for v in shown:
        offset = v.moment.utcoffset()
        if c.moment.utcoffset() == offset:
            continue
        if abs(c.moment - v.moment) < timedelta(minutes=1):
            return When(c.moment.astimezone(v.moment.tzinfo), True, c.source)
        clock, seen = c.moment.replace(tzinfo=None, second=0, microsecond=0), v.moment.replace(tzinfo=None, second=0)
        if clock == seen:
            warnings.append(f"published_at: {c.source} gives the visible time {c.moment.strftime('%H:%M')} with "
                            f"offset {c.moment.strftime('%z')}, the page shows {v.moment.strftime('%z')}; "
                            "read as the page's time")
            return When(c.moment.replace(tzinfo=v.moment.tzinfo), True, c.source)
    return c
