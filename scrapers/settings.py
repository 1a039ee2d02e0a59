"""Politeness and resilience knobs for every HTTP request the project makes.

Kept in one frozen dataclass (Scrapy-style) so behaviour is configured in one
place instead of being scattered through call sites, and so a settings object
can be shared between threads and used as a cache key.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_USER_AGENT = "vnnews/0.1 (+https://github.com/vnnews/vnnews; research crawler)"


@dataclass(frozen=True)
class FetchSettings:
    """How `Fetcher` talks to the web. All durations are in seconds."""

    # A descriptive UA lets site operators identify and contact us; the part
    # before the first "/" is the product token matched against robots.txt.
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    # Per socket read, not a total deadline: a server trickling bytes can keep
    # a request alive longer (max_body_bytes still bounds what we accept).
    read_timeout: float = 30.0
    # Retries for connect errors, read errors and `retry_statuses`; 0 disables.
    retries: int = 3
    # Sleep before retry n (1-based) is backoff_factor * 2**(n-1) plus up to
    # backoff_factor of random jitter, so parallel crawlers do not synchronise.
    backoff_factor: float = 0.5
    retry_statuses: tuple[int, ...] = (429, 500, 502, 503, 504)
    # A server-sent Retry-After longer than this is not waited out: the fetch
    # fails with HTTPStatusError instead of blocking a worker for ages.
    max_retry_after: float = 120.0
    respect_robots: bool = True
    # Counted on the decoded body, so a gzip bomb is stopped too.
    max_body_bytes: int = 20_000_000
    max_redirects: int = 10
    # Minimum interval between requests to one host; a larger robots.txt
    # Crawl-delay wins when respect_robots is on.
    per_host_delay: float = 0.0
    # Wall-clock limit for one fetch (all hops and the body). read_timeout is
    # per socket read, so a server dripping a byte every few seconds would
    # otherwise hold a worker forever. None: no limit (the old behaviour).
    total_timeout: float | None = None
    # False makes the fetcher refuse hosts that resolve to loopback, private,
    # link-local or other non-public addresses (see scrapers.http.address_guard);
    # crawlers of public sites should turn this off.
    allow_private: bool = True

    def __post_init__(self) -> None:
        # Keep the instance hashable (it keys the shared-fetcher cache) even
        # if a list was passed.
        object.__setattr__(self, "retry_statuses", tuple(self.retry_statuses))
        # Fail at construction rather than deep inside a crawl.
        if not self.user_agent.strip():
            raise ValueError("user_agent must not be empty")
        for name in ("connect_timeout", "read_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0")
        for name in ("retries", "max_redirects", "max_body_bytes"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")
        for name in ("backoff_factor", "max_retry_after", "per_host_delay"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")
        if self.total_timeout is not None and self.total_timeout <= 0:
            raise ValueError("total_timeout must be > 0 (or None for no limit)")

    @property
    def robots_token(self) -> str:
        """Product token used to pick our group in robots.txt (e.g. "vnnews")."""
        return self.user_agent.split("/", 1)[0].split()[0].strip()
