"""Vietnamese numbers: digit strings with Vietnamese separators, number words and scale words.

Vietnamese writes "." as the thousands separator and "," as the decimal mark ("1.200.000",
"2,5"), spells numbers with words ("hai mươi mốt", "một trăm linh năm") and scales with
"nghìn"/"ngàn", "triệu", "tỷ"/"tỉ" ("2,5 triệu", "34.500 tỷ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

DIGIT_WORDS: dict[str, int] = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "nhăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
SCALE_WORDS: dict[str, int] = {"nghìn": 10**3, "ngàn": 10**3, "vạn": 10**4, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_STRUCT_WORDS = {"mười", "mươi", "chục", "trăm", "linh", "lẻ", "rưỡi"}
NUMBER_WORDS: frozenset[str] = frozenset(DIGIT_WORDS) | frozenset(SCALE_WORDS) | frozenset(_STRUCT_WORDS)

# Case-sensitive on purpose: "5m" is five metres, "3M" three million (Duckling style).
_SUFFIXES = {"k": 10**3, "K": 10**3, "M": 10**6, "G": 10**9}

_LITERAL_RE = re.compile(
    r"""(?:
        (?P<vi>\d{1,3}(?:\.\d{3})+)(?:,(?P<vi_frac>\d+))?      # 1.200.000 / 1.200,5: dots group thousands
      | (?P<en>\d{1,3}(?:,\d{3}){2,})(?:\.(?P<en_frac>\d+))?   # 1,200,000: only unambiguous with 2+ groups
      | (?P<plain>\d*)(?:[.,](?P<frac>\d+))?                   # 02, 1,5, ,77 and 1.5 / 3.14 (not 3 digits)
    )$""",
    re.VERBOSE,
)

_SCALE_ALT = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))
# "tỷ phú", "triệu phú" (billionaire, millionaire) and "tỷ lệ" (rate) are words, not multipliers.
_NOT_SCALE = r"(?!\s+(?:phú|lệ)(?!\w))"
_NOT_SCALE_RE = re.compile(r"\s+(?:phú|lệ)(?!\w)", re.IGNORECASE)
_WORD_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

# A digit number with optional scale words: "23.628", "2,5 triệu", "34.500 tỷ", "1 triệu 200 nghìn".
DIGIT_NUMBER_RE = re.compile(
    rf"(?<![\w.,])(?:\d+(?:[.,]\d+)*|,\d+)"
    rf"(?:\s+(?:{_SCALE_ALT})(?!\w){_NOT_SCALE})*"
    rf"(?:\s+\d{{1,3}}(?:,\d+)?\s+(?:{_SCALE_ALT})(?!\w){_NOT_SCALE})*"
    rf"(?:\s+rưỡi(?!\w))?"
)
# A run of Vietnamese number words: "hai mươi mốt", "một trăm linh năm", "năm nghìn".
WORD_NUMBER_RE = re.compile(rf"(?<!\w)(?:{_WORD_ALT})(?:\s+(?:{_WORD_ALT}))*(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class NumberSpan:
    """A number found in text: `text[start:end]`, its value and how it was written."""

    start: int
    end: int
    value: float
    words: bool = False  # spelled with words ("hai mươi") rather than digits
    scale: int = 1  # the scale word multiplier that was applied ("triệu" -> 10**6)


def _parse_literal(token: str) -> Decimal | None:
    mult = 1
    if len(token) > 1 and token[-1] in _SUFFIXES:
        mult, token = _SUFFIXES[token[-1]], token[:-1]
    if not any(ch.isdigit() for ch in token):
        return None
    m = _LITERAL_RE.match(token)
    if not m:
        return None
    if m.group("vi"):
        int_part, frac = m.group("vi").replace(".", ""), m.group("vi_frac")
    elif m.group("en"):
        int_part, frac = m.group("en").replace(",", ""), m.group("en_frac")
    else:
        int_part, frac = m.group("plain") or "0", m.group("frac")
    try:
        value = Decimal(f"{int_part}.{frac}") if frac else Decimal(int(int_part))
    except InvalidOperation:
        return None
    return value * mult


def _parse_words_below_1000(words: list[str]) -> int | None:
    """Value of a spelled group below one thousand ("ba trăm linh năm"), None if malformed."""
    n, i, value = len(words), 0, 0
    after_hundred = False
    if i + 1 < n and words[i] in DIGIT_WORDS and words[i + 1] == "trăm":
        value, i, after_hundred = DIGIT_WORDS[words[i]] * 100, i + 2, True
    elif i < n and words[i] == "trăm":
        value, i, after_hundred = 100, i + 1, True
    if i == n:
        return value if n else None
    w = words[i]
    if w == "rưỡi" and after_hundred and i == n - 1:
        return value + 50
    if w in ("linh", "lẻ"):
        if i + 2 != n or words[i + 1] not in DIGIT_WORDS:
            return None
        return value + DIGIT_WORDS[words[i + 1]]
    if w == "mười":
        value, i = value + 10, i + 1
    elif w == "chục" and i == n - 1:
        return value + 10
    elif w in DIGIT_WORDS and i + 1 < n and words[i + 1] in ("mươi", "chục"):
        value, i = value + DIGIT_WORDS[w] * 10, i + 2
    elif w in DIGIT_WORDS and i == n - 1:
        # "một trăm hai" is colloquial for 120, not 102 (that is "một trăm linh hai").
        return value + DIGIT_WORDS[w] * (10 if after_hundred else 1)
    else:
        return None
    if i == n:
        return value
    if i == n - 1 and words[i] in DIGIT_WORDS and words[i] != "không":
        return value + DIGIT_WORDS[words[i]]
    return None


def _segment_value(seg: list[str], prev_scale: int | None) -> Decimal | None:
    """Value of the tokens between two scale words."""
    if len(seg) == 1:
        lit = _parse_literal(seg[0])
        if lit is not None:
            return lit
    if len(seg) == 2 and seg[1].lower() == "trăm":
        lit = _parse_literal(seg[0])
        if lit is not None:
            return lit * 100
    words = [w.lower() for w in seg]
    if any(w not in NUMBER_WORDS for w in words):
        return None
    if prev_scale and len(words) == 1:
        # "hai triệu rưỡi" = 2.5 million, "một nghìn hai" = 1200: relative to the scale before.
        if words[0] == "rưỡi":
            return Decimal(prev_scale) / 2
        if words[0] in DIGIT_WORDS and words[0] != "không":
            return Decimal(DIGIT_WORDS[words[0]]) * prev_scale / 10
    value = _parse_words_below_1000(words)
    return None if value is None else Decimal(value)


def _parse_tokens(tokens: list[str]) -> Decimal | None:
    segments: list[tuple[list[str], int | None]] = []
    seg: list[str] = []
    for tok in tokens:
        low = tok.lower()
        if low in SCALE_WORDS:
            segments.append((seg, SCALE_WORDS[low]))
            seg = []
        else:
            seg.append(tok)
    segments.append((seg, None))
    total, last_scale = Decimal(0), None
    for seg, scale in segments:
        if not seg and scale is None:
            continue
        value = _segment_value(seg, last_scale if scale is None else None) if seg else None
        if seg and value is None:
            return None
        if scale is None:
            total += value
            continue
        if last_scale is None or scale > last_scale:
            # A bigger scale multiplies everything before it: "hai trăm nghìn tỷ" = 200 000 * 10^9.
            base = value if value is not None else Decimal(0 if total else 1)
            total = (total + base) * scale
        else:
            total += (value if value is not None else 1) * scale
        last_scale = scale
    return total


def parse_number(text: str) -> float | None:
    """Parse a Vietnamese number string ("1.200.000", "2,5 triệu", "hai mươi mốt"); None if it is not one."""
    s = " ".join(text.split())
    if not s:
        return None
    negative = False
    if s[0] in "-−–":
        negative, s = True, s[1:].lstrip()
    elif s.lower().startswith("âm "):
        negative, s = True, s[3:].lstrip()
    if not s:
        return None
    value = _parse_tokens(s.split(" "))
    if value is None:
        return None
    return float(-value if negative else value)


def find_numbers(text: str) -> list[NumberSpan]:
    """All digit and word numbers in `text`, sorted and non-overlapping (digits take precedence)."""
    found: list[NumberSpan] = []
    for m in DIGIT_NUMBER_RE.finditer(text):
        value = parse_number(m.group())
        if value is None:
            continue
        tokens = m.group().split()
        scale = SCALE_WORDS.get(tokens[1].lower(), 1) if len(tokens) > 1 else 1
        found.append(NumberSpan(m.start(), m.end(), value, False, scale))
    taken = [(n.start, n.end) for n in found]
    for m in WORD_NUMBER_RE.finditer(text):
        start, end = m.start(), m.end()
        words = m.group().split()
        if len(words) > 1 and words[-1].lower() == "năm" and words[-2].lower() in ("mươi", "mười", "trăm", "chục"):
            end = start + m.group().rstrip().rfind(words[-1])
            while end > start and text[end - 1].isspace():
                end -= 1
        if words[-1].lower() in SCALE_WORDS and _NOT_SCALE_RE.match(text, end):
            # "một tỷ phú" is one billionaire: drop the scale word
            end = start + m.group().rstrip().rfind(words[-1])
            while end > start and text[end - 1].isspace():
                end -= 1
            if end == start:
                continue
        if text[start:end].lower() == "không":  # far more often "not" than zero
            continue
        value = parse_number(text[start:end])
        if value is None or any(s < end and start < e for s, e in taken):
            continue
        found.append(NumberSpan(start, end, value, True, 1))
    found.sort(key=lambda n: n.start)
    return found
