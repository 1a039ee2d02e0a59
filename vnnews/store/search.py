"""Full-text search over the store: ranked hits with snippets."""

from __future__ import annotations

import sqlite3

from . import snippets
from .filters import where
from .models import Filters, SearchHit, SearchResults
from .query import parse, to_fts


def search(conn: sqlite3.Connection, text: str, filters: Filters | None = None, limit: int = 10, offset: int = 0
           ) -> SearchResults:
    """Articles matching `text` (diacritics optional) and the filters, best first."""
    filters = filters or Filters()
    expression = to_fts(parse(text))
    if expression is None:
        return SearchResults(query=text, total=0, limit=limit, offset=offset, items=[])
    clause, params = where(filters)
    params.update(q=expression, limit=limit, offset=offset)
    # CROSS JOIN keeps the full-text index as the outer loop: with a filter such as site, SQLite
    # would otherwise start from the articles index and run the MATCH once per article (20x slower).
    joined = "FROM article_fts CROSS JOIN articles a ON a.id = article_fts.rowid WHERE article_fts MATCH :q" + clause
    total = conn.execute(f"SELECT count(*) {joined}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT a.id, a.url, a.site, a.title, a.published_at, rank, article_fts.body AS body, "
        f"highlight(article_fts, 3, '{snippets.OPEN}', '{snippets.CLOSE}') AS marked "
        f"{joined} ORDER BY rank LIMIT :limit OFFSET :offset",
        params,
    ).fetchall()
    hits = []
    for row in rows:
        snippet = snippets.build(row["body"], row["marked"])
        hits.append(SearchHit(id=row["id"], url=row["url"], site=row["site"], title=row["title"],
                              published_at=row["published_at"], score=-row["rank"],
                              snippet=snippet.text, highlights=snippet.highlights))
    return SearchResults(query=text, total=total, limit=limit, offset=offset, items=hits)
