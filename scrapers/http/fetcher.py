"""Fetching one HTML page politely and robustly.

`Fetcher` owns a `requests.Session` whose adapter retries connect/read errors
and `retry_statuses` (honouring Retry-After), a robots.txt cache and per-host
request times. `fetch()` returns a `FetchResult` or raises a `FetchError`
subclass; no raw requests/urllib3 exception escapes.

For crawling it also revalidates (conditional headers, 304 as a result),
accepts extra media types (sitemaps, feeds), lets the caller veto redirects,
keeps the exchange as sent and received for WARC archiving, decodes
gzip/deflate itself under the body cap, enforces a total time limit, and can
refuse non-public addresses (`FetchSettings.allow_private=False`).
"""

from __future__ import annotations

import functools
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
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
from urllib3.exceptions import (
    HTTPError as Urllib3Error,
)
from urllib3.util.retry import Retry

from scrapers.errors import (
    BodyTooLarge,
    ConnectionFailed,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NotHTMLResponse,
    RobotsDisallowed,
    TooManyRedirects,
)
from scrapers.settings import FetchSettings

from . import connections
from .address_guard import BlockedAddress
from .decoding import ACCEPT_ENCODING, BodyDecoder, DecodedTooLarge, UnsupportedEncoding
from .robots import RobotsCache

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
    # The exchange as it went over the wire, for archiving (WARC). `raw_body`
    # is the de-chunked body before Content-Encoding decoding.
    raw_body: bytes = b""
    http_version: str = "HTTP/1.1"
    reason: str = ""
    raw_headers: list[tuple[str, str]] = field(default_factory=list)  # response, original case and order
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, URL) of each redirect hop

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional request (`body` is empty)."""
        return self.status == 304


class _PoliteRetry(Retry):
    """urllib3 Retry with true exponential backoff + jitter and a Retry-After ceiling.

    Stock urllib3 does not sleep before the first retry and silently clamps
    a long Retry-After; we back off from the first retry, and give up
    (the caller sees the 429/503) rather than come back earlier than asked.
    `pace`, when set, is called with the pool's host key after the backoff so
    retries also wait for the host's next politeness slot.
    """

    give_up_after: float = 120.0
    pace: Callable[[str], None] | None = None
    pace_key: str | None = None

    def new(self, **kw: object) -> "_PoliteRetry":
        retry = super().new(**kw)
        retry.give_up_after = self.give_up_after
        retry.pace = self.pace
        retry.pace_key = self.pace_key
        return retry

    def sleep(self, response=None) -> None:  # type: ignore[no-untyped-def]
        super().sleep(response)
        if self.pace is not None and self.pace_key is not None:
            self.pace(self.pace_key)

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
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        if _pool is not None:
            retry.pace_key = _host_key(_pool.scheme, _pool.host, _pool.port)
        return retry


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
            # Only codings we decode ourselves (with a size cap); see decoding.py.
            "Accept-Encoding": ACCEPT_ENCODING,
        }
    )
    session.max_redirects = settings.max_redirects  # used for robots.txt only
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    connections.install(session, guard=not settings.allow_private)
    return session


def _host_key(scheme: str, host: str, port: int | None) -> str:
    """Key of one host for politeness bookkeeping: "host:port", default port included."""
    default = 443 if scheme == "https" else 80
    host = host.lower().strip("[]")
    return f"{host}:{port or default}"


def _url_host_key(url: str) -> str:
    parts = urlsplit(url)
    return _host_key(parts.scheme, parts.hostname or "", parts.port)


class Fetcher:
    """Reusable fetcher: share one per crawl to reuse connections, robots.txt
    and per-host timing. Robots and politeness bookkeeping is thread-safe; the
    underlying requests.Session is shared as requests commonly allows for GETs.
    Usable as a context manager."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._session = build_session(self.settings)
        self.robots = RobotsCache(self._session, self.settings)
        self._last_start: dict[str, float] = {}  # per host key: when its last request went out
        # per host key: (thread id, grant time) of a request allowed to go but not yet sent
        self._sending: dict[str, tuple[int, float]] = {}
        self._delays: dict[str, float] = {}  # per host key: the delay in force (settings or Crawl-delay)
        self._lock = threading.Lock()
        # Retries happen inside urllib3; let them queue for the host's slot too.
        for prefix in ("http://", "https://"):
            retry = self._session.get_adapter(prefix).max_retries
            if isinstance(retry, _PoliteRetry):
                retry.pace = self._wait_slot

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close pooled connections."""
        self._session.close()

    def fetch(
        self, url: str, *, headers: Mapping[str, str] | None = None, accept: Collection[str] = (),
        on_redirect: Callable[[str, str], None] | None = None,
    ) -> FetchResult:
        """GET `url` and return the HTML response, following redirects.

        `headers` are added to the first request only (e.g. If-None-Match for
        a revalidation); when they make it conditional, a 304 answer is
        returned as a `FetchResult` with `not_modified` true and no body.
        `accept` lists extra media types to accept besides HTML (e.g.
        "application/xml" for sitemaps); such bodies are returned as they are.
        `on_redirect(from_url, to_url)` is called before each redirect is
        followed and may raise a `FetchError` to refuse it (off-site, loop).

        Raises a `FetchError` subclass on any failure. On a redirect the error's
        `.url` is the hop that failed.
        """
        started = time.monotonic()
        fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        _check_url(url)
        current = url
        extra = dict(headers or {})
        conditional = any(k.lower() in ("if-none-match", "if-modified-since") for k in extra)
        redirects: list[tuple[int, str]] = []
        # Followed by hand so robots.txt and per-host delays apply to every hop.
        for _hop in range(self.settings.max_redirects + 1):
            try:
                if self.settings.respect_robots and not self.robots.allowed(current):
                    raise RobotsDisallowed(current)
                self._check_deadline(current, started)
                self._wait_turn(current)
                resp = self._get(current, extra)
            except BlockedAddress as exc:
                raise BlockedAddress(current, exc.host, exc.address) from None
            target = self._session.get_redirect_target(resp)
            if target is None:
                return self._finish(url, current, resp, fetched_at, started,
                                    accept=frozenset(a.lower() for a in accept),
                                    conditional=conditional, redirects=redirects)
            redirects.append((resp.status_code, current))
            resp.close()
            nxt = urljoin(current, target)
            if urlsplit(nxt).scheme not in ("http", "https"):
                raise FetchError(current, f"redirect to unsupported URL {nxt!r}; nothing to fetch")
            if on_redirect is not None:
                on_redirect(current, nxt)
            # Validators belong to the URL they were issued for, not to a redirect target.
            extra = {}
            current = nxt
        raise TooManyRedirects(url, self.settings.max_redirects)

    def sitemaps(self, url: str) -> list[str]:
        """Sitemap URLs that `url`'s robots.txt lists (fetched and cached like any robots.txt)."""
        # RobotsCache keeps the parsed file; asking it avoids a second download.
        try:
            parser = self.robots._parser_for(url)
        except BlockedAddress as exc:
            raise BlockedAddress(url, exc.host, exc.address) from None
        return [] if parser is None else list(parser.sitemaps)

    def _get(self, url: str, headers: Mapping[str, str] | None = None) -> requests.Response:
        s = self.settings
        try:
            return self._session.get(
                url, headers=dict(headers or {}), timeout=(s.connect_timeout, s.read_timeout),
                stream=True, allow_redirects=False,
            )
        except requests.RequestException as exc:
            raise _translate(url, exc, s) from exc
        finally:
            # A grant whose request never went out (connect failed) is released here.
            connections.set_on_sent(None)
            self._sent(_url_host_key(url), threading.get_ident())

    def _check_deadline(self, url: str, started: float) -> None:
        limit = self.settings.total_timeout
        if limit is not None and time.monotonic() - started > limit:
            raise FetchTimeout(url, "fetching (total time limit)", limit)

    def _finish(
        self, url: str, final_url: str, resp: requests.Response, fetched_at: str, started: float,
        accept: frozenset[str] = frozenset(), conditional: bool = False,
        redirects: list[tuple[int, str]] | None = None,
    ) -> FetchResult:
        s = self.settings
        try:
            status = resp.status_code
            content_type = resp.headers.get("Content-Type", "").strip()
            media = content_type.split(";", 1)[0].strip().lower()
            if status == 304 and conditional and not redirects:
                body = raw = b""
            else:
                if not 200 <= status < 300:
                    raise HTTPStatusError(final_url, status, _status_detail(resp, s))
                # Reject obvious non-HTML before downloading it.
                if media not in HTML_MEDIA_TYPES and media not in SNIFFABLE_MEDIA_TYPES and media not in accept:
                    raise NotHTMLResponse(final_url, content_type)
                raw, body = self._read_body(final_url, resp, started)
                if media in SNIFFABLE_MEDIA_TYPES and not (sniff_html(body) or (accept and _sniff_xml(body))):
                    raise NotHTMLResponse(final_url, content_type)
            raw_resp = resp.raw
            return FetchResult(
                url=url,
                final_url=final_url,
                status=status,
                content_type=content_type,
                headers={k.lower(): v for k, v in resp.headers.items()},
                body=body,
                fetched_at=fetched_at,
                elapsed=time.monotonic() - started,
                raw_body=raw,
                http_version={10: "HTTP/1.0", 11: "HTTP/1.1"}.get(getattr(raw_resp, "version", 11), "HTTP/1.1"),
                reason=resp.reason or "",
                raw_headers=list(raw_resp.headers.iteritems()) if raw_resp is not None else [],
                request_headers=_request_headers(resp),
                redirects=list(redirects or []),
            )
        except requests.RequestException as exc:
            raise _translate(final_url, exc, s) from exc
        finally:
            resp.close()

    def _read_body(self, url: str, resp: requests.Response, started: float) -> tuple[bytes, bytes]:
        """(raw, decoded) body, both capped at max_body_bytes; decoded by our own gzip-bomb-safe decoder."""
        s = self.settings
        limit = s.max_body_bytes
        # Content-Length is a compressed size when Content-Encoding is set, so it
        # only allows an early reject for identity bodies; the streamed counts
        # below (raw and decoded) are the real guard.
        length = resp.headers.get("Content-Length", "")
        if length.isdigit() and "Content-Encoding" not in resp.headers and int(length) > limit:
            raise BodyTooLarge(url, limit)
        try:
            decoder = BodyDecoder(resp.headers.get("Content-Encoding", ""), limit)
        except UnsupportedEncoding as exc:
            raise FetchError(url, f"unsupported Content-Encoding {exc}; cannot decode the body") from None
        raw_chunks: list[bytes] = []
        decoded: list[bytes] = []
        raw_size = 0
        try:
            # read1 returns whatever has arrived (not a full 64 KiB), so the total
            # deadline is checked even when a server drips a byte at a time.
            while chunk := resp.raw.read1(_CHUNK, decode_content=False):
                raw_size += len(chunk)
                if raw_size > limit:
                    raise BodyTooLarge(url, limit)
                raw_chunks.append(chunk)
                decoded.append(decoder.feed(chunk))
                self._check_deadline(url, started)
            decoded.append(decoder.flush())
        except (DecodedTooLarge, ValueError, Urllib3Error, OSError, FetchError) as exc:
            # The error's traceback keeps this frame alive: drop up to
            # 2 x max_body_bytes of buffers now, not when the error is collected.
            raw_chunks.clear()
            decoded.clear()
            raise _body_error(url, exc, s) from None
        raw = b"".join(raw_chunks)
        del raw_chunks
        # Without a Content-Encoding the decoded body is the raw body: share it.
        body = raw if decoder.coding == "" else b"".join(decoded)
        return raw, body

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host's next request slot (per_host_delay / Crawl-delay)."""
        delay = self.settings.per_host_delay
        if self.settings.respect_robots:
            crawl_delay = self.robots.crawl_delay(url)
            if crawl_delay is not None and crawl_delay > delay:
                delay = crawl_delay
        key = _url_host_key(url)
        with self._lock:
            self._delays[key] = delay
        self._wait_slot(key)

    def _wait_slot(self, key: str) -> None:
        """Wait until `delay` has passed since the host's last request was sent, then claim the host.

        Measured from when the previous request actually went out (reported by
        the connection, see scrapers.http.connections), not from when its thread was
        allowed to go: that thread may be held up in between (GIL, slow
        connect), and the next request must not overtake it. A grant whose
        send is never reported (connect failed) stops blocking after
        connect_timeout.
        """
        me = threading.get_ident()
        while True:
            with self._lock:
                delay = self._delays.get(key, self.settings.per_host_delay)
                now = time.monotonic()
                holder = self._sending.get(key) if delay > 0 else None  # no delay: nothing to keep apart
                if holder is not None and holder[0] != me and now - holder[1] < self.settings.connect_timeout:
                    ready = now + 0.005  # the previous request has not gone out yet
                else:
                    last = self._last_start.get(key)
                    ready = now if last is None else last + delay
                if ready <= now:
                    self._last_start[key] = now
                    self._sending[key] = (me, now)
                    connections.set_on_sent(lambda: self._sent(key, me))
                    return
            time.sleep(ready - now)

    def _sent(self, key: str, thread: int) -> None:
        """The request granted to `thread` has been written (or given up): the delay counts from now."""
        with self._lock:
            holder = self._sending.get(key)
            if holder is not None and holder[0] == thread:
                del self._sending[key]
                self._last_start[key] = time.monotonic()


def sniff_html(body: bytes) -> bool:
    """True if `body` looks like HTML (WHATWG MIME-sniffing signatures)."""
    head = body[:1024]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return bool(_HTML_SIGNATURE.match(head.lstrip(b" \t\n\f\r")))


def _body_error(url: str, exc: BaseException, s: FetchSettings) -> FetchError:
    """Map an error met while reading a body onto our typed errors."""
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, DecodedTooLarge):
        return BodyTooLarge(url, s.max_body_bytes)
    if isinstance(exc, ValueError):
        return FetchError(url, f"could not decompress the body ({exc}); skip or retry later")
    if isinstance(exc, ReadTimeoutError):
        return FetchTimeout(url, "reading the body", s.read_timeout)
    return ConnectionFailed(url, f"connection broke while reading the body ({_describe(exc)})")


def _sniff_xml(body: bytes) -> bool:
    """True if `body` starts like an XML document (sitemaps and feeds served as text/plain)."""
    head = body[:512]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip(b" \t\n\r").startswith((b"<?xml", b"<urlset", b"<sitemapindex", b"<rss", b"<feed"))


def _request_headers(resp: requests.Response) -> list[tuple[str, str]]:
    """Headers of the request as sent: http.client adds Host itself, so put it first."""
    request = resp.request
    if request is None or request.url is None:
        return []
    sent = list(request.headers.items())
    if not any(k.lower() == "host" for k, _ in sent):
        sent.insert(0, ("Host", urlsplit(request.url).netloc))
    return sent


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
