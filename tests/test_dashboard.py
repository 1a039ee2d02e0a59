"""The dashboard rendered by a real headless Chromium against a live server with the demo data."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
import uvicorn
from PIL import Image
from rich.console import Console

from vnnews.commands.demo import run_demo
from vnnews.store.api import create_app
from vnnews.store.index import index_files
from vnnews.store.schema import connect

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="no Chromium found (CI installs it: apt-get install -y chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn on 127.0.0.1 in a thread, serving a store of the demo pages."""
    out = tmp_path_factory.mktemp("demo")
    run_demo(out, console=Console(quiet=True))
    with connect(out / "store.db") as conn:
        index_files(conn, [out / "articles.jsonl"])
    config = uvicorn.Config(create_app(out / "store.db"), host="127.0.0.1", port=_free_port(), log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    server.should_exit = True
    thread.join(timeout=10)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        # Any host but loopback fails to resolve: the page must work offline, and the test stays local.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        # Let the page's fetch() calls finish before the DOM is dumped or the screenshot taken.
        "--virtual-time-budget=15000",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)


class _Collect(HTMLParser):
    """Bars of the chart, rows of the tables, the People column and the body state, from the dumped DOM."""

    def __init__(self):
        super().__init__()
        self.bars: list[dict] = []
        self.body: dict = {}
        self.error_hidden = None
        self.table = None
        self.tables: dict[str, list[str]] = {}
        self.fact_links: list[str] = []
        self._in_td = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.body = attrs
        elif tag == "rect" and attrs.get("class") == "bar":
            self.bars.append(attrs)
        elif tag == "p" and attrs.get("id") == "error":
            self.error_hidden = "hidden" in attrs
        elif tag == "table":
            self.table = attrs.get("data-label") or attrs.get("id")
            self.tables.setdefault(self.table, [])
        elif tag == "button" and self.table:
            self._in_td = True
        elif tag == "a" and self.table == "facts" and attrs.get("class") != "muted":
            self.fact_links.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "table":
            self.table = None
        elif tag == "button":
            self._in_td = False

    def handle_data(self, data):
        if self._in_td and self.table:
            self.tables[self.table].append(data.strip())


def test_dashboard_renders_the_demo_data(server, tmp_path):
    api = httpx.get(f"{server}/timeline").json()
    facts = httpx.get(f"{server}/facts", params={"limit": 50}).json()
    result = chromium(tmp_path, "--dump-dom", f"{server}/")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = _Collect()
    dom.feed(result.stdout)
    assert dom.body.get("data-ready") == "1", "the page's script did not finish"
    assert dom.error_hidden is True, re.search(r'id="error"[^<]*<', result.stdout)
    # Entities rendered by the JS, with their canonical names, in the People column.
    assert "Nguyễn Văn Phát" in dom.tables["PER"]
    assert "Việt Nam" in dom.tables["LOC"]
    # One bar per timeline bucket, with the API's counts.
    assert len(api) == 7
    assert [(b["data-period"], int(b["data-count"])) for b in dom.bars] == [(b["period"], b["count"]) for b in api]
    heights = [float(b["height"]) for b in dom.bars]
    assert heights[-1] > heights[0] > 0 and heights[1] == 0  # 6 articles on 03-07, 1 on 03-01, none between
    # Facts table: one row per fact with a link to its article.
    assert len(dom.fact_links) == len(facts["items"]) == min(50, facts["total"])
    assert dom.fact_links[0] == facts["items"][0]["article_url"]


def test_dashboard_screenshot_is_a_real_picture(server, tmp_path):
    shot = tmp_path / "dashboard.png"
    result = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,1000", f"{server}/")
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 1000)
    colors = image.getcolors(maxcolors=1 << 20)
    assert len(colors) > 50, "blank page"
    # The timeline bars (#2f6fb3) cover a visible area: the chart was drawn, not just the page frame.
    bar_pixels = sum(count for count, rgb in colors if rgb == (0x2F, 0x6F, 0xB3))
    assert bar_pixels > 2000
