"""Article-body cleaning: captions aside, link boxes out, paragraphs in order.

The page-level stage (`content.py`) hands over only the article container, so this stage
works on a small fragment, copied so that the page tree stays as it was.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from .byline import parse_byline
from .chrome import CAPTION_CLASS, is_caption_line, is_chrome_line
from .dom import Element, class_tokens, remove
from .sanitize import clean_markup

_BLOCK_TAGS = frozenset(
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table "
    "thead tbody tfoot tr td th figure figcaption br hr center address caption".split()
)
# A bare source attribution closing the article ("Theo Trung tâm Y tế thành phố", "Nguồn: TTXVN").
_ATTRIBUTION = re.compile(r"^(theo|nguồn)\s*:?\s+[^.!?,]{2,60}$"
                          # Where the piece first ran: "Bài đăng trên Tạp chí Nếp Xưa số 58 (tháng 4/2025)."
                          r"|^\(?(bài|bài viết|tin)\s+(đã\s+)?(được\s+)?(đăng|in)\s+(trên|tại|trong)\s+(báo|tạp chí|ấn phẩm|"
                          r"đặc san|số báo|bản in|[^\W\d_]+ [^\W\d_]+ số \d+)\b[^!?]{0,80}$", re.I)
# The genre word some magazines print above a piece, with the writer's name under it ("Tùy bút" / "ĐỖ HẠNH NGUYÊN").
# The unit a signature names on the line under it ("Hoàng Thị Lan" / "Hạt Kiểm lâm huyện Ngọc Sơn").
_ORG_LINE = re.compile(r"^(hạt|trạm|trung tâm|phòng|ban|sở|ủy ban|uỷ ban|ubnd|công an|đồn|đội|khoa|bộ môn|hội|"
                       r"chi cục|văn phòng|đài|báo|tạp chí|trường|bệnh viện|viện|tòa án|toà án|tand)\b", re.I)
_GENRE = re.compile(r"^(tùy bút|tuỳ bút|tản văn|bút ký|ký sự|ghi chép|phóng sự|truyện ngắn|tạp bút|ký|thơ|chân dung)$", re.I)


_CARD_TAGS = frozenset({"article", "aside", "section", "div", "li", "table"})
# AMP pages write their pictures as <amp-img>.
_IMAGES = ("img", "amp-img")
_ROW_BLOCKS = ("p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote", "img")


@dataclass
class CleanBody:
    """Paragraphs of the article body and what was set aside from it."""

    paragraphs: list[str]
    byline: str | None = None
    images: list[dict[str, str | None]] = field(default_factory=list)
    teasers: int = 0  # linked headlines left after related boxes are gone: a listing, not an article


def _text(node: Element) -> str:
    # Text pieces are joined with a space, so that words in adjacent inline tags stay apart.
    return " ".join(" ".join(node.itertext()).split())


def _has(node: Element, *tags: str) -> bool:
    return next(_below(node, *tags), None) is not None


def _below(node: Element, *tags: str) -> Iterator[Element]:
    """Descendants (not the node itself) in document order."""
    return node.iterdescendants(*tags) if tags else node.iterdescendants(etree.Element)


def _caption_marked(node: Element) -> bool:
    classes = node.get("class")
    return bool(classes) and CAPTION_CLASS.search(classes) is not None


def _attached(node: Element, root: Element) -> bool:
    """Whether the node is still in the tree under `root` (not inside a removed subtree)."""
    while node is not None and node is not root:
        node = node.getparent()
    return node is root


def _is_figure(node: Element) -> bool:
    marked = node.tag == "figure" or node.get("type") == "Photo" or any(
        CAPTION_CLASS.search(t) or "picture" in t.lower() or "image" in t.lower() for t in class_tokens(node))
    # A data table or a pull quote (WordPress wraps both in a <figure>) is not a photo box.
    return marked and not _has(node, "table", "blockquote") and not (node.tag == "table" and not _has(node, *_IMAGES))


def _live(nodes: Iterable[Element], root: Element) -> Iterator[Element]:
    """Nodes from a list taken before removals began, skipping those removed since."""
    return (n for n in nodes if _attached(n, root))


def _set_aside_images(body: Element) -> list[dict[str, str | None]]:
    """Remove figures and captions from the body, returning them as image records."""
    images: list[dict[str, str | None]] = []
    for fig in _live(list(_below(body, "figure", "table", "div")), body):
        # A long block is not a photo box even if its class mentions images.
        if not _is_figure(fig) or len(_text(fig)) > 400:
            continue
        img = next(_below(fig, *_IMAGES), None)
        caption_node = next(_below(fig, "figcaption"), None)
        if caption_node is None:
            caption_node = next((n for n in _below(fig) if _caption_marked(n)), None)
        caption = _text(caption_node) if caption_node is not None else _text(fig)
        src = (img.get("data-src") or img.get("src")) if img is not None else None
        images.append({"src": src, "caption": caption or None})
        remove(fig)
    for cap in _live([n for n in _below(body) if _caption_marked(n)], body):
        images.append({"src": None, "caption": _text(cap) or None})
        remove(cap)
    for img in _live(list(_below(body, *_IMAGES)), body):
        images.append(_unmarked_image(img))
    return images


def _captionish(node: Element) -> bool:
    """Short text set apart the way captions are: all italic, centred or small, or ending in a photo credit."""
    text = _text(node)
    if not text or len(text) > 250:
        return False
    italic = " ".join(_text(i) for i in _below(node, "em", "i"))
    style = " ".join(str(n.get("style") or "") + " " + str(n.get("align") or "")
                     for n in (node, *_below(node))).lower()
    return italic == text or "center" in style or "middle" in style or is_caption_line(text)


def _unmarked_image(img: Element) -> dict[str, str | None]:
    """An image with no caption markup: its caption is the short text of its own box (an image
    table, a centred block) or the caption-like line right after it; both leave the body."""
    src = img.get("data-src") or img.get("src")
    holder = img
    while (parent := holder.getparent()) is not None and parent.tag not in ("body", "html") \
            and sum(1 for _ in zip(range(2), _below(parent, *_IMAGES))) == 1 and len(_text(parent)) <= 250 \
            and not any(len(_text(a)) >= 10 for a in _below(parent, "a")):  # a teaser, not a photo box
        holder = parent
    caption = _text(holder) or None
    if caption is None:
        following = next((s for s in holder.itersiblings() if isinstance(s.tag, str) and s.tag != "br"), None)
        if following is not None and _captionish(following):
            caption = _text(following)
            remove(following)
    remove(holder)
    return {"src": src, "caption": caption}


_SEE_ALSO = re.compile(r"^\W*(xem thêm|đọc thêm|xem tiếp|tin liên quan|bài liên quan|có thể bạn quan tâm)\b", re.I)


def _drop_link_boxes(body: Element) -> None:
    """Related-article boxes and "Xem thêm: <headline>" lines: blocks made mostly of links."""
    for node in _live(list(_below(body, "div", "ul", "ol", "table", "section", "p", "span", "font")), body):
        links = list(_below(node, "a"))
        if not links:
            continue
        text = _text(node)
        linked = sum(len(_text(a)) for a in links)
        # An inline line (span-and-<br> bodies) goes only when it says it points elsewhere.
        if text and min(1.0, linked / len(text)) > 0.6 and (len(links) >= 2 or len(text) < 200) \
                and (node.tag not in ("span", "font") or _SEE_ALSO.match(text)):
            remove(node)


def _drop_teaser_cards(body: Element) -> None:
    """Story cards set inside an article ("Đọc thêm" boxes, related-post grids: a headline link and its
    excerpt). Three or more with little other text are a listing's teasers: they stay, to be counted."""
    cards: list[Element] = []
    for heading in _below(body, "h2", "h3", "h4", "h5", "h6"):
        link = next(_below(heading, "a"), None)
        if link is None or len(_text(link)) < 20:
            continue
        card, node = None, heading.getparent()
        while node is not None and node is not body and len(_text(node)) < 400:
            if node.tag in _CARD_TAGS:
                card = node
            node = node.getparent()
        if card is not None and not any(card is c or c in card.iterancestors() for c in cards):
            cards = [c for c in cards if card not in c.iterancestors()] + [card]
    outside = len(_text(body)) - sum(len(_text(card)) for card in cards)
    # A listing is its cards; an article with a related grid has more text of its own than the grid.
    if len(cards) < 3 or outside >= max(600, len(_text(body)) - outside):
        for card in cards:
            remove(card)


def _count_headline_links(body: Element) -> int:
    count = 0
    for heading in _below(body, "h2", "h3", "h4", "h5"):
        links = zip(range(5), _below(heading, "a"))
        if any(len(_text(a)) >= 20 for _, a in links):
            count += 1
    return count


def _table_row(tr: Element) -> str | None:
    """A row of a data table as one line, cells joined by " | "; None for a layout row (its cells hold blocks)."""
    cells = [c for c in tr if c.tag in ("td", "th")]
    if not cells or any(_has(c, *_ROW_BLOCKS) for c in cells):
        return None
    texts = [_text(c) for c in cells]
    return " | ".join(texts) if any(texts) else ""


def _paragraphs(body: Element, rows: set[str] | None = None) -> list[str]:
    """Text blocks in reading order: block tags and <br> end a paragraph. A block that is all
    link ("» <headline>" lines of an inline related box written without a box) is dropped. The
    rows of data tables are also added to `rows`."""
    out: list[str] = []
    buf: list[tuple[str, bool]] = []  # (text, inside a link)

    def flush() -> None:
        text = " ".join("".join(t for t, _ in buf).split())
        linked = sum(len(t.strip()) for t, in_link in buf if in_link)
        buf.clear()
        if text and not (len(text) >= 15 and linked >= 0.8 * len(text)):
            out.append(text)

    def walk(node: Element, in_link: bool) -> None:
        if node.text:
            buf.append((node.text, in_link))
        for child in node:
            if isinstance(child.tag, str):  # comments and processing instructions show no text
                if child.tag == "tr" and (row := _table_row(child)) is not None:
                    flush()
                    out.append(row)
                    if rows is not None:
                        rows.add(row)
                elif child.tag in _BLOCK_TAGS:
                    flush()
                    walk(child, in_link or child.tag == "a")
                    flush()
                else:
                    walk(child, in_link or (child.tag == "a" and bool(child.get("href"))))
            if child.tail:
                buf.append((child.tail, in_link))

    walk(body, False)
    flush()
    return out


def _split_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """A short closing line that is a byline ("Xuân Dũng", "Văn Giáp/Bnews/vnanet.vn", "Hà Thu (tổng
    hợp)", a name over its "(Đài Truyền thanh xã)" line) or a bare source attribution ("Theo Báo Tin
    tức") leaves the text; the byline's text is returned for the metadata stage."""
    if len(paragraphs) < 2:
        return paragraphs, None
    last = paragraphs[-1]
    unit = last.startswith("(") and last.endswith(")") or (_ORG_LINE.match(last) is not None and "." not in last)
    if len(paragraphs) >= 3 and unit and len(last) <= 80:
        joined = f"{paragraphs[-2]} ({last.strip('()')})"
        found = parse_byline(joined)
        if found is not None and found.authors and all(len(a.split()) >= 2 for a in found.authors):
            return paragraphs[:-2], joined
    found = parse_byline(last) if len(last) <= 100 else None
    # One-word "names" are too often something else (a place, a closing word) at the end of a text.
    if found is not None and found.authors and all(len(a.split()) >= 2 for a in found.authors):
        return paragraphs[:-1], last
    if _ATTRIBUTION.match(last):
        return paragraphs[:-1], last
    return paragraphs, None


def _opening_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """A genre word and the writer's name in capitals that open a magazine piece ("Tùy bút",
    "ĐỖ HẠNH NGUYÊN") leave the text; the name is returned for the metadata stage."""
    rest = paragraphs[1:] if paragraphs and _GENRE.match(paragraphs[0]) else paragraphs
    if len(rest) >= 3 and len(rest[0]) <= 60 and rest[0].isupper() and (found := parse_byline(rest[0])) is not None \
            and found.authors and all(len(a.split()) >= 2 for a in found.authors):
        return rest[1:], rest[0]
    return (rest, None) if rest is not paragraphs and len(rest) >= 3 else (paragraphs, None)


def clean_container(container: Element) -> CleanBody:
    """Paragraphs of an article container, with captions, link boxes and chrome lines removed
    (the container is copied; the page tree is left as it was)."""
    body = etree.Element("body")
    body.append(copy.deepcopy(container))  # the copy keeps the container's tail: text after it in its cell
    return _clean(body)


def clean_body(fragment: str) -> CleanBody:
    """Paragraphs of an article-body HTML fragment, with captions, link boxes and chrome lines removed."""
    return _clean(lxml.html.fragment_fromstring(clean_markup(fragment), create_parent="body"))


# A print view's or an encyclopedia-style reference mark ("...NĐ-CP<sup>[1]</sup>"): it points at a
# list of links, not at words of the text.
_REFERENCE_MARK = re.compile(r"^\s*\[\d{1,3}\]\s*$")


def _clean(body: Element) -> CleanBody:
    for sup in [s for s in body.iter("sup") if _REFERENCE_MARK.match(_text(s))]:
        remove(sup)
    images = _set_aside_images(body)
    _drop_teaser_cards(body)
    _drop_link_boxes(body)
    rows: set[str] = set()
    paragraphs = [p for p in _paragraphs(body, rows) if not is_chrome_line(p, table_row=p in rows)]
    paragraphs, opening = _opening_byline(paragraphs)
    paragraphs, byline = _split_byline(paragraphs)
    if opening and not (byline and (closing := parse_byline(byline)) is not None and closing.authors):
        byline = opening  # a closing line naming nobody ("Theo Báo X", a print note) gives way to the writer
    return CleanBody(paragraphs, byline=byline, images=images, teasers=_count_headline_links(body))
