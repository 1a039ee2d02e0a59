"""Main-content extraction: site profile, then generic scoring, then a fallback.

The three layers follow trafilatura's design. Page-level work (finding the article
container among menus, sidebars and footers) runs on the lxml tree; the container
alone then goes to `cleaner` (BeautifulSoup) for captions, link boxes and
paragraphs. The result says which layer won.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from .chrome import CHROME_CLASS, CONTENT_CLASS, NON_CONTENT_TAGS, is_chrome_line
from .cleaner import clean_body
from .dom import Element, class_tokens, elements, link_density, remove, select, select_one, text_of
from .profiles import SiteProfile

_PARAGRAPH_LIKE = ("p", "td", "pre", "blockquote", "li", "h2", "h3", "h4", "div")
_MIN_PARAGRAPH = 25
_LEAD_SELECTORS = "[class*=sapo], [class*=chapeau], [class*=lead], p.description, h2.description"


@dataclass
class Content:
    """The article body as paragraphs, plus what was set aside from it."""

    paragraphs: list[str]
    layer: str  # "profile", "generic" or "fallback"
    lead: str | None = None
    byline: str | None = None
    images: list[dict[str, str | None]] = field(default_factory=list)
    link_density: float = 0.0
    teasers: int = 0  # repeated linked headlines: the mark of a listing page


def strip_chrome(root: Element, keep: Element | None = None) -> None:
    """Remove comments, non-content tags and blocks whose class or id names chrome."""
    doomed = list(root.iter(etree.Comment))
    # The kept body and its ancestors must survive; a set makes the check O(1) per element.
    protected = {keep, *keep.iterancestors()} if keep is not None else set()
    for el in elements(root):
        if el.tag in NON_CONTENT_TAGS:
            if el not in protected:
                doomed.append(el)
        elif el.tag not in ("html", "body") and any(CHROME_CLASS.search(t) for t in class_tokens(el)):
            if el.find(".//h1") is None and el not in protected:
                doomed.append(el)
    for el in doomed:
        remove(el)


def _direct_text(el: Element) -> str:
    parts = [el.text or ""] + [child.tail or "" for child in el]
    return " ".join("".join(parts).split())


def _best_container(root: Element) -> Element | None:
    """Readability-style scoring: each paragraph feeds its parent and grandparent."""
    scores: dict[Element, float] = {}
    for node in elements(root, *_PARAGRAPH_LIKE):
        text = _direct_text(node) if node.tag == "div" else text_of(node)
        if len(text) < _MIN_PARAGRAPH:
            continue
        score = 1 + text.count(",") + min(len(text) // 100, 3)
        ancestor = node.getparent()
        for depth in range(2):
            if ancestor is None:
                break
            if ancestor not in scores:
                scores[ancestor] = 10.0 if any(CONTENT_CLASS.search(t) for t in class_tokens(ancestor)) else 0.0
            scores[ancestor] += score / (1 + depth)
            ancestor = ancestor.getparent()
    if not scores:
        return None
    top = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:8]
    best, best_score = max(((node, score * (1 - link_density(node))) for node, score in top), key=lambda i: i[1])
    return best if best_score > 5 else None


def _has_headline_link(el: Element) -> bool:
    return any(len(text_of(a)) >= 20 for a in list(el.iter("a"))[:5])


def _sibling_teasers(container: Element) -> int:
    """Same-shaped children or siblings (up to three ancestors) that each link a headline.

    The scorer may pick a single teaser of a listing; its repeated siblings give it away.
    """
    counts = [0]
    probes: list[tuple[Element, Element | None]] = [(container, None)]
    node = container
    for _ in range(3):
        parent = node.getparent()
        if parent is None:
            break
        probes.append((parent, node))
        node = parent
    for parent, probe in probes:
        shapes: dict[tuple[str, str], int] = {}
        for child in parent:
            if not isinstance(child.tag, str) or child.tag in ("p", "br", "span", "a"):
                continue
            if _has_headline_link(child):
                shape = (child.tag, child.get("class") or "")
                shapes[shape] = shapes.get(shape, 0) + 1
        if probe is None:
            counts.append(max(shapes.values(), default=0))
        else:
            counts.append(shapes.get((probe.tag, probe.get("class") or ""), 0))
    return max(counts)


def find_lead(root: Element, profile: SiteProfile | None) -> str | None:
    """The sapo: the profile's selector, a sapo-like class, or the first text block after the headline."""
    for selector in ([profile.lead] if profile and profile.lead else []) + [_LEAD_SELECTORS]:
        node = select_one(root, selector)
        if node is not None and 40 <= len(text := text_of(node)) <= 1200:
            return text
    h1 = root.find(".//h1")
    if h1 is None:
        return None
    # Many sites put the sapo in an unmarked <h2> or <p> right after the headline, outside the body.
    for node in h1.xpath("following::*[self::h2 or self::p or self::div][position() <= 12]"):
        if node.find(".//p") is not None or node.find(".//div") is not None or node.find(".//h2") is not None:
            continue
        if 60 <= len(text := text_of(node)) <= 800 and link_density(node) < 0.3:
            return text
    return None


def _profile_body(root: Element, profile: SiteProfile | None) -> Element | None:
    if not profile or not profile.body:
        return None
    body = select_one(root, profile.body)
    if body is not None:
        for selector in profile.drop:
            for node in select(body, selector):
                remove(node)
    return body


def extract_content(root: Element, profile: SiteProfile | None = None) -> Content:
    """Find the article body in a page tree (the tree is modified)."""
    body = _profile_body(root, profile)
    layer = "profile" if body is not None else "generic"
    lead = find_lead(root, profile)
    strip_chrome(root, keep=body)
    if body is None:
        body = _best_container(root.body if root.find("body") is not None else root)
    if body is None:
        paragraphs = [text_of(p) for p in elements(root, "p") if len(text_of(p)) >= 40 and link_density(p) < 0.5]
        return Content([p for p in paragraphs if not is_chrome_line(p)], "fallback", lead=lead)
    density = link_density(body)
    siblings = _sibling_teasers(body)
    cleaned = clean_body(lxml.html.tostring(body, encoding="unicode"))
    paragraphs = cleaned.paragraphs
    if lead:
        # The lead may also sit inside the body: keep one copy, first.
        duplicate = next((i for i, p in enumerate(paragraphs) if p.startswith(lead[:60])), None)
        if duplicate is not None:
            del paragraphs[duplicate]
        paragraphs.insert(0, lead)
    return Content(paragraphs, layer, lead=lead, byline=cleaned.byline, images=cleaned.images,
                   link_density=density, teasers=max(siblings, cleaned.teasers))
