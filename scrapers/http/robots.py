"""Per-host robots.txt cache (parsed with protego).

Policy, following RFC 9309 except where noted:

* 2xx: parse it (only the first 512 KiB, as the RFC allows).
* 4xx other than 429 (missing, forbidden...): no rules, everything allowed.
* 429, 5xx, or unreachable: **everything allowed, with a warning**. RFC 9309
  says to assume "disallow all" here; we choose to allow because a news
  site's flaky robots endpoint would otherwise silently drop whole sites, and
  the page fetch itself will fail (and be retried politely) if the host is
  really down. Such results are cached only briefly so the real file is
  picked up once the host recovers.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

import requests
from protego import Protego

from scrapers.settings import FetchSettings

log = logging.getLogger(__name__)

MAX_ROBOTS_BYTES = 512 * 1024
# RFC 9309 asks crawlers not to use a cached robots.txt for more than 24 h.
TTL_OK = 24 * 3600.0
# Failed fetches are retried sooner so a transient outage does not stick.
TTL_FAILED = 600.0


@dataclass
class _Entry:
    parser: Protego | None  # None means "no rules: allow everything"
    expires: float


class RobotsStore(Protocol):
    """Where robots.txt files and their validators outlive one run (the crawl's HTTP cache)."""

    def get_robots(self, url: str) -> tuple[str | None, str | None, str] | None: ...

    def put_robots(self, url: str, etag: str | None, last_modified: str | None, body: str) -> None: ...


def robots_url(url: str) -> str:
    """The robots.txt URL governing `url` (same scheme, host and port)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


class RobotsCache:
    """Fetches, parses and caches robots.txt per scheme+host+port."""

    def __init__(self, session: requests.Session, settings: FetchSettings, store: RobotsStore | None = None) -> None:
        self._session = session
        self._settings = settings
        # With a store, a re-crawl revalidates robots.txt (If-None-Match / If-Modified-Since).
        self.store = store
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()
        # One lock per host so concurrent fetches to a new host fetch its
        # robots.txt once, without serialising unrelated hosts.
        self._host_locks: dict[str, threading.Lock] = {}

    def allowed(self, url: str) -> bool:
        """True if our user agent may fetch `url` according to its robots.txt."""
        parser = self._parser_for(url)
        return parser is None or parser.can_fetch(url, self._settings.robots_token)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay (seconds) robots.txt asks of us for `url`'s host, if any."""
        parser = self._parser_for(url)
        return None if parser is None else parser.crawl_delay(self._settings.robots_token)

    def clear(self) -> None:
        """Forget every cached robots.txt."""
        with self._lock:
            self._entries.clear()

    def _parser_for(self, url: str) -> Protego | None:
        key = robots_url(url)
        with self._lock:
            host_lock = self._host_locks.setdefault(key, threading.Lock())
        with host_lock:
            with self._lock:
                entry = self._entries.get(key)
            if entry is None or entry.expires <= time.monotonic():
                entry = self._download(key)
                with self._lock:
                    self._entries[key] = entry
            return entry.parser

    def _download(self, robots: str) -> _Entry:
        s = self._settings
        now = time.monotonic()
        stored = self.store.get_robots(robots) if self.store is not None else None
        headers = {}
        if stored is not None:
            etag, last_modified, _ = stored
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
        try:
            with self._session.get(
                robots, timeout=(s.connect_timeout, s.read_timeout), stream=True, headers=headers
            ) as resp:
                status = resp.status_code
                if status == 304 and stored is not None:
                    return _Entry(Protego.parse(stored[2]), now + TTL_OK)
                if 200 <= status < 300:
                    raw = _read_capped(resp, MAX_ROBOTS_BYTES)
                    text = raw.decode("utf-8", errors="replace")
                    if self.store is not None:
                        self.store.put_robots(robots, resp.headers.get("ETag"), resp.headers.get("Last-Modified"), text)
                    return _Entry(Protego.parse(text), now + TTL_OK)
        except requests.RequestException as exc:
            log.warning("robots.txt unreachable at %s (%s); allowing all URLs on this host", robots, exc)
            return _Entry(None, now + TTL_FAILED)
        if 400 <= status < 500 and status != 429:
            log.debug("robots.txt at %s returned %d; no restrictions", robots, status)
            return _Entry(None, now + TTL_OK)
        log.warning("robots.txt at %s returned HTTP %d; allowing all URLs on this host", robots, status)
        return _Entry(None, now + TTL_FAILED)


def _read_capped(resp: requests.Response, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(chunk_size=16384):
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]
