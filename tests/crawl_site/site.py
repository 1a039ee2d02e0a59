"""A small news site built from the bundled real pages, for crawl tests.

Article pages are the sample articles of vnnews/samples (MIT, see
vnnews/samples/LICENSE-SAMPLES.md); listing pages are the section pages of
tests/data/listing (same licence). Their links are rewritten: anything that
pointed into the original site is made absolute on that (off-limits, never
reachable) host, and a few headline links are pointed at our local articles,
so a crawler can only reach what this map says it can.

Site map (paths on the test server):

    /robots.txt            Sitemap: /sitemap.xml, Disallow: /noi-bo/, Crawl-delay
    /sitemap.xml           sitemap index -> /sitemaps/bai-viet.xml, /sitemaps/tin-tuc-news.xml
    /rss/tin-moi.rss       RSS 2.0 feed (links carry utm_* tracking parameters)
    /                      home (vnexpress listing) -> /tin-tuc/, some articles, the feed
    /tin-tuc/              listing page 1 (tuoitre listing) -> articles, ?page=2
    /tin-tuc/?page=2       listing page 2 (dantri listing) -> articles, /cu/..., /amp/..., /ban-in/..., /noi-bo/...
    /tin-tuc/<slug>.html   the articles
    /cu/<slug>             301 -> /tin-tuc/<slug>.html (old URL)
    /amp/<slug>.html       same article, rel=canonical to /tin-tuc/<slug>.html
    /ban-in/<slug>.html    same article bytes without rel=canonical (dedup by content hash)
    /noi-bo/<slug>.html    an article robots.txt forbids
"""

from __future__ import annotations

import gzip
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import lxml.html

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "vnnews" / "samples"
LISTINGS = ROOT / "tests" / "data" / "listing"
LAST_MODIFIED = "Sat, 07 Mar 2026 03:00:00 GMT"


@dataclass
class Resource:
    """One response the site serves."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False  # serve Content-Encoding: gzip when the client accepts it
    validators: bool = True  # ETag + Last-Modified, answer conditional requests with 304

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass(frozen=True)
class SampleArticle:
    """Where one sample article lives on the site and how it is served."""

    slug: str  # sample file stem
    path: str
    variant: str = "plain"  # plain, gzip, wrong-charset, no-charset, cp1258
    text_probe: str = ""  # a phrase of the article text, to check decoding end to end


ARTICLES = [
    SampleArticle("vnexpress", "/tin-tuc/vnexpress.html"),
    SampleArticle("tuoitre", "/tin-tuc/tuoitre.html", "gzip"),
    SampleArticle("dantri", "/tin-tuc/dantri.html", "wrong-charset"),
    SampleArticle("nld", "/tin-tuc/nld.html", "no-charset"),
    SampleArticle("cafef", "/tin-tuc/cafef.html"),
    SampleArticle("baochinhphu", "/tin-tuc/baochinhphu.html"),  # the oldest (2026-03-01), for --since
    SampleArticle("tusta-seed", "/tin-tuc/tusta-seed.html", "cp1258", "Liên hiệp các Hội Khoa học và Kỹ thuật"),
]
FORBIDDEN = SampleArticle("vietnamnet", "/noi-bo/vietnamnet.html")
ROBOTS_DISALLOW = "/noi-bo/"


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese sites wrote it: base letter, then the tone mark as a combining character."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in tones)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tone)
    return "".join(out).encode("cp1258", errors="xmlcharrefreplace")


_CANONICAL = re.compile(r'<link[^>]+rel=["\']canonical["\'][^>]*>', re.I)
_CANONICAL_HREF = re.compile(r'<link[^>]+rel=["\']canonical["\'][^>]*href=["\']([^"\']+)["\']', re.I)
_META_CHARSET = re.compile(r'<meta[^>]*charset[^>]*>', re.I)


def article_page(sample: SampleArticle, base: str, canonical: str | None = None) -> str:
    """The sample's HTML with its canonical URL (and every copy of it) pointing at our copy."""
    html = (SAMPLES / f"{sample.slug}.html").read_text("utf-8")
    local = urljoin(base, canonical or sample.path)
    match = _CANONICAL_HREF.search(html)
    if match:
        html = html.replace(match.group(1), local)
    else:
        html = html.replace("<head>", f'<head>\n<link rel="canonical" href="{local}">', 1)
    return html


def listing_page(fixture: str, base: str, links: list[str], extra_html: str = "") -> bytes:
    """A real listing page whose own-site links are made off-host and whose first headlines point at `links`."""
    source = (LISTINGS / fixture).read_bytes()
    doc = lxml.html.fromstring(source)
    original = re.search(r'rel="canonical" href="([^"]+)"', source.decode("utf-8", "replace"))
    origin = original.group(1) if original else "https://example.invalid/"
    for el in list(doc.iter("link")):
        if (el.get("rel") or "").lower() in ("canonical", "alternate", "next", "prev", "amphtml"):
            el.getparent().remove(el)
    for el in list(doc.iter("base")):
        el.getparent().remove(el)
    anchors = []
    for a in doc.iter("a"):
        href = a.get("href")
        if href is None:
            continue
        a.set("href", urljoin(origin, href.strip()))  # off-host: never crawled
        if len(a.text_content().strip()) > 25:
            anchors.append(a)
    assert len(anchors) >= len(links), f"{fixture}: not enough headline links"
    for a, link in zip(anchors, links):
        a.set("href", link)
        a.attrib.pop("rel", None)  # some originals are rel="nofollow", which a polite crawler skips
    body = doc.find("body")
    if extra_html and body is not None:
        for el in lxml.html.fragments_fromstring(extra_html):
            body.append(el)
    return lxml.html.tostring(doc, encoding="utf-8", doctype="<!DOCTYPE html>")


def _urlset(entries: list[tuple[str, str]], news: bool = False) -> bytes:
    rows = []
    for loc, date in entries:
        if news:
            rows.append(
                f"<url><loc>{loc}</loc><news:news><news:publication><news:name>Tin thử</news:name>"
                f"<news:language>vi</news:language></news:publication>"
                f"<news:publication_date>{date}</news:publication_date><news:title>x</news:title></news:news></url>")
        else:
            rows.append(f"<url><loc>{loc}</loc><lastmod>{date}</lastmod></url>")
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
            + "".join(rows) + "</urlset>").encode("utf-8")


# Publication dates of the samples (from their own metadata); tusta-seed has none.
DATES = {
    "vnexpress": "2026-03-07T00:05:00+07:00", "tuoitre": "2026-03-07T08:01:53+07:00",
    "dantri": "2026-03-07T08:07:18+07:00", "nld": "2026-03-07T08:06:00+07:00",
    "cafef": "2026-03-07T00:01:00+07:00", "baochinhphu": "2026-03-01T09:51:00+07:00",
    "vietnamnet": "2026-03-07T08:52:11+07:00",
}


def build_news_site(base: str, crawl_delay: float = 0.2) -> dict[str, Resource]:
    """Path (with query) -> Resource for the well-behaved news site served at `base` ("http://host:port")."""
    site: dict[str, Resource] = {}
    by_slug = {a.slug: a for a in ARTICLES}
    for sample in ARTICLES + [FORBIDDEN]:
        html = article_page(sample, base)
        if sample.variant == "cp1258":
            html = _META_CHARSET.sub('<meta charset="windows-1258">', html, count=1)
            site[sample.path] = Resource(cp1258(html), "text/html")
        elif sample.variant == "wrong-charset":
            # The header lies (Latin-1) about a UTF-8 body, as misconfigured servers do.
            site[sample.path] = Resource(html.encode("utf-8"), "text/html; charset=iso-8859-1")
        elif sample.variant == "no-charset":
            site[sample.path] = Resource(_META_CHARSET.sub("", html).encode("utf-8"), "text/html")
        else:
            site[sample.path] = Resource(html.encode("utf-8"), gzip=sample.variant == "gzip")
    # Aliases of articles: an old URL, an AMP copy with rel=canonical, a print copy without.
    site["/cu/vnexpress"] = Resource(b"", status=301, headers={"Location": by_slug["vnexpress"].path},
                                     validators=False)
    amp = article_page(by_slug["cafef"], base)  # keeps rel=canonical -> /tin-tuc/cafef.html
    site["/amp/cafef.html"] = Resource(amp.replace("<body", "<body data-amp", 1).encode("utf-8"))
    printed = _CANONICAL.sub("", article_page(by_slug["nld"], base))
    site["/ban-in/nld.html"] = Resource(printed.encode("utf-8"))

    home_links = ["/tin-tuc/", by_slug["vnexpress"].path + "?utm_source=home&utm_medium=box#binh-luan",
                  by_slug["tusta-seed"].path]
    site["/"] = Resource(listing_page(
        "vnexpress_list.html", base, home_links,
        '<link rel="alternate" type="application/rss+xml" href="/rss/tin-moi.rss">'))
    page1 = [by_slug[s].path for s in ("tuoitre", "dantri", "nld")] + ["/tin-tuc/?page=2"]
    site["/tin-tuc/"] = Resource(listing_page(
        "tuoitre_list.html", base, page1,
        '<nav class="phan-trang"><a href="/tin-tuc/?page=2" rel="next">Trang 2</a></nav>'))
    page2 = [by_slug["cafef"].path, by_slug["baochinhphu"].path, "/cu/vnexpress", "/amp/cafef.html",
             "/ban-in/nld.html", FORBIDDEN.path]
    site["/tin-tuc/?page=2"] = Resource(listing_page(
        "dantri_list.html", base, page2,
        '<nav class="phan-trang"><a href="/tin-tuc/?page=1">Trang 1</a> <a href="/tin-tuc/">Trang 1</a></nav>'))
    site["/tin-tuc/?page=1"] = Resource(b"", status=301, headers={"Location": "/tin-tuc/"}, validators=False)

    dated = [s for s in ARTICLES + [FORBIDDEN] if s.slug in DATES]
    site["/sitemap.xml"] = Resource((
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemaps/bai-viet.xml</loc><lastmod>2026-03-07</lastmod></sitemap>"
        f"<sitemap><loc>{base}/sitemaps/tin-tuc-news.xml</loc></sitemap></sitemapindex>").encode(),
        "application/xml")
    site["/sitemaps/bai-viet.xml"] = Resource(
        _urlset([(base + s.path, DATES[s.slug][:10]) for s in dated]), "application/xml")
    site["/sitemaps/tin-tuc-news.xml"] = Resource(
        _urlset([(base + s.path, DATES[s.slug]) for s in dated[:3]], news=True), "text/xml; charset=utf-8")
    items = "".join(
        f"<item><title>{s.slug}</title><link>{base}{s.path}?utm_source=rss&amp;utm_campaign=feed</link>"
        f"<pubDate>{_rfc822(DATES[s.slug])}</pubDate></item>" for s in dated[:4])
    site["/rss/tin-moi.rss"] = Resource((
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin mới</title>'
        f"<link>{base}/</link>{items}</channel></rss>").encode(), "application/rss+xml")
    site["/robots.txt"] = Resource((
        f"User-agent: *\nDisallow: {ROBOTS_DISALLOW}\nCrawl-delay: {crawl_delay}\n\n"
        f"Sitemap: {base}/sitemap.xml\n").encode("ascii"), "text/plain")
    return site


def _rfc822(iso: str) -> str:
    from datetime import datetime
    from email.utils import format_datetime

    return format_datetime(datetime.fromisoformat(iso))


def expected_articles(base: str) -> set[str]:
    """Canonical URLs of the articles a full crawl must write, once each."""
    return {base + a.path for a in ARTICLES}


def gzip_bytes(data: bytes) -> bytes:
    """Deterministic gzip (fixed mtime) so ETags stay stable."""
    return gzip.compress(data, mtime=0)
