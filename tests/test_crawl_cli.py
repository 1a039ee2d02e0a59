"""`vnnews crawl` as a command: quiet when not interactive, JSON event lines with --log-json, argument errors."""

from __future__ import annotations

import json
from pathlib import Path

from crawl_site.fixtures import crawl_cli, news_site, read_jsonl  # noqa: F401
from crawl_site.server import SiteServer

from scrapers.crawl.crawler import ARTICLES

EVENTS = {"start", "fetched", "not_modified", "article", "duplicate", "skipped", "error", "repaired", "progress",
          "budget", "finish", "log"}


def test_quiet_when_not_interactive(news_site: SiteServer, tmp_path: Path) -> None:
    done = crawl_cli(news_site.base + "/tin-tuc/", "--out", str(tmp_path), "--allow-private", "--max-pages", "4",
                     "--max-depth", "1", "--delay", "0.05")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    assert read_jsonl(tmp_path / ARTICLES)  # it did crawl


def test_log_json_one_object_per_line(news_site: SiteServer, tmp_path: Path) -> None:
    done = crawl_cli(news_site.base + "/tin-tuc/", "--out", str(tmp_path), "--allow-private", "--max-pages", "4",
                     "--max-depth", "1", "--log-json", "--since", "2026-03-05")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines[0]["event"] == "start" and lines[-1]["event"] == "finish"
    assert {line["event"] for line in lines} <= EVENTS
    articles = [line for line in lines if line["event"] == "article"]
    assert [a["url"] for a in articles] == [r["url"] for r in read_jsonl(tmp_path / ARTICLES)]
    assert all(set(a["warc"]) == {"file", "record_id", "offset"} for a in articles)
    assert lines[-1]["articles"] == len(articles) and lines[-1]["fetched"] >= len(articles)


def test_bad_arguments(tmp_path: Path) -> None:
    done = crawl_cli("http://127.0.0.1:9/", "--out", str(tmp_path), "--since", "hôm qua")
    assert done.returncode == 2 and "--since" in done.stderr
    done = crawl_cli("not a url", "--out", str(tmp_path / "x"), "--allow-private")
    assert done.returncode == 2 and "not an absolute http(s) URL" in done.stderr
