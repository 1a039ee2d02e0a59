"""Knobs of a crawl, with polite defaults; holds the per-request `FetchSettings`.

Frozen like FetchSettings, so one object can be shared by the scheduler and
the worker threads without anyone changing it mid-crawl.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from scrapers.settings import FetchSettings


def default_fetch_settings() -> FetchSettings:
    """FetchSettings for crawling public sites: 1 s between requests to a host,
    a 2-minute cap per fetch, and no connections to private addresses."""
    return FetchSettings(per_host_delay=1.0, total_timeout=120.0, allow_private=False)


@dataclass(frozen=True)
class CrawlSettings:
    """How `Crawler` explores a site. Politeness per request lives in `fetch`."""

    fetch: FetchSettings = field(default_factory=default_fetch_settings)
    # Upper bound on URLs fetched (or attempted) in one crawl run, all kinds together.
    max_pages: int = 1000
    # Worker threads: requests in flight over all hosts.
    concurrency: int = 8
    # Requests in flight to one host (host:port). Kept low: per-host delay
    # spaces request starts, this bounds slow responses piling up.
    per_host_concurrency: int = 2
    # Link hops from a seed (robots.txt -> sitemap index -> sitemap -> article is 3).
    max_depth: int = 5
    # Hosts that may be crawled besides the seeds' hosts (host names, no port).
    allowed_hosts: tuple[str, ...] = ()
    # Articles dated before this (sitemap lastmod, feed date or published_at) are skipped.
    since: datetime | None = None
    # Articles' own links (related stories) are followed too; off by default
    # because sitemaps, feeds and listings already list a site's articles.
    follow_article_links: bool = False
    # A new WARC file is started once the current one is this big.
    warc_max_bytes: int = 1_000_000_000

    def __post_init__(self) -> None:
        object.__setattr__(self, "allowed_hosts", tuple(h.lower() for h in self.allowed_hosts))
        for name in ("max_pages", "concurrency", "per_host_concurrency"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1")
        if self.max_depth < 0:
            raise ValueError("max_depth must be >= 0")
        if self.since is not None and self.since.tzinfo is None:
            raise ValueError("since must be timezone-aware (e.g. parse it with scrapers.crawl.discovery.parse_date)")
