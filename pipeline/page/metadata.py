"""Article metadata from JSON-LD, OpenGraph and <meta>, <time>, visible lines and the URL.

Each field records where it came from, so a wrong value can be traced. Text fields are decoded
once here (character references, double-escaped ones included; whitespace; site-name suffixes);
dates from every source are reconciled by `published`; bylines are read by `byline`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from itertools import islice
from typing import Any

from lxml import etree

from pipeline.text.normalize import fold_diacritics

from .byline import Byline, labelled_byline, parse_byline, photo_credits
from .chrome import HAS_DATE
from .dom import Element, select, select_one, spaced_text, text_of
from .embedded import body_at, fields_before
from .profiles import SiteProfile
from .published import TIME, VIETNAM_TZ, When, clock_time, read_when, reconcile, url_when

_ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "webpage"}


@dataclass
class Metadata:
    """Metadata fields with the source each came from (`sources[field]`)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    modified_at: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    description: str | None = None
    og_type: str | None = None
    language: str | None = None
    author_source: str | None = None  # the agency or outlet a byline names ("TTXVN")
    author_note: str | None = None  # "tổng hợp", "theo <outlet>", "pv"
    declares_article: bool = False  # JSON-LD says the page is one article (NewsArticle, BlogPosting ...)
    sources: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    published: list[When] = field(default_factory=list)  # every publication date the page gives, in trust order
    modified: list[When] = field(default_factory=list)

    def byline(self, found: Byline | None, source: str) -> None:
        """Take a byline's people, agency and note, once (the first byline that names anyone wins)."""
        if found is None or self.authors or not (found.authors or found.source or found.note):
            return
        self.set("authors", found.authors, source)
        self.author_source = self.author_source or found.source
        self.author_note = self.author_note or found.note

    def printed(self, found: Byline | None, source: str) -> None:
        """Take a byline printed on the page; it replaces the names from the page's data when it names
        them and more people, prints them by shorter pen names, or credits the extra ones for pictures."""
        if found is not None and found.authors and self.authors and \
                _printed_wins(self.authors, found.authors, found.photographers):
            self.authors = []
        self.byline(found, source)

    def set(self, name: str, value: Any, source: str) -> None:
        """Set a field once: the first (most trusted) source wins."""
        if value and not getattr(self, name):
            setattr(self, name, value)
            self.sources[name] = source


def _json_ld_objects(root: Element) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return objects


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", [])
    return {k.lower() for k in ([kind] if isinstance(kind, str) else kind) if isinstance(k, str)}


def _names(value: Any, by_id: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Names in a JSON-LD author value: a string, a Person, a list, or a reference ({"@id": ...})."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if "name" not in value and by_id and value.get("@id") in by_id:
            value = by_id[value["@id"]]
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v, by_id)]
    return []


def decoded(value: Any) -> str | None:
    """A text field decoded once and for all: character references (twice-escaped ones too, as some
    CMSs write JSON-LD), whitespace collapsed."""
    if not isinstance(value, str):
        return None
    for _ in range(3):  # "&amp;#xE1;" -> "&#xE1;" -> "á"
        unescaped = html.unescape(value)
        if unescaped == value:
            break
        value = unescaped
    return " ".join(value.split()) or None


def authors_byline(names: list[str], host: str | None = None) -> Byline | None:
    """The byline that author fields of meta tags or JSON-LD give (one name each, or one byline)."""
    people: list[str] = []
    source = note = None
    for name in names:
        found = parse_byline(decoded(name) or "", host)
        if found is None:
            continue
        people += [p for p in found.authors if p not in people]
        source, note = source or found.source, note or found.note
    return Byline(people, source, note) if people or source or note else None


def meta_index(root: Element) -> dict[str, str]:
    """<meta> contents by property, name or itemprop (the first non-empty one wins)."""
    index: dict[str, str] = {}
    for node in root.iter("meta"):
        content = (node.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = node.get(attr)
            if key:
                index.setdefault(key.strip(), content)
    return index


def _meta(index: dict[str, str], *keys: str) -> str | None:
    return next((index[k] for k in keys if k in index), None)


def canonical_url(root: Element, index: dict[str, str]) -> tuple[str | None, str]:
    """The page's <link rel=canonical>, else its og:url, with the source it came from."""
    link = root.xpath('//link[@rel="canonical"]/@href')
    if link and link[0].strip():
        return link[0].strip(), "link-canonical"
    return _meta(index, "og:url"), "meta"


def _split_list(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in re.split(r"[,;]", value) if v.strip()]


def _from_json_ld(meta: Metadata, objects: list[dict[str, Any]], host: str | None) -> None:
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    for obj in objects:
        if not _types(obj) & _ARTICLE_TYPES or "webpage" in _types(obj) and not obj.get("datePublished"):
            continue
        meta.declares_article = True
        _add(meta.published, obj.get("datePublished"), "json-ld")
        _add(meta.modified, obj.get("dateModified"), "json-ld")
        meta.byline(authors_byline(_names(obj.get("author"), by_id), host), "json-ld")
        section = obj.get("articleSection")
        meta.set("section", decoded(section[0] if isinstance(section, list) and section else section), "json-ld")
        keywords = obj.get("keywords")
        tags = keywords if isinstance(keywords, list) else _split_list(decoded(keywords))
        meta.set("tags", [t for t in (decoded(k) for k in tags) if t], "json-ld")


def _add(found: list[When], value: Any, source: str) -> None:
    if isinstance(value, (str, int)) and (when := read_when(str(value), source)) is not None:
        found.append(when)


def _from_meta_tags(meta: Metadata, root: Element, index: dict[str, str], host: str | None) -> None:
    _add(meta.published, _meta(index, "article:published_time", "datePublished", "pubdate", "publishdate",
                               "dc.date.issued", "date", "pubDate"), "meta")
    _add(meta.modified, _meta(index, "article:modified_time", "dateModified", "og:updated_time", "lastmod"), "meta")
    meta.byline(authors_byline(_split_list(_meta(index, "article:author", "dable:author", "author")), host), "meta")
    meta.set("section", decoded(_meta(index, "article:section", "articleSection")), "meta")
    tags = _split_list(_meta(index, "article:tag")) or _split_list(_meta(index, "news_keywords", "keywords"))
    meta.set("tags", list(dict.fromkeys(t for t in (decoded(t) for t in tags) if t)), "meta")
    meta.set("description", decoded(_meta(index, "og:description", "description")), "meta")
    meta.set("og_type", _meta(index, "og:type"), "meta")
    url, source = canonical_url(root, index)
    meta.set("canonical_url", url, source)
    meta.set("language", root.get("lang"), "html-lang")


# What a site's or its owner's name looks like around a headline in <title> or og:title
# ("... - VnExpress", "... | Báo Người Lao Động", "Hội LHPN tỉnh Phú Yên - ...").
_ORG_PART = re.compile(r"(hội|sở|ủy ban|uỷ ban|ubnd|ban|bộ|trung tâm|phòng|huyện|tỉnh|xã|phường|thành phố|chi cục|"
                       r"tổng cục|cục|công an)\b", re.I)
_OUTLET = re.compile(r"(báo|tạp chí|cổng|trang|đài|truyền hình|online|news|tin tức|điện tử|thông tin|portal|"
                     r"\.vn|\.com|\.net|tv\b|ttđt|ttxvn)", re.I)


def strip_site_name(title: str | None, site_names: list[str], host: str | None) -> str | None:
    """A headline without the site's name that <title> and og:title put before or after it
    ("Lam Hồng Online - ...", "... | Báo Người Lao Động", "Gió Lào Online :: Thể thao :: ...")."""
    if not title:
        return title
    parts = [p.strip() for p in _SEGMENT.split(title)]
    parts = [p for p in parts if p]

    def is_site(part: str) -> bool:
        folded = fold_diacritics(part).replace(" ", "")
        return any(fold_diacritics(n).replace(" ", "") == folded for n in site_names if n) or \
            bool(host and len(folded) >= 4 and folded in host.lower().replace("-", "")) or \
            (bool(_OUTLET.search(part)) and len(part.split()) <= 8) or \
            (bool(_ORG_PART.match(part)) and len(part.split()) <= 14)

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    after_site = False
    while len(parts) > 1 and (is_site(parts[0]) or (after_site and len(parts[0].split()) <= 3)):
        parts.pop(0)  # the site, then its section ("Quy Nhơn Online :: Thể thao :: ...")
        after_site = True
    return " - ".join(parts) if len(parts) > 1 else parts[0]


_SEGMENT = re.compile(r"\s+(?:[|–—>»-]|::)\s+|^(?:in bài viết|in trang|bản in)\s*:\s*", re.I)


def _headline_refs(root: Element, index: dict[str, str], objects: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The headlines the page's data gives, (text, source), most trusted first."""
    refs = [(_meta(index, "og:title", "twitter:title"), "meta")]
    for obj in objects:
        if _types(obj) & _ARTICLE_TYPES and obj.get("headline"):
            refs.append((decoded(obj.get("headline")), "json-ld"))
            break
    refs.append((root.findtext(".//title"), "title-tag"))
    return [(text, source) for text, source in ((decoded(t), s) for t, s in refs) if text]


def _visible_headline(root: Element, groups: list[list[str]]) -> Element | None:
    """The element whose text is the headline that the page's <title>, og:title or JSON-LD give: the
    longest that covers at least half of one of them, for the first group of references that any
    element covers. Compared as written first, then without diacritics (some portals write <title>
    without them)."""
    body = root.find("body")
    # Most pages print the headline in an <h1>: looked at first, the whole page only if none matches.
    headings = [el for el in root.iter("h1") if el.text and len(el.text.strip()) >= 3]
    texts: list[Element] | None = None
    probes: dict[Callable[[str], str], dict[Element, str]] = {str.lower: {}, fold_diacritics: {}}
    for refs in groups:
        if (found := _covering(headings, refs, str.lower, probes[str.lower])) is not None:
            return found
        if texts is None:
            texts = [el for el in (body if body is not None else root).iter(etree.Element)
                     if el.text and len(el.text.strip()) >= 3 and el.tag not in ("script", "style", "title", "option")]
        for fold in (str.lower, fold_diacritics):
            if (found := _covering(texts, refs, fold, probes[fold])) is not None:
                return found
    return None


def _covering(texts: list[Element], refs: list[str], fold: Callable[[str], str],
              probes: dict[Element, str]) -> Element | None:
    """Of elements with text of their own, the longest whose text covers at least half of a reference
    (`probes` keeps each element's folded opening between calls)."""
    folded = [fold(" ".join(r.split())) for r in refs]
    # A reference's longest segment is its headline when a site and a section follow it.
    longest = [max((len(part) for part in _SEGMENT.split(f)), default=len(f)) or len(f) for f in folded]
    # og:title cut to a length with "..." names a headline that starts with what is left.
    cut = [_TRUNCATED.sub("", f) for f in folded if _TRUNCATED.search(f) and len(f.split()) >= 6]
    best, best_cover = None, 0.5
    for el in texts:
        probe = probes.get(el)
        if probe is None:
            probe = probes[el] = fold(" ".join(el.text[:60].split()))[:24]
        if not any(probe in f for f in folded):
            continue
        text = fold(spaced_text(el))
        if len(text) < 10 or _menu_item(el) or text.endswith(":"):  # a kicker ("Vụ lừa đảo ... ở Đông Nguyên:")
            continue
        cover = max((min(1.0, len(text) / n) for f, n in zip(folded, longest) if text in f), default=0.0)
        if any(text.startswith(stem) for stem in cut):
            cover = 1.0
        if cover > best_cover + 1e-9:
            best, best_cover = el, cover
    return best


def _menu_item(el: Element) -> bool:
    """A menu's or a breadcrumb's link ("Tin tức - Sự kiện"): a section's name, which a page's title may repeat."""
    holder = el if el.tag == "li" else el.getparent()
    return (el.tag in ("a", "li") and holder is not None and holder.tag == "li") \
        or any(a.tag == "nav" for a in islice(el.iterancestors(), 6))


_HEADLINE_CLASS = re.compile(r"(entry|post|article|news|detail|story|single)[-_]*(title|headline)|"
                             r"(title|tieu-?de)[-_]*(detail|chi-?tiet|bai-?viet|tin)|(^|\s)headline", re.I)
_TRUNCATED = re.compile(r"\s*(\.{3}|…)\s*$")
_TITLE_CLASS = re.compile(r"title|tieude|tieu-de|headline", re.I)


def _title_block(root: Element) -> Element | None:
    """The first heading or title-classed block that reads as a headline (5 to 40 words)."""
    for el in root.iter("h1", "h2", "h3", "div", "span", "td", "p", "font"):
        if el.tag.startswith("h") or _TITLE_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}") \
                or (el.tag == "font" and _large(el.get("size"))):  # old table layouts: <font size="5"><b>
            text = text_of(el)
            words = sum(1 for w in text.split() if any(ch.isalnum() for ch in w))  # "Tin tức - Sự kiện": 4
            # A kicker over the headline ends in a colon ("Khắc phục hậu quả bão số 3:").
            if 5 <= words <= 40 and _headline_like(text) and not text.endswith(":"):
                return el
    return None


_ORG_NAME = re.compile(f"(?:{_OUTLET.pattern}|{_ORG_PART.pattern})", re.I)


def _banner(text: str) -> bool:
    """A portal's or an office's name in capitals ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN TỈNH ...")."""
    return text.isupper() and _ORG_NAME.match(text) is not None


def _large(size: str | None) -> bool:
    """A <font> size of a headline: 4 and more, or "+1" and more."""
    size = (size or "").strip()
    return size.isdigit() and int(size) >= 4 or (size.startswith("+") and size[1:].isdigit() and int(size[1:]) >= 1)


def _headline_like(text: str) -> bool:
    """Not a banner ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN ..."), a portal's name or a breadcrumb."""
    words = len(text.split())
    return not text.isupper() and not any(mark in text for mark in ">»›") \
        and not (words <= 8 and (_OUTLET.match(text) or _ORG_PART.match(text)))


def _title(meta: Metadata, root: Element, index: dict[str, str], objects: list[dict[str, Any]],
           profile: SiteProfile | None, host: str | None) -> None:
    """The headline as readers see it: the site profile's, else the visible element that the page's
    own title data names, else the first <h1>, else that data without the site's name."""
    chosen = select_one(root, profile.title if profile and profile.title else None)
    if chosen is not None and spaced_text(chosen):
        meta.set("title", decoded(spaced_text(chosen)), "profile")
        return
    # A generic page title ("Tin tức - Chi tiết tin") or a breadcrumb ("Tin tức > Tin hoạt động")
    # names no article.
    site_names = [_meta(index, "og:site_name", "application-name", "twitter:site") or ""]
    refs = [(t, src) for t, src in _headline_refs(root, index, objects)
            if max(len(part.split()) for part in _SEGMENT.split(strip_site_name(t, site_names, host) or "")) >= 5
            and not any(mark in t for mark in (" > ", " » ", " › "))]
    # og:title and JSON-LD name the article; <title> is often the site's or a section's name.
    data_refs = [r for r, src in refs if src != "title-tag"]
    # The data's references first, then <title>'s too.
    groups = lambda: [group for group in (data_refs, [r for r, _ in refs]) if group]  # noqa: E731
    visible = _visible_headline(root, groups())
    if visible is not None and _banner(spaced_text(visible)):
        # The data names the portal, and what it found is the portal's banner or footer line.
        refs = [(t, src) for t, src in refs if not _ORG_NAME.match(max(_SEGMENT.split(t), key=len).strip())]
        data_refs = [r for r, src in refs if src != "title-tag"]
        visible = _visible_headline(root, groups())
        if visible is not None and _banner(spaced_text(visible)):
            visible = None  # the banner matches the site's name after the headline in <title>: the data decides
    if visible is not None:
        meta.set("title", decoded(spaced_text(visible)), "h1" if visible.tag == "h1" else "heading")
        return
    h1 = root.find(".//h1")
    if h1 is not None and _headline_like(spaced_text(h1)) and len(spaced_text(h1).split()) >= 4:
        meta.set("title", decoded(spaced_text(h1)), "h1")
        return
    # The data's title is a rewrite for search engines that no element shows: the article's own
    # heading class names the headline the reader sees.
    for heading in root.iter("h1", "h2", "h3"):
        if _HEADLINE_CLASS.search(heading.get("class") or "") and 5 <= len((text := spaced_text(heading)).split()) <= 40 \
                and _headline_like(text) and not _menu_item(heading):
            meta.set("title", decoded(text), "heading")
            return
    # With no og:title or JSON-LD, <title> is often only the portal's name: a headline block wins.
    if not data_refs and (heading := _title_block(root)) is not None:
        meta.set("title", decoded(spaced_text(heading)), "heading")
        return
    if h1 is not None and spaced_text(h1) and not refs:
        meta.set("title", decoded(spaced_text(h1)), "h1")
        return
    for text, source in refs:
        meta.set("title", strip_site_name(text, site_names, host), source)


# Author blocks, where a byline stands apart from the body ("div.author", "p.tacgia", itemprop=author).
_AUTHOR_BLOCK = re.compile(r"(author|byline|tac-?gia|butdanh|but-danh|writer|nguoi-?viet|(^|[\s_-])by($|[\s_-])|"
                           r"(^|[\s_-])sign(ature)?($|[\s_-])|source-name|nguon-?tin|(^|[\s_-])ky($|[\s_-])|"
                           r"ky-?ten|chu-?ky|credit|(^|[\s_-])user-?name($|[\s_-]))",
                           re.I)
_NOT_AUTHOR_BLOCK = re.compile(r"(comment|binhluan|avatar|bio|related|list|widget|box-tac-gia|image|photo|img)", re.I)


@lru_cache(maxsize=8192)
def _names_author(label: str) -> bool:
    return _AUTHOR_BLOCK.search(label) is not None and _NOT_AUTHOR_BLOCK.search(label) is None


@lru_cache(maxsize=8192)
def _names_date(label: str) -> bool:
    return _DATE_LABEL.search(label) is not None and _TODAY.search(label) is None


# A link to the writer's page ("/tac-gia/trong-nghia", WordPress's "/author/ngocdiep/").
_AUTHOR_PAGE = re.compile(r"/(tac-gia|author|authors|nguoi-viet|but-danh|phong-vien)/[^/?#]+", re.I)


def _printed_wins(data: list[str], printed: list[str], photographers: list[str] = ()) -> bool:
    """Whether the printed byline replaces the data's names: it names everyone the data names and
    more, or it prints the same people by the shorter names the paper signs with ("Thanh Bình" for
    the data's "Nguyễn Thanh Bình"), or the data adds the people the byline credits for pictures."""
    wanted, shown = {a.casefold() for a in data}, {a.casefold() for a in printed}
    if wanted < shown or (shown < wanted and wanted - shown <= {p.casefold() for p in photographers}):
        return True
    return len(data) == len(printed) and wanted != shown and all(
        any(len(p.split()) >= 2 and d.split()[-len(p.split()):] == p.split() for d in wanted) for p in shown)


def _author_blocks(root: Element) -> Iterator[Element]:
    for el in root.iter(etree.Element):
        label = f"{el.get('class') or ''} {el.get('id') or ''}"
        if _names_author(label) or ((el.get("itemprop") == "author" or el.get("rel") == "author"
                                     or (el.tag == "a" and _AUTHOR_PAGE.search(el.get("href") or "")))
                                    and not _NOT_AUTHOR_BLOCK.search(label)):
            yield el


def _visible_byline(root: Element, host: str | None, near: Callable[[], list[str]],
                    thorough: bool = True) -> Byline | None:
    """The byline of an author block (in the header or after the body), the first that reads as one;
    else (`thorough`) a labelled byline ("Tác giả: ...", "Bài và ảnh: ...") near the headline, or a
    right-aligned signature."""
    for node in islice(_author_blocks(root), 12):
        text = text_of(node)
        # The writers, then the picture credit in an element of its own ("... (Đồn Biên phòng X) Ảnh: Y").
        writers = _PHOTO_TAIL.sub("", text) or text
        if 2 <= len(writers) <= 120 and (found := parse_byline(writers, host) or labelled_byline(writers, host)):
            return replace(found, photographers=photo_credits(text, host))
        if len(text) <= 300:  # a label and the name in separate elements ("Bài và ảnh" | "Mạnh Cường")
            for part in node.itertext():
                if part.strip() and (found := parse_byline(part, host)) is not None and found.authors:
                    return replace(found, photographers=photo_credits(text, host))
    if not thorough:
        return None
    for text in near():
        if (found := labelled_byline(text, host) or (_BY_LINE.match(text) and parse_byline(text, host))):
            return found
    return _label_cell(root, host) or _signed(root, host)


# Not "Bài và ảnh:" nor "Tin, ảnh:": there the writer took the pictures too.
_PHOTO_TAIL = re.compile(r"\s*[|·•–-]?\s*(?<!và )(?<!, )(?<!,)(?<!& )(?<!&)(?<!\+ )\b(?:ảnh|hình ảnh|photo)\s*:[^:]*$", re.I)
_BYLINE_LABEL = re.compile(r"^(tác giả(?: bài viết)?|người viết|bài(?: viết)?|bài và ảnh|tin và ảnh|phóng viên)\s*:?$",
                           re.I)


def _label_cell(root: Element, host: str | None) -> Byline | None:
    """A byline in an info table or list: the label in one cell ("Tác giả:"), the name in the next."""
    for el in root.iter("td", "th", "dt", "span", "strong", "b", "label"):
        if el.text and len(el.text) <= 30 and _BYLINE_LABEL.match(" ".join(text_of(el).split())):
            value = el.getnext()
            while value is not None and not isinstance(value.tag, str):
                value = value.getnext()
            if value is not None and (found := parse_byline(text_of(value), host)) is not None and found.authors:
                return found
    return None


def _signed(root: Element, host: str | None) -> Byline | None:
    """A right-aligned short line that is a byline: how Vietnamese articles sign off."""
    for el in root.xpath('//*[@align="right" or @align="RIGHT" or contains(translate(@style, "RIGHT", "right"), "right")]'):
        text = text_of(el)
        if 3 <= len(text) <= 80 and (found := parse_byline(text, host)) is not None and found.authors \
                and all(len(a.split()) >= 2 for a in found.authors):
            return found
    return None


_BY_LINE = re.compile(r"^(?:(?:đăng|viết|gửi)\s+)?bởi\s+\S", re.I)
_OPENS_WITH_DATE = re.compile(r"^\D{0,40}\d{1,2}[:hg/.-]\d{1,2}")
_POSTED_AT = re.compile(r"\b(?:ngày đăng|đăng|gửi|xuất bản|posted|published)(?:\s+(?:lúc|ngày|vào|vào lúc|on|at))?"
                        r"\s*:?\s*(?=\d)", re.I)


def _posted_part(text: str) -> str | None:
    """The part of a short line that gives its posting time, or None."""
    if len(text) > 160:
        return None
    if len(text) <= 100 and _OPENS_WITH_DATE.match(text):
        return text
    return text[m.end():] if (m := _POSTED_AT.search(text)) is not None else None


_UPDATED = re.compile(r"^\s*(cập nhật|update|lần sửa cuối|sửa lần cuối|chỉnh sửa lần cuối|last updated|last modified)",
                      re.I)
# When a reader printed the page or the server sent it, not when it was written.
_TIME_ONLY = re.compile(r"^\s*(?:(?:đăng|xuất bản|gửi)(?:\s+lúc)?\s*:?\s*)?" + TIME + r"\s*$", re.I)
_CREATED_WORDS = r"ngày tạo|tạo lúc|created"
_CREATED = re.compile(rf"^\s*({_CREATED_WORDS})", re.I)
_NOT_PUBLISHED = re.compile(rf"^\s*(ngày in|in ngày|in lúc|bản in|printed|print date|ngày truy cập|{_CREATED_WORDS})", re.I)


def _from_page(meta: Metadata, root: Element, index: dict[str, str], profile: SiteProfile | None,
               host: str | None, url: str | None) -> None:
    def first(selector: str | None) -> str | None:
        node = select_one(root, selector)
        return text_of(node) if node is not None else None

    if profile and profile.author:
        meta.byline(parse_byline(first(profile.author) or "", host), "profile")
    # The body's elements and the headline's place among them, walked once, if at all.
    located = lru_cache(maxsize=1)(lambda: _headline_at(root, meta.title))
    near = lru_cache(maxsize=1)(lambda: _near_headline(*located(), meta.title))
    # With a name from the data already, only author blocks are read (to catch a fuller byline).
    visible = _visible_byline(root, host, near, thorough=not meta.authors)
    meta.printed(visible, "byline")
    # Joomla prints the draft's creation and the last edit as <time>s too, before or after this one.
    # The first <time> that is not another article's (a related list's, a comment's).
    for node in root.xpath('//time[@datetime][not(contains(@itemprop, "dateCreated") or contains(@itemprop, '
                           '"dateModified") or contains(@class, "updated"))]'):
        if not _teaser_date(node, meta.title) and not any(
                "comment" in f"{a.get('class')} {a.get('id')}".lower() for a in islice(node.iterancestors(), 4)):
            _add(meta.published, node.get("datetime"), "time")
            break
    for value in root.xpath('//*[contains(@itemprop, "dateModified")]/@*[name()="content" or name()="datetime"]')[:1]:
        _add(meta.modified, value, "itemprop")
    # Microdata and RDFa on any element (Drupal: <span property="dc:date dc:created" content="...">).
    for value in root.xpath('//*[@itemprop="datePublished" or contains(@property, "dc:created")]'
                            '/@*[name()="content" or name()="datetime"]')[:1]:
        _add(meta.published, value, "itemprop")
    # hAtom (Blogger, older WordPress themes): <abbr class="published" title="2025-02-08T21:30:00+07:00">.
    for value in root.xpath('//*[contains(concat(" ", normalize-space(@class), " "), " published ")]/@title')[:1]:
        _add(meta.published, value, "itemprop")
    if profile and profile.date:
        for node in select(root, profile.date)[:20]:
            if (when := read_when(text_of(node), "profile")) is not None:
                meta.published.insert(0, when)
                break
    updated = created = clock = None
    timed: list[tuple[Element, When]] = []
    day_only: list[tuple[Element, When]] = []  # lines with the day alone; a later one may give the time too
    for node in islice(_date_nodes(root), 20):
        text = text_of(node)
        if len(text) > 200:
            continue
        when = read_when(text, "visible-date-line") or _scripted_when(node)
        if when is None and (t := _TIME_ONLY.match(text)) is not None and clock is None:
            clock = (node, clock_time(*t.groups()))  # "Đăng lúc 6h50" beside the day's own element
        if when is None or _holds_clock(node) or _teaser_date(node, meta.title):
            continue
        if _NOT_PUBLISHED.match(text):
            if _CREATED.match(text):
                created = created or when
            continue
        if _UPDATED.match(text):
            meta.modified.append(when)
            updated = updated or when
            continue
        (timed if when.has_time else day_only).append((node, when))
        if len(timed) == 3:
            break
    # A line near the headline that opens with its date or labels it as the posting time ("Người viết:
    # ... - Đăng lúc: 19-03-2024 09:05:12"); a licence line or a body sentence names other dates.
    dated = lambda: next((w for t in near() if (part := _posted_part(t)) is not None  # noqa: E731
                          and (w := read_when(part, "visible-date-line")) is not None), None)
    if not timed and clock is not None:
        # A day and a time printed in two elements of one line ("Thứ Ba 11/3/25 · Đăng lúc 6h50").
        timed = [(node, When(when.moment.replace(hour=clock[1][0], minute=clock[1][1]), True, when.source))
                 for node, when in day_only if node.getparent() is clock[0].getparent()]
    posted_day = any(_POSTED_AT.search(text_of(node)) for node, _ in day_only)
    if timed:
        meta.published.append(_nearest_to_headline(timed, *located()))
    elif created is not None and not posted_day:
        meta.published.append(created)  # Joomla's "Ngày tạo" is the date it shows when it shows no other
    elif updated is not None and not posted_day:
        meta.published.append(updated)  # many portals print only "Cập nhật: ...", and it is the publication time
    elif (line := dated()) is not None and (line.has_time or not day_only):
        meta.published.append(line)
    elif day_only:
        meta.published.append(_nearest_to_headline(day_only, *located()))
    if (when := url_when(url)) is not None:
        meta.published.append(when)


# Class and id words of date lines: "post-date", "ngay-dang", "NgayDang", "lblNgayCapNhat", "txtNgay",
# "PrintDate", "dc-entry__stamp", "thoigian".
_DATE_LABEL = re.compile(r"date|time|ngay|stamp|thoigian|thoi-gian|published|posted|created|modified|(^|\s)create(\s|$)|"
                         r"[\s_-](day|hour|gio)($|\s)", re.I)
# The header's "today" clock ("Thứ Tư, ngày 14/05/2025"): the day the page was served, not written.
_TODAY = re.compile(r"hientai|hien-tai|homnay|hom-nay|today|current|clock|lich", re.I)


def _date_nodes(root: Element) -> Iterator[Element]:
    """`<time>` and elements whose class or id names a date or time, in document order. A generator:
    the date line sits near the top, and a CSS selector would scan the whole tree first."""
    for el in root.iter(etree.Element):
        if el.tag == "time":
            yield el
            continue
        label = el.get("class")
        ident = el.get("id")
        if (label or ident) and _names_date(f"{label} {ident}") \
                and el.tag not in ("html", "body", "script", "style", "meta", "link", "input"):
            yield el


_SCRIPT_EPOCH = re.compile(r"(?<![\w.])1\d{9}(?:\d{3})?(?![\w.])")


def _scripted_when(node: Element) -> When | None:
    """A date line its script writes from a Unix timestamp (`document.write(formatDate(1747211700))`)."""
    for script in node.iter("script"):
        if (m := _SCRIPT_EPOCH.search(script.text or "")) is not None:
            return read_when(m.group(0), "visible-date-line")
    return None


# An icon's class ("bdt-icon-lich", "fa fa-calendar"): a calendar picture beside the date, not a clock.
_ICON = re.compile(r"(^|[\s_-])(icon|ico|fa|glyphicon|bi)($|[\s_-])", re.I)


def _teaser_date(node: Element, headline: str | None) -> bool:
    """The date of another article: it stands beside a headline link in a list of teasers
    ("<a>Giá lúa tươi tăng nhẹ sau mưa bão</a> <span class="OtherDate">(12/09/2024 10:20:05 SA)</span>");
    a link to the article's own headline does not count."""
    holder = node.getparent()
    if next(node.iter("a"), None) is not None or holder is None or holder.tag in ("body", "html") \
            or len(text_of(holder)) > 300:  # a teaser item is short; an article's header is not one
        return False
    # A headline has six words or more; a section link ("Nông nghiệp - Nông thôn") has fewer.
    for a in islice(holder.iter("a"), 5):
        text = text_of(a)
        if sum(w[:1].isalpha() for w in text.split()) >= 6 and not (headline and text in headline):
            return True
    return False


def _holds_clock(node: Element) -> bool:
    """A header date line whose time is a live clock (<span id="clock">): the time of serving."""
    return any(_TODAY.search(label := f"{d.get('class')} {d.get('id')}") and not _ICON.search(label)
               for d in node.iterdescendants(etree.Element))


def _headline_at(root: Element, headline: str | None) -> tuple[list[Element], int | None]:
    """The elements of the body in document order, and the index of the one whose own text is the
    longest part of the headline (the first of equals): a site banner ("ĐỒNG HƯƠNG YÊN HỒ") can be
    a part of the headline too."""
    if not headline:
        return [], None
    body = root.find("body")
    nodes = list((body if body is not None else root).iter(etree.Element))
    best, at = 9, None
    for i, el in enumerate(nodes):
        if el.text and len(text := el.text.strip()) > best and text in headline:
            best, at = len(text), i
            if best == len(headline):
                break
    return nodes, at


def _nearest_to_headline(timed: list[tuple[Element, When]], nodes: list[Element], at: int | None) -> When:
    """Of the date lines, the one nearest the headline (element `at` of `nodes`): a header's server
    stamp ("Thứ Năm, 16/01/2025 8:12:45 SA") comes first in the page but stands far from the article."""
    if len(timed) == 1 or at is None:
        return timed[0][1]
    order = {el: i for i, el in enumerate(nodes)}
    return min(timed, key=lambda item: abs(order.get(item[0], len(nodes) * 2) - at))[1]


def _near_headline(nodes: list[Element], at: int | None, headline: str | None) -> list[str]:
    """Short texts within a few blocks of the headline (element `at` of `nodes`), after it first, then
    before it (nearest first): where table layouts print the date and byline in a bare <font> or <td>."""
    if at is None:
        return []
    texts = []
    for el in nodes[at + 1:at + 40] + nodes[max(0, at - 15):at][::-1]:
        if HAS_DATE.search(el.text or "") and _teaser_date(el, headline):
            continue  # the date of a related article in a list beside the body
        texts += [t.strip() for t in (el.text, el.tail) if t and 2 <= len(t.strip()) <= 150]
        if el.text and (_BY_LINE.match(el.text.strip() + " x") or _BYLINE_LABEL.match(el.text.strip())):
            texts.append(text_of(el))  # "Bởi <span>Name</span>", "Tác giả: <b>Name</b> - Gửi lúc: ...": the whole line
    return texts


# Article fields in framework state (Next.js, Nuxt, custom JSON): "publishedAt": "...", "author": {"name": ...}.
# The value: a date string, or a Unix time as a number or `new Date(1743903000000)`.
_STATE_VALUE = r'"?\s*:\s*(?:"([^"]{8,40})"|(?:new Date\(\s*)?(1\d{9}(?:\d{3})?)\b)'
# JSON:API (Ember Data) writes the keys in kebab case: "published-at".
_STATE_DATE = re.compile(r'"?\b(?:datePublished|publishedAt|published_at|published-at|publishDate|publish_date|publish_time|'
                         r'publishTime|pubDate|public_date|publicDate|ngayXuatBan|ngay_xuat_ban|ngayDang|ngay_dang|'
                         r'ngayPhatHanh|thoiGianDang)' + _STATE_VALUE)
_STATE_MODIFIED = re.compile(r'"?\b(?:dateModified|updatedAt|updated_at|updated-at|modifiedAt|modified_at|updateDate|'
                             r'updateTime|lastModified|ngayCapNhat|ngay_cap_nhat|ngaySua|thoiGianCapNhat)' + _STATE_VALUE)
# Most telling first: a byline the site wrote out, then an author's name, then the first of a list.
# The name may sit one object down ("byline": {"label": "Bài, ảnh", "people": [{"name": "Khánh Vy"}]}).
_STATE_AUTHOR = [re.compile(r'"?\b' + keys + r'"?\s*:\s*(?:\[\s*)?(?:"([^"]{2,80})"|\{[^{}]*?(?:\{[^{}]*?)?"?\b(?:name|'
                            r'fullname|full_name|fullName|display_name|displayName)"?\s*:\s*"([^"]{2,60})")')
                 for keys in (r"(?:bylineText|byline|butDanh|but_danh)", r"(?:author_name|authorName|tenTacGia)",
                              r"(?:author|authors|tacGia|tac_gia|nguoiViet)")]


_JSONAPI_AUTHOR = re.compile(r'"type"\s*:\s*"(?:authors?|writers?|people)"\s*,\s*"id"\s*:\s*"?[\w-]+"?\s*,\s*'
                             r'"attributes"\s*:\s*\{[^{}]*?"(?:name|full-name|display-name)"\s*:\s*"([^"]{2,60})"')
_STATE_AUTHOR_REF = re.compile(r'"authors?"\s*:\s*\[?\s*\{[^{}]*?(?:\{[^{}]*?)?"__ref"\s*:\s*"([^"]{2,80})"')


def _from_state(meta: Metadata, scripts: list[tuple[str, str, str]], host: str | None, anchor: str | None) -> None:
    """Dates and the byline of a script-rendered page, from the state its framework ships; `anchor`
    opens the body found in that state: the fields nearest before it are the article's own, where
    related articles carry the same fields (a normalised cache lists them first)."""
    for kind, ident, code in scripts:
        if kind == "application/ld+json":
            continue
        code = _inline_nuxt_arguments(_inline_nuxt_payload(code) if ident == "__NUXT_DATA__" else code)
        if '\\"' in code[:5000]:  # JSON inside a JS string (Next.js flight data): its quotes escaped
            code = code.replace('\\"', '"')
        at = body_at(code, anchor)
        if (m := _state_field(_STATE_DATE, code, at)) is not None:
            _add(meta.published, _unescape_js(m.group(1)) if m.group(1) else m.group(2), "state")
            if (m := _state_field(_STATE_MODIFIED, code, at)) is not None:
                _add(meta.modified, _unescape_js(m.group(1)) if m.group(1) else m.group(2), "state")
        for pattern in _STATE_AUTHOR if not meta.authors else ():
            if (m := _state_field(pattern, code, at)) is not None:
                meta.byline(parse_byline(_unescape_js(m.group(1) or m.group(2)), host), "state")
                break
        if not meta.authors and (m := _JSONAPI_AUTHOR.search(code)) is not None:
            meta.byline(parse_byline(_unescape_js(m.group(1)), host), "state")  # JSON:API's "included" author
        if not meta.authors and (ref := _state_field(_STATE_AUTHOR_REF, code, at)) is not None:
            # Apollo's normalised cache: the author is a reference to a User object kept apart.
            target = re.search(r'"' + re.escape(ref.group(1)) + r'"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]{2,60})"', code)
            if target is not None:
                meta.byline(parse_byline(_unescape_js(target.group(1)), host), "state")


def _state_field(pattern: re.Pattern[str], code: str, at: int) -> re.Match[str] | None:
    """The field nearest before the body at `at` (within the article's object), else the first."""
    return next(iter(fields_before(pattern, code, at)), None) or pattern.search(code)


def _inline_nuxt_payload(code: str) -> str:
    """Nuxt 3 ships its state as one flat array whose objects point at other items by index
    (`{"author":39}` ... `"Phạm Thu Huyền"`): rebuilt as plain JSON, the first article object first."""
    try:
        items = json.loads(code)
    except ValueError:
        return code
    if not isinstance(items, list):
        return code

    def resolve(value: Any, depth: int = 0) -> Any:
        if depth > 12:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(items):
            value = items[value]
        if isinstance(value, dict):
            return {k: resolve(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list) and not (value and value[0] in ("ShallowReactive", "Reactive", "Ref")):
            return [resolve(v, depth + 1) for v in value]
        if isinstance(value, list):
            return resolve(value[1], depth + 1) if len(value) > 1 else None
        return value

    return json.dumps(resolve(1 if len(items) > 1 else 0), ensure_ascii=False)


_NUXT_FUNCTION = re.compile(r"\(function\(([\w$,\s]*)\)\s*\{")
_JS_LITERAL = re.compile(r'\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|null|true|false|void 0|\{\}|\[\])\s*(?:,|\)\)|$)')


def _inline_nuxt_arguments(code: str) -> str:
    """Nuxt 2 ships its state as `(function(a,b,...){return {...author:b...}}(null,"Đoàn Văn Nhân",...))`:
    each parameter a field refers to is replaced by the literal passed for it."""
    head = _NUXT_FUNCTION.search(code)
    call = code.rfind("}(")
    if head is None or call < head.end():
        return code
    params = [p.strip() for p in head.group(1).split(",") if p.strip()]
    values, at = [], call + 2
    while len(values) < len(params) and (m := _JS_LITERAL.match(code, at)) is not None:
        values.append(m.group(1))
        at = m.end()
    literals = {p: v for p, v in zip(params, values) if v.startswith('"')}
    if not literals:
        return code
    return re.sub(r"([\w$]+)\s*:\s*([\w$]+)(?=[,}\]])",
                  lambda m: f"{m.group(1)}:{literals[m.group(2)]}" if m.group(2) in literals else m.group(0),
                  code[:call])


def _unescape_js(value: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), value).replace("\\/", "/")


def _later_saves(published: list[When]) -> list[When]:
    """The data's publication times that come after the publication time the page shows: the time
    of a later save (a CMS that rewrites the field on every save) or of a re-publication."""
    minute = lambda w: w.moment.replace(second=0, microsecond=0)  # noqa: E731
    shown = {minute(c) for c in published if c.source == "visible-date-line" and c.has_time and c.other is None}
    # A last save comes after the publication the page shows; the shown clock reading in another
    # offset is the shown time with its zone written wrong, not a later save.
    clocks = {m.replace(tzinfo=None) for m in shown}
    return [c for c in published if c.source != "visible-date-line" and c.has_time
            and minute(c) > max(shown) and minute(c).replace(tzinfo=None) not in clocks] if shown else []


def _times(meta: Metadata, now: datetime | None) -> None:
    modified = next((m for m in meta.modified if m.other is None), meta.modified[0] if meta.modified else None)
    # An article is not published after its last edit: a value that says so is a zone written wrong.
    stale = _later_saves(meta.published)
    candidates = [c for c in meta.published if c not in stale]
    if modified is not None and any(c.moment <= modified.moment for c in candidates):
        candidates = [c for c in candidates if c.moment <= modified.moment]
    published, warnings = reconcile(candidates, now)
    if published is not None:
        meta.set("published_at", published.iso, published.source)
        warnings += [f"published_at: {c.source} says {c.moment.isoformat()}, after the time the page shows "
                     f"({published.moment.date().isoformat()}): a later save; kept {published.source}" for c in stale]
    meta.warnings += warnings
    if published is not None and modified is not None:
        # The data that wrote the publication time in a wrong offset wrote the edit time in it too.
        clock = published.moment.replace(tzinfo=None, second=0)
        wrong = {c.moment.utcoffset() for c in candidates if c.moment.utcoffset() != published.moment.utcoffset()
                 and c.moment.replace(tzinfo=None, second=0) == clock}
        if modified.moment.utcoffset() in wrong:
            modified = When(modified.moment.replace(tzinfo=published.moment.tzinfo), True, modified.source)
    if modified is not None and (published is None or modified.moment > published.moment):
        meta.set("modified_at", modified.iso, modified.source)


def extract_metadata(root: Element, profile: SiteProfile | None = None, host: str | None = None,
                     index: dict[str, str] | None = None, url: str | None = None,
                     now: datetime | None = None, scripts: list[tuple[str, str, str]] | None = None,
                     listed_at: datetime | None = None, anchor: str | None = None) -> Metadata:
    """Read metadata before chrome is stripped (the tree is not modified); `now` is the time of the
    fetch (no publication date may lie after it), the current time when not given; `scripts` are
    the page's data scripts (`embedded.page_scripts`), read for script-rendered pages; `listed_at` the
    date the crawl's sitemap or feed gave the page; `anchor` the opening of a body found in the scripts
    (`Embedded.anchor`)."""
    meta = Metadata()
    index = meta_index(root) if index is None else index
    objects = _json_ld_objects(root)  # parsed once: the title and the JSON-LD fields both read them
    _title(meta, root, index, objects, profile, host)
    # OpenGraph times are read before JSON-LD: several sites round JSON-LD to the minute.
    _from_meta_tags(meta, root, index, host)
    _from_json_ld(meta, objects, host)
    _from_page(meta, root, index, profile, host, url)
    _from_state(meta, scripts or [], host, anchor)
    if listed_at is not None:
        when = listed_at if listed_at.tzinfo else listed_at.replace(tzinfo=VIETNAM_TZ)
        meta.published.append(When(when, (when.hour, when.minute, when.second) != (0, 0, 0), "sitemap"))
    _times(meta, now)
    return meta
