"""Raw page to clean article: decode, read metadata, strip chrome, normalise."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pipeline.errors import EmptyPageError, NotHTMLError
from pipeline.text.normalize import normalize_text

from .content import extract_content
from .decode import decode_html, repair_mojibake
from .dom import parse_html
from .metadata import Metadata, canonical_url, clean_author, extract_metadata, meta_index
from .profiles import profile_for_host

_HTML_SNIFF = re.compile(rb"<(!doctype html|html|head|body|meta|title|div|p|article)\b", re.I)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
_MIN_ARTICLE_CHARS = 300


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


def _ensure_html(data: bytes | str) -> None:
    head = data[:2048] if isinstance(data, bytes) else data[:2048].encode("utf-8", "ignore")
    if not head.strip():
        raise EmptyPageError("the page is empty (0 bytes of content); check the file or URL")
    if head.lstrip().startswith(_BINARY_MAGIC):
        raise NotHTMLError("the input is a binary document (PDF, image or archive), not an HTML page")
    window = data[:65536] if isinstance(data, bytes) else data[:65536].encode("utf-8", "ignore")
    if not _HTML_SNIFF.search(window):
        raise NotHTMLError("the input has no HTML markup; for plain text use analyze_text or `--format text`")


def _is_article(meta: Metadata, paragraphs: list[str], link_density: float, teasers: int) -> bool:
    """Listing and home pages have little running text, many links and repeated linked headlines."""
    body_chars = sum(len(p) for p in paragraphs)
    long_paragraphs = sum(1 for p in paragraphs if len(p) >= 80)
    # A short block among same-shaped linked siblings is one teaser of a listing.
    if teasers >= 4 or (teasers >= 2 and body_chars < 1500):
        return False
    if meta.og_type and meta.og_type.lower() == "website" and link_density > 0.5:
        return False
    return body_chars >= _MIN_ARTICLE_CHARS and long_paragraphs >= 2 and link_density < 0.6


def parse_page(data: bytes | str, url: str | None = None, content_type: str | None = None,
               use_profiles: bool = True) -> CleanPage:
    """Decode and clean one HTML page; raises a `PipelineError` for input that is not a page.

    `use_profiles=False` skips the site-profile layer (to measure the generic layer alone).
    """
    _ensure_html(data)
    if isinstance(data, bytes):
        decoded = decode_html(data, content_type)
        html, encoding = decoded.text, {"encoding": decoded.encoding, "encoding_source": decoded.source}
        if decoded.mojibake:
            encoding["mojibake"] = decoded.mojibake
    else:
        html, mojibake = repair_mojibake(data)
        encoding = {"mojibake": mojibake} if mojibake else {}
    root = parse_html(html)
    host = urlsplit(url).hostname if url else None
    # A saved or mirrored page names its real site in <link rel=canonical>; the profile is chosen
    # before metadata is read, so its title, author and date selectors apply to such pages too.
    index = meta_index(root)
    canonical, _ = canonical_url(root, index)
    canonical_host = urlsplit(canonical).hostname if canonical else None
    profile = (profile_for_host(host) or profile_for_host(canonical_host)) if use_profiles else None
    host = canonical_host or host
    meta = extract_metadata(root, profile, host, index)
    content = extract_content(root, profile)
    paragraphs = [p for p in (normalize_text(p).strip() for p in content.paragraphs) if p]
    byline = clean_author(content.byline, host) if content.byline else None
    if byline and not meta.authors:
        meta.set("authors", [byline], "byline")
    is_article = _is_article(meta, paragraphs, content.link_density, content.teasers)
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
                    "metadata_sources": meta.sources, **encoding},
    )
