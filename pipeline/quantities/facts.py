"""Numeric facts in Vietnamese news text: a number, its unit, the thing it counts and its context.

Design choices:
- a fact's span covers qualifier + number(s) + unit + counted noun; change verbs ("tăng") and
  "so với ..." are read from the context but stay outside the span;
- "từ 28.959 đồng/lít lên 29.639 đồng/lít" gives ONE fact for the new value, with
  change = {"from": 28959, "to": 29639, "direction": "increase"};
- ranges ("15-25%", "từ 1.000 đến 2.000 đồng") give value None with min/max;
- a bare number needs a counted noun after it; precision is preferred over recall.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.article import DateMention, Fact
from pipeline.quantities.ratios import find_ratios
from pipeline.text.numbers import NumberSpan, find_numbers

_I = re.IGNORECASE

# --- units -------------------------------------------------------------------------------------
# (spelling, canonical unit, currency); longest spellings are tried first.
_CURRENCIES: list[tuple[str, str, str]] = [
    ("đồng", "đồng", "VND"), ("VNĐ", "đồng", "VND"), ("VND", "đồng", "VND"), ("vnđ", "đồng", "VND"),
    ("đ", "đồng", "VND"), ("USD", "USD", "USD"), ("$", "USD", "USD"), ("đô la Mỹ", "USD", "USD"),
    ("đô la", "USD", "USD"),
    ("đô-la", "USD", "USD"), ("đôla", "USD", "USD"), ("đô", "USD", "USD"), ("EUR", "EUR", "EUR"),
    ("euro", "EUR", "EUR"), ("yên", "JPY", "JPY"), ("nhân dân tệ", "CNY", "CNY"), ("NDT", "CNY", "CNY"),
    ("bảng Anh", "GBP", "GBP"),
]
# Measures may be glued to the number ("5km", "15%"); their head may take a noun ("tấn gạo").
_MEASURES = [
    "%", "phần trăm", "ha", "héc-ta", "hecta", "km2", "km²", "km", "m2", "m²", "m3", "m³", "mét vuông", "mét khối",
    "mét", "m", "cm", "mm", "kg", "tấn", "tạ", "yến", "gam", "gram", "lít", "ml", "MW", "kW", "kWh", "MWh", "GW",
    "GWh", "TEU", "°C", "độ C", "thùng", "cây số", "sào", "mẫu",
]
# Counting words that are reported as the unit ("23.628 người", "hàng ngàn lượt người").
_COUNT_UNITS = [
    "lượt người", "lượt khách", "lượt", "hội viên", "cổ phiếu", "người", "ca", "hộ", "con", "chiếc", "cái", "lần", "suất", "tuổi",
    "năm", "tháng", "tuần", "ngày", "giờ", "phút", "giây",
]
# "1,5 triệu tấn gạo", "150 suất quà": measures and classifiers can name what they count
_SELF_NAMING = {"hội viên", "cổ phiếu"}
_TAIL_OK = set(_MEASURES) - {"%", "phần trăm"} | {"suất", "chiếc", "con", "căn", "cái", "cổ phiếu"}
_GLUE_OK = {"%", "ha", "km2", "km²", "km", "m2", "m²", "m3", "m³", "m", "cm", "mm", "kg", "ml", "MW", "kW", "kWh",
            "MWh", "GW", "GWh", "TEU", "°C", "đ", "$", "USD", "VNĐ", "VND", "EUR"}


def _alt(words: Iterable[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


_UNIT_SPELLINGS: dict[str, tuple[str, str | None, str]] = {}
for _sp, _canon, _cur in _CURRENCIES:
    _UNIT_SPELLINGS[_sp.lower()] = (_canon, _cur, "money")
for _sp in _MEASURES:
    _UNIT_SPELLINGS.setdefault(_sp.lower(), ({"phần trăm": "%"}.get(_sp, _sp), None, "measure"))
for _sp in _COUNT_UNITS:
    _UNIT_SPELLINGS.setdefault(_sp.lower(), (_sp, None, "count"))

_ALL_UNITS = [sp for sp, _, _ in _CURRENCIES] + _MEASURES + _COUNT_UNITS
# Unit right after a number, with an optional "/per" ("đồng/lít", "%/năm", "USD/tấn").
_UNIT_RE = re.compile(
    rf"(?P<sp>\s*)(?P<u>{_alt(_ALL_UNITS)})(?![\w²³])(?:\s*/\s*(?P<per>[^\W\d_]+\d?|m2|m3|kg))?(?![\w/])"
)
# "85 USD một thùng", "500.000 đồng mỗi người": a per-unit written out.
_PER_WORD_RE = re.compile(r"\s+(?:một|mỗi)\s+(?P<per>[^\W\d_]+)(?!\w)")
# "từ 500 triệu đồng trở xuống", "18 tuổi trở lên": a threshold.
_THRESHOLD_RE = re.compile(r"\s+trở\s+(?P<dir>xuống|lên)(?!\w)", _I)
# "ở mức 98,86": the level of an index, quoted without unit.
_LEVEL_BEFORE_RE = re.compile(r"(?<!\w)(?:ở|tại|quanh|về|lên|xuống)?\s*mức\s+$", _I)
_LEVEL_NAME_RE = re.compile(r"(?<!\w)(?:chỉ\s+số|tỷ\s+giá|tỉ\s+giá|lãi\s+suất)(?:\s+[^\W\d_][\w\-]*){0,3}", _I)
_COUNTING_ONE_RE = re.compile(
    r"(?<!\w)(?:ít\s+nhất|tối\s+thiểu|tối\s+đa|chỉ\s+có|chỉ|thêm|hơn|gần|khoảng|có\s+tới|duy\s+nhất)\s+$", _I)
_PREFIX_USD_RE = re.compile(r"(?:US\$|\$|USD ?)$")
_K_SUFFIX_RE = re.compile(r"[kK](?=\s*(?:đồng|VNĐ|VND|USD|\$|đ(?!\w)))")
_NOT_CHANGED = {"phiên", "lần", "ngày", "tuần", "tháng", "năm", "quý", "kỳ", "bậc", "hạng", "điểm"}
_TIME_UNITS = {"ngày", "tuần", "tháng", "năm", "giờ", "phút"}
_RELATIVE_AFTER_RE = re.compile(r"\s+(?:trước|qua|vừa\s+qua|vừa\s+rồi|tới|sắp\s+tới|nữa|tiếp\s+theo)(?!\w)", _I)

# --- words around a number -----------------------------------------------------------------------
_QUALIFIERS = [
    "hơn", "trên", "gần", "khoảng", "tối đa", "tối thiểu", "ít nhất", "gần như", "chưa đến", "chưa tới", "chưa đầy",
    "không quá", "không dưới", "dưới", "xấp xỉ", "chừng", "khoảng chừng", "ước tính", "ước khoảng", "trên dưới",
    "lên tới", "lên đến", "tới", "đến", "vượt", "gần như", "tầm", "cỡ", "hàng", "vài", "nhiều hơn", "ít hơn",
    "chỉ", "đúng", "trọn", "quanh", "quanh mức", "sát ngưỡng", "sát mức", "chưa nổi", "lớn hơn", "nhỏ hơn",
    "không vượt quá", "vượt quá", "top",
]
_QUALIFIER_RE = re.compile(rf"(?<!\w)(?P<q>{_alt(_QUALIFIERS)})\s+$", _I)
_CHANGE_RE = re.compile(
    r"(?<!\w)(?P<v>tăng\s+thêm|tăng\s+lên|tăng\s+trưởng|tăng\s+đến|tăng\s+tới|tăng|giảm\s+đi|giảm\s+xuống|giảm\s+còn|"
    r"giảm\s+bớt|giảm|"
    r"cao\s+hơn|thấp\s+hơn|nhiều\s+hơn|ít\s+hơn)\s+$",
    _I,
)
_COMPARED_RE = re.compile(r"\s*,?\s*so\s+với\s+", _I)
_FROM_RE = re.compile(r"(?<!\w)từ\s+$", _I)
_TO_GAP_RE = re.compile(r"\s+(?P<w>lên|xuống|đến|tới|còn)\s+(?:mức\s+)?", _I)
_DASH_RE = re.compile(r"\s*[-–—]\s*")
_UNIT_GAP_RE = re.compile(r"\s+(?:đến|tới)\s+|\s*[-–—]\s*", _I)
_VAGUE_RE = re.compile(
    r"(?<!\w)(?P<q>hàng|vài|mấy)\s+(?P<n>chục|trăm|nghìn|ngàn|vạn|triệu|tỷ|tỉ)"
    r"(?:\s+(?P<n2>nghìn|ngàn|triệu|tỷ|tỉ))?(?!\w)",
    _I,
)
_VAGUE_VALUES = {"chục": 10, "trăm": 100, "nghìn": 1000, "ngàn": 1000, "vạn": 10000, "triệu": 10**6, "tỷ": 10**9,
                 "tỉ": 10**9}
# "0912 345 678", "02373.720.885", "+84 912 345 678"
_PHONE_RE = re.compile(r"(?<![\w.,])(?:\+84|0)\d{1,4}(?:[ .\-]?\d{2,4}){1,4}(?![\w]|[.,]\d)")
# "58-NQ/TW", "04/GP-TTĐT", "357/2025/NĐ-CP", "07/LHHVN"
_DOCNUM_RE = re.compile(r"(?<![\w/])\d+(?:/\d+)*[/\-][^\W\d_][\w.&]*(?:[/\-][\w.&]+)*")

# Words that end a counted-noun phrase: function words plus frequent verbs and modifiers.
_STOP = set("""
và của cho trong với để là được đã có các những tại ở từ đến so vào theo trên dưới nhằm giúp về hoặc hay nhưng mà
thì nên vì do bởi khi sau trước này đó kia nọ ấy đây mỗi mọi cũng đều vẫn còn đang sẽ bị chưa không rất nhiều ít hơn
gần khoảng thuộc trực tăng giảm đạt chiếm gồm như nữa lên xuống ra qua tới cùng bằng tham mới cả chỉ ngay đi lại rồi
thêm năm tháng ngày tuần quý là nay hiện vừa trong đó nhất thứ tỷ triệu nghìn ngàn chục trăm hàng so sánh bình
ước dự kiến cần phải hết tổng số dao tùy tuỳ bán mua nằm
nói kiên tuyên khẳng nhấn cảnh kêu muốn gây tạo làm đưa giữ nhận gửi chuyển đặt ký cam hứa trị mạnh nhẹ vọt rơi
trượt tụt leo bị được sẵn khiến nhờ
""".split())
# A bare number after these words is an ordinal, an article number or an address, not an amount.
_BLOCK_PREV = set("""
thứ điều khoản mục chương phần tầng phòng đường phố quận phường lô thôn xóm tổ khu ấp kỳ khóa khoá hạng lớp cấp bậc
mã trang hình bảng câu đợt vòng lần số quốc tỉnh lộ ql tl km bản tập mẫu sư đoàn trung
""".split())
_ABBREV = {"ts", "ths", "pgs", "gs", "bs", "ks", "tp", "tt", "nxb", "mr", "mrs", "dr", "st", "q", "p", "v.v", "bsckii",
           "bscki", "cn", "ncs", "nsnd", "nsưt"}
_RICH_RE = re.compile(r"\s+phú(?!\w)")
_SENT_END_RE = re.compile(r"[.!?;…]+(?=\s|$)|\n+")
_WORD_RE = re.compile(r"\s*([^\W\d_]+)")
_SUBJECT_VERB_RE = re.compile(r"(?<!\w)(?:là|đạt|ước\s+đạt|lên\s+tới|lên\s+đến|có|gồm|chiếm)\s*:?\s*$", _I)
_SMALL_WORD_NUMBERS = {"hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười"}


# --- sentences -----------------------------------------------------------------------------------
def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at . ! ? ; … and newlines, not after "TS." or inside "23.628"."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        if m.group()[0] == ".":
            word = text[max(0, m.start() - 8):m.start()].split()
            if word and word[-1].lower() in _ABBREV:
                continue
        end = m.end() if m.group()[0] != "\n" else m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


# --- helpers -------------------------------------------------------------------------------------
@dataclass
class _Unit:
    unit: str
    currency: str | None
    kind: str  # money, measure, count
    end: int


def _plain(value: float) -> float | int:
    """114.0 -> 114 so that change dicts read naturally in JSON."""
    return int(value) if float(value).is_integer() else value


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


class _Blocked:
    """Spans no fact may touch (dates, entities, phone and document numbers), with O(log n) queries."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.max_end: list[int] = []
        for _, e in self.spans:
            self.max_end.append(max(e, self.max_end[-1]) if self.max_end else e)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.max_end[i - 1] > start

    def next_start(self, pos: int, default: int) -> int:
        i = bisect.bisect_left(self.starts, pos)
        return min(self.starts[i], default) if i < len(self.starts) else default


def _read_unit(text: str, pos: int, limit: int) -> _Unit | None:
    m = _UNIT_RE.match(text, pos)
    if not m or m.end() > limit:
        return None
    unit = m.group("u")
    canon, currency, kind = _UNIT_SPELLINGS[" ".join(unit.lower().split())]
    if not m.group("sp") and unit not in _GLUE_OK:
        return None
    if unit in ("đ", "đô", "m", "ca", "con", "cái") and text[m.end("u"):m.end("u") + 1].isalpha():
        return None
    if currency and re.match(r"\s+tiền(?!\w)", text[m.end("u"):]):
        return None  # "6 đồng tiền chủ chốt" counts currencies
    end = m.end()
    if m.group("per"):
        canon = f"{canon}/{m.group('per')}"
    elif kind == "money":
        pm = _PER_WORD_RE.match(text, end)
        if pm and pm.end() <= limit and pm.group("per") not in _STOP and pm.group("per").islower():
            per, per_end = _noun_phrase(text, pm.start("per") - 1, limit, max_words=2)
            if per:
                canon, end = f"{canon}/{per}", per_end
    return _Unit(canon, currency, kind, end)


def _noun_phrase(text: str, pos: int, limit: int, max_words: int = 4) -> tuple[str | None, int]:
    """Lowercase words after `pos` (a counted noun), stopping at function words, names and punctuation."""
    words: list[str] = []
    end = pos
    while len(words) < max_words:
        m = _WORD_RE.match(text, end)
        if not m or m.end() > limit or "\n" in m.group():
            break
        w = m.group(1)
        if not words and w == "số":
            title = re.match(r"\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?", text[m.end():limit])
            if title and title.group(1)[0].isupper():  # "02 số Đặc san": issues of a named publication
                extra = [title.group(1)] + ([title.group(2)] if title.group(2) and title.group(2).islower() else [])
                words = ["số", *extra]
                end = m.end() + (title.end() if len(extra) == 2 else title.end(1))
                break
        rich = _RICH_RE.match(text, m.end()) if w in ("tỷ", "tỉ", "triệu") else None
        if rich and rich.end() <= limit:  # "3 tỷ phú": billionaires, a counted noun
            words.append(f"{w} phú")
            end = rich.end()
            continue
        if w != w.lower() or w in _STOP or len(w) == 1 and not words:
            break
        nxt = text[m.end():m.end() + 1]
        if nxt.isdigit() or nxt == "-":
            break  # "F0", "E5": a code, not a noun
        words.append(w)
        end = m.end()
    return (" ".join(words), end) if words else (None, pos)


def _subject_before(text: str, pos: int, sent_start: int, blocked: _Blocked) -> str | None:
    """"tổng số hội viên là 23.628 người" -> "hội viên": the noun right before là/đạt/có."""
    m = _SUBJECT_VERB_RE.search(text, max(sent_start, pos - 20), pos)
    if not m or m.end() != pos:
        return None
    left = text[max(sent_start, m.start() - 60):m.start()]
    tokens = re.findall(r"[^\W\d_]+|[^\w\s]|\d+", left)
    words: list[str] = []
    at = m.start()
    for tok in reversed(tokens):
        at = text.rfind(tok, sent_start, at)
        if not tok[0].isalpha() or blocked.overlaps(at, at + len(tok)) or len(words) == 4:
            break
        sentence_initial = not text[sent_start:at].strip()
        if tok.lower() in _STOP and tok.lower() not in ("tổng", "số") or (tok != tok.lower() and not sentence_initial):
            break
        words.insert(0, tok)
    while words and words[0].lower() in ("tổng", "số", "lượng"):
        words.pop(0)
    if not words:
        return None
    phrase = " ".join(words)
    return phrase[0].lower() + phrase[1:]


def _reject_number(text: str, n: NumberSpan, unit: _Unit | None, sent_start: int) -> bool:
    """True for numbers that are codes, ordinals, phone numbers, years or parts of names."""
    raw = text[n.start:n.end]
    before = text[max(0, n.start - 2):n.start]
    if before[-1:] in ("/", "#", "№") or (before[-1:] == "-" and before[:1].isalpha()):
        return True  # "68/2026", "Covid-19"
    after = text[n.end:n.end + 2]
    if unit is None and (after[:1].isalpha() or after[:1] in ("/", "_") or (after[:1] == "-" and after[1:].isalpha())):
        return True  # "5G", "04/GP", "58-NQ"
    if raw[0] == "0" and len(raw) >= 3 and raw[1].isdigit():
        return True  # "02373853656", "0912": phone-like
    if n.words:
        words = raw.lower().split()
        counting_one = words == ["một"] and bool(_COUNTING_ONE_RE.search(text, max(sent_start, n.start - 14), n.start))
        if len(words) == 1 and not counting_one and (
                words[0] not in _SMALL_WORD_NUMBERS or unit is None and not _is_counter(text, n.end)):
            return True  # "một", "năm", "ba" alone are rarely amounts; "ít nhất một nhà máy" counts
    prev = re.search(r"([^\W\d_]+)\s*$", text[max(sent_start, n.start - 20):n.start])
    if prev:
        pw = prev.group(1)
        verb = pw.lower() == "bản" and re.search(r"(?:xuất|ấn)\s+bản\s*$", text[max(sent_start, n.start - 20):n.start], _I)
        if pw.lower() in _BLOCK_PREV and not verb and (
                unit is None or unit.kind != "count" or pw.lower() in ("thứ", "lần")):
            return True
        prev_start = n.start - len(text[max(sent_start, n.start - 20):n.start]) + prev.start(1)
        sentence_initial = not text[sent_start:prev_start].strip()
        if pw != pw.lower() and not sentence_initial and (unit is None or unit.kind == "count"):
            return True  # "RON 92", "Quận 1", "Euro 2024"
    # a bare year ("2021 người" would be written "2.021 người")
    return not n.words and n.scale == 1 and bool(re.fullmatch(r"(19|20)\d\d|2100", raw)) and \
        (unit is None or unit.kind == "count")


_COUNTERS = {"người", "ca", "hộ", "vụ", "lượt", "lần", "ngày", "tháng", "năm", "tuần", "giờ", "xã", "huyện", "tỉnh",
             "trường", "đơn", "doanh", "dự", "công", "chiếc", "con", "căn", "cơ", "đội", "nhóm", "đoàn", "hội", "bệnh",
             "học", "sinh", "em", "cháu", "gia", "tấn", "triệu", "nghìn", "ngàn", "bên", "phương", "khách", "nước",
             "quốc", "nhà", "tàu", "máy", "chuyến", "lô", "tuyến", "ngành", "ngân", "bộ", "sở", "chiến", "lao",
             "thành", "cổ", "mã", "phiên", "kỳ", "đợt", "vòng", "trận", "bàn", "mẫu", "loại", "khu", "địa"}


def _is_counter(text: str, pos: int) -> bool:
    m = _WORD_RE.match(text, pos)
    return bool(m) and m.group(1).lower() in _COUNTERS - {"bên", "phương"}


@dataclass
class _Draft:
    start: int
    end: int
    value: float | None
    unit: _Unit | None = None
    quantity_of: str | None = None
    qualifier: str | None = None
    lo: float | None = None
    hi: float | None = None
    change: dict[str, Any] | None = None
    vague: bool = False


def _tail(text: str, pos: int, limit: int) -> tuple[_Unit | None, str | None, int]:
    """Unit and counted noun after a number: (unit, quantity_of, end)."""
    unit = _read_unit(text, pos, limit)
    end = unit.end if unit else pos
    noun = None
    if unit is None or unit.unit in _TAIL_OK:
        noun, end2 = _noun_phrase(text, end, limit)
        if noun:
            end = end2
    return unit, noun, end


def _head(text: str, start: int, sent_start: int) -> tuple[str | None, int, str | None, bool]:
    """Qualifier and change verb before a number: (qualifier, new start, direction, states the new level)."""
    window = text[max(sent_start, start - 30):start]
    qualifier = None
    qm = _QUALIFIER_RE.search(window)
    if qm:
        qualifier = " ".join(qm.group("q").lower().split())
        if qualifier in ("tới", "đến") and not _CHANGE_RE.search(window[:qm.start()]):
            qualifier = None  # "đến 20 người" after a verb is fine, but "từ 10 đến 20" is handled as a range
        else:
            start -= len(window) - qm.start()
            window = window[:qm.start()]
    cm = _CHANGE_RE.search(window)
    direction, to_level = None, False
    if cm:
        verb = cm.group("v").lower()
        direction = "decrease" if verb.startswith(("giảm", "thấp", "ít")) else "increase"
        if verb.startswith(("cao", "thấp", "nhiều", "ít")):
            direction = None  # "cao hơn thế giới 20 triệu": a difference, not a change over time
        # "tăng lên 700.000 đồng" gives the new level, "tăng (thêm) 114 hội viên" the difference
        to_level = verb.split()[-1] in ("lên", "xuống", "còn", "đến", "tới")
    return qualifier, start, direction, to_level


# --- main ----------------------------------------------------------------------------------------
def find_facts(text: str, dates: Sequence[DateMention] = (), exclude: Sequence[tuple[int, int]] = ()) -> list[Fact]:
    """Numeric facts in `text`, sorted by start, never overlapping a date mention or an `exclude` span.

    Each fact carries value (or min/max for a range), unit, currency, counted thing, qualifier,
    change ("tăng 114 hội viên so với năm 2020"), the date of its sentence and the sentence itself.
    """
    spans = [(d.start, d.end) for d in dates] + [(int(s), int(e)) for s, e in exclude]
    spans += [m.span() for m in _PHONE_RE.finditer(text) if sum(ch.isdigit() for ch in m.group()) >= 9]
    spans += [m.span() for m in _DOCNUM_RE.finditer(text)]
    blocked = _Blocked(spans)
    ordered = sorted(dates, key=lambda dm: dm.start)
    date_starts = [dm.start for dm in ordered]
    facts: list[Fact] = []
    for s_start, s_end in split_sentences(text):
        lo, hi = bisect.bisect_left(date_starts, s_start), bisect.bisect_left(date_starts, s_end)
        facts.extend(_sentence_facts(text, s_start, s_end, blocked, ordered[lo:hi]))
    facts.sort(key=lambda f: f.start)
    return facts


def _numbers_in(text: str, s_start: int, s_end: int, blocked: _Blocked,
                taken_before: Sequence[tuple[int, int]] = ()) -> list[NumberSpan]:
    spans: list[NumberSpan] = []
    for m in _VAGUE_RE.finditer(text, s_start, s_end):
        if not blocked.overlaps(m.start(), m.end()):
            value = _VAGUE_VALUES[m.group("n").lower()] * (_VAGUE_VALUES[m.group("n2").lower()] if m.group("n2") else 1)
            spans.append(NumberSpan(m.start(), m.end(), float(value), True, -1))  # scale -1 marks "vague"
    taken = [(n.start, n.end) for n in spans] + list(taken_before)
    for n in find_numbers(text[s_start:s_end]):
        n = NumberSpan(n.start + s_start, n.end + s_start, n.value, n.words, n.scale)
        if not blocked.overlaps(n.start, n.end) and not _overlaps(taken, n.start, n.end):
            spans.append(n)
    spans.sort(key=lambda n: n.start)
    return spans


def _limit_after(pos: int, s_end: int, blocked: _Blocked) -> int:
    """How far a phrase starting at `pos` may extend: to the sentence end or the next blocked span."""
    return blocked.next_start(pos, s_end)


def _sentence_facts(text: str, s_start: int, s_end: int, blocked: _Blocked,
                    dates: Sequence[DateMention]) -> list[Fact]:
    ratios = _ratio_drafts(text, s_start, s_end, blocked)
    nums = _numbers_in(text, s_start, s_end, blocked, [(d.start, d.end) for d in ratios])
    drafts: list[_Draft] = []
    i = 0
    last_end = s_start
    while i < len(nums):
        n = nums[i]
        nxt = nums[i + 1] if i + 1 < len(nums) else None
        draft, used = _build(text, n, nxt, s_start, s_end, blocked)
        i += used
        if draft is None or draft.start < last_end:
            continue
        drafts.append(draft)
        last_end = draft.end
    if ratios:
        drafts = [d for d in drafts if not any(r.start < d.end and d.start < r.end for r in ratios)]
        drafts = sorted(drafts + ratios, key=lambda d: d.start)
    sentence = text[s_start:s_end].strip()
    out = []
    for d in drafts:
        change = d.change
        compared: tuple[int, int] | None = None
        if change is not None:
            cm = _COMPARED_RE.match(text, d.end)
            if cm and cm.end() <= s_end:
                change["compared_with"], c_end = _compared_with(text, cm.end(), s_end, dates)
                compared = (cm.end(), c_end)
        unit = d.unit
        out.append(Fact(
            text=text[d.start:d.end], start=d.start, end=d.end, value=d.value,
            unit=unit.unit if unit else None, quantity_of=d.quantity_of, qualifier=d.qualifier,
            min=d.lo, max=d.hi, currency=unit.currency if unit else None, change=change,
            date=_sentence_date(d, dates, s_start, s_end, compared), vague=d.vague, sentence=sentence,
        ))
    return out


def _ratio_drafts(text: str, s_start: int, s_end: int, blocked: _Blocked) -> list[_Draft]:
    """"gần gấp đôi", "gấp hai đến ba lần", "chưa tới 1/3" as drafts with their qualifier and change."""
    drafts = []
    for r in find_ratios(text, s_start, s_end):
        if blocked.overlaps(r.start, r.end):
            continue
        qualifier, start, direction, _ = _head(text, r.start, s_start)
        unit = _Unit(r.unit, None, "count", r.end) if r.unit else None
        noun, end = (None, r.end) if r.unit else _noun_phrase(text, r.end, _limit_after(r.end, s_end, blocked))
        if noun is None and r.unit is None:
            m = re.match(r"\s+(?:số|tổng\s+số)(?!\w)", text[r.end:s_end])  # "1/3 số hộ"
            if m:
                noun, end = _noun_phrase(text, r.end + m.end(), _limit_after(r.end, s_end, blocked))
                end = end if noun else r.end
        change = {"direction": direction} if direction else None
        drafts.append(_Draft(start, end, r.value, unit, noun, qualifier, r.lo, r.hi, change))
    return drafts


def _compared_with(text: str, pos: int, s_end: int, dates: Sequence[DateMention]) -> tuple[str, int]:
    """What a change is measured against: a date value when one starts there, else a short phrase."""
    for dm in dates:
        if dm.start == pos:
            return dm.value, dm.end
    m = re.match(r"[^,.;:!?()\n\"“”]{1,40}", text[pos:s_end])
    if not m:
        return "", pos
    return " ".join(m.group().split()[:5]), pos + len(m.group())


def _sentence_date(d: _Draft, dates: Sequence[DateMention], s_start: int, s_end: int,
                   compared: tuple[int, int] | None) -> str | None:
    """The nearest date before the fact in its sentence, else the nearest after (not the "so với" one)."""
    inside = [dm for dm in dates if s_start <= dm.start < s_end and dm.kind != "duration"
              and not (compared and compared[0] <= dm.start < compared[1])]
    before = [dm for dm in inside if dm.end <= d.start]
    if before:
        return max(before, key=lambda dm: dm.end).value
    after = [dm for dm in inside if dm.start >= d.end]
    return min(after, key=lambda dm: dm.start).value if after else None


def _build(text: str, n: NumberSpan, nxt: NumberSpan | None, s_start: int, s_end: int,
           blocked: _Blocked) -> tuple[_Draft | None, int]:
    """A draft fact starting at number `n` (and maybe `nxt`); returns it and how many numbers it used."""
    limit = _limit_after(n.end, s_end, blocked)
    vague = n.scale == -1
    if vague:
        unit, noun, end = _tail(text, n.end, limit)
        if unit is None and noun is None:
            return None, 1
        qualifier = text[n.start:n.end].split()[0].lower()
        _, _, direction, _ = _head(text, n.start, s_start)
        change = {"direction": direction} if direction else None
        return _Draft(n.start, end, n.value, unit, noun, qualifier, change=change, vague=True), 1

    # Range "15-25%" / "0,2-1%/năm" / "2-3 triệu người".
    if nxt is not None and nxt.scale != -1 and _DASH_RE.fullmatch(text[n.end:nxt.start]) and not n.words:
        return _range(text, n, nxt, n.start, s_start, s_end, blocked, limit_from=nxt.end)

    km = _K_SUFFIX_RE.match(text, n.end)
    if not km and text[n.start - 1:n.start] == "$":
        km = re.compile(r"[kK](?!\w)").match(text, n.end)
    if km and not n.words:
        n = NumberSpan(n.start, km.end(), n.value * 1000, False, n.scale)  # "10k đồng", "10K$"
    unit_a = _read_unit(text, n.end, limit)
    # "từ 28.959 đồng/lít lên 29.639 đồng/lít" (change) or "từ 1.000 đến 2.000 đồng" (range).
    if nxt is not None and nxt.scale != -1 and _FROM_RE.search(text[max(s_start, n.start - 5):n.start]):
        gap_start = unit_a.end if unit_a else n.end
        gm = _TO_GAP_RE.fullmatch(text[gap_start:nxt.start]) if gap_start <= nxt.start else None
        if gm:
            from_start = text.rfind("từ", s_start, n.start)
            if from_start < 0:
                from_start = text.lower().rfind("từ", s_start, n.start)
            word = gm.group("w").lower()
            if word in ("lên", "xuống", "còn"):
                return _from_to(text, n, nxt, unit_a, from_start, s_start, s_end, blocked)
            return _range(text, n, nxt, from_start, s_start, s_end, blocked, limit_from=nxt.end)
    # "khoảng 750.000 đồng đến 1 triệu đồng": both ends carry the same unit.
    if nxt is not None and nxt.scale != -1 and unit_a is not None and unit_a.end <= nxt.start \
            and _UNIT_GAP_RE.fullmatch(text[unit_a.end:nxt.start]) and n.value < nxt.value:
        unit_b = _read_unit(text, nxt.end, _limit_after(nxt.end, s_end, blocked))
        if unit_b is not None and unit_b.unit.split("/")[0] == unit_a.unit:
            return _range(text, n, nxt, n.start, s_start, s_end, blocked, limit_from=nxt.end, scale_lo=False)

    unit, noun, end = _tail(text, n.end, limit)
    if unit is None and noun is None and "," in text[n.start:n.end] and not n.words \
            and _LEVEL_BEFORE_RE.search(text, max(s_start, n.start - 12), n.start):
        names = list(_LEVEL_NAME_RE.finditer(text, s_start, n.start))
        noun = " ".join(names[-1].group().split()) if names else None  # "chỉ số DXY ... ở mức 98,86"
        qualifier, start, _, _ = _head(text, n.start, s_start)
        return _Draft(start, n.end, n.value, None, noun, qualifier), 1
    prefix = _PREFIX_USD_RE.search(text, max(s_start, n.start - 4), n.start)
    if unit is None and prefix:
        unit = _Unit("USD", "USD", "money", n.end)  # "$10", "USD1,23"
    if _reject_number(text, n, unit, s_start):
        return None, 1
    if unit is None and noun is None:
        return None, 1
    if n.words and unit is None and len(text[n.start:n.end].split()) == 1 and not _is_counter(text, n.end):
        return None, 1
    if unit is None and noun is None and re.match(r"\s+[A-ZĐÀ-Ỹ]", text[end:end + 2]):
        return None, 1
    if unit is not None and unit.unit in _TIME_UNITS and _RELATIVE_AFTER_RE.match(text, end):
        return None, 1  # "3 ngày trước" is a (relative) date, not an amount
    qualifier, start, direction, to_level = _head(text, prefix.start() if unit and prefix else n.start, s_start)
    threshold = _THRESHOLD_RE.match(text, end)
    if threshold and threshold.end() <= limit:
        end, qualifier = threshold.end(), f"trở {threshold.group('dir').lower()}"
        fm = _FROM_RE.search(text, max(s_start, start - 4), start)
        if fm:
            start = fm.start()  # "từ 500 triệu đồng trở xuống"
    if direction and unit is None and noun and noun.split()[0] in _NOT_CHANGED:
        direction = None  # "tăng 5 phiên liên tiếp" counts sessions, it is not the size of the rise
    if noun is None and unit is not None and unit.kind in ("count", "money", "measure"):
        noun = _subject_before(text, start, s_start, blocked)
    if noun is None and unit is not None and unit.unit in _SELF_NAMING:
        noun = unit.unit  # "tăng 114 hội viên": the unit names what is counted
    change = {"direction": direction, "to" if to_level else "by": _plain(n.value)} if direction else None
    return _Draft(start, end, n.value, unit, noun, qualifier, change=change), 1


def _range(text: str, a: NumberSpan, b: NumberSpan, start: int, s_start: int, s_end: int,
           blocked: _Blocked, limit_from: int, scale_lo: bool = True) -> tuple[_Draft | None, int]:
    lo, hi = a.value, b.value
    if scale_lo and a.scale == 1 and b.scale > 1 and lo * b.scale <= hi * 1.0 and not lo > hi:
        lo = lo * b.scale  # "2-3 triệu": the scale of the second number applies to both
    if not lo < hi:
        return None, 2  # "2-1" is a score
    limit = _limit_after(limit_from, s_end, blocked)
    unit, noun, end = _tail(text, b.end, limit)
    if unit is None and noun is None:
        return None, 2
    if _reject_number(text, b, unit, s_start) or re.fullmatch(r"(19|20)\d\d", text[a.start:a.end]):
        return None, 2
    qualifier, new_start, direction, _ = _head(text, start, s_start)
    change = {"direction": direction} if direction else None
    if noun is None and unit is not None:
        noun = _subject_before(text, new_start, s_start, blocked)
    return _Draft(new_start, end, None, unit, noun, qualifier, lo, hi, change), 2


def _from_to(text: str, a: NumberSpan, b: NumberSpan, unit_a: _Unit | None, start: int, s_start: int, s_end: int,
             blocked: _Blocked) -> tuple[_Draft | None, int]:
    limit = _limit_after(b.end, s_end, blocked)
    unit, noun, end = _tail(text, b.end, limit)
    unit = unit or unit_a
    if unit is None and noun is None:
        return None, 2
    direction = "increase" if b.value > a.value else "decrease" if b.value < a.value else None
    change: dict[str, Any] = {"from": _plain(a.value), "to": _plain(b.value), "direction": direction}
    _, new_start, _, _ = _head(text, start, s_start)
    if noun is None:
        noun = _subject_before(text, new_start, s_start, blocked)
    return _Draft(start, end, b.value, unit, noun, None, change=change), 2
