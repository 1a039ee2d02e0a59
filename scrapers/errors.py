"""Typed errors raised by `scrapers.http.fetcher`.

Every failure of a fetch is a `FetchError`, so callers can catch one class;
subclasses let them react to specific causes. Messages say what to do next.
"""

from __future__ import annotations


class FetchError(Exception):
    """Base class: fetching `url` failed."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{message} [{url}]")
        self.url = url


class RobotsDisallowed(FetchError):
    """robots.txt forbids our user agent from fetching the URL."""

    def __init__(self, url: str) -> None:
        super().__init__(
            url,
            "robots.txt disallows this URL for our user agent; skip it "
            "(or set FetchSettings(respect_robots=False) only for sites you own)",
        )


class FetchTimeout(FetchError):
    """Connecting or reading took longer than the configured timeout."""

    def __init__(self, url: str, phase: str, timeout: float) -> None:
        super().__init__(
            url,
            f"timed out while {phase} (limit {timeout:g}s); the server may be slow or "
            "overloaded: retry later or raise connect_timeout/read_timeout",
        )
        self.phase = phase
        self.timeout = timeout


class ConnectionFailed(FetchError):
    """DNS failure, connection refused, network unreachable, TLS failure..."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            url,
            f"could not connect ({reason}); check the host name, that the server "
            "is up and that this machine has network access",
        )
        self.reason = reason


class HTTPStatusError(FetchError):
    """The server answered with a non-2xx status (after any retries)."""

    def __init__(self, url: str, status: int, detail: str = "") -> None:
        if 400 <= status < 500 and status != 429:
            advice = "client error, not retried: check the URL (page removed or blocked?)"
        else:
            advice = "server-side or rate-limit error persisted after retries: try again later"
        super().__init__(url, f"HTTP {status}: {advice}{'; ' + detail if detail else ''}")
        self.status = status


class NotHTMLResponse(FetchError):
    """The response is not an HTML page (PDF, image, JSON, ...)."""

    def __init__(self, url: str, content_type: str) -> None:
        super().__init__(
            url,
            f"response is not HTML (Content-Type {content_type or 'missing'!r}); "
            "the pipeline only handles HTML articles, so skip this URL",
        )
        self.content_type = content_type


class BodyTooLarge(FetchError):
    """The body exceeded `FetchSettings.max_body_bytes`."""

    def __init__(self, url: str, limit: int) -> None:
        super().__init__(
            url,
            f"body larger than max_body_bytes={limit}; probably not an article page, "
            "or raise FetchSettings.max_body_bytes if it really is",
        )
        self.limit = limit


class TooManyRedirects(FetchError):
    """Redirect chain longer than `FetchSettings.max_redirects` (or a loop)."""

    def __init__(self, url: str, limit: int) -> None:
        super().__init__(
            url,
            f"more than {limit} redirects (likely a redirect loop, e.g. a cookie or "
            "consent wall); open the URL in a browser to see where it leads",
        )
        self.limit = limit
