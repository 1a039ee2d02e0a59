"""urllib3 connection classes for the Fetcher: report when a request has gone out; optionally refuse private addresses.

Per-host delays must hold where the server sees them: between the moments
requests are *sent*, not the moments a thread was allowed to send. A thread
can be held up between the two (another thread holding the GIL in C code,
a slow connect), so the Fetcher asks to be told when the request bytes have
been written, from the sending thread itself, via `on_sent`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import requests
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .address_guard import GuardedMixin

_local = threading.local()


def set_on_sent(callback: Callable[[], None] | None) -> None:
    """Call `callback` (in this thread) after this thread's next request has been written."""
    _local.on_sent = callback


class _SentMixin:
    def request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return super().request(*args, **kwargs)  # type: ignore[misc]
        finally:
            # Also on failure: an attempt counts as a request for politeness.
            callback = getattr(_local, "on_sent", None)
            if callback is not None:
                _local.on_sent = None
                callback()


class _HTTP(_SentMixin, HTTPConnection):
    pass


class _HTTPS(_SentMixin, HTTPSConnection):
    pass


class _GuardedHTTP(_SentMixin, GuardedMixin, HTTPConnection):
    pass


class _GuardedHTTPS(_SentMixin, GuardedMixin, HTTPSConnection):
    pass


def _pool(base: type, connection: type) -> type:
    return type(f"{connection.__name__}Pool", (base,), {"ConnectionCls": connection})


_POOLS = {
    False: {"http": _pool(HTTPConnectionPool, _HTTP), "https": _pool(HTTPSConnectionPool, _HTTPS)},
    True: {"http": _pool(HTTPConnectionPool, _GuardedHTTP), "https": _pool(HTTPSConnectionPool, _GuardedHTTPS)},
}


def install(session: requests.Session, guard: bool) -> None:
    """Use our connection classes for `session`'s http(s) adapters; `guard` refuses non-public addresses.

    With the guard on, proxies from the environment are ignored: behind a
    proxy the check would only ever see the proxy's address.
    """
    if guard:
        session.trust_env = False
    for prefix in ("http://", "https://"):
        adapter = session.get_adapter(prefix)
        adapter.poolmanager.pool_classes_by_scheme = dict(_POOLS[guard])
