"""The JSON API (FastAPI) over a store, and the dashboard page at `/`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel

from . import browse
from .models import ArticleSummary, EntityCount, FactRow, Filters, Page, SearchResults, Stats, TimelineBucket
from .periods import Interval
from .schema import connect
from .search import search as run_search

MAX_LIMIT = 200  # rows per page: bounds the work and the response size of any one request
MAX_OFFSET = 1_000_000
DASHBOARD = resources.files(__package__).joinpath("dashboard")
_ASSETS = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}


class ErrorBody(BaseModel):
    detail: str


def _filters(
    site: str | None = Query(None, max_length=200, description="exact site, e.g. vnexpress.net"),
    date_from: date | None = Query(None, alias="from", description="first publication day (YYYY-MM-DD), inclusive"),
    date_to: date | None = Query(None, alias="to", description="last publication day (YYYY-MM-DD), inclusive"),
    entity: str | None = Query(None, min_length=1, max_length=200,
                               description="an entity's canonical name; diacritics optional"),
) -> Filters:
    # `from` after `to` is an empty range, not an error: OpenAPI cannot state a rule across parameters.
    return Filters(site=site, date_from=date_from, date_to=date_to, entity=entity)


def _limit(default: int) -> Any:
    return Query(default, ge=1, le=MAX_LIMIT, description=f"rows per page (1..{MAX_LIMIT})")


_OFFSET = Query(0, ge=0, le=MAX_OFFSET, description="rows to skip")
_NOT_FOUND = {404: {"model": ErrorBody, "description": "no such article"}}


def create_app(db_path: Path) -> FastAPI:
    """An app reading the store at `db_path` (opened read-only, one connection per request)."""
    connect(db_path, readonly=True).close()  # fail at start-up, not on the first request, if it is unusable
    app = FastAPI(
        title="vnnews store",
        version="1.0",
        description="Vietnamese news articles, their entities, dates and numeric facts. "
                    "Search ignores diacritics unless typed; see docs/store.md.",
    )

    def db() -> Iterator[sqlite3.Connection]:
        conn = connect(db_path, readonly=True)
        try:
            yield conn
        finally:
            conn.close()

    @app.exception_handler(sqlite3.Error)
    async def _database_error(request: Request, exc: sqlite3.Error) -> JSONResponse:
        return JSONResponse({"detail": f"database error: {exc}"}, status_code=503)

    @app.get("/articles", response_model=Page[ArticleSummary], tags=["articles"])
    def articles(filters: Filters = Depends(_filters), limit: int = _limit(50), offset: int = _OFFSET,
                 conn: sqlite3.Connection = Depends(db)) -> Page[ArticleSummary]:
        """Articles, newest first, filtered by site, publication day range and entity."""
        return browse.list_articles(conn, filters, limit, offset)

    @app.get("/articles/{article_id}", responses=_NOT_FOUND, tags=["articles"])
    def article(article_id: int = PathParam(..., ge=1, le=2**62), conn: sqlite3.Connection = Depends(db)
                ) -> dict[str, Any]:
        """One article as its articles.jsonl record (with `warc` when crawled) plus its store `id`."""
        record = browse.get_article(conn, article_id)
        if record is None:
            raise HTTPException(404, f"no article with id {article_id}")
        return record

    @app.get("/search", response_model=SearchResults, tags=["search"])
    def search(q: str = Query(..., min_length=1, max_length=500,
                              description='words, "phrases", prefix*, -excluded; diacritics optional'),
               filters: Filters = Depends(_filters), limit: int = _limit(10), offset: int = _OFFSET,
               conn: sqlite3.Connection = Depends(db)) -> SearchResults:
        """Full-text search, best matches first, with snippets."""
        return run_search(conn, q, filters, limit, offset)

    @app.get("/entities", response_model=list[EntityCount], tags=["entities"])
    def entities(filters: Filters = Depends(_filters), label: Literal["PER", "ORG", "LOC", "MISC"] | None = None,
                 limit: int = _limit(20), conn: sqlite3.Connection = Depends(db)) -> list[EntityCount]:
        """Top entities by mentions in the articles of a period (and site), with canonical names."""
        return browse.top_entities(conn, filters, label, limit)

    @app.get("/facts", response_model=Page[FactRow], tags=["facts"])
    def facts(filters: Filters = Depends(_filters), unit: str | None = Query(None, max_length=100),
              limit: int = _limit(50), offset: int = _OFFSET, conn: sqlite3.Connection = Depends(db)
              ) -> Page[FactRow]:
        """Numeric facts by unit, entity (mentioned in the fact's sentence) and date range (the fact's date,
        else the article's publication day)."""
        return browse.list_facts(conn, filters, unit, limit, offset)

    @app.get("/timeline", response_model=list[TimelineBucket], tags=["timeline"])
    def timeline(filters: Filters = Depends(_filters), interval: Interval = Interval.day,
                 conn: sqlite3.Connection = Depends(db)) -> list[TimelineBucket]:
        """Articles per day, ISO week or month of publication."""
        return browse.timeline(conn, filters, interval)

    @app.get("/stats", response_model=Stats, tags=["store"])
    def stats(conn: sqlite3.Connection = Depends(db)) -> Stats:
        """Sizes and date span of the store."""
        return browse.stats(conn)

    @app.get("/", include_in_schema=False)
    def dashboard() -> HTMLResponse:
        return HTMLResponse(DASHBOARD.joinpath("index.html").read_text("utf-8"))

    @app.get("/dashboard/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if name not in _ASSETS:
            raise HTTPException(404, f"no dashboard file {name}")
        return Response(DASHBOARD.joinpath(name).read_text("utf-8"), media_type=_ASSETS[name])

    return app
