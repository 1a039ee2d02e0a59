"""All web I/O of vnnews: polite, typed-error HTTP fetching of HTML pages.

`pipeline/` never imports this package; fetched bytes are handed to it.

    from scrapers import fetch, FetchSettings
    result = fetch("https://vnexpress.net/...", FetchSettings(per_host_delay=1.0))
    result.body  # raw bytes for the pipeline
"""

from .crawl.settings import CrawlSettings
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
from .http.address_guard import BlockedAddress
from .http.fetcher import Fetcher, FetchResult, fetch
from .local_site import serve_directory
from .settings import FetchSettings

__all__ = [
    "BlockedAddress",
    "BodyTooLarge",
    "ConnectionFailed",
    "CrawlSettings",
    "FetchError",
    "FetchResult",
    "FetchSettings",
    "FetchTimeout",
    "Fetcher",
    "HTTPStatusError",
    "NotHTMLResponse",
    "RobotsDisallowed",
    "TooManyRedirects",
    "fetch",
    "serve_directory",
]
