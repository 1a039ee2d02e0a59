"""Crash safety of `vnnews crawl`: kill -9 mid-crawl and rerun, and a crash between writing and committing.

The kill test drives the real command in a subprocess; the crash-window test
stops an in-process crawl at the exact point that matters (the article line
is on disk, the state does not know it yet), which a random kill only hits
by chance.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crawl_site import expected_articles
from crawl_site.fixtures import crawl_cli, crawl_cli_popen, fast_settings, news_site, read_jsonl  # noqa: F401
from crawl_site.server import SiteServer
from warcio.archiveiterator import ArchiveIterator

from scrapers.crawl.crawler import ARTICLES, ERRORS, Crawler, CrawlEvent
from vnnews.commands.crawl import extract_page

CLI_OPTIONS = ["--allow-private", "--delay", "0.05", "--timeout", "2", "--retries", "1", "--log-json"]


def _article_urls(out: Path) -> list[str]:
    return sorted(r["url"] for r in read_jsonl(out / ARTICLES))


def _warcs_valid(out: Path) -> None:
    warcs = sorted(map(str, out.glob("*.warc.gz")))
    check = subprocess.run([sys.executable, "-c", "from warcio.cli import main; main()", "check", *warcs],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    for record in read_jsonl(out / ARTICLES):
        with open(out / record["warc"]["file"], "rb") as stream:
            stream.seek(record["warc"]["offset"])
            rec = next(iter(ArchiveIterator(stream)))
            assert rec.rec_headers.get_header("WARC-Record-ID") == record["warc"]["record_id"]


@pytest.fixture(scope="module")
def uninterrupted(news_site: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same crawl as the killed one, run to the end in one go."""
    out = tmp_path_factory.mktemp("uninterrupted")
    t0 = time.monotonic()
    done = crawl_cli(news_site.base + "/", "--out", str(out), *CLI_OPTIONS)
    assert done.returncode == 0, done.stderr
    print(f"\nuninterrupted CLI crawl: {time.monotonic() - t0:.2f}s")
    return out


def test_kill_9_then_rerun_equals_uninterrupted(news_site: SiteServer, uninterrupted: Path, tmp_path: Path) -> None:
    out = tmp_path / "killed"
    args = [news_site.base + "/", "--out", str(out), *CLI_OPTIONS]
    proc = crawl_cli_popen(*args)
    try:
        deadline = time.monotonic() + 60
        while len(read_jsonl(out / ARTICLES)) < 2:
            assert proc.poll() is None, "the crawl ended before it could be killed: " + proc.stderr.read()
            assert time.monotonic() < deadline, "no article written within 60 s"
            time.sleep(0.02)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    killed_with = len(read_jsonl(out / ARTICLES))
    assert proc.returncode == -signal.SIGKILL
    assert killed_with < len(expected_articles(news_site.base)), "the kill came too late to test anything"

    rerun = crawl_cli(*args)
    assert rerun.returncode == 0, rerun.stderr
    events = [json.loads(line) for line in rerun.stdout.splitlines()]
    # A kill mid-write leaves a cut line or WARC tail: the rerun may first report repairing it.
    assert {e["event"] for e in events[:next(i for i, e in enumerate(events) if e["event"] == "start")]} <= {"repaired"}
    start = next(e for e in events if e["event"] == "start")
    assert start["resumed"] is True
    print(f"\nkilled after {killed_with} article(s); resumed run: {json.loads(rerun.stdout.splitlines()[-1])}")

    assert _article_urls(out) == _article_urls(uninterrupted)
    assert len(set(_article_urls(out))) == len(_article_urls(out))  # no duplicates
    assert sorted(r["canonical_url"] for r in read_jsonl(out / ARTICLES)) == sorted(expected_articles(news_site.base))
    assert read_jsonl(out / ERRORS) == read_jsonl(uninterrupted / ERRORS)
    _warcs_valid(out)


class _Crash(BaseException):
    """Stands for the process dying (BaseException: nothing in the crawler catches it)."""


def test_crash_between_article_write_and_commit(news_site: SiteServer, tmp_path: Path) -> None:
    seen: list[str] = []

    def die_on_second_article(event: CrawlEvent) -> None:
        # "article" is emitted after the line and the WARC record are on disk, before the state commit.
        if event.kind == "article":
            seen.append(event.url or "")
            if len(seen) == 2:
                raise _Crash

    settings = fast_settings()
    with pytest.raises(_Crash):
        Crawler(tmp_path, extract_page, settings, on_event=die_on_second_article).run([news_site.base + "/"])
    assert len(read_jsonl(tmp_path / ARTICLES)) == 2  # the second line is on disk, uncommitted

    events: list[CrawlEvent] = []
    stats = Crawler(tmp_path, extract_page, settings, on_event=events.append).run([news_site.base + "/"])
    assert stats.resumed
    repaired = {e.detail["file"] for e in events if e.kind == "repaired"}
    assert ARTICLES in repaired and any(f.endswith(".warc.gz") for f in repaired)
    urls = [r["canonical_url"] for r in read_jsonl(tmp_path / ARTICLES)]
    assert sorted(urls) == sorted(expected_articles(news_site.base))  # each once, the re-done one included
    assert seen[1] in {r["url"] for r in read_jsonl(tmp_path / ARTICLES)}
    _warcs_valid(tmp_path)


def test_partial_tail_and_orphan_warc_are_removed_on_resume(news_site: SiteServer, tmp_path: Path) -> None:
    settings = fast_settings(max_depth=1)
    seeds = [news_site.base + "/tin-tuc/"]
    Crawler(tmp_path, extract_page, settings).run(seeds)
    articles_before = (tmp_path / ARTICLES).read_bytes()
    warc = sorted(tmp_path.glob("*.warc.gz"))[0]
    warc_before = warc.read_bytes()
    # What a process killed mid-write leaves behind: half a line, half a record, a file never committed.
    with open(tmp_path / ARTICLES, "ab") as handle:
        handle.write(b'{"url": "http://half.written/')
    with open(warc, "ab") as handle:
        handle.write(b"\x1f\x8b\x08\x00 truncated gzip member")
    (tmp_path / "vnnews-crawl-00099.warc.gz").write_bytes(b"\x1f\x8b\x08 never committed")

    stats = Crawler(tmp_path, extract_page, settings).run(seeds)
    assert not stats.resumed  # the first run had finished: this is a re-crawl, all unchanged
    assert (tmp_path / ARTICLES).read_bytes() == articles_before
    assert warc.read_bytes() == warc_before
    assert not (tmp_path / "vnnews-crawl-00099.warc.gz").exists()
