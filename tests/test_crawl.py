"""`scrapers.crawl.crawler` end to end against real HTTP servers on 127.0.0.1 (tests/crawl_site).

The news site is built from the bundled real article and listing pages; the
fault site misbehaves in every way a crawler must survive. Politeness is
measured from the servers' own request logs.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from crawl_site import (
    ARTICLES,
    BIG_BODY_BYTES,
    FAULT_ARTICLES,
    FAULT_ERRORS,
    FORBIDDEN,
    RETRY_AFTER,
    expected_articles,
)
from crawl_site.fixtures import (  # noqa: F401 - fixtures
    CRAWL_DELAY,
    PER_HOST_DELAY,
    fast_settings,
    fault_site,
    max_overlap,
    news_site,
    read_jsonl,
)
from crawl_site.server import SiteServer
from warcio.archiveiterator import ArchiveIterator

from scrapers.crawl.crawler import ARTICLES as ARTICLES_FILE
from scrapers.crawl.crawler import ERRORS as ERRORS_FILE
from scrapers.crawl.crawler import Crawler, CrawlEvent, Extracted
from scrapers.crawl.discovery import parse_date
from vnnews.commands.crawl import extract_page

VN = timezone(timedelta(hours=7))
# The server logs a request when it has parsed it, i.e. after the client's connection setup and the
# server's thread hand-off, which vary by up to ~20 ms on a busy 2-core machine; the crawler spaces
# the moments it sends. Without pacing the gaps would be ~1 ms, so this still catches a broken limiter.
JITTER = 0.02


def _crawl(out: Path, seeds: list[str], events: list[CrawlEvent] | None = None, **settings: object):
    crawler = Crawler(out, extract_page, fast_settings(**settings),
                      on_event=(events.append if events is not None else None))
    return crawler.run(seeds)


@pytest.fixture(scope="module")
def reference(news_site: SiteServer, tmp_path_factory: pytest.TempPathFactory):
    """One complete crawl of the news site from its home page; the request log is kept for assertions."""
    out = tmp_path_factory.mktemp("reference")
    news_site.clear_log()
    events: list[CrawlEvent] = []
    t0 = time.monotonic()
    stats = _crawl(out, [news_site.base + "/"], events)
    elapsed = time.monotonic() - t0
    log = list(news_site.log)
    print(f"\nreference crawl: {elapsed:.2f}s, {len(log)} requests, {stats.to_dict()}")
    return out, stats, log, events


@pytest.fixture(scope="module")
def fault_crawl(fault_site: SiteServer, tmp_path_factory: pytest.TempPathFactory):
    """One crawl of the fault site from its listing page."""
    out = tmp_path_factory.mktemp("faults")
    fault_site.clear_log()
    t0 = time.monotonic()
    stats = _crawl(out, [fault_site.base + "/"])
    print(f"\nfault crawl: {time.monotonic() - t0:.2f}s, {len(fault_site.log)} requests, {stats.to_dict()}")
    return out, stats, list(fault_site.log)


# --------------------------------------------------------------------------- discovery and output


def test_every_reachable_article_exactly_once(reference, news_site: SiteServer) -> None:
    out, stats, _, _ = reference
    records = read_jsonl(out / ARTICLES_FILE)
    canonical = [r["canonical_url"] for r in records]
    # The AMP copy, the print copy and the old redirecting URL are the same stories: written once.
    assert sorted(canonical) == sorted(expected_articles(news_site.base))
    assert len(set(r["url"] for r in records)) == len(records)
    assert all(r["is_article"] and r["text"] for r in records)
    assert stats.articles == len(ARTICLES) and stats.duplicates == 3


def test_discovery_used_sitemaps_feed_and_pagination(reference) -> None:
    _, _, log, _ = reference
    paths = {r.path for r in log}
    assert {"/sitemap.xml", "/sitemaps/bai-viet.xml", "/sitemaps/tin-tuc-news.xml", "/rss/tin-moi.rss",
            "/tin-tuc/", "/tin-tuc/?page=2"} <= paths
    # Tracking parameters and fragments were removed before requesting.
    assert not any("utm_" in r.path or "#" in r.path for r in log)
    # Each URL is requested once (the 301 of ?page=1 leads back to /tin-tuc/, hence two there).
    counts = {p: sum(1 for r in log if r.path == p) for p in paths}
    assert {p for p, n in counts.items() if n > 1} <= {"/tin-tuc/", "/tin-tuc/vnexpress.html"}


def test_listing_pages_archived_not_written(reference, news_site: SiteServer) -> None:
    out, _, _, _ = reference
    urls = {r["url"] for r in read_jsonl(out / ARTICLES_FILE)}
    assert news_site.base + "/tin-tuc/" not in urls and news_site.base + "/" not in urls
    archived = set()
    for warc in out.glob("*.warc.gz"):
        with open(warc, "rb") as stream:
            archived |= {rec.rec_headers.get_header("WARC-Target-URI") for rec in ArchiveIterator(stream)
                         if rec.rec_type == "response"}
    assert {news_site.base + "/", news_site.base + "/tin-tuc/", news_site.base + "/tin-tuc/?page=2",
            news_site.base + "/sitemap.xml"} <= archived


def test_forbidden_path_never_requested(reference, news_site: SiteServer) -> None:
    out, _, log, _ = reference
    assert not [r for r in log if r.path.startswith("/noi-bo/")]
    errors = read_jsonl(out / ERRORS_FILE)
    assert errors == [{"url": news_site.base + FORBIDDEN.path, "error": "RobotsDisallowed",
                       "message": errors[0]["message"]}]
    assert "robots.txt" in errors[0]["message"]


def test_encodings_decoded(reference) -> None:
    out, _, _, _ = reference
    by_path = {r["url"].split("/", 3)[3]: r for r in read_jsonl(out / ARTICLES_FILE)}
    cp1258 = by_path["tin-tuc/tusta-seed.html"]
    assert cp1258["extraction"]["encoding"] == "cp1258"
    assert "Liên hiệp các Hội Khoa học và Kỹ thuật" in cp1258["text"]
    for path in ("tin-tuc/dantri.html", "tin-tuc/nld.html", "tin-tuc/tuoitre.html"):  # wrong, missing charset; gzip
        text = by_path[path]["text"]
        assert "ă" in text or "ư" in text, path
        assert "Ã" not in text and "á»" not in text, path  # no mojibake


def test_crawl_delay_from_robots_is_respected(reference) -> None:
    _, _, log, _ = reference
    starts = sorted(r.start for r in log if r.path != "/robots.txt")
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    print(f"\nnews site: {len(starts)} requests, min gap {min(gaps):.3f}s (Crawl-delay {CRAWL_DELAY}s)")
    assert min(gaps) >= CRAWL_DELAY - JITTER
    assert max_overlap([(r.start, r.end) for r in log]) <= 2


def test_user_agent_and_accept_encoding(reference) -> None:
    _, _, log, _ = reference
    assert all(r.headers["user-agent"].startswith("vnnews/") and "http" in r.headers["user-agent"] for r in log)
    assert all(r.headers.get("accept-encoding") == "gzip, deflate" for r in log if r.path != "/robots.txt")


# --------------------------------------------------------------------------- WARC


def test_warc_validates_and_replays(reference, news_site: SiteServer) -> None:
    out, _, _, _ = reference
    warcs = sorted(out.glob("*.warc.gz"))
    assert warcs
    check = subprocess.run([sys.executable, "-c", "from warcio.cli import main; main()", "check", "-v",
                            *map(str, warcs)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "digest pass" in check.stdout and "fail" not in check.stdout
    for record in read_jsonl(out / ARTICLES_FILE):
        ref = record["warc"]
        path = record["url"][len(news_site.base):]
        served = news_site.resources[path]
        with open(out / ref["file"], "rb") as stream:
            stream.seek(ref["offset"])
            rec = next(iter(ArchiveIterator(stream)))
            assert rec.rec_type == "response"
            assert rec.rec_headers.get_header("WARC-Record-ID") == ref["record_id"]
            assert rec.rec_headers.get_header("WARC-Target-URI") == record["url"]
            assert rec.http_headers.get_statuscode() == "200"
            raw = rec.raw_stream.read()
        if served.gzip:
            assert rec.http_headers.get_header("Content-Encoding") == "gzip"
            assert gzip.decompress(raw) == served.body  # stored as served (compressed)
        else:
            assert raw == served.body
    # Replaying through warcio's decoding reader gives the page itself for the gzip page too.
    gz = [r for r in read_jsonl(out / ARTICLES_FILE) if r["url"].endswith("/tin-tuc/tuoitre.html")][0]["warc"]
    with open(out / gz["file"], "rb") as stream:
        stream.seek(gz["offset"])
        rec = next(iter(ArchiveIterator(stream)))
        assert rec.content_stream().read() == news_site.resources["/tin-tuc/tuoitre.html"].body


def test_warc_has_request_records(reference) -> None:
    out, _, _, _ = reference
    requests = responses = 0
    for warc in out.glob("*.warc.gz"):
        with open(warc, "rb") as stream:
            for rec in ArchiveIterator(stream):
                if rec.rec_type == "request":
                    requests += 1
                    # warcio splits the request line into method and "target version".
                    assert rec.http_headers.protocol == "GET"
                    target, version = rec.http_headers.statusline.rsplit(" ", 1)
                    assert target.startswith("/") and version == "HTTP/1.1"
                    assert rec.http_headers.get_header("User-Agent").startswith("vnnews/")
                    assert rec.rec_headers.get_header("WARC-Concurrent-To")
                elif rec.rec_type == "response":
                    responses += 1
    assert requests == responses > 0


# --------------------------------------------------------------------------- re-crawl and cache


def test_second_crawl_only_revalidates_and_rewrites_nothing(reference, news_site: SiteServer) -> None:
    out, _, _, _ = reference
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".jsonl", ".gz")}
    news_site.clear_log()
    stats = _crawl(out, [news_site.base + "/"])
    log = list(news_site.log)
    pages = [r for r in log if r.path != "/robots.txt"]
    assert pages, "the re-crawl made no request at all"
    # Every request of the re-crawl is conditional, robots.txt included.
    assert all("if-none-match" in r.headers or "if-modified-since" in r.headers for r in log), \
        [r.path for r in log if "if-none-match" not in r.headers]
    assert {r.status for r in log} == {304}
    assert any(r.path == "/robots.txt" for r in log)
    assert stats.articles == 0 and stats.fetched == 0 and stats.not_modified == len(pages)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".jsonl", ".gz")}
    assert after == before  # no new WARC file, no new line anywhere
    print(f"\nre-crawl: {len(pages)} conditional requests, all 304, in {stats.elapsed:.2f}s")


# --------------------------------------------------------------------------- faults


def test_fault_site_articles_and_errors(fault_crawl, fault_site: SiteServer) -> None:
    out, stats, _ = fault_crawl
    written = sorted(r["url"] for r in read_jsonl(out / ARTICLES_FILE))
    assert written == sorted(fault_site.base + p for p in FAULT_ARTICLES)
    errors = read_jsonl(out / ERRORS_FILE)
    assert sorted(e["url"] for e in errors) == sorted(fault_site.base + p for p in FAULT_ERRORS)
    for e in errors:
        assert set(e) == {"url", "error", "message"}
        assert e["error"] == FAULT_ERRORS[e["url"][len(fault_site.base):]], e
        assert e["message"]
    assert stats.errors == len(FAULT_ERRORS)


def test_fault_site_retries(fault_crawl) -> None:
    _, _, log = fault_crawl
    def statuses(path: str) -> list[int]:
        return [r.status for r in log if r.path == path]

    assert statuses("/bai/flaky.html") == [503, 503, 200]  # 5xx retried with backoff
    assert statuses("/loi/500") == [500, 500, 500]  # retries=2, then give up
    assert statuses("/loi/404") == [404]  # 4xx never retried
    assert len(statuses("/loi/cham")) == 3  # read timeouts retried
    assert statuses("/loi/vong-lap") == [302] and statuses("/loi/vong-lap-2") == [302]  # loop caught at once


def test_retry_after_is_honoured(fault_crawl) -> None:
    _, _, log = fault_crawl
    hits = [r for r in log if r.path == "/bai/rate-limited.html"]
    assert [r.status for r in hits] == [429, 200]
    waited = hits[1].start - hits[0].start
    print(f"\nRetry-After: {RETRY_AFTER}s asked, {waited:.3f}s waited")
    assert waited >= RETRY_AFTER


def test_per_host_delay_and_concurrency(fault_crawl) -> None:
    _, _, log = fault_crawl
    starts = sorted(r.start for r in log if r.path != "/robots.txt")
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    overlap = max_overlap([(r.start, r.end) for r in log])
    print(f"\nfault site: {len(starts)} requests, min gap {min(gaps):.3f}s (delay {PER_HOST_DELAY}s), "
          f"max in flight {overlap}")
    assert min(gaps) >= PER_HOST_DELAY - JITTER
    assert overlap == 2  # the limit is reached (slow responses) but never exceeded


def test_off_host_links_and_redirects_not_followed(fault_crawl) -> None:
    _, _, log = fault_crawl
    assert {r.host.split(":")[0] for r in log} == {"127.0.0.1"}


def test_timeouts_are_bounded(fault_crawl) -> None:
    _, _, log = fault_crawl
    drip = [r for r in log if r.path == "/loi/nho-giot"]
    assert len(drip) == 1
    # total_timeout=2 s stops a server that never stops sending; it is not retried.
    assert drip[0].end - drip[0].start < 2.5


# --------------------------------------------------------------------------- limits and options


def test_memory_bounded_on_huge_body_and_bombs(fault_site: SiteServer, tmp_path: Path) -> None:
    seeds = [fault_site.base + p for p in ("/loi/qua-lon", "/loi/bom-gzip", "/loi/bom-deflate")]
    cap = 2_000_000

    def never(result):  # pragma: no cover - nothing here is a page
        raise AssertionError("no body should reach extraction")

    tracemalloc.start()
    try:
        Crawler(tmp_path, never, fast_settings(max_body_bytes=cap, respect_robots=False)).run(seeds)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    errors = read_jsonl(tmp_path / ERRORS_FILE)
    assert sorted(e["error"] for e in errors) == ["BodyTooLarge"] * 3
    print(f"\nmemory peak {peak / 1e6:.1f} MB for a {BIG_BODY_BYTES // 2**20} MiB body and two 100 MiB bombs "
          f"(cap {cap / 1e6:.0f} MB)")
    # At most per_host_concurrency (2) bodies are held at once, each capped; +1 cap for everything else.
    assert peak < 3 * cap


def test_since_skips_old_articles_without_fetching_them(news_site: SiteServer, tmp_path: Path) -> None:
    since = parse_date("2026-03-05")
    news_site.clear_log()
    events: list[CrawlEvent] = []
    # Seeded with the article sitemap only; its sub-sitemaps (depth 2) are out of reach.
    _crawl(tmp_path, [news_site.base + "/sitemaps/bai-viet.xml"], events, since=since, max_depth=1)
    written = {r["url"] for r in read_jsonl(tmp_path / ARTICLES_FILE)}
    old = news_site.base + "/tin-tuc/baochinhphu.html"
    assert old not in written and not news_site.requests_to("/tin-tuc/baochinhphu.html")
    assert news_site.base + "/tin-tuc/vnexpress.html" in written
    assert any(e.kind == "skipped" and e.url == old for e in events)
    assert all(parse_date(r["published_at"]) >= since for r in read_jsonl(tmp_path / ARTICLES_FILE))


def test_since_checks_published_at_of_undated_links(news_site: SiteServer, tmp_path: Path) -> None:
    old = news_site.base + "/tin-tuc/baochinhphu.html"
    events: list[CrawlEvent] = []
    _crawl(tmp_path, [old], events, since=datetime(2026, 3, 5, tzinfo=VN), max_depth=0)
    assert read_jsonl(tmp_path / ARTICLES_FILE) == []
    assert [e.detail["reason"] for e in events if e.kind == "skipped"] == ["published before --since"]


def test_private_addresses_refused_without_allow_private(news_site: SiteServer, tmp_path: Path) -> None:
    news_site.clear_log()
    base = news_site.base.replace("127.0.0.1", "localhost")
    _crawl(tmp_path, [base + "/"], allow_private=False)
    assert news_site.log == []  # not even robots.txt
    errors = read_jsonl(tmp_path / ERRORS_FILE)
    assert {e["error"] for e in errors} == {"BlockedAddress"}
    assert base + "/" in {e["url"] for e in errors}
    assert "non-public address" in errors[0]["message"]


def test_allow_host_follows_redirect_to_another_host(fault_site: SiteServer, tmp_path: Path) -> None:
    fault_site.clear_log()
    _crawl(tmp_path, [fault_site.base + "/loi/ra-ngoai"], allowed_hosts=("localhost",), max_depth=0)
    written = [r["url"] for r in read_jsonl(tmp_path / ARTICLES_FILE)]
    assert written == [fault_site.base.replace("127.0.0.1", "localhost") + "/bai/ok.html"]
    assert any(r.host.startswith("localhost:") and r.path == "/bai/ok.html" for r in fault_site.log)


def test_max_pages_stops_the_run(news_site: SiteServer, tmp_path: Path) -> None:
    stats = _crawl(tmp_path, [news_site.base + "/tin-tuc/"], max_pages=3)
    assert stats.fetched + stats.errors + stats.not_modified <= 3
    # The run is over: a rerun starts a new one (from the seeds) instead of resuming forever.
    again = _crawl(tmp_path, [news_site.base + "/tin-tuc/"], max_pages=1)
    assert not again.resumed and again.run == 2


def test_extraction_failure_does_not_stop_the_crawl(news_site: SiteServer, tmp_path: Path) -> None:
    def flaky_extract(result, listed_at=None):
        if result.final_url.endswith("/tin-tuc/nld.html"):
            raise ValueError("extractor bug on this page")
        return extract_page(result, listed_at)

    crawler = Crawler(tmp_path, flaky_extract, fast_settings(max_depth=1))
    crawler.run([news_site.base + "/tin-tuc/"])
    errors = read_jsonl(tmp_path / ERRORS_FILE)
    assert {"url": news_site.base + "/tin-tuc/nld.html", "error": "ValueError",
            "message": "extractor bug on this page"} in errors
    assert {news_site.base + "/tin-tuc/tuoitre.html", news_site.base + "/tin-tuc/dantri.html"} <= {
        r["url"] for r in read_jsonl(tmp_path / ARTICLES_FILE)}


def test_output_folder_with_foreign_results_is_refused(tmp_path: Path) -> None:
    (tmp_path / ARTICLES_FILE).write_text('{"url": "x"}\n', "utf-8")
    with pytest.raises(Exception, match="new folder"):
        Crawler(tmp_path, lambda r: Extracted(False, {})).run(["http://127.0.0.1:9/"])
    assert (tmp_path / ARTICLES_FILE).read_text("utf-8") == '{"url": "x"}\n'



def test_shared_cache_gives_a_new_folder_only_new_pages(news_site: SiteServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    seeds = [news_site.base + "/tin-tuc/"]
    first = Crawler(tmp_path / "day1", extract_page, fast_settings(max_depth=1), cache_dir=cache).run(seeds)
    assert first.articles == 3 and not (tmp_path / "day1" / "http-cache.sqlite").exists()
    news_site.clear_log()
    second = Crawler(tmp_path / "day2", extract_page, fast_settings(max_depth=1), cache_dir=cache).run(seeds)
    # Nothing changed since day 1: the new folder gets no article, every page answered 304.
    assert second.articles == 0 and read_jsonl(tmp_path / "day2" / ARTICLES_FILE) == []
    assert {r.status for r in news_site.log if r.path != "/robots.txt"} == {304}
