"""Typed errors the crawler adds to `scrapers.errors` (all are `FetchError`s)."""

from __future__ import annotations

from scrapers.errors import FetchError, TooManyRedirects


class RedirectRefused(FetchError):
    """A redirect led off the crawl's hosts."""

    def __init__(self, url: str, target: str) -> None:
        super().__init__(url, f"redirects to {target!r}, outside the crawled hosts; "
                              "add the host with --allow-host to follow")
        self.target = target


class RedirectLoop(TooManyRedirects):
    """A redirect chain came back to a URL it had already visited."""

    def __init__(self, url: str, target: str, limit: int) -> None:
        super().__init__(url, limit)
        self.args = (f"redirect loop: {target!r} was already visited in this chain [{url}]",)
        self.target = target


class UnsupportedDocument(FetchError):
    """The body is XML (or similar) that is neither a sitemap nor a feed."""

    def __init__(self, url: str, content_type: str) -> None:
        super().__init__(url, f"document of type {content_type or 'unknown'!r} is not HTML, "
                              "a sitemap or a feed; skipped")
        self.content_type = content_type
