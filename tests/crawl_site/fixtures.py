"""pytest fixtures and helpers shared by the crawl tests (import the fixtures into a test module)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scrapers.crawl.settings import CrawlSettings
from scrapers.settings import FetchSettings

from . import build_fault_site, build_news_site, fault_routes, serve
from .server import SiteServer

# Small delays and timeouts keep the suite fast; robots.txt's Crawl-delay (0.2 s) still wins on the news site.
PER_HOST_DELAY = 0.05
CRAWL_DELAY = 0.2


def fast_settings(**overrides: Any) -> CrawlSettings:
    """Crawl settings for tests: local addresses allowed, short delays, timeouts and body cap."""
    fetch_overrides = {k: overrides.pop(k) for k in list(overrides) if k in FetchSettings.__dataclass_fields__}
    fetch = dict(per_host_delay=PER_HOST_DELAY, allow_private=True, connect_timeout=2.0, read_timeout=0.5,
                 total_timeout=2.0, retries=2, backoff_factor=0.05, max_body_bytes=2_000_000)
    fetch.update(fetch_overrides)
    crawl = dict(concurrency=4, per_host_concurrency=2)
    crawl.update(overrides)
    return CrawlSettings(fetch=FetchSettings(**fetch), **crawl)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def news_site() -> Iterator[SiteServer]:
    """The well-behaved news site (Crawl-delay 0.2 s) on 127.0.0.1."""
    with serve(lambda base: build_news_site(base, CRAWL_DELAY)) as site:
        yield site


@pytest.fixture(scope="module")
def fault_site() -> Iterator[SiteServer]:
    """The misbehaving site on 127.0.0.1 (no Crawl-delay: the settings' per-host delay applies)."""
    with serve(build_fault_site, fault_routes) as site:
        yield site


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records of a JSON Lines file ([] if missing)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def crawl_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `vnnews crawl ARGS` in a subprocess through the real CLI app."""
    return subprocess.run([sys.executable, "-c", "from vnnews.cli import app; app()", "crawl", *args],
                          capture_output=True, text=True, timeout=timeout, check=False)


def crawl_cli_popen(*args: str) -> subprocess.Popen[str]:
    """Start `vnnews crawl ARGS` in a subprocess (to be killed)."""
    return subprocess.Popen([sys.executable, "-c", "from vnnews.cli import app; app()", "crawl", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def max_overlap(intervals: list[tuple[float, float]], slack: float = 0.005) -> int:
    """Most intervals open at once. `slack` trims each end: the server logs its end a moment after
    the last byte left, by which time the client may already have sent its next request."""
    events = sorted([(s, 1) for s, _ in intervals] + [(max(s, e - slack), -1) for s, e in intervals],
                    key=lambda ev: (ev[0], ev[1]))
    best = current = 0
    for _, step in events:
        current += step
        best = max(best, current)
    return best
