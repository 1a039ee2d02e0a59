"""Fetching one HTML page politely and robustly.

`Fetcher` owns a `requests.Session` whose adapter retries connect/read errors
and `retry_statuses` (honouring Retry-After), a robots.txt cache and per-host
request times. `fetch()` returns a `FetchResult` or raises a `FetchError`
subclass; no raw requests/urllib3 exception escapes.
"""

from __future__ import annotations

import functools
import logging
import random
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
    ResponseError,
)
from urllib3.util.retry import Retry

from .errors import (
    BodyTooLarge,
    ConnectionFailed,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NotHTMLResponse,
    RobotsDisallowed,
    TooManyRedirects,
)
from .robots import RobotsCache
from .settings import FetchSettings

log = logging.getLogger(__name__)

HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Types that may still be HTML if the body says so (misconfigured servers).
SNIFFABLE_MEDIA_TYPES = frozenset({"", "text/plain"})
_CHUNK = 64 * 1024

# WHATWG MIME sniffing "HTML" signatures: after leading whitespace the body
# starts with one of these tags followed by a space or ">".
_HTML_SIGNATURE = re.compile(
    rb"^<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[ >\t\n\f\r]"
    rb"|^<!--",
    re.IGNORECASE,
)


@dataclass
class FetchResult:
    """A successfully fetched HTML response; `body` is raw (undecoded) bytes."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content_type: str  # raw header value incl. charset; "" if the server sent none
    headers: dict[str, str]  # keys lower-cased
    body: bytes
    fetched_at: str  # ISO 8601 UTC, when fetch() started
    elapsed: float  # wall-clock seconds in fetch(), incl. retries, redirects, politeness waits


class _PoliteRetry(Retry):
    """urllib3 Retry with true exponential backoff + jitter and a Retry-After ceiling.

    Stock urllib3 does not sleep before the first retry and silently clamps
    a long Retry-After; we back off from the first retry, and give up
    (the caller sees the 429/503) rather than come back earlier than asked.
    """

    give_up_after: float = 120.0

    def new(self, **kw: object) -> "_PoliteRetry":
        retry = super().new(**kw)
        retry.give_up_after = self.give_up_after
        return retry

    def get_backoff_time(self) -> float:
        errors = 0
        for attempt in reversed(self.history):
            if attempt.redirect_location is not None:
                break
            errors += 1
        if errors == 0 or self.backoff_factor <= 0:
            return 0.0
        value = self.backoff_factor * 2 ** (errors - 1) + random.random() * self.backoff_jitter
        return min(self.backoff_max, value)

    def get_retry_after(self, response) -> float | None:  # type: ignore[no-untyped-def]
        value = response.headers.get("Retry-After")
        if value is None:
            return None
        try:
            return max(0.0, self.parse_retry_after(value))
        except Exception:  # noqa: BLE001 - an unparsable header just means "use backoff"
            return None

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):  # type: ignore[no-untyped-def,override]
        if response is not None and self.respect_retry_after_header:
            wait = self.get_retry_after(response)
            if wait is not None and wait > self.give_up_after:
                raise MaxRetryError(_pool, url, ResponseError(f"Retry-After {wait:g}s too long"))
        return super().increment(method, url, response, error, _pool, _stacktrace)


def build_session(settings: FetchSettings) -> requests.Session:
    """A requests.Session with our headers and retry policy mounted for http(s)."""
    retry = _PoliteRetry(
        total=settings.retries,
        connect=settings.retries,
        read=settings.retries,  # only GETs are sent, which are idempotent
        status=settings.retries,
        other=0,
        redirect=False,  # redirects are followed by Fetcher itself
        allowed_methods=frozenset({"GET", "HEAD"}),
        status_forcelist=frozenset(settings.retry_statuses),
        backoff_factor=settings.backoff_factor,
        backoff_jitter=settings.backoff_factor,
        respect_retry_after_header=True,
        raise_on_status=False,  # hand back the last response so we raise HTTPStatusError
    )
    retry.give_up_after = settings.max_retry_after
    session = requests.Session()
    session.headers.update(
        {
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Language": "vi,en;q=0.7",
        }
    )
    session.max_redirects = settings.max_redirects  # used for robots.txt only
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class Fetcher:
    """Reusable fetcher: share one per crawl to reuse connections, robots.txt
    and per-host timing. Robots and politeness bookkeeping is thread-safe; the
    underlying requests.Session is shared as requests commonly allows for GETs.
    Usable as a context manager."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._session = build_session(self.settings)
        self.robots = RobotsCache(self._session, self.settings)
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close pooled connections."""
        self._session.close()

    def fetch(self, url: str) -> FetchResult:
        """GET `url` and return the HTML response, following redirects.

        Raises a `FetchError` subclass on any failure. On a redirect the error's
        `.url` is the hop that failed.
        """
        started = time.monotonic()
        fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        _check_url(url)
        current = url
        # Followed by hand so robots.txt and per-host delays apply to every hop.
        for _hop in range(self.settings.max_redirects + 1):
            if self.settings.respect_robots and not self.robots.allowed(current):
                raise RobotsDisallowed(current)
            self._wait_turn(current)
            resp = self._get(current)
            target = self._session.get_redirect_target(resp)
            if target is None:
                return self._finish(url, current, resp, fetched_at, started)
            resp.close()
            nxt = urljoin(current, target)
            if urlsplit(nxt).scheme not in ("http", "https"):
                raise FetchError(current, f"redirect to unsupported URL {nxt!r}; nothing to fetch")
            current = nxt
        raise TooManyRedirects(url, self.settings.max_redirects)

    def _get(self, url: str) -> requests.Response:
        s = self.settings
        try:
            return self._session.get(
                url, timeout=(s.connect_timeout, s.read_timeout), stream=True, allow_redirects=False
            )
        except requests.RequestException as exc:
            raise _translate(url, exc, s) from exc

    def _finish(
        self, url: str, final_url: str, resp: requests.Response, fetched_at: str, started: float
    ) -> FetchResult:
        s = self.settings
        try:
            status = resp.status_code
            if not 200 <= status < 300:
                raise HTTPStatusError(final_url, status, _status_detail(resp, s))
            content_type = resp.headers.get("Content-Type", "").strip()
            media = content_type.split(";", 1)[0].strip().lower()
            # Reject obvious non-HTML before downloading it.
            if media not in HTML_MEDIA_TYPES and media not in SNIFFABLE_MEDIA_TYPES:
                raise NotHTMLResponse(final_url, content_type)
            body = _read_body(final_url, resp, s.max_body_bytes)
            if media not in HTML_MEDIA_TYPES and not sniff_html(body):
                raise NotHTMLResponse(final_url, content_type)
            return FetchResult(
                url=url,
                final_url=final_url,
                status=status,
                content_type=content_type,
                headers={k.lower(): v for k, v in resp.headers.items()},
                body=body,
                fetched_at=fetched_at,
                elapsed=time.monotonic() - started,
            )
        except requests.RequestException as exc:
            raise _translate(final_url, exc, s) from exc
        finally:
            resp.close()

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host's next request slot (per_host_delay / Crawl-delay)."""
        delay = self.settings.per_host_delay
        if self.settings.respect_robots:
            crawl_delay = self.robots.crawl_delay(url)
            if crawl_delay is not None and crawl_delay > delay:
                delay = crawl_delay
        host = urlsplit(url).netloc.lower()
        # Reserve the slot under the lock, sleep outside it: concurrent
        # threads queue up one `delay` apart without blocking other hosts.
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + delay
        if slot > now:
            time.sleep(slot - now)


def sniff_html(body: bytes) -> bool:
    """True if `body` looks like HTML (WHATWG MIME-sniffing signatures)."""
    head = body[:1024]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return bool(_HTML_SIGNATURE.match(head.lstrip(b" \t\n\f\r")))


def _read_body(url: str, resp: requests.Response, limit: int) -> bytes:
    # Content-Length is a compressed size when Content-Encoding is set, so it
    # only allows an early reject for identity bodies; the streamed count
    # below (on decoded bytes) is the real guard.
    length = resp.headers.get("Content-Length", "")
    if length.isdigit() and "Content-Encoding" not in resp.headers and int(length) > limit:
        raise BodyTooLarge(url, limit)
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(chunk_size=_CHUNK):
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(url, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _status_detail(resp: requests.Response, s: FetchSettings) -> str:
    retries = getattr(resp.raw, "retries", None)
    attempts = len(retries.history) if retries is not None else 0
    parts = []
    if attempts:
        parts.append(f"gave up after {attempts} retr{'y' if attempts == 1 else 'ies'}")
    retry_after = resp.headers.get("Retry-After")
    if retry_after:
        parts.append(f"server sent Retry-After: {retry_after} (we wait at most {s.max_retry_after:g}s)")
    return "; ".join(parts)


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(url, "not an absolute http(s) URL; pass e.g. 'https://host/path'")


def _root_cause(exc: BaseException) -> BaseException:
    """Unwrap requests -> MaxRetryError -> urllib3 reason."""
    for _ in range(6):
        if isinstance(exc, MaxRetryError) and exc.reason is not None:
            exc = exc.reason
        elif exc.args and isinstance(exc.args[0], BaseException):
            exc = exc.args[0]
        else:
            break
    return exc


def _describe(reason: BaseException) -> str:
    if isinstance(reason, NameResolutionError):
        return "DNS lookup failed"
    text = str(reason)
    # urllib3 prefixes messages with "<HTTPConnection object at 0x...>: ".
    text = re.sub(r"^<[^>]*>: ", "", text)
    errno_match = re.search(r"\[Errno -?\d+\] ([^)'\"]+)", text)
    return errno_match.group(1).strip().lower() if errno_match else text


def _translate(url: str, exc: requests.RequestException, s: FetchSettings) -> FetchError:
    """Map a requests exception onto our typed errors."""
    reason = _root_cause(exc)
    # NewConnectionError subclasses ConnectTimeoutError in urllib3 2.x: test it first.
    if isinstance(reason, NewConnectionError):
        return ConnectionFailed(url, _describe(reason))
    if isinstance(exc, requests.ConnectTimeout) or isinstance(reason, ConnectTimeoutError):
        return FetchTimeout(url, "connecting", s.connect_timeout)
    if isinstance(exc, requests.ReadTimeout) or isinstance(reason, ReadTimeoutError):
        return FetchTimeout(url, "waiting for the server", s.read_timeout)
    if isinstance(exc, requests.TooManyRedirects):
        return TooManyRedirects(url, s.max_redirects)
    if isinstance(exc, requests.exceptions.SSLError):
        return ConnectionFailed(url, f"TLS error: {_describe(reason)}")
    if isinstance(exc, (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        return ConnectionFailed(url, _describe(reason))
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema)):
        return FetchError(url, f"invalid URL ({exc}); pass an absolute http(s) URL")
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return FetchError(url, "could not decompress the body (broken Content-Encoding); skip or retry later")
    return FetchError(url, f"request failed ({type(exc).__name__}: {exc})")


@functools.lru_cache(maxsize=8)
def _shared_fetcher(settings: FetchSettings) -> Fetcher:
    return Fetcher(settings)


def fetch(url: str, settings: FetchSettings | None = None) -> FetchResult:
    """Fetch one URL with a process-wide `Fetcher` per settings value.

    Sharing keeps robots.txt and per-host delays effective across calls; use
    your own `Fetcher` for explicit lifetime control.
    """
    return _shared_fetcher(settings or FetchSettings()).fetch(url)
