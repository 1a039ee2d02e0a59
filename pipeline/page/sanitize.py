"""Markup that lxml and the body cleaner can take, whatever the page holds.

lxml refuses text with control characters or NUL bytes, and str input that starts with an
XML declaration naming an encoding; libxml2 drops everything past 2,048 levels of nesting
(256 without its huge-tree option), and a deep tree would also exhaust Python's recursion
in later stages. Each repair keeps every readable character.
"""

from __future__ import annotations

import re
import unicodedata
from typing import AnyStr

from lxml import etree

# C0 controls other than tab, newline and carriage return; DEL and C1 controls; the
# non-characters XML forbids. Lone surrogates come from broken decoding of UTF-16 pairs.
# A browser shows none of them, so they go without a trace (a stray NUL inside a word must not
# split it); vertical tab and form feed separate words, so they become spaces.
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Character references to those characters ("&#0;", "&#x1b;"): lxml would decode them into the tree.
# Only the code ranges that can hold them are matched (most pages are full of "&#7897;"-style letters).
_CHAR_REFERENCE = re.compile(r"&#(?:[xX]0*([01]?[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2}|"
                             r"[fF]{3}[eEfF]|[0-9a-fA-F]{7,})(?![0-9a-fA-F])"
                             r"|0*(3[01]|[12]?[0-9]|12[7-9]|1[3-5][0-9]|[0-9]{5,})(?![0-9]));?")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)([^>]*)>")
# Wrappers to unwrap past the limit. A block wrapper leaves a line break behind, so that the
# words on either side of it stay apart.
_BLOCK_WRAPPERS = frozenset({"div", "section", "article", "main", "center", "blockquote", "table", "tbody",
                             "tr", "td", "ul", "ol", "li"})
_WRAPPERS = _BLOCK_WRAPPERS | {"span", "font", "b", "i", "u", "em", "strong", "small", "big", "a"}
MAX_DEPTH = 120  # deeper elements are unwrapped; real article pages stay far below it


def clean_markup(html: str, checked: bool = False) -> str:
    """The page without an XML declaration and without characters lxml refuses; `checked` says the
    page's bytes were already found free of them (`refused_bytes`)."""
    html = _XML_DECLARATION.sub("", html, count=1)
    html = _CHAR_REFERENCE.sub(_safe_reference, html) if "&#" in html else html
    if checked or not _refused(html):  # the common case
        return html
    return _XML_INCOMPATIBLE.sub("", html.replace("\x0b", " ").replace("\x0c", " "))


_C0 = bytes(c for c in range(32) if c not in (9, 10, 13))
_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")


def refused_bytes(data: bytes) -> bool:
    """The same test on a page's bytes in UTF-8 or a single-byte encoding, before decoding (faster:
    no encoding step). UTF-16 and UTF-32 pages cannot be tested this way."""
    return len(data.translate(None, _C0)) != len(data) or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data


def _refused(html: str) -> bool:
    """Whether the text holds a character lxml refuses (C0 controls, lone surrogates, U+FFFE/U+FFFF).

    A regular expression over a large page costs milliseconds; the same test on its UTF-8 bytes
    (bytes.translate and substring search, both in C) costs a fraction of that.
    """
    data = html.encode("utf-8", "surrogatepass")
    return refused_bytes(data) or (b"\xed" in data and _SURROGATE.search(data) is not None)


def _safe_reference(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    if code > 0x10FFFF or _XML_INCOMPATIBLE.match(chr(code)):
        return ""
    return match.group(0)


def flatten_markup(html: str, limit: int = MAX_DEPTH) -> str:
    """Drop the tags (not the text) of wrapper elements nested deeper than `limit`.

    Used only when libxml2 has reported that the page is nested past its own limit.
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, kept)
    position = 0
    for match in _TAG.finditer(html):
        out.append(html[position:match.start()])
        position = match.end()
        closing, tag, rest = match.group(1), match.group(2).lower(), match.group(3)
        if tag not in _WRAPPERS or rest.rstrip().endswith("/"):
            out.append(match.group(0))
        elif not closing:
            kept = len(stack) < limit
            stack.append((tag, kept))
            out.append(match.group(0) if kept else "\n" if tag in _BLOCK_WRAPPERS else "")
        else:
            # Close the nearest open element of this tag; stray closing tags are dropped.
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == tag:
                    kept = stack[i][1]
                    del stack[i:]
                    out.append(match.group(0) if kept else "\n" if tag in _BLOCK_WRAPPERS else "")
                    break
    out.append(html[position:])
    return "".join(out)


_TOO_DEEP = etree.XPath("/*" + "/*" * MAX_DEPTH)  # any element past the limit: one C-level pass


def flatten_tree(root: etree._Element, limit: int = MAX_DEPTH) -> None:
    """Unwrap elements nested deeper than `limit` in place; their text and children stay."""
    if limit == MAX_DEPTH and not _TOO_DEEP(root):
        return
    deep = []
    depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > limit and el.tag in _WRAPPERS:
                deep.append(el)
        else:
            depth -= 1
    for el in reversed(deep):  # deepest first: each unwrap moves its children up one level
        if el.tag in _BLOCK_WRAPPERS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
        drop_tag(el)


def drop_tag(el: etree._Element) -> None:
    """Remove an element's tag, keeping its text, children and tail in place (lxml.html's drop_tag,
    for plain lxml elements)."""
    parent = el.getparent()
    if parent is None:
        return
    previous = el.getprevious()
    if el.text and isinstance(el.tag, str):
        if previous is None:
            parent.text = (parent.text or "") + el.text
        else:
            previous.tail = (previous.tail or "") + el.text
    if el.tail:
        if len(el):
            el[-1].tail = (el[-1].tail or "") + el.tail
        elif previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    index = parent.index(el)
    parent[index:index + 1] = el[:]


# Combining marks (U+0300-U+036F): Windows-1258 pages and some editors write tone marks as separate
# characters; in UTF-8 they are the byte pairs CC 80 to CD AF.
_COMBINING_MARKS = re.compile("[\u0300-\u036f]+")
_COMBINING_UTF8 = re.compile(rb"\xcc[\x80-\xbf]|\xcd[\x80-\xaf]")
_FEW_MARKS = 64  # up to this many, each mark is found with str.find; past it, one scan of the text


def compose_marks(html: str, utf8: bytes | None = None) -> str:
    """The page with each letter and its combining marks composed (NFC), as every pattern of this
    stage and the output are written. Only those letters are touched (normalising a whole 300 KB
    page takes milliseconds); `utf8` is the page's own UTF-8 bytes, scanned far faster than text."""
    if utf8 is not None:
        # The lead bytes CC and CD are found with memchr; a scan of every character is far slower.
        leads = _positions(utf8, b"\xcc", _FEW_MARKS + 1) + _positions(utf8, b"\xcd", _FEW_MARKS + 1)
        pairs = {utf8[i:i + 2] for i in leads}
        marks = {p.decode("utf-8", "replace") for p in pairs if _COMBINING_UTF8.fullmatch(p)}
        if not marks:
            return html
        if len(leads) <= _FEW_MARKS:  # a few stray marks: find them with str.find too
            return _compose_at(html, sorted(i for mark in marks for i in _positions(html, mark)))
    return _compose_at(html, [m.start() for m in _COMBINING_MARKS.finditer(html)])


def _positions(text: AnyStr, char: AnyStr, limit: int | None = None) -> list[int]:
    """Offsets of `char` in `text`, the first `limit` of them when a limit is given."""
    found, at = [], text.find(char)
    while at != -1 and (limit is None or len(found) < limit):
        found.append(at)
        at = text.find(char, at + 1)
    return found


def _compose_at(html: str, marks: list[int]) -> str:
    """NFC applied to the letter before each combining mark (or run of marks) at the given offsets."""
    pieces, last = [], 0
    for at in marks:
        if at < last:
            continue  # inside a run already composed
        end = at
        while end < len(html) and "\u0300" <= html[end] <= "\u036f":
            end += 1
        start = max(at - 1, last)  # the letter the marks belong to
        pieces += [html[last:start], unicodedata.normalize("NFC", html[start:end])]
        last = end
    return "".join(pieces) + html[last:] if pieces else html
