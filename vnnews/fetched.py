"""The glue between `scrapers` (a fetched response) and `pipeline` (an article)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline import Article
    from scrapers import FetchResult


def article_from_fetch(page: FetchResult) -> Article:
    """Extract a fetched page, with the URL it was finally served from and its declared content type."""
    from datetime import datetime

    from pipeline import process_html

    fetched = datetime.fromisoformat(page.fetched_at.replace("Z", "+00:00")) if page.fetched_at else None
    return process_html(page.body, url=page.final_url, content_type=page.content_type, fetched_at=fetched)
