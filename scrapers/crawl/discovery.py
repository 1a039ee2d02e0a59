"""Finding URLs to crawl in fetched documents: sitemaps, news sitemaps, RSS/Atom feeds, HTML pages.

Pure functions over bytes (no network): the crawler fetches, these parse.
XML is parsed with lxml with entity resolution and network access off, so a
hostile sitemap cannot read local files or make requests (XXE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from scrapers.http.decoding import BodyDecoder

from .urls import is_followable, looks_like_file

Kind = Literal["page", "sitemap", "feed"]
DocumentType = Literal["html", "sitemap", "feed", "unknown"]

# Vietnamese news sites publish in Vietnam time; a date without a zone is read as +07:00.
VIETNAM_TZ = timezone(timedelta(hours=7))
# Media types we ask the fetcher to accept besides HTML.
XML_MEDIA_TYPES = frozenset({
    "application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/x-gzip", "application/gzip",
})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_MAX_XML_BYTES = 50_000_000  # the sitemap protocol's own limit for one (uncompressed) file


@dataclass(frozen=True)
class Link:
    """A URL found in a document, with what we think it is and its date if the source gave one."""

    url: str
    kind: Kind = "page"
    date: datetime | None = None  # sitemap lastmod / news publication date / feed item date


@dataclass
class Discovered:
    """What one document yielded: links to follow and (for HTML) its declared canonical URL."""

    doc_type: DocumentType
    links: list[Link] = field(default_factory=list)
    canonical: str | None = None


def parse_date(value: str | None) -> datetime | None:
    """ISO 8601 / W3C datetime or RFC 822 date to an aware datetime; None if unparsable."""
    if not value:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=VIETNAM_TZ)


def _maybe_gunzip(body: bytes) -> bytes:
    if body[:2] == b"\x1f\x8b":  # a .xml.gz sitemap served without Content-Encoding
        decoder = BodyDecoder("gzip", _MAX_XML_BYTES)
        return decoder.feed(body) + decoder.flush()
    return body


def _xml_root(body: bytes) -> etree._Element | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        return etree.fromstring(_maybe_gunzip(body), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def document_type(body: bytes, content_type: str) -> DocumentType:
    """Sniff what a fetched document is: an HTML page, a sitemap, a feed, or something else."""
    media = content_type.split(";", 1)[0].strip().lower()
    head = _maybe_gunzip(body[:4096]) if body[:2] == b"\x1f\x8b" else body[:4096]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if media in ("text/html", "application/xhtml+xml") and not stripped.startswith(b"<?xml"):
        return "html"
    if media in _FEED_TYPES:
        return "feed"
    match = re.search(rb"<(?:[\w-]+:)?(urlset|sitemapindex|rss|feed|rdf:RDF|html)\b", head, re.I)
    if match:
        root = match.group(1).lower()
        if root in (b"urlset", b"sitemapindex"):
            return "sitemap"
        if root == b"html":
            return "html"
        return "feed"
    return "html" if media in ("", "text/plain") else "unknown"


def parse_sitemap(body: bytes, base_url: str) -> list[Link]:
    """Entries of a sitemap (<urlset>, incl. Google News <news:news>) or sitemap index (<sitemapindex>)."""
    root = _xml_root(body)
    if root is None:
        return []
    index = _local(root.tag) == "sitemapindex"
    links: list[Link] = []
    for entry in root:
        if _local(entry.tag) not in ("url", "sitemap"):
            continue
        loc = lastmod = news_date = None
        for child in entry.iter():
            name = _local(child.tag)
            text = (child.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name == "lastmod":
                lastmod = text
            elif name == "publication_date":
                news_date = text
        if not loc:
            continue
        url = urljoin(base_url, loc)
        # A news sitemap's publication date says when the article appeared; prefer it.
        links.append(Link(url, "sitemap" if index else "page", parse_date(news_date) or parse_date(lastmod)))
    return links


def parse_feed(body: bytes, base_url: str) -> list[Link]:
    """Item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, with their dates."""
    root = _xml_root(body)
    if root is None:
        return []
    links: list[Link] = []
    for item in root.iter():
        name = _local(item.tag)
        if name not in ("item", "entry"):
            continue
        url = date = None
        for child in item:
            cname = _local(child.tag)
            if cname == "link":
                href = child.get("href")
                if href is not None:  # Atom: prefer rel="alternate" (the default)
                    if child.get("rel", "alternate") == "alternate" and url is None:
                        url = href.strip()
                elif child.text and url is None:
                    url = child.text.strip()
            elif cname == "guid" and url is None and child.get("isPermaLink", "true") != "false":
                url = (child.text or "").strip() or None
            elif cname in ("pubdate", "published", "date", "updated") and date is None:
                date = parse_date(child.text)
        if url is None and name == "item":
            url = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        if url:
            links.append(Link(urljoin(base_url, url), "page", date))
    return links


def parse_html(body: bytes, base_url: str) -> Discovered:
    """Links of an HTML page (<a href>, rel=next, feed <link>s) and its <link rel=canonical>."""
    try:
        doc = lxml.html.fromstring(body)
    except (etree.ParserError, ValueError):
        return Discovered("html")
    base = base_url
    for el in doc.iter("base"):
        if el.get("href"):
            base = urljoin(base_url, el.get("href").strip())
            break
    found = Discovered("html")
    seen: set[str] = set()

    def add(href: str | None, kind: Kind) -> None:
        if href is None or not is_followable(href):
            return
        url = urljoin(base, href.strip())
        if url in seen or looks_like_file(url):
            return
        seen.add(url)
        found.links.append(Link(url, kind))

    for el in doc.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        kind_attr = (el.get("type") or "").lower()
        if "canonical" in rel and found.canonical is None and el.get("href"):
            found.canonical = urljoin(base, el.get("href").strip())
        elif "alternate" in rel and kind_attr in _FEED_TYPES:
            add(el.get("href"), "feed")
        elif "next" in rel or "prev" in rel:
            add(el.get("href"), "page")
    for el in doc.iter("a"):
        rel = (el.get("rel") or "").lower().split()
        if "nofollow" in rel:
            continue  # the site asks crawlers not to follow it
        add(el.get("href"), "page")
    return found


def discover(body: bytes, content_type: str, url: str) -> Discovered:
    """Dispatch on the document type and return what it links to."""
    kind = document_type(body, content_type)
    if kind == "sitemap":
        return Discovered("sitemap", parse_sitemap(body, url))
    if kind == "feed":
        return Discovered("feed", parse_feed(body, url))
    if kind == "html":
        return parse_html(body, url)
    return Discovered("unknown")
