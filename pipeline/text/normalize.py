"""Unicode and Vietnamese tone-mark normalisation, applied once at the edge.

Every later stage (offsets, matching, search) sees one spelling: NFC, with the
tone mark of the open syllables "oa", "oe", "uy" on the first vowel ("hóa",
"khỏe", "thúy"), the convention most Vietnamese news sites print. Moving a tone
mark keeps the string length in NFC, so offsets are unchanged by this step.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks (NFD): grave, acute, hook above, tilde, dot below.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_VOWEL = "aăâeêioôơuưy"
_LETTER = r"[^\W\d_]"

# An open syllable ending in oa/oe/uy whose tone sits on the second vowel ("hoá",
# "khoẻ", "thuỷ"), not preceded by "q" (in "quý" the "u" is part of the consonant)
# and not followed by another letter (with a final consonant, "hoàng", both
# conventions agree).
_NEW_STYLE = re.compile(
    rf"(?<![qQ{_VOWEL}{_VOWEL.upper()}])(?P<first>[oOuU])(?P<second>[aAeEyY])(?P<tone>[{_TONES}])(?!{_LETTER}|[\u0300-\u036f])"
)
_PAIRS = {"o": "ae", "u": "y"}

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# Control characters other than newline and carriage return (tab, form feed and vertical tab are
# spaces above), and lone surrogates from broken UTF-16: never text a reader sees.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _move_tone(match: re.Match[str]) -> str:
    first, second, tone = match.group("first"), match.group("second"), match.group("tone")
    if second.lower() not in _PAIRS[first.lower()]:
        return match.group(0)
    return first + tone + second


def normalize_tones(text: str) -> str:
    """Put tone marks of "oa", "oe", "uy" on the first vowel: "Thanh Hoá" -> "Thanh Hóa"."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _NEW_STYLE.sub(_move_tone, decomposed))


def normalize_text(text: str) -> str:
    """NFC, one tone-mark convention, plain spaces, no zero-width or control characters."""
    text = _CONTROLS.sub("", _ZERO_WIDTH.sub("", text))
    text = _SPACES.sub(" ", text)
    return normalize_tones(unicodedata.normalize("NFC", text))


def _fold_table() -> dict[int, str | None]:
    # Every letter with marks in the Latin blocks maps to its base letters; combining marks vanish.
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0x00C0, 0x2000):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and code not in table:
            table[code] = base
    for code in range(0x0300, 0x0370):
        table[code] = None
    return table


_FOLD = _fold_table()


def fold_diacritics(text: str) -> str:
    """Lower-case ASCII-like key for matching: "Thanh Hóa" -> "thanh hoa"."""
    folded = text.translate(_FOLD)
    if not folded.isascii() and not unicodedata.is_normalized("NFD", folded):  # letters outside the table
        folded = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return folded.lower()
