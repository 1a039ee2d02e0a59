"""The test web server: serves a site map, injects faults, logs every request.

A real ThreadingHTTPServer on 127.0.0.1 (no mocks): tests assert on its
request log (path, Host header, request headers, start and end times,
status), so politeness is measured where a site operator would see it.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import select
import socket
import threading
import time
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .site import LAST_MODIFIED, Resource, gzip_bytes

BIG_BODY_BYTES = 50 * 1024 * 1024  # streamed in chunks, never built in memory
BOMB_BYTES = 100 * 1024 * 1024  # decompressed size of the gzip/deflate bombs


@dataclass
class LoggedRequest:
    """One request as the server saw it."""

    path: str
    host: str
    headers: dict[str, str]
    start: float  # time.monotonic() when the request line was read
    end: float = 0.0  # when the handler finished (response sent, or client gone)
    status: int = 0


@dataclass
class SiteServer:
    """Handle on a running server: base URL, the resources it serves, and its request log.

    The server runs in a child process so that its clock readings do not wait
    for the GIL of the crawler under test (an extractor busy in C code would
    otherwise delay the server's timestamps and distort measured delays).
    The log is fetched from the special path LOG_PATH, which is never logged.
    """

    base: str
    resources: dict[str, Resource]

    @property
    def log(self) -> list[LoggedRequest]:
        """Every request so far, in arrival order."""
        return [LoggedRequest(**entry) for entry in json.loads(_get(self.base + LOG_PATH))]

    def requests_to(self, path: str) -> list[LoggedRequest]:
        """Logged requests for one path (with query)."""
        return [r for r in self.log if r.path == path]

    def clear_log(self) -> None:
        """Forget the log and the fault counters (between crawls)."""
        _get(self.base + LOG_PATH + "?clear")


LOG_PATH = "/__request-log__"


def _get(url: str) -> bytes:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as resp:
        return resp.read()


def _bomb(kind: str, size: int) -> bytes:
    """`size` zero bytes compressed (~1000:1), built chunk by chunk."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS if kind == "gzip" else zlib.MAX_WBITS)
    chunk = b"\0" * (1 << 20)
    parts = [comp.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(comp.flush())
    return b"".join(parts)


_BOMBS: dict[str, bytes] = {}


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

    def log_message(self, format: str, *args: object) -> None:
        pass

    # ------------------------------------------------------------------ plumbing

    def do_GET(self) -> None:
        server = self.server
        if self.path.startswith(LOG_PATH):
            with server.lock:
                if self.path.endswith("?clear"):
                    server.log.clear()
                    server.hits.clear()
                body = json.dumps([asdict(r) for r in server.log]).encode()
            self._send(200, body, "application/json")
            return
        entry = LoggedRequest(self.path, self.headers.get("Host", ""), {k.lower(): v for k, v in self.headers.items()},
                              time.monotonic())
        with server.lock:
            server.log.append(entry)
            server.hits[self.path] = n = server.hits.get(self.path, 0) + 1
        try:
            entry.status = self._respond(n)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            entry.end = time.monotonic()

    def _send(self, status: int, body: bytes = b"", ctype: str | None = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> int:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return status

    def _client_gone(self, wait: float) -> bool:
        """Wait up to `wait` s; True if the client closed the connection meanwhile."""
        readable, _, _ = select.select([self.connection], [], [], wait)
        if not readable:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    # ------------------------------------------------------------------ routes

    def _respond(self, n: int) -> int:
        fault = self.server.faults.get(self.path.split("?", 1)[0])
        if fault is not None:
            return fault(self, n)
        resource = self.server.resources.get(self.path)
        if resource is None:
            return self._send(404, b"<html><body>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y</body></html>")
        headers = dict(resource.headers)
        body = resource.body
        if resource.validators:
            headers["ETag"] = resource.etag
            headers["Last-Modified"] = LAST_MODIFIED
            if self.headers.get("If-None-Match") == resource.etag or (
                    "If-None-Match" not in self.headers and self.headers.get("If-Modified-Since") == LAST_MODIFIED):
                self.send_response(304)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                return 304
        if resource.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip_bytes(body)
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        return self._send(resource.status, body, resource.content_type if resource.status == 200 else None, headers)


Fault = Callable[[_Handler, int], int]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str) -> None:
        super().__init__((host, 0), _Handler)
        self.faults: dict[str, Fault] = {}
        self.resources: dict[str, Resource] = {}
        self.log: list[LoggedRequest] = []
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        pass  # clients that give up mid-response cause broken pipes: expected here


@contextmanager
def serve(build: Callable[[str], dict[str, Resource]],
          faults: Callable[[str], dict[str, Fault]] | None = None,
          host: str = "127.0.0.1") -> Iterator[SiteServer]:
    """Run a site on `host` (a free port) in a child process; yields its SiteServer handle.

    `build(base)` gives the static resources, `faults(base)` the fault handlers.
    """
    server = _Server(host)  # bound here, so the base URL is known before building
    base = f"http://{host}:{server.server_address[1]}"
    server.resources = build(base)
    server.faults = faults(base) if faults else {}
    # fork: the child inherits the listening socket and the (unpicklable) fault closures.
    child = multiprocessing.get_context("fork").Process(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    child.start()
    try:
        yield SiteServer(base, server.resources)
    finally:
        child.terminate()
        child.join(timeout=5)
        server.server_close()


# ---------------------------------------------------------------------------- faults


def always(status: int, headers: dict[str, str] | None = None) -> Fault:
    """Answer `status` every time."""
    return lambda h, n: h._send(status, b"<html><body>l\xe1\xbb\x97i</body></html>", headers=headers)


def fail_then_ok(status: int, times: int, body: bytes, headers: dict[str, str] | None = None) -> Fault:
    """Answer `status` for the first `times` requests, then 200 with `body`."""
    def fault(h: _Handler, n: int) -> int:
        if n <= times:
            return h._send(status, b"busy", "text/plain", headers)
        return h._send(200, body)
    return fault


def hang(seconds: float) -> Fault:
    """Send nothing for `seconds` (or until the client gives up): a read timeout."""
    def fault(h: _Handler, n: int) -> int:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if h._client_gone(0.01):
                h.close_connection = True
                return 0
        return h._send(200, b"<html><body>qu\xc3\xa1 mu\xe1\xbb\x99n</body></html>")
    return fault


def drip(interval: float, total: int) -> Fault:
    """Headers at once, then one byte every `interval` s: defeats per-read timeouts."""
    def fault(h: _Handler, n: int) -> int:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        for _ in range(total):
            h.wfile.write(b" ")
            h.wfile.flush()
            until = time.monotonic() + interval
            while time.monotonic() < until:
                if h._client_gone(0.01):  # poll often so the log's end time is accurate
                    h.close_connection = True
                    return 200
        return 200
    return fault


def huge(size: int = BIG_BODY_BYTES, content_length: bool = False) -> Fault:
    """A `size`-byte HTML body streamed in 64 KiB chunks (close-delimited unless `content_length`)."""
    def fault(h: _Handler, n: int) -> int:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        if content_length:
            h.send_header("Content-Length", str(size))
        else:
            h.send_header("Connection", "close")
            h.close_connection = True
        h.end_headers()
        chunk = b"<p>" + b"x" * (64 * 1024 - 3)
        sent = 0
        while sent < size:
            h.wfile.write(chunk)
            sent += len(chunk)
        return 200
    return fault


def bomb(kind: str) -> Fault:
    """A small body that inflates to BOMB_BYTES (Content-Encoding gzip or deflate); built now, served fast."""
    if kind not in _BOMBS:
        _BOMBS[kind] = _bomb(kind, BOMB_BYTES)
    data = _BOMBS[kind]
    return lambda h, n: h._send(200, data, headers={"Content-Encoding": kind})


def redirect(location: str, status: int = 302) -> Fault:
    """Redirect to `location` (absolute or relative)."""
    return lambda h, n: h._send(status, b"", None, {"Location": location})


def static(body: bytes, ctype: str) -> Fault:
    """Always the same 200 response."""
    return lambda h, n: h._send(200, body, ctype)


def gzip_of(data: bytes) -> bytes:
    """gzip with a fixed mtime."""
    return gzip.compress(data, mtime=0)
