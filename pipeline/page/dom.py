"""Small lxml helpers shared by the page-level extraction stages."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector

from pipeline.errors import EmptyPageError

from .sanitize import clean_markup, flatten_markup, flatten_tree

# Plain lxml elements: lxml.html's element classes cost a Python-level lookup for every node visited.
Element = etree._Element
_STRING = etree.XPath("string()", smart_strings=False)
# Length of the text with whitespace collapsed, counted in C (XML whitespace; a no-break space counts
# as a character, which moves a ratio by a hair).
_LENGTH = etree.XPath("string-length(normalize-space())")


def _parse(html: str) -> tuple[Element, bool]:
    """The tree, and whether libxml2 stopped at its nesting limit (and so lost text)."""
    parser = etree.HTMLParser(huge_tree=True)
    try:
        root = etree.fromstring(html, parser)
    except (etree.ParserError, ValueError) as exc:
        raise EmptyPageError(f"the page has no parsable HTML content ({exc}); check the file or URL") from exc
    if root is None:
        raise EmptyPageError("the page has no parsable HTML content (Document is empty); check the file or URL")
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


def parse_html(html: str, checked: bool = False) -> Element:
    """The document tree of a page; raises EmptyPageError for markup without content.

    Hostile markup is repaired first (control characters, an XML declaration, nesting
    deeper than libxml2 reads), so that no readable text is lost; `checked` as for `clean_markup`.
    """
    html = clean_markup(html, checked)
    root, too_deep = _parse(html)
    if too_deep:
        root, _ = _parse(flatten_markup(html))
    flatten_tree(root)
    return root


@lru_cache(maxsize=512)
def css(selector: str) -> CSSSelector:
    """A compiled CSS selector (profiles are data, so selectors are compiled once and cached)."""
    return CSSSelector(selector, translator="html")


def select(root: Element, selector: str | None) -> list[Element]:
    """Elements matching a CSS selector, in document order; [] for no selector."""
    return css(selector)(root) if selector else []


def select_one(root: Element, selector: str | None) -> Element | None:
    """First element matching a CSS selector, or None."""
    found = select(root, selector)
    return found[0] if found else None


def all_text(el: Element) -> str:
    """All the text inside an element, as written."""
    return _STRING(el)


def text_of(el: Element) -> str:
    """The element's text with whitespace collapsed."""
    return " ".join(_STRING(el).split())


def spaced_text(el: Element) -> str:
    """The element's text with whitespace collapsed and a <br> read as a space (a headline set on
    two lines with <br> keeps its words apart)."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == "br":
                parts.append(" ")
            elif isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def link_density(el: Element) -> float:
    """Share of the element's text that sits inside links."""
    total = _LENGTH(el)
    if not total:
        return 0.0
    return min(1.0, sum(_LENGTH(a) for a in el.iter("a")) / total)


def class_tokens(el: Element) -> list[str]:
    """Class names and id of an element."""
    tokens = (el.get("class") or "").split()
    if el.get("id"):
        tokens.append(el.get("id"))
    return tokens


def remove(el: etree._Element) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def elements(root: Element, *tags: str):
    """Element nodes only (no comments or processing instructions), optionally by tag."""
    return root.iter(*tags) if tags else root.iter(etree.Element)
