"""Raw page to clean article: decode, read metadata, strip chrome, normalise."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import SplitResult, urlsplit

from pipeline.errors import EmptyPageError, NotHTMLError
from pipeline.text.normalize import normalize_text

from .byline import parse_byline
from .content import extract_content
from .decode import decode_html, repair_mojibake
from .dom import parse_html
from .embedded import embedded_body, page_scripts
from .kinds import (
    linked_teasers,
    looks_like_article,
    may_be_one_article,
    not_article_reason,
    page_signals,
    section_kind,
)
from .metadata import canonical_url, extract_metadata, meta_index
from .profiles import profile_for_host
from .sanitize import clean_markup, compose_marks, refused_bytes
from .trusted import trusted_body

_HTML_SNIFF = re.compile(r"<(!doctype html|html|head|body|meta|title|div|p|article)\b", re.I)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")


@dataclass
class CleanPage:
    """The clean article of one page: text, metadata and how it was obtained."""

    text: str
    paragraphs: list[str]
    url: str | None
    site: str | None
    title: str | None
    author: str | None
    published_at: str | None
    modified_at: str | None
    lead: str | None
    section: str | None
    tags: list[str]
    canonical_url: str | None
    language: str
    is_article: bool
    images: list[dict[str, str | None]] = field(default_factory=list)
    extraction: dict[str, object] = field(default_factory=dict)
    author_source: str | None = None  # the agency or outlet the byline names ("TTXVN")
    author_note: str | None = None  # how the byline says the text was made: "tổng hợp", "theo <outlet>", "pv"


def _ensure_page(data: bytes | str) -> None:
    head = data[:2048] if isinstance(data, bytes) else data[:2048].encode("utf-8", "ignore")
    if not head.strip(b" \t\r\n\x00"):
        raise EmptyPageError("the page is empty (0 bytes of content); check the file or URL")
    if head.lstrip().startswith(_BINARY_MAGIC):
        raise NotHTMLError("the input is a binary document (PDF, image or archive), not an HTML page")


def _ensure_html(html: str) -> None:
    # Sniffed on the decoded text: UTF-16 and UTF-32 pages have no ASCII tags in their bytes.
    if not _HTML_SNIFF.search(html[:65536]):
        raise NotHTMLError("the input has no HTML markup; for plain text use analyze_text or `--format text`")


def _split(url: str | None) -> SplitResult | None:
    """The parts of a URL, or None for none or one urllib refuses (an unclosed "[" of an IPv6 host)."""
    if not url:
        return None
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _agree(paragraphs: list[str], data: list[str]) -> bool:
    """Whether the DOM text holds at least half of the words of the body carried as data."""
    found = Counter(" ".join(paragraphs).lower().split())
    wanted = Counter(" ".join(data).lower().split())
    return sum((found & wanted).values()) >= 0.5 * sum(wanted.values())


def _normalized(paragraphs: list[str]) -> list[str]:
    """Normalised paragraphs without empties and without repeats: a page that carries the article
    twice (a desktop and a mobile copy, one hidden by CSS) shows a reader one copy."""
    seen: set[str] = set()
    out = []
    for paragraph in (normalize_text(p).strip() for p in paragraphs):
        if not paragraph or (paragraph in seen and " " in paragraph):
            continue
        seen.add(paragraph)
        out.append(paragraph)
    return out


def parse_page(data: bytes | str, url: str | None = None, content_type: str | None = None,
               use_profiles: bool = True, fetched_at: datetime | None = None,
               listed_at: datetime | None = None) -> CleanPage:
    """Decode and clean one HTML page; raises a `PipelineError` for input that is not a page.

    `use_profiles=False` skips the site-profile layer (to measure the generic layer alone);
    `fetched_at` bounds the publication date (the current time when not given); `listed_at`, the date
    a sitemap or feed listed the page with, is one more source of it.
    """
    _ensure_page(data)
    checked = False
    utf8 = None  # the page's bytes, when they are exactly its text in UTF-8
    if isinstance(data, bytes):
        decoded = decode_html(data, content_type)
        html, encoding = decoded.text, {"encoding": decoded.encoding, "encoding_source": decoded.source}
        if decoded.mojibake:
            encoding["mojibake"] = decoded.mojibake
        if decoded.mixed:
            encoding["mixed"] = "windows-1252 bytes in utf-8, repaired"
        checked = not decoded.encoding.startswith("utf-16") and not decoded.encoding.startswith("utf-32") \
            and not refused_bytes(data)
        if decoded.same_as_bytes:
            utf8 = data
    else:
        html, mojibake = repair_mojibake(data)
        encoding = {"mojibake": mojibake} if mojibake else {}
    _ensure_html(html)
    html = compose_marks(html, utf8)
    root = parse_html(html, checked)
    host = parts.hostname if (parts := _split(url)) else None
    # A saved or mirrored page names its real site in <link rel=canonical>; the profile is chosen
    # before metadata is read, so its title, author and date selectors apply to such pages too.
    index = meta_index(root)
    canonical, _ = canonical_url(root, index)
    if (canonical_parts := _split(canonical)) is None:
        canonical = None  # none, or a broken link ("http://[abc/") that names no site
    canonical_host = canonical_parts.hostname if canonical_parts else None
    profile = (profile_for_host(host) or profile_for_host(canonical_host)) if use_profiles else None
    host = canonical_host or host
    # Read before the content stage strips scripts, players and forms from the tree.
    scripts = page_scripts(root)
    embedded = embedded_body(scripts)
    meta = extract_metadata(root, profile, host, index, url=canonical or url, now=fetched_at, scripts=scripts,
                            listed_at=listed_at, anchor=embedded.anchor)
    address = canonical or url
    parts = _split(address)
    signals = page_signals(root, ((parts.path or "/") + (f"?{parts.query}" if parts.query else "")) if parts else None)
    content = extract_content(root, profile, meta.title)
    if content.byline:
        meta.printed(parse_byline(content.byline, host), "byline")
    paragraphs = _normalized(content.paragraphs)
    captioned = sum(1 for image in content.images if image.get("caption"))
    reason = not_article_reason(signals, meta.og_type, paragraphs, captioned, content.link_density, content.teasers,
                                len(content.images))
    data = _normalized(embedded.paragraphs)
    if reason is None and looks_like_article(data) and not _agree(paragraphs, data):
        # The page carries its article as data and the DOM text is something else (a script-rendered
        # page whose server HTML holds only chrome): the data is the article.
        paragraphs, content.layer = data, "data"
    elif reason is None and not looks_like_article(paragraphs, content.link_density):
        # Before declaring "not an article": the body as data, then the trusted extractor.
        layers = [("data", lambda: data)]
        if may_be_one_article(signals, meta.declares_article):
            layers.append(("trafilatura", lambda: _normalized(trusted_body(clean_markup(html), url))))
        for layer, found in layers:
            candidate = found()
            if linked_teasers(candidate, signals) >= 2:
                reason = not_article_reason(signals, meta.og_type, candidate, 0, 0.0, teasers=4)
                break
            if looks_like_article(candidate):
                paragraphs, content.layer = candidate, layer
                break
        else:
            reason = "no_body" if may_be_one_article(signals, meta.declares_article) else section_kind(signals)
    is_article = reason is None
    if content.layer == "data" and embedded.title and meta.sources.get("title") not in ("profile", "h1", "heading"):
        # No headline in the DOM: the browser shows the one stored with the body, not <title>'s.
        meta.title, meta.sources["title"] = embedded.title, "data"
    text = "\n\n".join(paragraphs) if is_article else ""
    norm = lambda s: normalize_text(s) if s else None  # noqa: E731
    return CleanPage(
        text=text,
        paragraphs=paragraphs if is_article else [],
        url=url,
        site=host.removeprefix("www.") if host else None,
        title=norm(meta.title),
        author=norm(", ".join(meta.authors)) if meta.authors else None,
        published_at=meta.published_at,
        modified_at=meta.modified_at,
        lead=norm(content.lead),
        section=norm(meta.section),
        tags=[normalize_text(t) for t in meta.tags],
        canonical_url=meta.canonical_url,
        language=(meta.language or "vi").split("-")[0].lower(),
        is_article=is_article,
        images=[{**img, "caption": norm(img.get("caption"))} for img in content.images],
        extraction={"layer": content.layer, "profile": profile.name if profile else None,
                    **({"reason": reason} if reason else {}), "metadata_sources": meta.sources, **encoding,
                    **({"warnings": meta.warnings} if meta.warnings else {})},
        author_source=norm(meta.author_source),
        author_note=norm(meta.author_note),
    )
