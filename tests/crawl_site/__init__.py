"""Test web sites for the crawler: a news site built from the bundled real pages, and a faulty one.

See site.py for the news site's map and server.py for the server and its faults.
"""

from __future__ import annotations

from .server import (
    BIG_BODY_BYTES,
    LoggedRequest,
    SiteServer,
    always,
    bomb,
    drip,
    fail_then_ok,
    hang,
    huge,
    redirect,
    serve,
    static,
)
from .site import (
    ARTICLES,
    FORBIDDEN,
    ROBOTS_DISALLOW,
    Resource,
    SampleArticle,
    article_page,
    build_news_site,
    expected_articles,
    listing_page,
)

__all__ = [
    "ARTICLES", "BIG_BODY_BYTES", "FAULT_ARTICLES", "FAULT_ERRORS", "FORBIDDEN", "RETRY_AFTER", "ROBOTS_DISALLOW",
    "LoggedRequest", "Resource", "SampleArticle", "SiteServer", "always", "article_page", "bomb",
    "build_fault_site", "build_news_site", "drip", "expected_articles", "fail_then_ok", "fault_routes", "hang",
    "huge", "listing_page", "redirect", "serve", "static",
]

# Fault site: path -> (expected outcome). Articles are written; the others fail with the named error.
FAULT_ARTICLES = {
    "/bai/ok.html": "vnexpress",
    "/bai/flaky.html": "cafef",  # 503 twice, then 200
    "/bai/rate-limited.html": "dantri",  # 429 with Retry-After: 1, then 200
}
FAULT_ERRORS = {
    "/loi/500": "HTTPStatusError",
    "/loi/404": "HTTPStatusError",
    "/loi/cham": "FetchTimeout",
    "/loi/nho-giot": "FetchTimeout",
    "/loi/vong-lap": "RedirectLoop",
    "/loi/qua-lon": "BodyTooLarge",
    "/loi/qua-lon-cl": "BodyTooLarge",
    "/loi/bom-gzip": "BodyTooLarge",
    "/loi/bom-deflate": "BodyTooLarge",
    "/tai-lieu/bao-cao": "NotHTMLResponse",
    "/loi/xml": "UnsupportedDocument",
    "/loi/ra-ngoai": "RedirectRefused",
    "/loi/rong": "EmptyPageError",
    "/noi-bo/bi-mat.html": "RobotsDisallowed",
}
RETRY_AFTER = 1


def build_fault_site(base: str) -> dict[str, Resource]:
    """Static part of the fault site: robots.txt (no Crawl-delay), a listing linking every fault, two articles."""
    from .site import ARTICLES as samples

    by_slug = {a.slug: a for a in samples + [FORBIDDEN]}
    site = {
        "/robots.txt": Resource(b"User-agent: *\nDisallow: /noi-bo/\n", "text/plain", validators=False),
        "/bai/ok.html": Resource(article_page(by_slug["vnexpress"], base, "/bai/ok.html").encode("utf-8")),
        "/noi-bo/bi-mat.html": Resource(article_page(by_slug["vietnamnet"], base, "/noi-bo/bi-mat.html").encode()),
    }
    port = base.rsplit(":", 1)[1]
    off_host = f"http://localhost:{port}/bai/ok.html"
    links = list(FAULT_ARTICLES) + list(FAULT_ERRORS) + [off_host]
    site["/"] = Resource(listing_page("nld_list.html", base, links))
    return site


def fault_routes(base: str) -> dict:
    """Path -> fault handler for the fault site."""
    samples = {a.slug: a for a in ARTICLES}
    flaky = article_page(samples["cafef"], base, "/bai/flaky.html").encode("utf-8")
    limited = article_page(samples["dantri"], base, "/bai/rate-limited.html").encode("utf-8")
    port = base.rsplit(":", 1)[1]
    return {
        "/bai/flaky.html": fail_then_ok(503, 2, flaky),
        "/bai/rate-limited.html": fail_then_ok(429, 1, limited, {"Retry-After": str(RETRY_AFTER)}),
        "/loi/500": always(500),
        "/loi/404": always(404),
        "/loi/cham": hang(3.0),
        "/loi/nho-giot": drip(0.1, 10_000),
        "/loi/vong-lap": redirect("/loi/vong-lap-2"),
        "/loi/vong-lap-2": redirect("/loi/vong-lap"),
        "/loi/qua-lon": huge(),
        "/loi/qua-lon-cl": huge(content_length=True),
        "/loi/bom-gzip": bomb("gzip"),
        "/loi/bom-deflate": bomb("deflate"),
        "/tai-lieu/bao-cao": static(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf"),
        "/loi/xml": static(b'<?xml version="1.0"?><cau-hinh><muc/></cau-hinh>', "application/xml"),
        "/loi/ra-ngoai": redirect(f"http://localhost:{port}/bai/ok.html"),
        "/loi/rong": static(b"",
                            "text/html; charset=utf-8"),
    }
