"""Read queries over the store: article lists, one article, top entities, facts, timeline, stats."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from .filters import where
from .models import ArticleSummary, EntityCount, FactRow, Filters, Page, Stats, TimelineBucket
from .periods import Interval, bucket_label, bucket_start, next_bucket
from .records import from_rows, search_key
from .schema import schema_version

_SUMMARY = """
SELECT a.id, a.url, a.canonical_url, a.site, a.title, a.author, a.published_at, a.warc,
       (SELECT count(*) FROM entities WHERE article_id = a.id) AS n_entities,
       (SELECT count(*) FROM dates WHERE article_id = a.id) AS n_dates,
       (SELECT count(*) FROM facts WHERE article_id = a.id) AS n_facts
FROM articles a
"""


def _summary(row: sqlite3.Row) -> ArticleSummary:
    data = dict(row)
    data["warc"] = json.loads(data["warc"]) if data["warc"] else None
    return ArticleSummary(**data)


def list_articles(conn: sqlite3.Connection, filters: Filters, limit: int = 50, offset: int = 0) -> Page[ArticleSummary]:
    """Newest first (undated articles last), then by id."""
    clause, params = where(filters)
    total = conn.execute(f"SELECT count(*) FROM articles a WHERE 1 = 1{clause}", params).fetchone()[0]
    rows = conn.execute(
        f"{_SUMMARY} WHERE 1 = 1{clause} ORDER BY a.published_at IS NULL, a.published_at DESC, a.id "
        "LIMIT :limit OFFSET :offset", {**params, "limit": limit, "offset": offset}).fetchall()
    return Page[ArticleSummary](total=total, limit=limit, offset=offset, items=[_summary(r) for r in rows])


def get_article(conn: sqlite3.Connection, article_id: int) -> dict[str, Any] | None:
    """The full contract record of one article, plus its store `id`; None if there is none."""
    article = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if article is None:
        return None
    children = {table: conn.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY ord",
                                    (article_id,)).fetchall() for table in ("entities", "dates", "facts")}
    return {"id": article_id, **from_rows(dict(article), **children)}


def top_entities(conn: sqlite3.Connection, filters: Filters, label: str | None = None, limit: int = 20
                 ) -> list[EntityCount]:
    """Entities by number of mentions in the filtered articles (ties: more articles, then name)."""
    clause, params = where(filters)
    if label:
        clause += " AND e.label = :label"
        params["label"] = label
    rows = conn.execute(
        "SELECT e.name, e.label, count(*) AS mentions, count(DISTINCT e.article_id) AS articles "
        f"FROM entities e JOIN articles a ON a.id = e.article_id WHERE 1 = 1{clause} "
        "GROUP BY e.name, e.label ORDER BY mentions DESC, articles DESC, e.name LIMIT :limit",
        {**params, "limit": limit}).fetchall()
    return [EntityCount(**dict(r)) for r in rows]


def list_facts(conn: sqlite3.Connection, filters: Filters, unit: str | None = None, limit: int = 50, offset: int = 0
               ) -> Page[FactRow]:
    """Facts of the filtered articles, in article then text order.

    The date range applies to the fact's own date when it has one (overlapping periods count), else to
    the article's publication day. The entity filter keeps facts whose sentence mentions the entity.
    """
    entity = filters.entity
    clause, params = where(filters.model_copy(update={"date_from": None, "date_to": None, "entity": None}))
    if unit:
        clause += " AND f.unit = :unit"
        params["unit"] = unit
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        clause += " AND 0"  # an empty range; the overlap test below would still let long periods through
    if filters.date_from:
        clause += " AND COALESCE(f.date_end, a.published_date) >= :fact_from"
        params["fact_from"] = filters.date_from.isoformat()
    if filters.date_to:
        clause += " AND COALESCE(f.date_start, a.published_date) <= :fact_to"
        params["fact_to"] = filters.date_to.isoformat()
    if entity:
        clause += (" AND EXISTS (SELECT 1 FROM entities e WHERE e.article_id = f.article_id"
                   " AND e.name_key = :fact_entity AND e.span_start >= f.sentence_start"
                   " AND e.span_end <= f.sentence_end)")
        params["fact_entity"] = search_key(entity)
    joined = f"FROM facts f JOIN articles a ON a.id = f.article_id WHERE 1 = 1{clause}"
    total = conn.execute(f"SELECT count(*) {joined}", params).fetchone()[0]
    rows = conn.execute(
        "SELECT f.article_id, a.title AS article_title, COALESCE(a.canonical_url, a.url) AS article_url, f.text, "
        "f.value, f.unit, f.quantity_of, f.qualifier, f.min, f.max, f.currency, f.date, f.sentence "
        f"{joined} ORDER BY a.published_at IS NULL, a.published_at DESC, f.article_id, f.ord "
        "LIMIT :limit OFFSET :offset", {**params, "limit": limit, "offset": offset}).fetchall()
    return Page[FactRow](total=total, limit=limit, offset=offset, items=[FactRow(**dict(r)) for r in rows])


# Gaps are filled so that a chart's x axis is linear; a stray date decades away would make that
# hundreds of thousands of empty days, so beyond this span only non-empty buckets are returned.
_MAX_FILLED_DAYS = 3 * 366


def timeline(conn: sqlite3.Connection, filters: Filters, interval: Interval = Interval.day) -> list[TimelineBucket]:
    """Articles per day, ISO week or month of publication, empty buckets filled in (undated articles left out)."""
    clause, params = where(filters)
    rows = conn.execute(
        "SELECT a.published_date AS day, count(*) AS n FROM articles a "
        f"WHERE a.published_date IS NOT NULL{clause} GROUP BY a.published_date ORDER BY a.published_date",
        params).fetchall()
    counts: dict[date, int] = {}
    for row in rows:
        start = bucket_start(date.fromisoformat(row["day"]), interval)
        counts[start] = counts.get(start, 0) + row["n"]
    starts = sorted(counts)
    if starts and (starts[-1] - starts[0]).days < _MAX_FILLED_DAYS:
        filled, current = [], starts[0]
        while current <= starts[-1]:
            filled.append(current)
            current = next_bucket(current, interval)
        starts = filled
    return [TimelineBucket(period=bucket_label(s, interval), start=s, count=counts.get(s, 0)) for s in starts]


def stats(conn: sqlite3.Connection) -> Stats:
    """Sizes and date span of the store."""
    count = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("articles", "entities", "dates", "facts")}
    first, last = conn.execute("SELECT min(published_date), max(published_date) FROM articles").fetchone()
    sites = [r[0] for r in conn.execute("SELECT DISTINCT site FROM articles WHERE site IS NOT NULL ORDER BY site")]
    return Stats(**count, sites=sites, first_published=first, last_published=last, schema_version=schema_version(conn))
