"""Load articles.jsonl records into the store, idempotently."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .records import DATE_FIELDS, ENTITY_FIELDS, FACT_FIELDS, ArticleRows, doc_key, record_hash, to_rows

_BATCH = 500  # records per transaction: bounded memory, few fsyncs


@dataclass
class IndexStats:
    """What one indexing run did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # listing/home pages (is_article false): no text to search
    errors: list[str] = field(default_factory=list)  # unreadable lines, as "file:line: reason"


def read_jsonl(paths: Iterable[Path], stats: IndexStats) -> Iterator[dict[str, Any]]:
    """Records of JSON Lines files; a broken line is noted in `stats.errors` and skipped."""
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    stats.errors.append(f"{path}:{number}: not JSON ({exc.msg})")
                    continue
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    stats.errors.append(f"{path}:{number}: not an article record (no text)")
                    continue
                yield record


def _write(conn: sqlite3.Connection, rows: ArticleRows, article_id: int | None, now: str) -> int:
    columns = {**rows.article, "doc_key": rows.doc_key, "record_hash": rows.record_hash, "indexed_at": now}
    if article_id is None:
        names = ", ".join(columns)
        marks = ", ".join(f":{name}" for name in columns)
        article_id = conn.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", columns).lastrowid
    else:
        # Same id on update, so links to /articles/{id} stay valid; children are replaced wholesale.
        assignments = ", ".join(f"{name} = :{name}" for name in columns)
        conn.execute(f"UPDATE articles SET {assignments} WHERE id = :id", {**columns, "id": article_id})
        for table in ("entities", "dates", "facts"):
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM article_fts WHERE rowid = ?", (article_id,))
    for table, fields, spans in (("entities", ENTITY_FIELDS, rows.entities), ("dates", DATE_FIELDS, rows.dates),
                                 ("facts", FACT_FIELDS, rows.facts)):
        conn.executemany(f"INSERT INTO {table} (article_id, {', '.join(fields)}) VALUES (?{', ?' * len(fields)})",
                         [(article_id, *row) for row in spans])
    conn.execute("INSERT INTO article_fts (rowid, title, body, title_folded, body_folded) VALUES (?, ?, ?, ?, ?)",
                 (article_id, *rows.search))
    return article_id


def index_records(conn: sqlite3.Connection, records: Iterable[dict[str, Any]], stats: IndexStats | None = None
                  ) -> IndexStats:
    """Insert new articles, update changed ones (same id), leave unchanged ones alone."""
    stats = stats or IndexStats()
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    pending = 0
    conn.execute("BEGIN")
    try:
        for record in records:
            if record.get("is_article") is False:
                stats.skipped += 1
                continue
            key = doc_key(record)
            found = conn.execute("SELECT id, record_hash FROM articles WHERE doc_key = ?", (key,)).fetchone()
            if found is not None and found["record_hash"] == record_hash(record):
                stats.unchanged += 1  # checked before to_rows: re-indexing a whole crawl is mostly this case
                continue
            _write(conn, to_rows(record), found["id"] if found is not None else None, now)
            if found is None:
                stats.inserted += 1
            else:
                stats.updated += 1
            pending += 1
            if pending >= _BATCH:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                pending = 0
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return stats


def index_files(conn: sqlite3.Connection, paths: Iterable[Path]) -> IndexStats:
    """Index every record of the given articles.jsonl files."""
    stats = IndexStats()
    return index_records(conn, read_jsonl(paths, stats), stats)


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the store's tables."""
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "entities", "dates", "facts", "article_fts")}
