"""Typed rows the store answers with (shared by the API, the CLI and the exports)."""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Filters(BaseModel):
    """Which articles a question is about; every field is optional."""

    site: str | None = None
    date_from: date | None = None  # on published_date (inclusive)
    date_to: date | None = None
    entity: str | None = None  # an entity's name, with or without diacritics


class Page(BaseModel, Generic[T]):
    total: int = Field(description="rows matching, over all pages")
    limit: int
    offset: int
    items: list[T]


class ArticleSummary(BaseModel):
    id: int
    url: str | None
    canonical_url: str | None
    site: str | None
    title: str | None
    author: str | None
    published_at: str | None
    n_entities: int
    n_dates: int
    n_facts: int
    warc: dict[str, Any] | None = Field(None, description="where the crawler stored the page, as it recorded it")


class SearchHit(BaseModel):
    id: int
    url: str | None
    site: str | None
    title: str | None
    published_at: str | None
    score: float = Field(description="bm25 relevance, higher is better")
    snippet: str = Field(description="a window of the article text around the hits")
    highlights: list[tuple[int, int]] = Field(description="[start, end) of each hit within the snippet")


class SearchResults(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    items: list[SearchHit]


class EntityCount(BaseModel):
    name: str = Field(description="canonical name (the mention itself when the record gives none)")
    label: str
    mentions: int
    articles: int


class FactRow(BaseModel):
    article_id: int
    article_title: str | None
    article_url: str | None
    text: str
    value: float | None
    unit: str | None
    quantity_of: str | None
    qualifier: str | None
    min: float | None
    max: float | None
    currency: str | None
    date: str | None
    sentence: str | None


class TimelineBucket(BaseModel):
    period: str = Field(description="2026-03-07, 2026-W10 or 2026-03")
    start: date
    count: int


class Stats(BaseModel):
    articles: int
    entities: int
    dates: int
    facts: int
    sites: list[str]
    first_published: date | None
    last_published: date | None
    schema_version: int
