"""Crawl state in SQLite: frontier, seen and done URLs, what was written, committed file lengths.

Only the scheduler thread touches it. Every finished URL is recorded in one
transaction together with the lengths of the output files *after* that URL's
lines and WARC records were written and fsynced; on restart the outputs are
cut back to those lengths. So a crash at any point loses at most work that is
then redone, and never leaves a line in articles.jsonl that the state does not
know about (which would be duplicated on resume).

A run ends when no URL is pending. Starting again on a finished state starts
a new run from the seeds (a re-crawl); starting on an unfinished one resumes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS frontier (
    key TEXT PRIMARY KEY,          -- urls.url_key: the dedup key
    url TEXT NOT NULL,             -- what to request
    host TEXT NOT NULL,            -- politeness key host:port
    kind TEXT NOT NULL,            -- robots, sitemap, feed, page (a hint; documents are sniffed)
    depth INTEGER NOT NULL,
    priority INTEGER NOT NULL,     -- lower first
    date TEXT,                     -- date a sitemap/feed gave for it (ISO)
    seq INTEGER NOT NULL,          -- discovery order
    state TEXT NOT NULL DEFAULT 'pending',   -- pending, done, failed, alias
    fetched INTEGER NOT NULL DEFAULT 0       -- 1 if it cost a request (counts against max_pages)
);
CREATE INDEX IF NOT EXISTS frontier_next ON frontier (state, priority, seq);
CREATE TABLE IF NOT EXISTS written (key TEXT PRIMARY KEY, url TEXT NOT NULL);   -- in articles.jsonl (with aliases)
CREATE TABLE IF NOT EXISTS hashes (hash TEXT PRIMARY KEY, url TEXT NOT NULL);   -- text hashes of written articles
CREATE TABLE IF NOT EXISTS errors (key TEXT NOT NULL, error TEXT NOT NULL, PRIMARY KEY (key, error));
CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, committed INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class FrontierItem:
    """One URL to crawl."""

    key: str
    url: str
    host: str
    kind: str
    depth: int
    priority: int
    date: str | None = None


@dataclass
class Completion:
    """Everything that changes in the state when one URL is finished (applied atomically)."""

    key: str
    state: str  # done or failed
    fetched: bool
    new_items: list[FrontierItem]
    aliases: list[FrontierItem]  # other keys of the same page (redirect target, rel=canonical): not to be fetched
    files: dict[str, int]  # output file name -> committed length after this URL's writes
    written: list[tuple[str, str]]  # (key, url) now present in articles.jsonl
    text_hash: str | None = None
    error: str | None = None  # error class recorded in errors.jsonl


class CrawlState:
    """SQLite-backed crawl state for one output folder."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        # WAL survives a killed process (commits are in the log before
        # returning); synchronous=NORMAL only risks the last commits on power loss.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    # ------------------------------------------------------------------ runs

    def start_run(self, seeds: Iterable[FrontierItem]) -> bool:
        """Resume the unfinished run (adding any new seeds) or start a new one. True if resumed."""
        with self._tx():
            pending = self._db.execute("SELECT 1 FROM frontier WHERE state = 'pending' LIMIT 1").fetchone()
            resumed = pending is not None
            if not resumed:
                run = int(self._meta("run") or "0") + 1
                self._set_meta("run", str(run))
                self._set_meta("fetched", "0")
                self._db.execute("DELETE FROM frontier")
            self._insert(seeds, "pending")
        return resumed

    @property
    def run(self) -> int:
        """Number of the current run (1 for the first crawl into this folder)."""
        return int(self._meta("run") or "0")

    @property
    def fetched(self) -> int:
        """URLs fetched (or attempted) in this run, committed."""
        return int(self._meta("fetched") or "0")

    # ------------------------------------------------------------------ frontier

    def next_pending(self, exclude_keys: set[str], full_hosts: set[str], limit: int) -> list[FrontierItem]:
        """Up to `limit` pending items, best first, skipping keys in flight and hosts at capacity."""
        rows = self._db.execute(
            "SELECT key, url, host, kind, depth, priority, date FROM frontier "
            "WHERE state = 'pending' ORDER BY priority, seq LIMIT ?",
            (limit + len(exclude_keys) + 64,),
        ).fetchall()
        items = [FrontierItem(*row) for row in rows if row[0] not in exclude_keys and row[2] not in full_hosts]
        if len(items) < limit and len(rows) == limit + len(exclude_keys) + 64:
            # The window was filled by busy hosts; scan everything (rare: big single-host backlogs).
            rows = self._db.execute(
                "SELECT key, url, host, kind, depth, priority, date FROM frontier "
                "WHERE state = 'pending' ORDER BY priority, seq"
            ).fetchall()
            items = [FrontierItem(*row) for row in rows if row[0] not in exclude_keys and row[2] not in full_hosts]
        return items[:limit]

    def drop_pending(self) -> int:
        """End the run early (max_pages reached): pending URLs are dropped, not resumed."""
        with self._tx():
            return self._db.execute("UPDATE frontier SET state = 'dropped' WHERE state = 'pending'").rowcount

    def known(self, key: str) -> bool:
        """True if `key` is already in the frontier (pending or finished) in this run."""
        return self._db.execute("SELECT 1 FROM frontier WHERE key = ?", (key,)).fetchone() is not None

    def counts(self) -> dict[str, int]:
        """Frontier size by state."""
        return dict(self._db.execute("SELECT state, COUNT(*) FROM frontier GROUP BY state").fetchall())

    # ------------------------------------------------------------------ finishing a URL

    def complete(self, c: Completion) -> None:
        """Record a finished URL and everything it produced, atomically."""
        with self._tx():
            self._db.execute("UPDATE frontier SET state = ?, fetched = ? WHERE key = ?",
                             (c.state, int(c.fetched), c.key))
            if c.fetched:
                self._set_meta("fetched", str(self.fetched + 1))
            self._insert(c.aliases, "alias", replace_pending=True)
            self._insert(c.new_items, "pending")
            for name, size in c.files.items():
                self._db.execute("INSERT INTO files (name, committed) VALUES (?, ?) "
                                 "ON CONFLICT (name) DO UPDATE SET committed = excluded.committed", (name, size))
            self._db.executemany("INSERT OR IGNORE INTO written (key, url) VALUES (?, ?)", c.written)
            if c.text_hash:
                self._db.execute("INSERT OR IGNORE INTO hashes (hash, url) VALUES (?, ?)",
                                 (c.text_hash, c.written[0][1] if c.written else c.key))
            if c.error:
                self._db.execute("INSERT OR IGNORE INTO errors (key, error) VALUES (?, ?)", (c.key, c.error))

    def written_url(self, keys: Iterable[str]) -> str | None:
        """URL of the article already written under any of `keys`, if any."""
        for key in keys:
            row = self._db.execute("SELECT url FROM written WHERE key = ?", (key,)).fetchone()
            if row:
                return row[0]
        return None

    def hash_owner(self, text_hash: str) -> str | None:
        """URL of the written article with this text hash, if any."""
        row = self._db.execute("SELECT url FROM hashes WHERE hash = ?", (text_hash,)).fetchone()
        return row[0] if row else None

    def error_recorded(self, key: str, error: str) -> bool:
        """True if errors.jsonl already holds this error for this URL (from any run)."""
        return self._db.execute("SELECT 1 FROM errors WHERE key = ? AND error = ?", (key, error)).fetchone() is not None

    def committed_files(self) -> dict[str, int]:
        """Output file name -> length known to be complete."""
        return dict(self._db.execute("SELECT name, committed FROM files").fetchall())

    def register_file(self, name: str) -> None:
        """Note that an output file exists (at length 0 unless already known)."""
        with self._tx():
            self._db.execute("INSERT OR IGNORE INTO files (name, committed) VALUES (?, 0)", (name,))

    # ------------------------------------------------------------------ helpers

    def _insert(self, items: Iterable[FrontierItem], state: str, replace_pending: bool = False) -> None:
        seq = int(self._meta("seq") or "0")
        for item in items:
            if replace_pending:
                # An alias that was queued separately must not be fetched again.
                self._db.execute("UPDATE frontier SET state = ? WHERE key = ? AND state = 'pending'", (state, item.key))
            seq += 1
            self._db.execute(
                "INSERT OR IGNORE INTO frontier (key, url, host, kind, depth, priority, date, seq, state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (item.key, item.url, item.host, item.kind, item.depth, item.priority, item.date, seq, state),
            )
        self._set_meta("seq", str(seq))

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def _tx(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, ROLLBACK on error (the connection is in autocommit mode)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._depth = 0

    def __enter__(self) -> None:
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
            self._depth = 1

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not self._depth:
            return
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")
