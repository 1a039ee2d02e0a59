"""Article-body cleaning with BeautifulSoup: captions aside, link boxes out, paragraphs in order.

The page-level stage (`content.py`, lxml) hands over only the article container, so this
stage works on a small fragment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .chrome import CAPTION_CLASS, is_caption_line, is_chrome_line

_BLOCK_TAGS = frozenset(
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table "
    "thead tbody tfoot tr td th figure figcaption br hr center address caption".split()
)
_BYLINE = re.compile(
    r"^(?:(?:bài|ảnh|bài và ảnh|tin|nhóm pv|pv|theo)\s*:?\s+)?([^\d.,;:!?()]{3,40}?)\s*"
    r"(\((?:tổng hợp|theo [^)]*|[^)]{0,80})\))?$",
    re.I,
)
# A bare source attribution closing the article ("Theo Trung tâm Y tế thành phố", "Nguồn: TTXVN").
_ATTRIBUTION = re.compile(r"^(theo|nguồn)\s*:?\s+[^.!?,]{2,60}$", re.I)


_CARD_TAGS = frozenset({"article", "aside", "section", "div", "li", "table"})
_ROW_BLOCKS = ["p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote", "img"]


@dataclass
class CleanBody:
    """Paragraphs of the article body and what was set aside from it."""

    paragraphs: list[str]
    byline: str | None = None
    images: list[dict[str, str | None]] = field(default_factory=list)
    teasers: int = 0  # linked headlines left after related boxes are gone: a listing, not an article


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def _class_tokens(node: Tag) -> list[str]:
    tokens = list(node.get("class") or [])
    if node.get("id"):
        tokens.append(str(node["id"]))
    return tokens


def _is_figure(node: Tag) -> bool:
    marked = node.name == "figure" or node.get("type") == "Photo" or any(
        CAPTION_CLASS.search(t) or "picture" in t.lower() or "image" in t.lower() for t in _class_tokens(node))
    # A data table (WordPress wraps it in a <figure>) is not a photo box.
    return marked and node.find("table") is None and not (node.name == "table" and node.find("img") is None)


def _set_aside_images(body: Tag) -> list[dict[str, str | None]]:
    """Remove figures and captions from the body, returning them as image records."""
    images: list[dict[str, str | None]] = []
    for fig in body.find_all(["figure", "table", "div"]):
        # A long block is not a photo box even if its class mentions images.
        if fig.decomposed or not _is_figure(fig) or len(_text(fig)) > 400:
            continue
        img = fig.find("img")
        caption_node = fig.find("figcaption") or fig.find(class_=CAPTION_CLASS)
        caption = _text(caption_node) if caption_node else _text(fig)
        src = (img.get("data-src") or img.get("src")) if img else None
        images.append({"src": src, "caption": caption or None})
        fig.decompose()
    for cap in body.find_all(class_=CAPTION_CLASS):
        if not cap.decomposed:
            images.append({"src": None, "caption": _text(cap) or None})
            cap.decompose()
    for img in body.find_all("img"):
        if not img.decomposed:
            images.append(_unmarked_image(img))
    return images


def _captionish(node: Tag) -> bool:
    """Short text set apart the way captions are: all italic, centred or small, or ending in a photo credit."""
    text = _text(node)
    if not text or len(text) > 250:
        return False
    italic = " ".join(_text(i) for i in node.find_all(["em", "i"]))
    style = " ".join(str(n.get("style") or "") + " " + str(n.get("align") or "")
                     for n in (node, *node.find_all(True))).lower()
    return italic == text or "center" in style or "middle" in style or is_caption_line(text)


def _unmarked_image(img: Tag) -> dict[str, str | None]:
    """An image with no caption markup: its caption is the short text of its own box (an image
    table, a centred block) or the caption-like line right after it; both leave the body."""
    src = img.get("data-src") or img.get("src")
    holder: Tag = img
    while holder.parent is not None and holder.parent.name not in ("body", "[document]", "html") \
            and len(holder.parent.find_all("img", limit=2)) == 1 and len(_text(holder.parent)) <= 250 \
            and not any(len(_text(a)) >= 10 for a in holder.parent.find_all("a")):  # a teaser, not a photo box
        holder = holder.parent
    caption = _text(holder) or None
    if caption is None:
        following = holder.find_next_sibling(lambda t: isinstance(t, Tag) and t.name != "br")
        if following is not None and _captionish(following):
            caption = _text(following)
            following.decompose()
    holder.decompose()
    return {"src": src, "caption": caption}


def _drop_link_boxes(body: Tag) -> None:
    """Related-article boxes and "Xem thêm: <headline>" lines: blocks made mostly of links."""
    for node in body.find_all(["div", "ul", "ol", "table", "section", "p"]):
        if node.decomposed:
            continue
        links = node.find_all("a")
        if not links:
            continue
        text = _text(node)
        linked = sum(len(_text(a)) for a in links)
        if text and min(1.0, linked / len(text)) > 0.6 and (len(links) >= 2 or len(text) < 200):
            node.decompose()


def _drop_teaser_cards(body: Tag) -> None:
    """Story cards set inside an article ("Đọc thêm" boxes, related-post grids: a headline link and its
    excerpt). Three or more with little other text are a listing's teasers: they stay, to be counted."""
    cards: list[Tag] = []
    for heading in body.find_all(["h2", "h3", "h4", "h5", "h6"]):
        link = heading.find("a")
        if link is None or len(_text(link)) < 20:
            continue
        card, node = None, heading.parent
        while node is not None and node is not body and len(_text(node)) < 400:
            if node.name in _CARD_TAGS:
                card = node
            node = node.parent
        if card is not None and not any(card is c or c in card.parents for c in cards):
            cards = [c for c in cards if card not in c.parents] + [card]
    outside = len(_text(body)) - sum(len(_text(card)) for card in cards)
    # A listing is its cards; an article with a related grid has more text of its own than the grid.
    if len(cards) < 3 or outside >= max(600, len(_text(body)) - outside):
        for card in cards:
            card.decompose()


def _count_headline_links(body: Tag) -> int:
    count = 0
    for heading in body.find_all(["h2", "h3", "h4", "h5"]):
        if any(len(_text(a)) >= 20 for a in heading.find_all("a", limit=5)):
            count += 1
    return count


def _table_row(tr: Tag) -> str | None:
    """A row of a data table as one line, cells joined by " | "; None for a layout row (its cells hold blocks)."""
    cells = tr.find_all(["td", "th"], recursive=False)
    if not cells or any(c.find(_ROW_BLOCKS) is not None for c in cells):
        return None
    texts = [_text(c) for c in cells]
    return " | ".join(texts) if any(texts) else ""


def _paragraphs(body: Tag) -> list[str]:
    """Text blocks in reading order: block tags and <br> end a paragraph. A block that is all
    link ("» <headline>" lines of an inline related box written without a box) is dropped."""
    out: list[str] = []
    buf: list[tuple[str, bool]] = []  # (text, inside a link)

    def flush() -> None:
        text = " ".join("".join(t for t, _ in buf).split())
        linked = sum(len(t.strip()) for t, in_link in buf if in_link)
        buf.clear()
        if text and not (len(text) >= 15 and linked >= 0.8 * len(text)):
            out.append(text)

    def walk(node: Tag, in_link: bool) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, Comment):
                    buf.append((str(child), in_link))
            elif isinstance(child, Tag):
                if child.name == "tr" and (row := _table_row(child)) is not None:
                    flush()
                    out.append(row)
                elif child.name in _BLOCK_TAGS:
                    flush()
                    walk(child, in_link or child.name == "a")
                    flush()
                else:
                    walk(child, in_link or (child.name == "a" and bool(child.get("href"))))

    walk(body, False)
    flush()
    return out


def _split_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """A short last line of capitalised names ("Xuân Dũng", "Hà Thu (tổng hợp)") is the byline."""
    if len(paragraphs) < 2:
        return paragraphs, None
    last = paragraphs[-1]
    match = _BYLINE.match(last)
    if match:
        # The names are capitalised; an affiliation in parentheses need not be.
        words = match.group(1).split()
        if 1 < len(words) <= 7 and all(w[:1].isupper() for w in words if w.replace("-", "").isalpha()):
            return paragraphs[:-1], match.group(1).strip()
    if _ATTRIBUTION.match(last):
        return paragraphs[:-1], None
    return paragraphs, None


def clean_body(fragment: str) -> CleanBody:
    """Paragraphs of an article-body HTML fragment, with captions, link boxes and chrome lines removed."""
    body = BeautifulSoup(fragment, "lxml")
    images = _set_aside_images(body)
    _drop_teaser_cards(body)
    _drop_link_boxes(body)
    paragraphs = [p for p in _paragraphs(body) if not is_chrome_line(p)]
    paragraphs, byline = _split_byline(paragraphs)
    return CleanBody(paragraphs, byline=byline, images=images, teasers=_count_headline_links(body))
