"""The glue between `scrapers` (a fetched response) and `pipeline` (an article)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline import Article
    from scrapers import FetchResult


def article_from_fetch(page: FetchResult, listed_at: datetime | None = None) -> Article:
    """Extract a fetched page, with the URL it was finally served from and its declared content type;
    `listed_at` is the date a sitemap or feed listed it with."""
    from pipeline import process_html

    fetched = datetime.fromisoformat(page.fetched_at.replace("Z", "+00:00")) if page.fetched_at else None
    return process_html(page.body, url=page.final_url, content_type=page.content_type, fetched_at=fetched,
                        listed_at=listed_at)
