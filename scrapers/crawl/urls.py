"""URL hygiene for crawling: clean request URLs, dedup keys, host scope, skippable file types.

Two forms of a URL are used:

* `clean_url`: what we request. Scheme and host lower-cased, default port
  and fragment dropped, tracking parameters (utm_*, fbclid, gclid...) removed;
  the remaining query keeps its order, since some servers care.
* `url_key`: the dedup key. `clean_url` then w3lib's `canonicalize_url`
  (sorted query, normalised percent-encoding), so `?b=2&a=1` and `?a=1&b=2`
  are one page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that only track where a click came from. Matched on the
# lower-cased name; a trailing "*" is a prefix.
TRACKING_PARAMS = (
    "utm_*", "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl",
    "igshid", "ref_src", "spm", "zarsrc", "zalo_source", "vn_source", "vn_medium", "vn_campaign",
)
_DEFAULT_PORTS = {"http": 80, "https": 443}

# Links to these are never pages we can extract; skip them without a request.
# (Content-Type is still checked for everything we do fetch.)
NON_HTML_EXTENSIONS = frozenset(
    ".pdf .doc .docx .xls .xlsx .ppt .pptx .zip .rar .7z .gz .tar .jpg .jpeg .png .gif .webp .svg .ico .bmp "
    ".mp3 .mp4 .m4a .avi .mov .wmv .flv .webm .css .js .json .woff .woff2 .ttf .exe .apk .dmg".split()
)


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return any(name.startswith(p[:-1]) if p.endswith("*") else name == p for p in TRACKING_PARAMS)


def clean_url(url: str) -> str:
    """The URL to request: normalised scheme/host/port, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    # Rebuilt from host and port only: user:password@ in a link is dropped, never sent on.
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def url_key(url: str) -> str:
    """Dedup key: two URLs with one key are the same page."""
    return canonicalize_url(clean_url(url))


def host_of(url: str) -> str:
    """Lower-cased host name (no port) of `url`."""
    return (urlsplit(url).hostname or "").lower()


def politeness_key(url: str) -> str:
    """"host:port", the unit of per-host delay and concurrency (as the Fetcher counts them)."""
    parts = urlsplit(url)
    port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def in_scope(url: str, hosts: Iterable[str]) -> bool:
    """True if `url` is http(s) and its host is one of `hosts` (host names, case-insensitive)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return False
    return host_of(url) in {h.lower() for h in hosts}


def looks_like_file(url: str) -> bool:
    """True if the path ends in an extension that is never an HTML page (.pdf, .jpg, ...)."""
    ext = posixpath.splitext(urlsplit(url).path)[1].lower()
    return ext in NON_HTML_EXTENSIONS


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_followable(href: str) -> bool:
    """False for javascript:, mailto:, tel:, data: and empty or fragment-only links."""
    href = href.strip()
    if not href or href.startswith("#"):
        return False
    match = _SCHEME.match(href)
    return match is None or match.group(0).lower() in ("http:", "https:")
