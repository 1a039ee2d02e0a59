"""Main-content extraction: site profile, then generic scoring, then a fallback.

The three layers follow trafilatura's design. Each returns the article as a list
of paragraphs (lead and in-body subheadings included) and says which layer won.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .boilerplate import (
    CAPTION_CLASS,
    CHROME_CLASS,
    CONTENT_CLASS,
    NON_CONTENT_TAGS,
    is_chrome_line,
)
from .site_profiles import SiteProfile

_BLOCK_TAGS = frozenset(
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table "
    "thead tbody tfoot tr td th figure figcaption br hr center address caption".split()
)
_PARAGRAPH_LIKE = ("p", "td", "pre", "blockquote", "li", "h2", "h3", "h4")
_MIN_PARAGRAPH = 25
_BYLINE = re.compile(r"^(?:(?:bài|ảnh|bài và ảnh|tin|nhóm pv|pv|theo)\s*:?\s*)?([^\d.,;:!?()]{3,40}?)\s*(\((?:tổng hợp|theo [^)]*|[^)]{0,30})\))?$", re.I)


@dataclass
class Content:
    """The article body as paragraphs, plus what was set aside from it."""

    paragraphs: list[str]
    layer: str  # "profile", "generic" or "fallback"
    lead: str | None = None
    byline: str | None = None
    images: list[dict[str, str | None]] = field(default_factory=list)
    link_density: float = 0.0
    teasers: int = 0  # linked headlines inside the body: many of them make a listing page


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def _link_density(node: Tag) -> float:
    total = len(_text(node))
    if not total:
        return 0.0
    links = sum(len(_text(a)) for a in node.find_all("a"))
    return min(1.0, links / total)


def _class_tokens(node: Tag) -> list[str]:
    tokens = list(node.get("class") or [])
    if node.get("id"):
        tokens.append(str(node["id"]))
    return tokens


def strip_chrome(soup: BeautifulSoup, keep: Tag | None = None) -> None:
    """Remove non-content tags, comments and blocks whose class or id names chrome."""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(NON_CONTENT_TAGS):
        if keep is None or not _contains(tag, keep):
            tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body") or tag.attrs is None:
            continue
        if any(CHROME_CLASS.search(t) for t in _class_tokens(tag)):
            if tag.find("h1") is not None or (keep is not None and _contains(tag, keep)):
                continue
            tag.decompose()


def _contains(outer: Tag, inner: Tag) -> bool:
    return outer is inner or any(parent is outer for parent in inner.parents)


def _paragraphs(container: Tag) -> list[str]:
    """Text blocks of a container in reading order: block tags and <br> break paragraphs."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buf).split())
        buf.clear()
        if text:
            out.append(text)

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, Comment):
                    buf.append(str(child))
            elif isinstance(child, Tag):
                if child.name in _BLOCK_TAGS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(container)
    flush()
    return out


def _set_aside_images(container: Tag) -> list[dict[str, str | None]]:
    """Remove figures and captions from the body, returning them as image records."""
    images: list[dict[str, str | None]] = []
    figures = container.find_all(["figure", "table"], class_=True) + container.find_all("figure")
    figures += container.find_all(attrs={"type": "Photo"})
    for fig in figures:
        if fig.decomposed:
            continue
        is_figure = fig.name == "figure" or fig.get("type") == "Photo" or any(
            CAPTION_CLASS.search(t) or "picture" in t.lower() or "image" in t.lower() for t in _class_tokens(fig)
        )
        if not is_figure:
            continue
        img = fig.find("img")
        caption_node = fig.find("figcaption") or fig.find(class_=CAPTION_CLASS)
        caption = _text(caption_node) if caption_node else (_text(fig) or None)
        src = (img.get("data-src") or img.get("src")) if img else None
        images.append({"src": src, "caption": caption or None})
        fig.decompose()
    for cap in container.find_all(class_=CAPTION_CLASS):
        if not cap.decomposed:
            images.append({"src": None, "caption": _text(cap) or None})
            cap.decompose()
    return images


def _signature(node: Tag) -> tuple[str, tuple[str, ...]]:
    return node.name, tuple(node.get("class") or ())


def _has_headline_link(node: Tag) -> bool:
    return any(len(_text(a)) >= 20 for a in node.find_all("a", limit=5))


def _count_teasers(container: Tag) -> int:
    """Repeated items that each link a headline: the mark of a listing, not of an article.

    Counts linked headings inside the container, same-shaped linked items among its
    children, and same-shaped linked siblings of the container or of its near
    ancestors (the scorer may pick a single teaser of a listing).
    """
    headings = sum(1 for h in container.find_all(["h2", "h3", "h4", "h5"]) if _has_headline_link(h))
    counts = [headings]
    probes = [(container, None)]
    node = container
    for _ in range(3):
        if not isinstance(node.parent, Tag):
            break
        probes.append((node.parent, node))
        node = node.parent
    for parent, probe in probes:
        if not isinstance(parent, Tag):
            continue
        children = [c for c in parent.find_all(True, recursive=False) if c.name not in ("p", "br", "span", "a")]
        signatures: dict[tuple[str, tuple[str, ...]], int] = {}
        for child in children:
            if _has_headline_link(child):
                signatures[_signature(child)] = signatures.get(_signature(child), 0) + 1
        if probe is None:
            counts.append(max(signatures.values(), default=0))
        else:
            counts.append(signatures.get(_signature(probe), 0))
    return max(counts)


def _drop_link_boxes(container: Tag) -> None:
    """Related-article boxes inside the body: blocks made mostly of links."""
    for node in container.find_all(["div", "ul", "ol", "table", "section", "p"]):
        if node.decomposed:
            continue
        links = node.find_all("a")
        if not links:
            continue
        text = _text(node)
        if text and _link_density(node) > 0.6 and (len(links) >= 2 or len(text) < 200):
            node.decompose()


def _score_candidates(root: Tag) -> dict[int, tuple[Tag, float]]:
    """Readability-style scores: each paragraph feeds its parent and grandparents."""
    scores: dict[int, tuple[Tag, float]] = {}
    for node in root.find_all(_PARAGRAPH_LIKE + ("div",)):
        if node.name == "div":
            direct = "".join(str(c) for c in node.children if isinstance(c, NavigableString))
            text = " ".join(direct.split())
        else:
            text = _text(node)
        if len(text) < _MIN_PARAGRAPH:
            continue
        score = 1 + text.count(",") + min(len(text) // 100, 3)
        for depth, ancestor in enumerate([node.parent, node.parent.parent if node.parent else None, None]):
            if ancestor is None or not isinstance(ancestor, Tag):
                break
            key = id(ancestor)
            old = scores.get(key, (ancestor, _class_prior(ancestor)))[1]
            scores[key] = (ancestor, old + score / (1 + depth))
    return scores


def _class_prior(node: Tag) -> float:
    return 10.0 if any(CONTENT_CLASS.search(t) for t in _class_tokens(node)) else 0.0


def _best_container(root: Tag) -> Tag | None:
    scores = _score_candidates(root)
    if not scores:
        return None
    top = sorted(scores.values(), key=lambda item: item[1], reverse=True)[:8]
    ranked = [(node, score * (1 - _link_density(node))) for node, score in top]
    best, best_score = max(ranked, key=lambda item: item[1])
    return best if best_score > 5 else None


def _clean_paragraphs(paragraphs: list[str]) -> list[str]:
    return [p for p in paragraphs if not is_chrome_line(p)]


def _split_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """A short last line of names ("Xuân Dũng", "Hà Thu (tổng hợp)") is the byline."""
    if len(paragraphs) < 2:
        return paragraphs, None
    last = paragraphs[-1]
    match = _BYLINE.match(last)
    words = last.split()
    if match and 1 < len(words) <= 7 and all(w[:1].isupper() or w.startswith("(") for w in words if w.isalpha()):
        return paragraphs[:-1], match.group(1).strip()
    return paragraphs, None


def _lead(soup: BeautifulSoup, profile: SiteProfile | None) -> str | None:
    """The sapo: by the profile's selector, a sapo-like class, or the first text block after the headline."""
    selectors = [profile.lead] if profile and profile.lead else []
    selectors.append("[class*=sapo], [class*=chapeau], [class*=lead], p.description, h2.description")
    for selector in selectors:
        node = soup.select_one(selector)
        if node is not None:
            text = _text(node)
            if 40 <= len(text) <= 1200:
                return text
    h1 = soup.find("h1")
    if h1 is None:
        return None
    # Many sites put the sapo in an unmarked <h2> or <p> right after the headline, outside the body.
    for node in h1.find_all_next(["h2", "p", "div"], limit=12):
        if node.find(["p", "div", "h2"]) is not None:
            continue
        text = _text(node)
        if 60 <= len(text) <= 800 and _link_density(node) < 0.3:
            return text
    return None


def extract_content(soup: BeautifulSoup, profile: SiteProfile | None = None) -> Content:
    """Find the article body in a parsed page (the soup is modified)."""
    body: Tag | None = None
    layer = "generic"
    if profile and profile.body:
        body = soup.select_one(profile.body)
        if body is not None:
            layer = "profile"
            for selector in profile.drop:
                for node in body.select(selector):
                    node.decompose()
    lead = _lead(soup, profile)
    strip_chrome(soup, keep=body)
    if body is None:
        body = _best_container(soup.body or soup)
    if body is None:
        paragraphs = [_text(p) for p in soup.find_all("p") if len(_text(p)) >= 40 and _link_density(p) < 0.5]
        return Content(_clean_paragraphs(paragraphs), "fallback", lead=lead)
    images = _set_aside_images(body)
    density = _link_density(body)
    _drop_link_boxes(body)
    # Counted after related-link boxes are gone: those are headline lists inside articles too.
    teasers = _count_teasers(body)
    paragraphs = _clean_paragraphs(_paragraphs(body))
    paragraphs, byline = _split_byline(paragraphs)
    if lead:
        # The lead may also sit inside the body: keep one copy, first.
        duplicate = next((i for i, p in enumerate(paragraphs) if p.startswith(lead[:60])), None)
        if duplicate is not None:
            del paragraphs[duplicate]
        paragraphs.insert(0, lead)
    return Content(paragraphs, layer, lead=lead, byline=byline, images=images, link_density=density, teasers=teasers)
