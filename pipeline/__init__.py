"""vnnews pipeline: pure processing of Vietnamese news pages (no network).

    >>> from pipeline import process_html, analyze_text
    >>> article = process_html(open("page.html", "rb").read(), url="https://vnexpress.net/...")
    >>> article.to_dict()["entities"]
"""

from __future__ import annotations

from datetime import datetime

from .article import SCHEMA_VERSION, Article, DateMention, Entity, Fact
from .errors import DecodeError, EmptyPageError, NotHTMLError, PipelineError
from .page.parse import CleanPage, parse_page
from .page.published import VIETNAM_TZ
from .text.normalize import normalize_text

__all__ = [
    "SCHEMA_VERSION", "Article", "DateMention", "Entity", "Fact", "CleanPage",
    "PipelineError", "DecodeError", "EmptyPageError", "NotHTMLError",
    "process_html", "analyze_text", "parse_page", "normalize_text",
]


def _reference(published_at: str | None) -> datetime | None:
    if not published_at:
        return None
    try:
        value = datetime.fromisoformat(published_at)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=VIETNAM_TZ)


def _extract(article: Article) -> Article:
    from . import language  # spaCy and underthesea load on first use, not on import

    if article.text:
        article.entities, article.dates, article.facts = language.run(article.text, _reference(article.published_at))
    return article


def analyze_text(text: str, published_at: str | None = None, url: str | None = None) -> Article:
    """Plain text in (normalised here), the same extraction as for pages."""
    clean = normalize_text(text).strip()
    if not clean:
        raise EmptyPageError("the text is empty; nothing to analyse")
    return _extract(Article(text=clean, url=url, published_at=published_at,
                            extraction={"layer": "text"}))


def process_html(html: str | bytes, url: str | None = None, content_type: str | None = None,
                 fetched_at: datetime | None = None, listed_at: datetime | None = None) -> Article:
    """One HTML page (bytes or text) to an `Article` with clean text, metadata and extracted spans;
    `fetched_at` (when the page was fetched) bounds its publication date, `listed_at` (the date a
    sitemap or feed gave it) is one more source of it."""
    page = parse_page(html, url=url, content_type=content_type, fetched_at=fetched_at, listed_at=listed_at)
    article = Article(
        text=page.text, url=page.url, site=page.site, title=page.title, author=page.author,
        author_source=page.author_source, author_note=page.author_note,
        published_at=page.published_at, modified_at=page.modified_at, lead=page.lead, section=page.section,
        tags=page.tags, canonical_url=page.canonical_url, language=page.language, is_article=page.is_article,
        images=page.images, extraction=page.extraction,
    )
    return _extract(article)
