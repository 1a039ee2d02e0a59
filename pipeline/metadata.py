"""Article metadata from JSON-LD, OpenGraph and <meta>, <time>, then visible lines.

Each field records where it came from, so a wrong value can be traced.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from bs4 import BeautifulSoup, Tag

from .normalize import fold_diacritics
from .site_profiles import SiteProfile

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


def _json_ld_objects(soup: BeautifulSoup) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "", strict=False)
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


def _meta(soup: BeautifulSoup, *keys: str) -> str | None:
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            node = soup.find("meta", attrs={attr: key})
            if node is not None and node.get("content", "").strip():
                return node["content"].strip()
    return None


def _split_list(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in re.split(r"[,;]", value) if v.strip()]


def _from_json_ld(meta: Metadata, soup: BeautifulSoup, host: str | None) -> None:
    for obj in _json_ld_objects(soup):
        if not _types(obj) & _ARTICLE_TYPES or "webpage" in _types(obj) and not obj.get("datePublished"):
            continue
        meta.set("title", obj.get("headline"), "json-ld")
        meta.set("published_at", to_iso(str(obj.get("datePublished") or "")), "json-ld")
        meta.set("modified_at", to_iso(str(obj.get("dateModified") or "")), "json-ld")
        authors = [a for a in (clean_author(n, host) for n in _names(obj.get("author"))) if a]
        meta.set("authors", authors, "json-ld")
        section = obj.get("articleSection")
        meta.set("section", section[0] if isinstance(section, list) and section else section, "json-ld")
        keywords = obj.get("keywords")
        meta.set("tags", keywords if isinstance(keywords, list) else _split_list(keywords), "json-ld")


def _from_meta_tags(meta: Metadata, soup: BeautifulSoup, host: str | None) -> None:
    meta.set("published_at", to_iso(_meta(soup, "article:published_time", "datePublished", "pubdate",
                                           "publishdate", "dc.date.issued", "date") or ""), "meta")
    meta.set("modified_at", to_iso(_meta(soup, "article:modified_time", "dateModified", "og:updated_time",
                                          "lastmod") or ""), "meta")
    names = _split_list(_meta(soup, "article:author", "dable:author", "author"))
    authors = [a for a in (clean_author(n, host) for n in names) if a]
    meta.set("authors", authors, "meta")
    meta.set("section", _meta(soup, "article:section", "articleSection"), "meta")
    tags = _split_list(_meta(soup, "article:tag")) or _split_list(_meta(soup, "news_keywords", "keywords"))
    meta.set("tags", list(dict.fromkeys(tags)), "meta")
    meta.set("description", _meta(soup, "og:description", "description"), "meta")
    meta.set("og_type", _meta(soup, "og:type"), "meta")
    canonical = soup.find("link", rel="canonical")
    meta.set("canonical_url", canonical.get("href") if canonical else None, "link-canonical")
    meta.set("canonical_url", _meta(soup, "og:url"), "meta")
    html = soup.find("html")
    meta.set("language", html.get("lang") if isinstance(html, Tag) else None, "html-lang")


def _from_page(meta: Metadata, soup: BeautifulSoup, profile: SiteProfile | None, host: str | None) -> None:
    def first(selector: str | None) -> str | None:
        node = soup.select_one(selector) if selector else None
        return " ".join(node.get_text(" ").split()) if node is not None else None

    h1 = first(profile.title if profile and profile.title else None) or first("h1")
    meta.set("title", h1, "h1")
    meta.set("title", _meta(soup, "og:title", "twitter:title"), "meta")
    if soup.title and soup.title.string:
        meta.set("title", re.split(r"\s+[|–-]\s+", soup.title.string.strip())[0], "title-tag")
    if profile and profile.author:
        meta.set("authors", [a for a in (clean_author(n, host) for n in _split_list(first(profile.author))) if a], "profile")
    time_node = soup.find("time", attrs={"datetime": True})
    if time_node is not None:
        meta.set("published_at", to_iso(time_node["datetime"]), "time")
    date_selectors = [profile.date] if profile and profile.date else []
    date_selectors.append("time, [class*=date], [class*=time], [class*=ngay]")
    for selector in date_selectors:
        for node in soup.select(selector)[:20]:
            text = " ".join(node.get_text(" ").split())
            if _VISIBLE.search(text):
                meta.set("published_at", to_iso(text), "visible-date-line")
                break


def extract_metadata(soup: BeautifulSoup, profile: SiteProfile | None = None, host: str | None = None) -> Metadata:
    """Read metadata before chrome is stripped (the soup is not modified)."""
    meta = Metadata()
    # The visible headline is what readers see; og:title is often a shorter SEO variant.
    h1_selector = profile.title if profile and profile.title else "h1"
    h1 = soup.select_one(h1_selector) or soup.find("h1")
    if h1 is not None and h1.get_text(strip=True):
        meta.set("title", " ".join(h1.get_text(" ").split()), "h1")
    # OpenGraph times are read before JSON-LD: several sites round JSON-LD to the minute.
    _from_meta_tags(meta, soup, host)
    _from_json_ld(meta, soup, host)
    _from_page(meta, soup, profile, host)
    return meta
