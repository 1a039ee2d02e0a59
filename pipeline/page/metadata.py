"""Article metadata from JSON-LD, OpenGraph and <meta>, <time>, then visible lines.

Each field records where it came from, so a wrong value can be traced.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import islice
from typing import Any

from lxml import etree

from pipeline.text.normalize import fold_diacritics

from .dom import Element, select, select_one, text_of
from .profiles import SiteProfile

VIETNAM_TZ = timezone(timedelta(hours=7))
_ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "webpage"}
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?",
)
_VISIBLE = re.compile(
    r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:\s*[,-]?\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(AM|PM)?)?"
    r"(?:\s*\(?\s*GMT\s*([+-]\s*\d{1,2})(?::?(\d{2}))?)?",
    re.I,
)
_SITE_AUTHOR = re.compile(r"(https?:|www\.|\.vn\b|\.com\b|\bonline\b|\bnews\b|vccorp|^báo\b|^bao\w+$)", re.I)


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
    declares_article: bool = False  # JSON-LD says the page is one article (NewsArticle, BlogPosting ...)
    sources: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: Any, source: str) -> None:
        """Set a field once: the first (most trusted) source wins."""
        if value and not getattr(self, name):
            setattr(self, name, value)
            self.sources[name] = source


def to_iso(value: str) -> str | None:
    """ISO 8601 with offset; Vietnam time (+07:00) when the value names no zone."""
    value = value.strip()
    m = _ISO.search(value)
    if m:
        year, month, day, hour, minute, second, zone = m.groups()
        dt = _build(year, month, day, hour, minute, second)
        if dt is None:
            return None
        if zone:
            zone = "+00:00" if zone == "Z" else zone if ":" in zone else zone[:3] + ":" + zone[3:]
            return dt.isoformat() + zone
        return dt.replace(tzinfo=VIETNAM_TZ).isoformat()
    m = _VISIBLE.search(value)
    if m:
        day, month, year, hour, minute, second, ampm, gmt_h, gmt_m = m.groups()
        if hour and ampm and ampm.upper() == "PM" and int(hour) < 12:
            hour = str(int(hour) + 12)
        elif hour and ampm and ampm.upper() == "AM" and int(hour) == 12:
            hour = "0"
        dt = _build(year, month, day, hour, minute, second)
        if dt is None:
            return None
        offset = timedelta(hours=int(gmt_h.replace(" ", "")), minutes=int(gmt_m or 0)) if gmt_h else timedelta(hours=7)
        return dt.replace(tzinfo=timezone(offset)).isoformat()
    return None


def _build(year: str, month: str, day: str, hour: str | None, minute: str | None, second: str | None) -> datetime | None:
    try:
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None


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


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def clean_author(name: str, host: str | None = None) -> str | None:
    """A person's name, or None for a site or organisation posing as the author."""
    name = " ".join(html.unescape(name).split()).strip(" -–,;")
    if not name or len(name) > 60 or _SITE_AUTHOR.search(name) or any(ch.isdigit() for ch in name):
        return None
    if host and fold_diacritics(name).replace(" ", "") in host.lower().replace("-", ""):
        return None
    if name.isupper():
        name = name.title()
    return name


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


def _from_json_ld(meta: Metadata, root: Element, host: str | None) -> None:
    for obj in _json_ld_objects(root):
        if not _types(obj) & _ARTICLE_TYPES or "webpage" in _types(obj) and not obj.get("datePublished"):
            continue
        meta.declares_article = True
        meta.set("title", obj.get("headline"), "json-ld")
        meta.set("published_at", to_iso(str(obj.get("datePublished") or "")), "json-ld")
        meta.set("modified_at", to_iso(str(obj.get("dateModified") or "")), "json-ld")
        authors = [a for a in (clean_author(n, host) for n in _names(obj.get("author"))) if a]
        meta.set("authors", authors, "json-ld")
        section = obj.get("articleSection")
        meta.set("section", section[0] if isinstance(section, list) and section else section, "json-ld")
        keywords = obj.get("keywords")
        meta.set("tags", keywords if isinstance(keywords, list) else _split_list(keywords), "json-ld")


def _from_meta_tags(meta: Metadata, root: Element, index: dict[str, str], host: str | None) -> None:
    meta.set("published_at", to_iso(_meta(index, "article:published_time", "datePublished", "pubdate",
                                           "publishdate", "dc.date.issued", "date") or ""), "meta")
    meta.set("modified_at", to_iso(_meta(index, "article:modified_time", "dateModified", "og:updated_time",
                                          "lastmod") or ""), "meta")
    names = _split_list(_meta(index, "article:author", "dable:author", "author"))
    authors = [a for a in (clean_author(n, host) for n in names) if a]
    meta.set("authors", authors, "meta")
    meta.set("section", _meta(index, "article:section", "articleSection"), "meta")
    tags = _split_list(_meta(index, "article:tag")) or _split_list(_meta(index, "news_keywords", "keywords"))
    meta.set("tags", list(dict.fromkeys(tags)), "meta")
    meta.set("description", _meta(index, "og:description", "description"), "meta")
    meta.set("og_type", _meta(index, "og:type"), "meta")
    url, source = canonical_url(root, index)
    meta.set("canonical_url", url, source)
    meta.set("language", root.get("lang"), "html-lang")


def _from_page(meta: Metadata, root: Element, index: dict[str, str], profile: SiteProfile | None,
               host: str | None) -> None:
    def first(selector: str | None) -> str | None:
        node = select_one(root, selector)
        return text_of(node) if node is not None else None

    meta.set("title", _meta(index, "og:title", "twitter:title"), "meta")
    title_tag = root.findtext(".//title")
    if title_tag and title_tag.strip():
        meta.set("title", re.split(r"\s+[|–-]\s+", title_tag.strip())[0], "title-tag")
    if profile and profile.author:
        names = _split_list(first(profile.author))
        meta.set("authors", [a for a in (clean_author(n, host) for n in names) if a], "profile")
    for value in root.xpath("//time/@datetime")[:1]:
        meta.set("published_at", to_iso(value), "time")
    candidates = [select(root, profile.date)[:20]] if profile and profile.date else []
    candidates.append(islice(_date_nodes(root), 20))
    for nodes in candidates:
        for node in nodes:
            text = text_of(node)
            if _VISIBLE.search(text):
                meta.set("published_at", to_iso(text), "visible-date-line")
                break


def _date_nodes(root: Element) -> Iterator[Element]:
    """`<time>` and elements whose class names a date or time, in document order. A generator: the
    date line sits near the top, and a CSS selector would scan the whole tree first."""
    for el in root.iter(etree.Element):
        label = el.get("class")
        if el.tag == "time" or (label and ("date" in label or "time" in label or "ngay" in label)):
            yield el


def extract_metadata(root: Element, profile: SiteProfile | None = None, host: str | None = None,
                     index: dict[str, str] | None = None) -> Metadata:
    """Read metadata before chrome is stripped (the tree is not modified)."""
    meta = Metadata()
    # The visible headline is what readers see; og:title is often a shorter SEO variant.
    h1 = select_one(root, profile.title if profile and profile.title else None)
    if h1 is None:
        h1 = root.find(".//h1")
    if h1 is not None and text_of(h1):
        meta.set("title", text_of(h1), "h1")
    # OpenGraph times are read before JSON-LD: several sites round JSON-LD to the minute.
    index = meta_index(root) if index is None else index
    _from_meta_tags(meta, root, index, host)
    _from_json_ld(meta, root, host)
    _from_page(meta, root, index, profile, host)
    return meta
