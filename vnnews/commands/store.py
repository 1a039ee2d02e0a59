"""`vnnews index | search | serve | export`: the article store on the command line."""

from __future__ import annotations

import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from vnnews.store.formats import ExportFormat
from vnnews.terminal import say

DEFAULT_DB = Path("vnnews.db")
err = Console(stderr=True, soft_wrap=True)  # paths and counts stay on one line in logs

_DB = typer.Option(DEFAULT_DB, "--db", help="SQLite file of the store.")


def _day(value: Optional[datetime]):
    return value.date() if value else None


def _open(db: Path, readonly: bool):
    from vnnews.store.schema import StoreError, connect

    try:
        return connect(db, readonly=readonly)
    except StoreError as exc:
        say(err, str(exc), "error")
        raise typer.Exit(code=2) from None


def index(
    paths: Optional[list[Path]] = typer.Argument(None, help="articles.jsonl files (none: only create/migrate the db)."),
    db: Path = _DB,
) -> None:
    """Load articles into the store; re-indexing an article updates it, never duplicates it."""
    from vnnews.store.index import index_files, table_counts

    missing = [p for p in paths or [] if not p.is_file()]
    if missing:
        say(err, f"no such file: {', '.join(map(str, missing))}", "error")
        raise typer.Exit(code=2)
    with closing(_open(db, readonly=False)) as conn:
        stats = index_files(conn, paths or [])
        counts = table_counts(conn)
    for problem in stats.errors:
        say(err, str(problem), "skipped")
    say(err, f"{db}: {stats.inserted} new, {stats.updated} updated, {stats.unchanged} unchanged, "
              f"{stats.skipped} non-article pages skipped; now {counts['articles']} articles, "
              f"{counts['entities']} entities, {counts['dates']} dates, {counts['facts']} facts")
    if stats.errors:
        raise typer.Exit(code=1)


def search(
    query: str = typer.Argument(..., help='Words, "phrases", prefix*, -excluded; diacritics optional.'),
    db: Path = _DB,
    site: Optional[str] = typer.Option(None, "--site", help="Only this site, e.g. vnexpress.net."),
    date_from: Optional[datetime] = typer.Option(None, "--from", formats=["%Y-%m-%d"], help="Published on or after."),
    date_to: Optional[datetime] = typer.Option(None, "--to", formats=["%Y-%m-%d"], help="Published on or before."),
    entity: Optional[str] = typer.Option(None, "--entity", help="Only articles mentioning this entity."),
    limit: int = typer.Option(10, "--limit", min=1, max=200, help="Number of hits."),
    as_json: bool = typer.Option(False, "--json", help="One JSON document on stdout instead of a table."),
) -> None:
    """Full-text search: "thanh hoa" finds "Thanh Hóa"; exact diacritics rank first."""
    from vnnews.store.models import Filters
    from vnnews.store.search import search as run_search

    with closing(_open(db, readonly=True)) as conn:
        results = run_search(conn, query, Filters(site=site, date_from=_day(date_from), date_to=_day(date_to),
                                                  entity=entity), limit)
    if as_json:
        sys.stdout.write(results.model_dump_json(indent=2) + "\n")
        return
    out = Console()
    if not results.items:
        say(out, f"no article matches {query!r}")
        return
    table = Table(title=f"{results.total} article(s) match {query!r}", show_lines=True)
    for column in ("#", "score", "article", "snippet"):
        table.add_column(column, overflow="fold")
    for rank, hit in enumerate(results.items, 1):
        snippet = Text(hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start, end)
        heading = Text(hit.title or "(no title)", style="bold")
        heading.append(f"\n{hit.site or ''} {hit.published_at or ''}\n{hit.url or ''}  id={hit.id}", style="dim")
        table.add_row(str(rank), f"{hit.score:.2f}", heading, snippet)
    out.print(table)


def serve(
    db: Path = _DB,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
) -> None:
    """JSON API (OpenAPI at /docs) and the dashboard at /, over the store."""
    import uvicorn

    from vnnews.store.api import create_app
    from vnnews.store.schema import StoreError

    try:
        app = create_app(db)
    except StoreError as exc:
        say(err, str(exc), "error")
        raise typer.Exit(code=2) from None
    say(err, f"dashboard: http://{host}:{port}/   OpenAPI: http://{host}:{port}/openapi.json")
    uvicorn.run(app, host=host, port=port, log_level="info")


def export(
    db: Path = _DB,
    fmt: ExportFormat = typer.Option(ExportFormat.parquet, "--format", help="File format."),
    out: Path = typer.Option(..., "--out", help="Folder for articles, entities, dates and facts tables."),
) -> None:
    """Tidy tables (articles, entities, dates, facts) for BI tools."""
    from vnnews.store.export import export as run_export

    with closing(_open(db, readonly=True)) as conn:
        written = run_export(conn, out, fmt)
    for table in written:
        say(err, f"{table.path}: {table.rows} rows")
