"""Bytes to text: HTTP header, BOM, <meta charset>, then detection."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy
from bs4 import UnicodeDammit
from charset_normalizer import from_bytes

from pipeline.errors import DecodeError

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I
)
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels that browsers treat as another codec (WHATWG encoding standard).
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
            "windows-1258": "cp1258", "x-user-defined": "cp1252"}


# UTF-8 Vietnamese read as Windows-1252/Latin-1 ("Thá»§ tÆ°á»›ng"): "á»", "áº", "Æ°", "Ä‘", "Ã" + a
# Latin-1 symbol. None of these pairs occurs in real Vietnamese text.
_MOJIBAKE = re.compile(r"á[»º¹]|Æ[°¡¯]|Ä[‘\x91]|Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")


@dataclass(frozen=True)
class DecodedPage:
    """Text of a page with the encoding used and where that encoding came from."""

    text: str
    encoding: str
    source: str  # "bom", "http-header", "meta", "detected"
    mojibake: str | None = None  # "repaired" or "suspected" (could not be repaired)
    mixed: bool = False  # UTF-8 with Windows-1252 bytes pasted in (an ad, a quote from Word), repaired

    @property
    def same_as_bytes(self) -> bool:
        """Whether the text is the page's own bytes decoded as UTF-8, unchanged, so that a scan of the
        bytes (far faster than one of the text) answers for the text."""
        return self.encoding == "utf-8" and not self.mixed and not self.mojibake


# The same pairs as UTF-8 bytes (a superset): on a page decoded as UTF-8, scanning its bytes rules
# mojibake out ten times faster than scanning its text.
_MOJIBAKE_UTF8 = re.compile(rb"\xc3[\xa1\x86\x84\x83](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|"
                            rb"\xcb[\x86\x9c]|\xe2[\x80-\x84][\x80-\xbf])")


def repair_mojibake(text: str, utf8: bytes | None = None) -> tuple[str, str | None]:
    """Undo UTF-8 text that was decoded with a legacy codec; says whether it did, or could not.
    `utf8` is the text's own UTF-8 encoding, when the caller has it (a page decoded as UTF-8)."""
    if (utf8 is not None and not _MOJIBAKE_UTF8.search(utf8)) or not _MOJIBAKE.search(text):
        return text, None
    fixed = ftfy.fix_encoding(text)
    return fixed, "suspected" if _MOJIBAKE.search(fixed) else "repaired"


def _codec(label: str) -> str | None:
    label = _ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(data: bytes, content_type: str | None = None) -> DecodedPage:
    """Decode page bytes: BOM, then the HTTP charset, then <meta charset>, then detection.

    A declared charset that fails to decode the bytes is ignored (servers often lie);
    mojibake in the result is repaired or reported; when everything fails, raises `DecodeError`.
    """
    page = _decode(data, content_type)
    text, mojibake = repair_mojibake(page.text, data if page.same_as_bytes else None)
    return DecodedPage(text, page.encoding, page.source, mojibake, page.mixed)


def _decode(data: bytes, content_type: str | None) -> DecodedPage:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return DecodedPage(data[len(bom):].decode(encoding, errors="replace"), encoding, "bom")
    declared: list[tuple[str, str]] = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        declared.append((m.group(1), "http-header"))
    if m := _META_CHARSET.search(data[:4096]):
        declared.append((m.group(1).decode("ascii", "ignore"), "meta"))
    for label, source in declared:
        codec = _codec(label)
        if codec and (text := _strict(data, codec)) is not None:
            return DecodedPage(text, codec, source)
    if (text := _strict(data, "utf-8")) is not None:
        return DecodedPage(text, "utf-8", "detected")
    if (mixed := _mixed_utf8(data, declared)) is not None:
        return mixed
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError("could not detect the page's character encoding; pass the charset explicitly")
    return DecodedPage(data.decode(best.encoding, errors="replace"), best.encoding, "detected")


def _mixed_utf8(data: bytes, declared: list[tuple[str, str]]) -> DecodedPage | None:
    """A page declared UTF-8 that fails to decode only because Windows-1252 bytes were pasted
    into it: those bytes are re-encoded (BeautifulSoup's `detwingle`) so that nothing is lost."""
    utf8 = [source for label, source in declared if _codec(label) == "utf-8"]
    if not utf8:
        return None  # an undeclared page may be wholly legacy (Windows-1258): detection decides
    text = _strict(UnicodeDammit.detwingle(data), "utf-8")
    return DecodedPage(text, "utf-8", utf8[0], mixed=True) if text is not None else None
