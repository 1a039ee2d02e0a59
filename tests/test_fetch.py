"""scrapers.http.fetcher against real HTTP servers on 127.0.0.1 (no mocks)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scrapers import (
    BodyTooLarge,
    ConnectionFailed,
    Fetcher,
    FetchError,
    FetchSettings,
    FetchTimeout,
    HTTPStatusError,
    NotHTMLResponse,
    RobotsDisallowed,
    TooManyRedirects,
    fetch,
    serve_directory,
)
from scrapers.settings import DEFAULT_USER_AGENT

ARTICLE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tin tức</title></head>"
    "<body><p>Hà Nội hôm nay trời đẹp.</p></body></html>"
).encode("utf-8")


def fast(**overrides: object) -> FetchSettings:
    """Settings with tiny backoffs so retry tests stay quick."""
    base: dict[str, object] = dict(retries=3, backoff_factor=0.01, connect_timeout=2.0, read_timeout=2.0)
    base.update(overrides)
    return FetchSettings(**base)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- servers


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """A static site served by serve_directory, with a robots.txt."""
    (tmp_path / "index.html").write_bytes(ARTICLE)
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.html").write_bytes(ARTICLE)
    (tmp_path / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    with serve_directory(tmp_path) as base:
        yield base


class _FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, robots: str | int) -> None:
        super().__init__(("127.0.0.1", 0), _FaultHandler)
        self.robots = robots  # robots.txt body, or a status code to answer with
        self.counts: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.lock = threading.Lock()

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        pass  # clients that time out cause broken pipes; expected here


class _FaultHandler(BaseHTTPRequestHandler):
    server: _FaultServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str | None = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = self.path
        with self.server.lock:
            self.server.counts[path] += 1
            self.server.user_agents.append(self.headers.get("User-Agent", ""))
            n = self.server.counts[path]
        if path == "/robots.txt":
            robots = self.server.robots
            if isinstance(robots, int):
                self._send(robots, b"nope", "text/plain")
            else:
                self._send(200, robots.encode(), "text/plain")
        elif path in ("/page", "/blocked"):
            self._send(200, ARTICLE)
        elif path == "/not-found":
            self._send(404, b"<html><body>not here</body></html>")
        elif path == "/flaky":
            self._send(503 if n <= 2 else 200, ARTICLE)
        elif path == "/rate-limited":
            if n == 1:
                self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
            else:
                self._send(200, ARTICLE)
        elif path == "/rate-limited-long":
            self._send(429, b"come back tomorrow", "text/plain", {"Retry-After": "3600"})
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4\n%fake pdf\n", "application/pdf")
        elif path == "/big":
            self._send(200, b"<html>" + b"x" * 5000, length=False)  # close-delimited: must be streamed
        elif path == "/big-cl":
            self._send(200, b"<html>" + b"x" * 5000)
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, ARTICLE)
        elif path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        elif path == "/redirect":
            self._send(301, headers={"Location": "/page"})
        elif path == "/to-blocked":
            self._send(302, headers={"Location": "/blocked"})
        elif path == "/plain-html":
            self._send(200, ARTICLE, "text/plain")
        elif path == "/plain-text":
            self._send(200, b"just some words", "text/plain")
        elif path == "/no-type":
            self._send(200, ARTICLE, None)
        else:
            self._send(404)


def _start(robots: str | int) -> Iterator[tuple[str, _FaultServer]]:
    server = _FaultServer(robots)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def faulty() -> Iterator[tuple[str, _FaultServer]]:
    """Misbehaving server; robots.txt disallows only /blocked."""
    yield from _start("User-agent: *\nDisallow: /blocked\n")


# --------------------------------------------------------------------------- happy paths


def test_ok_html_from_directory(site: str) -> None:
    result = Fetcher(fast()).fetch(site + "index.html")
    assert result.status == 200
    assert result.body == ARTICLE
    assert result.url == result.final_url == site + "index.html"
    assert result.content_type == "text/html; charset=utf-8"
    assert result.headers["content-type"] == "text/html; charset=utf-8"
    assert datetime.fromisoformat(result.fetched_at).utcoffset().total_seconds() == 0
    assert 0 <= result.elapsed < 5


def test_redirect_sets_final_url(faulty: tuple[str, _FaultServer]) -> None:
    base, _ = faulty
    result = Fetcher(fast()).fetch(base + "/redirect")
    assert result.url == base + "/redirect"
    assert result.final_url == base + "/page"
    assert result.body == ARTICLE


def test_user_agent_is_descriptive(faulty: tuple[str, _FaultServer]) -> None:
    base, server = faulty
    Fetcher(fast()).fetch(base + "/page")
    assert server.counts["/robots.txt"] == 1  # robots fetched with the same session...
    assert server.user_agents == [DEFAULT_USER_AGENT] * 2  # ...and the same UA
    assert "vnnews" in DEFAULT_USER_AGENT and "http" in DEFAULT_USER_AGENT


def test_module_level_fetch(site: str) -> None:
    assert fetch(site + "index.html", fast()).body == ARTICLE


# --------------------------------------------------------------------------- robots.txt


def test_robots_disallow(site: str) -> None:
    with pytest.raises(RobotsDisallowed) as info:
        Fetcher(fast()).fetch(site + "private/secret.html")
    assert info.value.url == site + "private/secret.html"
    assert Fetcher(fast(respect_robots=False)).fetch(site + "private/secret.html").body == ARTICLE


def test_robots_checked_on_redirect_target(faulty: tuple[str, _FaultServer]) -> None:
    base, server = faulty
    with pytest.raises(RobotsDisallowed) as info:
        Fetcher(fast()).fetch(base + "/to-blocked")
    assert info.value.url == base + "/blocked"
    assert server.counts["/blocked"] == 0


def test_robots_missing_allows_all() -> None:
    for base, server in _start(404):
        assert Fetcher(fast()).fetch(base + "/page").status == 200


def test_robots_server_error_allows_with_warning(caplog: pytest.LogCaptureFixture) -> None:
    for base, server in _start(500):
        with caplog.at_level(logging.WARNING, logger="scrapers.http.robots"):
            assert Fetcher(fast(retries=0)).fetch(base + "/blocked").status == 200
        assert "allowing all" in caplog.text


def test_crawl_delay_and_per_host_delay() -> None:
    for base, _ in _start("User-agent: *\nCrawl-delay: 0.3\n"):
        fetcher = Fetcher(fast())
        fetcher.fetch(base + "/page")
        t0 = time.monotonic()
        fetcher.fetch(base + "/page")
        assert time.monotonic() - t0 >= 0.28
    for base, _ in _start(404):
        fetcher = Fetcher(fast(per_host_delay=0.3))
        fetcher.fetch(base + "/page")
        t0 = time.monotonic()
        fetcher.fetch(base + "/page")
        assert time.monotonic() - t0 >= 0.28


# --------------------------------------------------------------------------- HTTP status and retries


def test_404_is_not_retried(faulty: tuple[str, _FaultServer]) -> None:
    base, server = faulty
    with pytest.raises(HTTPStatusError) as info:
        Fetcher(fast()).fetch(base + "/not-found")
    assert info.value.status == 404
    assert server.counts["/not-found"] == 1


def test_503_twice_then_ok(faulty: tuple[str, _FaultServer]) -> None:
    base, server = faulty
    result = Fetcher(fast()).fetch(base + "/flaky")
    assert result.status == 200 and result.body == ARTICLE
    assert server.counts["/flaky"] == 3


def test_503_gives_up_after_retries(faulty: tuple[str, _FaultServer]) -> None:
    base, server = faulty
    with pytest.raises(HTTPStatusError) as info:
        Fetcher(fast(retries=1)).fetch(base + "/flaky")
    assert info.value.status == 503
    assert server.counts["/flaky"] == 2


def test_429_retry_after_is_honoured(faulty: tuple[str, _FaultServer]) -> None:
    base, server = faulty
    t0 = time.monotonic()
    result = Fetcher(fast()).fetch(base + "/rate-limited")
    assert result.status == 200
    assert time.monotonic() - t0 >= 0.95
    assert server.counts["/rate-limited"] == 2


def test_excessive_retry_after_gives_up_at_once(faulty: tuple[str, _FaultServer]) -> None:
    base, server = faulty
    with pytest.raises(HTTPStatusError) as info:
        Fetcher(fast(max_retry_after=5)).fetch(base + "/rate-limited-long")
    assert info.value.status == 429
    assert "Retry-After" in str(info.value)
    assert server.counts["/rate-limited-long"] == 1


# --------------------------------------------------------------------------- content checks


def test_pdf_is_rejected(faulty: tuple[str, _FaultServer]) -> None:
    base, _ = faulty
    with pytest.raises(NotHTMLResponse) as info:
        Fetcher(fast()).fetch(base + "/pdf")
    assert info.value.content_type == "application/pdf"


def test_content_type_sniffing(faulty: tuple[str, _FaultServer]) -> None:
    base, _ = faulty
    fetcher = Fetcher(fast())
    assert fetcher.fetch(base + "/plain-html").body == ARTICLE
    no_type = fetcher.fetch(base + "/no-type")
    assert no_type.body == ARTICLE and no_type.content_type == ""
    with pytest.raises(NotHTMLResponse):
        fetcher.fetch(base + "/plain-text")


@pytest.mark.parametrize("path", ["/big", "/big-cl"])
def test_body_too_large(faulty: tuple[str, _FaultServer], path: str) -> None:
    base, _ = faulty
    with pytest.raises(BodyTooLarge):
        Fetcher(fast(max_body_bytes=1000)).fetch(base + path)
    assert len(Fetcher(fast(max_body_bytes=5006)).fetch(base + path).body) == 5006


# --------------------------------------------------------------------------- network failures


def test_read_timeout(faulty: tuple[str, _FaultServer]) -> None:
    base, _ = faulty
    t0 = time.monotonic()
    with pytest.raises(FetchTimeout):
        Fetcher(fast(retries=0, read_timeout=0.5)).fetch(base + "/slow")
    assert time.monotonic() - t0 < 1.4


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on `port` now (robots fetch fails too, which is allowed).
    with pytest.raises(ConnectionFailed) as info:
        Fetcher(fast(retries=1)).fetch(f"http://127.0.0.1:{port}/page")
    assert "refused" in str(info.value)


def test_redirect_loop(faulty: tuple[str, _FaultServer]) -> None:
    base, server = faulty
    with pytest.raises(TooManyRedirects):
        Fetcher(fast(max_redirects=3)).fetch(base + "/loop")
    assert server.counts["/loop"] == 4


def test_invalid_url_is_a_fetch_error() -> None:
    for bad in ("ftp://127.0.0.1/x", "not a url", "/relative/path"):
        with pytest.raises(FetchError):
            Fetcher(fast()).fetch(bad)


# --------------------------------------------------------------------------- local server


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.1", "::"])
def test_serve_directory_refuses_non_loopback(tmp_path: Path, host: str) -> None:
    with pytest.raises(ValueError):
        with serve_directory(tmp_path, host=host):
            pass


def test_serve_directory_stops_on_exit(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(ARTICLE)
    with serve_directory(tmp_path, host="localhost") as base:
        assert base.startswith("http://127.0.0.1:")
        assert Fetcher(fast()).fetch(base + "a.html").body == ARTICLE
    with pytest.raises(ConnectionFailed):
        Fetcher(fast(retries=0)).fetch(base + "a.html")
