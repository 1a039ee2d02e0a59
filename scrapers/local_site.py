"""Serve a local directory over HTTP, for `vnnews demo` and for tests.

Loopback only: this is a convenience server for local files, never
something to expose on a network interface.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import logging
import os
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

log = logging.getLogger(__name__)


class _QuietHandler(SimpleHTTPRequestHandler):
    # Declare the charset so decoding is deterministic for our UTF-8 fixtures.
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".htm": "text/html; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        # Access logs would drown test and demo output; keep them at debug.
        log.debug("%s - %s", self.address_string(), format % args)


class _Server6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def _loopback_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """Resolve `host` and insist every address is loopback."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except socket.gaierror as exc:
            raise ValueError(f"cannot resolve {host!r}: {exc}") from exc
        ips = {ipaddress.ip_address(info[4][0]) for info in infos}
        if not ips or not all(a.is_loopback for a in ips):
            raise ValueError(f"refusing to serve on {host!r}: it resolves to non-loopback addresses")
        # Prefer IPv4 so the base URL works for every client.
        ip = sorted(ips, key=lambda a: a.version)[0]
    if not ip.is_loopback:
        raise ValueError(f"refusing to serve on {host!r}: only loopback addresses (127.0.0.1, ::1) are allowed")
    return ip


@contextlib.contextmanager
def serve_directory(
    path: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 0
) -> Iterator[str]:
    """Serve `path` over HTTP on a loopback address in a background thread.

    Yields the base URL (e.g. "http://127.0.0.1:54321/"); the server stops when
    the `with` block exits. `port=0` picks a free port.
    """
    root = os.fspath(path)
    if not os.path.isdir(root):
        raise NotADirectoryError(f"not a directory: {root!r}")
    ip = _loopback_ip(host)
    handler = functools.partial(_QuietHandler, directory=root)
    server_cls = _Server6 if ip.version == 6 else ThreadingHTTPServer
    server = server_cls((str(ip), port), handler)
    bound_port = server.server_address[1]
    netloc = f"[{ip}]:{bound_port}" if ip.version == 6 else f"{ip}:{bound_port}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name=f"serve_directory:{bound_port}", daemon=True
    )
    thread.start()
    try:
        yield f"http://{netloc}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
