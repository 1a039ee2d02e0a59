"""The crawl loop: frontier -> workers (fetch, sniff, discover, extract) -> commit (WARC, JSONL, state, cache).

Data flow:

    CrawlState.next_pending ──FrontierItem──▶ worker thread: Fetcher.fetch (robots, delays, retries)
        ▲                                       └─▶ discovery.discover ─▶ extract callback (the pipeline)
        │                                                     │
        └──── new FrontierItems ◀── _commit (scheduler thread) ◀── _Outcome
                                      ├─ WarcArchive.append (fsync)
                                      ├─ articles.jsonl / errors.jsonl (fsync)
                                      ├─ CrawlState.complete (one transaction, with the file lengths)
                                      └─ HttpCache.put (validators + links, for re-crawls)

`scrapers` does not import `pipeline`: the caller passes `extract`, which
turns a fetched HTML page into an `Extracted` record (see vnnews.commands.crawl).
Worker threads only fetch and parse; every write happens on the scheduler
thread, in the order that makes a crash at any point recoverable (see state.py).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapers.errors import FetchError
from scrapers.http.fetcher import Fetcher, FetchResult

from .cache import CacheEntry, HttpCache
from .discovery import XML_MEDIA_TYPES, Discovered, Link, discover, parse_date
from .errors import RedirectLoop, RedirectRefused, UnsupportedDocument
from .journal import AppendLog
from .settings import CrawlSettings
from .state import Completion, CrawlState, FrontierItem
from .urls import clean_url, host_of, in_scope, looks_like_file, politeness_key, url_key
from .warc import WarcArchive

log = logging.getLogger(__name__)

ARTICLES = "articles.jsonl"
ERRORS = "errors.jsonl"
STATE = "crawl-state.sqlite"
WARC_PREFIX = "vnnews-crawl"
# Sitemaps and feeds first (they list articles cheaply), then what they list, then listing-page links.
PRIORITY_INDEX, PRIORITY_LISTED, PRIORITY_LINKED = 0, 1, 2
PROGRESS_EVERY = 1.0  # seconds between "progress" events


@dataclass
class Extracted:
    """What the extract callback found in an HTML page."""

    is_article: bool  # False for listing/home pages: used for discovery only
    record: dict[str, Any]  # the JSON object for articles.jsonl (a "warc" field is added)
    published_at: str | None = None  # ISO 8601, for --since
    text: str = ""  # article text, hashed to drop duplicates published under several URLs


# The page, and the date its sitemap or feed listed it with (None when it was found otherwise).
Extractor = Callable[[FetchResult, datetime | None], Extracted]


@dataclass(frozen=True)
class CrawlEvent:
    """One thing that happened, for progress displays and JSON logs."""

    kind: str  # start, fetched, not_modified, article, duplicate, skipped, error, repaired, progress, budget, finish
    url: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class CrawlStats:
    """Counters of one `Crawler.run` (this process only)."""

    fetched: int = 0
    not_modified: int = 0
    articles: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: int = 0
    queued: int = 0
    resumed: bool = False
    run: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def elapsed(self) -> float:
        """Seconds since the run started (until it finished)."""
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        """Fetches (incl. 304s) per second."""
        return (self.fetched + self.not_modified) / self.elapsed if self.elapsed > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {"fetched": self.fetched, "not_modified": self.not_modified, "articles": self.articles,
                "duplicates": self.duplicates, "skipped": self.skipped, "errors": self.errors,
                "queued": self.queued, "resumed": self.resumed, "run": self.run,
                "elapsed": round(self.elapsed, 3), "rate": round(self.rate, 3)}


@dataclass
class _Outcome:
    """What a worker hands back to the scheduler for one item."""

    item: FrontierItem
    cached: CacheEntry | None = None
    result: FetchResult | None = None
    error: Exception | None = None
    unchanged: bool = False  # 304, or the same body as the cached one
    discovered: Discovered | None = None
    extracted: Extracted | None = None
    body_hash: str | None = None
    robots_sitemaps: list[str] = field(default_factory=list)


class OutputFolderError(RuntimeError):
    """The output folder holds results this crawler cannot account for."""


def text_hash(text: str) -> str:
    """Hash of an article's text with whitespace normalised (same story under two URLs -> same hash)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


class Crawler:
    """Crawls seeds into an output folder; `run` can be called again to resume or re-crawl."""

    def __init__(
        self,
        out_dir: Path,
        extract: Extractor,
        settings: CrawlSettings | None = None,
        cache_dir: Path | None = None,
        on_event: Callable[[CrawlEvent], None] | None = None,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.settings = settings or CrawlSettings()
        self.cache_dir = Path(cache_dir) if cache_dir is not None else self.out_dir
        self._extract = extract
        self._on_event = on_event or (lambda event: None)
        # The pipeline's NLP models are not documented as thread-safe, and
        # extraction is CPU-bound under the GIL anyway: one page at a time.
        self._extract_lock = threading.Lock()
        self._hosts: set[str] = set()
        self.stats = CrawlStats()

    # ------------------------------------------------------------------ public

    def run(self, seeds: Sequence[str]) -> CrawlStats:
        """Crawl from `seeds` until the frontier is empty or max_pages is reached; returns the counters."""
        if not seeds:
            raise ValueError("give at least one seed URL")
        seeds = [clean_url(s) for s in seeds]
        for seed in seeds:
            if not in_scope(seed, [host_of(seed)]):
                raise ValueError(f"not an absolute http(s) URL: {seed!r}")
        self._hosts = {host_of(s) for s in seeds} | set(self.settings.allowed_hosts)
        self.stats = CrawlStats()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        state_path = self.out_dir / STATE
        fresh = not state_path.exists()
        if fresh and (self.out_dir / ARTICLES).exists() and (self.out_dir / ARTICLES).stat().st_size:
            raise OutputFolderError(
                f"{self.out_dir} already has {ARTICLES} but no {STATE}; crawl into a new folder "
                "so existing results are not overwritten")
        self._state = CrawlState(state_path)
        self._cache = HttpCache(self.cache_dir)
        self._articles = AppendLog(self.out_dir / ARTICLES)
        self._errors = AppendLog(self.out_dir / ERRORS)
        self._archive = WarcArchive(self.out_dir, WARC_PREFIX, self.settings.warc_max_bytes)
        try:
            self._repair()
            self.stats.resumed = self._state.start_run(self._seed_items(seeds))
            self.stats.run = self._state.run
            self._emit("start", None, seeds=seeds, resumed=self.stats.resumed, run=self.stats.run,
                       hosts=sorted(self._hosts))
            with Fetcher(self.settings.fetch) as fetcher:
                fetcher.robots.store = self._cache
                self._loop(fetcher)
        finally:
            self.stats.finished = time.monotonic()
            self.stats.queued = self._state.counts().get("pending", 0)
            self._state.close()
            self._cache.close()
        self._emit("finish", None, **self.stats.to_dict())
        return self.stats

    # ------------------------------------------------------------------ setup

    def _seed_items(self, seeds: Iterable[str]) -> list[FrontierItem]:
        items: list[FrontierItem] = []
        origins: dict[str, str] = {}
        for seed in seeds:
            # robots.txt of each seed origin, for its Sitemap: lines.
            origin = seed.split("/", 3)
            robots = f"{origin[0]}//{origin[2]}/robots.txt"
            origins.setdefault(robots, robots)
            items.append(FrontierItem(url_key(seed), seed, politeness_key(seed), "page", 0, PRIORITY_INDEX))
        if not self.settings.fetch.respect_robots:
            return items  # told not to read robots.txt: no Sitemap: lines either
        for robots in origins:
            # Prefixed so the robots item never collides with a page of the same URL.
            items.append(FrontierItem("robots " + url_key(robots), robots, politeness_key(robots), "robots", 0,
                                      PRIORITY_INDEX))
        return items

    def _repair(self) -> None:
        """Cut outputs back to what the state committed (undoes a crash's half-written tail)."""
        committed = self._state.committed_files()
        for log_file in (self._articles, self._errors):
            if log_file.truncate_to(committed.get(log_file.path.name, 0)):
                self._emit("repaired", None, file=log_file.path.name, length=committed.get(log_file.path.name, 0))
        for path in sorted(self.out_dir.glob(f"{WARC_PREFIX}-*.warc.gz")):
            if path.name not in committed:
                path.unlink()  # created by a run that died before committing anything to it
                self._emit("repaired", None, file=path.name, length=0)
            elif WarcArchive.truncate_to(path, committed[path.name]):
                self._emit("repaired", None, file=path.name, length=committed[path.name])

    # ------------------------------------------------------------------ scheduling

    def _loop(self, fetcher: Fetcher) -> None:
        s = self.settings
        inflight: dict[Future[_Outcome], FrontierItem] = {}
        host_load: Counter[str] = Counter()
        budget_hit = False
        next_progress = time.monotonic() + PROGRESS_EVERY
        with ThreadPoolExecutor(max_workers=s.concurrency, thread_name_prefix="crawl") as pool:
            try:
                while True:
                    budget = s.max_pages - self._state.fetched - len(inflight)
                    free = s.concurrency - len(inflight)
                    if budget <= 0:
                        budget_hit = True
                    progressed = False
                    if free > 0 and budget > 0:
                        full = {h for h, n in host_load.items() if n >= s.per_host_concurrency}
                        busy = {item.key for item in inflight.values()}
                        for item in self._state.next_pending(busy, full, min(free, budget)):
                            if host_load[item.host] >= s.per_host_concurrency:
                                continue
                            cached = None if item.kind == "robots" else self._cache.get(item.key)
                            progressed = True
                            if cached is not None and cached.redirect_to:
                                self._follow_cached_redirect(item, cached)
                                continue
                            future = pool.submit(self._work, fetcher, item, cached)
                            inflight[future] = item
                            host_load[item.host] += 1
                    if not inflight:
                        if progressed:
                            continue  # cached redirects just queued their targets
                        break
                    done, _ = wait(inflight, timeout=0.5, return_when=FIRST_COMPLETED)
                    for future in done:
                        item = inflight.pop(future)
                        host_load[item.host] -= 1
                        self._commit(future.result())
                    if time.monotonic() >= next_progress:
                        next_progress = time.monotonic() + PROGRESS_EVERY
                        self._emit_progress(len(inflight))
            except BaseException:
                # Ctrl-C or a bug: drop queued work; what is committed stays, the rest is redone on resume.
                for future in inflight:
                    future.cancel()
                raise
        if budget_hit:
            self._state.drop_pending()
            self._emit("budget", None, max_pages=s.max_pages)

    def _follow_cached_redirect(self, item: FrontierItem, cached: CacheEntry) -> None:
        """A URL known to redirect permanently: queue its target without asking the server again."""
        target = Link(cached.redirect_to or "", item.kind if item.kind != "robots" else "page")
        new = self._link_items([target], item, same_depth=True)
        self._state.complete(Completion(item.key, "done", False, new, [], {}, []))

    # ------------------------------------------------------------------ worker side

    def _work(self, fetcher: Fetcher, item: FrontierItem, cached: CacheEntry | None) -> _Outcome:
        """Fetch and parse one item (runs in a worker thread; never raises)."""
        outcome = _Outcome(item, cached)
        try:
            if item.kind == "robots":
                outcome.robots_sitemaps = fetcher.sitemaps(item.url)
                return outcome
            visited = {item.url}

            def on_redirect(source: str, target: str) -> None:
                target = clean_url(target)
                if not in_scope(target, self._hosts):
                    raise RedirectRefused(source, target)
                if target in visited:
                    raise RedirectLoop(item.url, target, self.settings.fetch.max_redirects)
                visited.add(target)

            headers = cached.conditional_headers() if cached else {}
            result = fetcher.fetch(item.url, headers=headers, accept=XML_MEDIA_TYPES, on_redirect=on_redirect)
            outcome.result = result
            if result.not_modified:
                outcome.unchanged = True
                return outcome
            outcome.body_hash = hashlib.sha256(result.body).hexdigest()
            if cached is not None and cached.body_hash == outcome.body_hash:
                outcome.unchanged = True  # no validators, but the same bytes as last time
                return outcome
            discovered = discover(result.body, result.content_type, result.final_url)
            if discovered.doc_type == "unknown":
                raise UnsupportedDocument(result.final_url, result.content_type)
            outcome.discovered = discovered
            if discovered.doc_type == "html":
                with self._extract_lock:
                    outcome.extracted = self._extract(result, parse_date(item.date))
        except Exception as exc:
            # Only the type and message are kept; the traceback would pin the page's buffers.
            outcome.error = exc.with_traceback(None)
            outcome.result = None
        return outcome

    # ------------------------------------------------------------------ scheduler side

    def _commit(self, outcome: _Outcome) -> None:
        """Write what one finished item produced, in crash-safe order, and queue its links."""
        item = outcome.item
        if outcome.error is not None:
            self._commit_error(outcome)
        elif item.kind == "robots":
            links = [Link(url, "sitemap") for url in outcome.robots_sitemaps]
            self._state.complete(Completion(item.key, "done", False, self._link_items(links, item), [], {}, []))
        elif outcome.unchanged:
            self._commit_unchanged(outcome)
        else:
            self._commit_fetched(outcome)

    def _commit_error(self, outcome: _Outcome) -> None:
        item, error = outcome.item, outcome.error
        assert error is not None
        name = type(error).__name__
        files: dict[str, int] = {}
        if not self._state.error_recorded(item.key, name):
            files[ERRORS] = self._errors.append({"url": item.url, "error": name, "message": str(error)})
        self._state.complete(Completion(item.key, "failed", item.kind != "robots", [], [], files, [], error=name))
        self.stats.errors += 1
        if not isinstance(error, FetchError):
            log.warning("extracting %s failed: %r", item.url, error)
        self._emit("error", item.url, error=name, message=str(error))

    def _commit_unchanged(self, outcome: _Outcome) -> None:
        item, cached = outcome.item, outcome.cached
        assert cached is not None
        new = self._link_items(cached.links or [], item, parent_type=cached.doc_type)
        self._state.complete(Completion(item.key, "done", True, new, [], {}, []))
        self.stats.not_modified += 1
        status = outcome.result.status if outcome.result else None
        self._emit("not_modified", item.url, status=status, links=len(new))

    def _commit_fetched(self, outcome: _Outcome) -> None:
        item, result, discovered = outcome.item, outcome.result, outcome.discovered
        assert result is not None and discovered is not None
        self.stats.fetched += 1
        self._emit("fetched", item.url, status=result.status, final_url=result.final_url, bytes=len(result.body),
                   type=discovered.doc_type, seconds=round(result.elapsed, 3))
        extracted = outcome.extracted
        is_article = bool(extracted and extracted.is_article)
        # Keys under which this page is known: requested, after redirects, declared canonical.
        final_key = url_key(result.final_url)
        urls = {item.key: item.url, final_key: clean_url(result.final_url)}
        if discovered.canonical and in_scope(clean_url(discovered.canonical), self._hosts):
            urls.setdefault(url_key(discovered.canonical), clean_url(discovered.canonical))
        keys = list(urls)
        aliases = [FrontierItem(k, urls[k], politeness_key(urls[k]), item.kind, item.depth, item.priority)
                   for k in keys[1:]]
        follow = discovered.doc_type in ("sitemap", "feed") or not is_article or self.settings.follow_article_links
        links = discovered.links if follow else []
        new = self._link_items(links, item, parent_type=discovered.doc_type)

        ref, warc_size = self._archive.append(result)
        files = {ref.file: warc_size}
        written: list[tuple[str, str]] = []
        digest = None
        keep_in_cache = True
        if is_article and extracted is not None:
            digest = text_hash(extracted.text)
            published = parse_date(extracted.published_at)
            since = self.settings.since
            duplicate_of = self._state.written_url(keys) or self._state.hash_owner(digest)
            if since is not None and published is not None and published < since:
                # Not cached: a later crawl without --since must extract it.
                keep_in_cache = False
                digest = None
                self.stats.skipped += 1
                self._emit("skipped", item.url, reason="published before --since", published_at=extracted.published_at)
            elif duplicate_of is not None:
                digest = None
                self.stats.duplicates += 1
                self._emit("duplicate", item.url, duplicate_of=duplicate_of)
            else:
                record = dict(extracted.record)
                record["warc"] = ref.to_dict()
                files[ARTICLES] = self._articles.append(record)
                written = [(k, result.final_url) for k in keys]
                self.stats.articles += 1
                self._emit("article", item.url, title=record.get("title"), warc=ref.to_dict())
        self._state.complete(Completion(item.key, "done", True, new, aliases, files, written, text_hash=digest))
        # The cache is written last: if we die before this, the next run simply refetches.
        if keep_in_cache:
            entry = CacheEntry(
                key=final_key, url=result.final_url, etag=result.headers.get("etag"),
                last_modified=result.headers.get("last-modified"), body_hash=outcome.body_hash,
                doc_type=discovered.doc_type, is_article=is_article,
                links=discovered.links if follow else None)
            self._cache.put(entry)
            if final_key != item.key:
                # The requested URL redirected: remember a permanent redirect so a
                # re-crawl goes straight to the target (which it revalidates).
                target = _permanent_target(result)
                self._cache.put(CacheEntry(key=item.key, url=item.url, redirect_to=target) if target
                                else CacheEntry(**{**entry.__dict__, "key": item.key, "url": item.url}))

    def _link_items(self, links: Iterable[Link], parent: FrontierItem, parent_type: str | None = None,
                    same_depth: bool = False) -> list[FrontierItem]:
        """Frontier items for the in-scope, not-too-deep, not-too-old links of `parent`."""
        s = self.settings
        depth = parent.depth if same_depth else parent.depth + 1
        if depth > s.max_depth:
            return []
        listed = parent_type in ("sitemap", "feed") or parent.kind == "robots"
        items: list[FrontierItem] = []
        for link in links:
            url = clean_url(link.url)
            if not in_scope(url, self._hosts) or looks_like_file(url):
                continue
            if s.since is not None and link.kind == "page" and link.date is not None and link.date < s.since:
                self.stats.skipped += 1
                self._emit("skipped", url, reason="dated before --since", date=link.date.isoformat())
                continue
            if link.kind in ("sitemap", "feed"):
                priority = PRIORITY_INDEX
            else:
                priority = PRIORITY_LISTED if listed else PRIORITY_LINKED
            items.append(FrontierItem(url_key(url), url, politeness_key(url), link.kind, depth, priority,
                                      link.date.isoformat() if link.date else None))
        return items

    def _emit_progress(self, in_flight: int) -> None:
        counts = self._state.counts()
        self.stats.queued = counts.get("pending", 0) - in_flight
        st = self.stats
        self._emit("progress", None, done=st.fetched + st.not_modified + st.errors, queued=st.queued,
                   in_flight=in_flight, articles=st.articles, errors=st.errors, rate=round(st.rate, 2))

    def _emit(self, kind: str, url: str | None, **detail: Any) -> None:
        event = CrawlEvent(kind, url, detail)
        log.debug("%s %s %s", kind, url or "", detail)
        self._on_event(event)


def _permanent_target(result: FetchResult) -> str | None:
    """The final URL if every redirect hop was permanent (301/308): safe to remember."""
    if result.redirects and all(status in (301, 308) for status, _ in result.redirects):
        return result.final_url
    return None
