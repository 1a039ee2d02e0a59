"""What kind of page this is: an article, or a home, listing, video, gallery or not-found page.

A page that is not an article gets no text and no spans, and says why (`extraction.reason`),
so that a crawl can tell a soft 404 from a photo gallery and re-extract neither as news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from .dom import Element, all_text, text_of

MIN_ARTICLE_CHARS = 300
# Status-200 pages that say the page is gone ("soft 404s").
_NOT_FOUND = re.compile(
    r"không tìm thấy (trang|bài|nội dung|đường dẫn|dữ liệu|tin)|"
    r"(trang|bài viết|bài|nội dung|tin|đường dẫn|liên kết)[^.!?\n]{0,40}không (còn )?tồn tại|"
    r"(đã|có thể đã) bị (xóa|gỡ|di chuyển)|\b(lỗi|error)\s*404\b|^\s*404\b|page not found|"
    r"không truy cập được trang",
    re.I,
)
_VIDEO_HOSTS = re.compile(r"youtube\.com|youtu\.be|vimeo\.com|dailymotion|player|video|jwplayer|\.m3u8|\.mp4", re.I)


@dataclass(frozen=True)
class PageSignals:
    """What the page showed before chrome stripping removed players and headings; the caption and
    link counts are taken when first asked, on the tree the content stage left (chrome removed)."""

    headings: tuple[str, ...]  # texts of <title>, <h1> and the first <h2>s
    headline_words: int  # words of the longest <h1>: a section page's is a short name ("Kinh doanh")
    players: int  # <video>, <amp-video> and embedded video players
    path: str | None  # the URL path and query ("/" for a home page); None when the page came without a URL
    opening: str  # the first characters of the page's text, where a "page not found" notice stands
    root: Element  # the page, for the counts below: most pages never need them

    @cached_property
    def captions(self) -> int:
        """Image captions on the page (<figcaption>, caption classes)."""
        return int(_CAPTIONS(self.root))

    @cached_property
    def link_heads(self) -> frozenset[str]:
        """The first characters of every headline-long link text."""
        return frozenset(_head(all_text(a)) for a in _LONG_LINKS(self.root))


_HEAD = 25
_LONG_LINKS = etree.XPath(f"//a[string-length(normalize-space()) >= {_HEAD}]")  # filtered in C
# <figcaption>s and elements whose class names a caption (the tokens of chrome.CAPTION_CLASS), counted in C.
_CAPTIONS = etree.XPath(
    "count(//figcaption | //*[@class][not(self::figcaption)][contains(@class, 'aption') "  # caption, Caption
    "or contains(@class, 'photocms') or contains(@class, 'image-desc') or contains(@class, 'img-desc') "
    "or contains(@class, 'photo-desc') or contains(@class, 'desc_image')])")


def _head(text: str) -> str:
    return " ".join(text.split())[:_HEAD].lower()


def page_signals(root: Element, path: str | None) -> PageSignals:
    """Read the signals a page-kind decision needs from the untouched tree."""
    headings = tuple(text_of(el) for el in root.iter("title", "h1")) + tuple(
        text_of(el) for _, el in zip(range(8), root.iter("h2")))
    headline_words = max((len(text_of(h1).split()) for h1 in root.iter("h1")), default=0)
    players = sum(1 for _ in root.iter("video", "amp-video", "amp-youtube"))
    players += sum(1 for el in root.iter("iframe", "embed", "object")
                   if _VIDEO_HOSTS.search(el.get("src") or el.get("data-src") or el.get("data") or ""))
    body = root.find("body")
    opening = " ".join(_first_text(body if body is not None else root, 6000).split())
    return PageSignals(headings=headings, headline_words=headline_words, players=players, path=path,
                       opening=opening, root=root)


def _first_text(root: Element, limit: int) -> str:
    """The first `limit` characters of the element's text, without building all of it."""
    parts, size = [], 0
    for chunk in root.itertext():
        parts.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return "".join(parts)[:limit]


def may_be_one_article(signals: PageSignals, declares_article: bool) -> bool:
    """Whether a general extractor may be asked for a body: not on a page whose only heading names
    a section, unless its structured data says it is an article."""
    return declares_article or signals.headline_words == 0 or signals.headline_words >= 5


def linked_teasers(paragraphs: list[str], signals: PageSignals) -> int:
    """Paragraphs that open with the text of a link on the page: teasers of a listing, as a
    general extractor returns them from a section or home page."""
    return sum(1 for p in paragraphs if len(p) >= _HEAD and _head(p) in signals.link_heads)


def looks_like_article(paragraphs: list[str], link_density: float = 0.0) -> bool:
    """Enough running text: a listing or a stub has little, in short or linked blocks."""
    body_chars = sum(len(p) for p in paragraphs)
    long_paragraphs = sum(1 for p in paragraphs if len(p) >= 80)
    return body_chars >= MIN_ARTICLE_CHARS and long_paragraphs >= 2 and link_density < 0.6


def not_article_reason(signals: PageSignals, og_type: str | None, paragraphs: list[str], captioned_images: int,
                       link_density: float, teasers: int, images: int = 0) -> str | None:
    """Why the page is not an article ("not_found", "video", "gallery", "home", "listing"), or None."""
    body_chars = sum(len(p) for p in paragraphs)
    short_lines = [p for p in paragraphs[:6] if len(p) <= 200]
    if body_chars < 1500 and any(_NOT_FOUND.search(t) for t in (*signals.headings, *short_lines, signals.opening)):
        return "not_found"
    kind = (og_type or "").lower()
    if (kind.startswith("video") or signals.players) and body_chars < 900:
        return "video"
    # A short block among same-shaped linked siblings is one teaser of a listing.
    if teasers >= 4 or (teasers >= 2 and body_chars < 1500) or (kind == "website" and link_density > 0.5):
        return section_kind(signals)
    # A photo gallery: many captions (in the body, or in a slider beside it) around a short text, or
    # many photos among short lines (captions written as plain paragraphs).
    if body_chars < 1500 and (photos := max(captioned_images, signals.captions)) >= 6 and body_chars < 150 * photos:
        return "gallery"
    lengths = sorted(len(p) for p in paragraphs)
    if images >= 6 and lengths and lengths[len(lengths) // 2] < 200 and len(paragraphs) <= images + 3:
        return "gallery"
    if section_kind(signals) == "home":  # no article lives at a site's root
        return "home"
    return None


def section_kind(signals: PageSignals) -> str:
    """A page of teasers is the home page at the site's root, a listing elsewhere."""
    home = signals.path is not None and signals.path.rstrip("/") in (
        "", "/index.html", "/index.htm", "/index.php", "/default.aspx", "/trang-chu")  # a query is not home
    return "home" if home else "listing"
