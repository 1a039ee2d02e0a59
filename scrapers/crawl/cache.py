"""On-disk HTTP revalidation cache for re-crawls (SQLite).

Per URL key it keeps the validators the server gave (ETag, Last-Modified),
a hash of the body, what the document was and the links found in it, and a
permanent redirect if the URL had one. A re-crawl then sends conditional
requests; on 304 (or an unconditional 200 with the same body hash) the page
is unchanged, so nothing is re-extracted, re-archived or re-written, and the
stored links keep the discovery going as if the page had been parsed again.

It lives apart from the crawl state so that several output folders can
share one cache (`--cache`): a new folder then receives only what is new or
changed since the cache last saw it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .discovery import Link, parse_date

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT,
    doc_type TEXT,
    is_article INTEGER NOT NULL DEFAULT 0,
    links TEXT,             -- JSON [[url, kind, date], ...] or NULL when links were not kept
    redirect_to TEXT,       -- target of a permanent (301/308) redirect chain
    stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS robots (
    url TEXT PRIMARY KEY,   -- the robots.txt URL
    etag TEXT,
    last_modified TEXT,
    body TEXT NOT NULL      -- kept whole: a 304 must be answered from it
);
"""


@dataclass
class CacheEntry:
    """What we remember about one URL from an earlier fetch."""

    key: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    doc_type: str | None = None
    is_article: bool = False
    links: list[Link] | None = None
    redirect_to: str | None = None
    stored_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def conditional_headers(self) -> dict[str, str]:
        """If-None-Match / If-Modified-Since for revalidating this URL (empty if no validators)."""
        headers: dict[str, str] = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class HttpCache:
    """SQLite file of `CacheEntry`s; safe to use from several threads."""

    FILE_NAME = "http-cache.sqlite"

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / self.FILE_NAME
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def get(self, key: str) -> CacheEntry | None:
        """The entry for `key`, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT key, url, etag, last_modified, body_hash, doc_type, is_article, links, redirect_to, stored_at "
                "FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        links = None if row[7] is None else [Link(u, k, parse_date(d)) for u, k, d in json.loads(row[7])]
        return CacheEntry(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), links, row[8], row[9])

    def get_robots(self, url: str) -> tuple[str | None, str | None, str] | None:
        """(etag, last_modified, body) of the robots.txt stored for `url`, or None."""
        with self._lock:
            row = self._db.execute("SELECT etag, last_modified, body FROM robots WHERE url = ?", (url,)).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def put_robots(self, url: str, etag: str | None, last_modified: str | None, body: str) -> None:
        """Remember a robots.txt and its validators for the next run's conditional request."""
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO robots (url, etag, last_modified, body) VALUES (?, ?, ?, ?)",
                             (url, etag, last_modified, body))

    def put(self, entry: CacheEntry) -> None:
        """Insert or replace the entry for `entry.key`."""
        links = None if entry.links is None else json.dumps(
            [[link.url, link.kind, link.date.isoformat() if link.date else None] for link in entry.links])
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO entries (key, url, etag, last_modified, body_hash, doc_type, is_article, "
                "links, redirect_to, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.key, entry.url, entry.etag, entry.last_modified, entry.body_hash, entry.doc_type,
                 int(entry.is_article), links, entry.redirect_to, entry.stored_at))
