"""`vnnews crawl`: discover, fetch, archive and extract the articles of news sites.

Glue between `scrapers.crawl.crawler.Crawler` (all network I/O, state, WARC) and
`pipeline.process_html` (extraction), plus the terminal progress display and
the `--log-json` event stream.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from vnnews.fetched import article_from_fetch
from vnnews.terminal import say

err = Console(stderr=True)


def extract_page(result: Any, listed_at: Any = None) -> Any:
    """A fetched HTML page through the pipeline, as the crawler's `Extracted`; `listed_at` is the
    date its sitemap or feed gave, one more publication-date source."""
    from scrapers.crawl.crawler import Extracted

    article = article_from_fetch(result, listed_at)
    return Extracted(is_article=article.is_article, record=article.to_dict(),
                     published_at=article.published_at, text=article.text)


class _Display(logging.Handler):
    """Crawl events (and library warnings) to a rich progress line when interactive, or JSON lines on stdout.

    Not interactive and no --log-json: quiet (nothing at all), as cron jobs want.
    """

    def __init__(self, log_json: bool, interactive: bool) -> None:
        super().__init__(logging.WARNING)
        self.log_json = log_json
        self.progress: Progress | None = None
        if interactive and not log_json:
            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                     console=err, transient=True)
            self.task = self.progress.add_task("starting")
        self.counts = {"fetched": 0, "not_modified": 0, "article": 0, "error": 0, "skipped": 0, "duplicate": 0}
        self.queued = 0
        self.rate = 0.0
        self._lock = threading.Lock()

    def __enter__(self) -> _Display:
        if self.progress:
            self.progress.start()
        # Library warnings (robots.txt unreachable, ...) go through the same channel.
        logging.getLogger().addHandler(self)
        # urllib3 reports every retry; the crawl's own events already say what failed.
        logging.getLogger("urllib3").setLevel(logging.ERROR)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger().removeHandler(self)
        if self.progress:
            self.progress.stop()

    def emit(self, record: logging.LogRecord) -> None:  # logging.Handler API
        if self.log_json:
            self._write({"event": "log", "level": record.levelname.lower(), "logger": record.name,
                         "message": record.getMessage()})
        elif self.progress:
            say(self.progress.console, record.getMessage(), record.levelname.lower())

    def __call__(self, event: Any) -> None:
        if event.kind in self.counts:
            self.counts[event.kind] += 1
        if event.kind == "progress":
            self.queued, self.rate = event.detail["queued"], event.detail["rate"]
        if self.log_json:
            self._write({"event": event.kind, **({"url": event.url} if event.url else {}), **event.detail})
        elif self.progress:
            c = self.counts
            self.progress.update(self.task, description=(
                f"pages {c['fetched'] + c['not_modified']} (unchanged {c['not_modified']}) · queued {self.queued} · "
                f"articles {c['article']} · errors {c['error']} · {self.rate:.1f} pages/s"))
            if event.kind == "error":
                say(self.progress.console, f"{event.url}: {event.detail.get('error')}", "error")

    def _write(self, line: dict[str, Any]) -> None:
        with self._lock:  # log records may come from worker threads
            sys.stdout.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
            sys.stdout.flush()


def crawl(
    seeds: list[str] = typer.Argument(..., help="Seed URLs: home or section pages, sitemaps or feeds."),
    out: Path = typer.Option(Path("vnnews-crawl"), "--out",
                             help="Output folder (articles.jsonl, errors.jsonl, WARC, state)."),
    max_pages: int = typer.Option(1000, "--max-pages", min=1, help="Fetch at most this many URLs in one run."),
    since: Optional[str] = typer.Option(
        None, "--since", help="Skip articles dated before this (YYYY-MM-DD or ISO 8601; +07:00 if no zone)."),
    cache: Optional[Path] = typer.Option(None, "--cache",
                                         help="Revalidation cache folder (default: the output folder)."),
    allow_host: list[str] = typer.Option([], "--allow-host", help="Also crawl this host (repeatable)."),
    allow_private: bool = typer.Option(False, "--allow-private",
                                       help="Allow loopback/private addresses (local test sites only)."),
    delay: float = typer.Option(1.0, "--delay", min=0.0,
                                help="Seconds between requests to one host (a larger robots.txt Crawl-delay wins)."),
    concurrency: int = typer.Option(8, "--concurrency", min=1, help="Requests in flight over all hosts."),
    per_host_concurrency: int = typer.Option(2, "--per-host-concurrency", min=1,
                                             help="Requests in flight to one host."),
    timeout: float = typer.Option(30.0, "--timeout", min=0.001, help="Read timeout per socket read, seconds."),
    total_timeout: float = typer.Option(120.0, "--total-timeout", min=0.001,
                                        help="Wall-clock limit for one fetch, seconds."),
    retries: int = typer.Option(3, "--retries", min=0, help="Retries for timeouts, connection errors, 429 and 5xx."),
    max_body: int = typer.Option(20_000_000, "--max-body", min=1, help="Largest (decoded) body accepted, bytes."),
    max_depth: int = typer.Option(5, "--max-depth", min=0, help="Link hops from a seed."),
    follow_article_links: bool = typer.Option(False, "--follow-article-links",
                                              help="Also follow links found in articles."),
    ignore_robots: bool = typer.Option(False, "--ignore-robots",
                                       help="Do not read robots.txt (only for your own sites)."),
    log_json: bool = typer.Option(False, "--log-json", help="One JSON line per event on stdout."),
) -> None:
    """Crawl news sites: sitemaps, feeds and listing pages to articles.jsonl, errors.jsonl and WARC."""
    from scrapers.crawl.crawler import Crawler, OutputFolderError
    from scrapers.crawl.discovery import parse_date
    from scrapers.crawl.settings import CrawlSettings
    from scrapers.settings import FetchSettings

    since_dt = parse_date(since) if since else None
    if since and since_dt is None:
        raise typer.BadParameter(f"cannot read {since!r} as a date; use YYYY-MM-DD", param_hint="--since")
    fetch_settings = FetchSettings(
        per_host_delay=delay, read_timeout=timeout, total_timeout=total_timeout, retries=retries,
        max_body_bytes=max_body, respect_robots=not ignore_robots, allow_private=allow_private)
    settings = CrawlSettings(
        fetch=fetch_settings, max_pages=max_pages, concurrency=concurrency,
        per_host_concurrency=per_host_concurrency, max_depth=max_depth, allowed_hosts=tuple(allow_host),
        since=since_dt, follow_article_links=follow_article_links)
    with _Display(log_json, interactive=err.is_terminal) as display:
        crawler = Crawler(out, extract_page, settings, cache_dir=cache, on_event=display)
        try:
            stats = crawler.run(seeds)
        except (ValueError, OutputFolderError) as exc:
            say(err, str(exc), "error")
            raise typer.Exit(code=2) from None
        except KeyboardInterrupt:
            err.print("interrupted: rerun the same command to resume")
            raise typer.Exit(code=130) from None
    if err.is_terminal and not log_json:  # quiet when not interactive
        err.print(
            f"{'resumed' if stats.resumed else 'run'} {stats.run}: {stats.articles} new article(s), "
            f"{stats.fetched} page(s) fetched, {stats.not_modified} unchanged, {stats.errors} error(s), "
            f"{stats.skipped} skipped, {stats.duplicates} duplicate(s) in {stats.elapsed:.1f}s -> {out}/")
