"""Unit tests of the crawler's parts: URL hygiene, discovery parsers, body decoding, address guard, state, WARC."""

from __future__ import annotations

import gzip
import io
import socket
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from scrapers import Fetcher, FetchSettings
from scrapers.crawl.discovery import discover, document_type, parse_date, parse_feed, parse_html, parse_sitemap
from scrapers.crawl.settings import CrawlSettings
from scrapers.crawl.state import Completion, CrawlState, FrontierItem
from scrapers.crawl.urls import clean_url, in_scope, is_followable, looks_like_file, politeness_key, url_key
from scrapers.crawl.warc import build_exchange
from scrapers.http.address_guard import BlockedAddress, is_public, vetted_address
from scrapers.http.decoding import BodyDecoder, DecodedTooLarge, UnsupportedEncoding
from scrapers.http.fetcher import FetchResult

VN = timezone(timedelta(hours=7))

# --------------------------------------------------------------------------- urls


@pytest.mark.parametrize("raw, clean", [
    ("HTTP://VnExpress.NET:80/Kinh-Doanh?utm_source=fb&utm_medium=x&id=3#binh-luan",
     "http://vnexpress.net/Kinh-Doanh?id=3"),
    ("https://tuoitre.vn:443", "https://tuoitre.vn/"),
    ("https://dantri.com.vn/a.htm?fbclid=IwAR0&gclid=x&zarsrc=30", "https://dantri.com.vn/a.htm"),
    ("http://user:secret@nld.com.vn:8080/b", "http://nld.com.vn:8080/b"),
    ("http://x.vn/tin-tuc/?page=2", "http://x.vn/tin-tuc/?page=2"),
])
def test_clean_url(raw: str, clean: str) -> None:
    assert clean_url(raw) == clean


def test_url_key_merges_equivalent_urls() -> None:
    assert url_key("http://x.vn/a?b=2&a=1#top") == url_key("HTTP://X.VN:80/a?a=1&b=2&utm_campaign=z")
    assert url_key("http://x.vn/a?page=1") != url_key("http://x.vn/a?page=2")
    assert url_key("http://x.vn/tin tức") == url_key("http://x.vn/tin%20t%E1%BB%A9c")


def test_scope_and_skips() -> None:
    assert in_scope("https://VNEXPRESS.net/x", ["vnexpress.net"])
    assert not in_scope("https://e.vnexpress.net/x", ["vnexpress.net"])
    assert not in_scope("ftp://vnexpress.net/x", ["vnexpress.net"])
    assert looks_like_file("https://x.vn/bao-cao.PDF") and not looks_like_file("https://x.vn/tin.html")
    assert [h for h in ("javascript:void(0)", "mailto:a@b.vn", "#top", "", "tel:1", "/a", "https://x/")
            if is_followable(h)] == ["/a", "https://x/"]
    assert politeness_key("https://X.vn/a") == "x.vn:443" and politeness_key("http://x.vn:8080/") == "x.vn:8080"


# --------------------------------------------------------------------------- discovery

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://x.vn/sitemap-1.xml</loc><lastmod>2026-03-01</lastmod></sitemap>
  <sitemap><loc>/sitemap-2.xml.gz</loc></sitemap>
</sitemapindex>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://x.vn/a.html</loc><lastmod>2026-03-07T10:00:00Z</lastmod>
    <news:news><news:publication><news:name>X</news:name><news:language>vi</news:language></news:publication>
    <news:publication_date>2026-03-06T08:00:00+07:00</news:publication_date><news:title>Tin</news:title></news:news></url>
  <url><loc>https://x.vn/b.html</loc><lastmod>2026-03-05</lastmod></url>
  <url><loc> </loc></url>
</urlset>"""


def test_sitemap_index_and_news_sitemap() -> None:
    index = parse_sitemap(SITEMAP_INDEX, "https://x.vn/sitemap.xml")
    assert [(link.url, link.kind) for link in index] == [("https://x.vn/sitemap-1.xml", "sitemap"),
                                               ("https://x.vn/sitemap-2.xml.gz", "sitemap")]
    news = parse_sitemap(NEWS_SITEMAP, "https://x.vn/news.xml")
    # The news publication date wins over lastmod; a date without zone is Vietnam time.
    assert [(link.url, link.date) for link in news] == [
        ("https://x.vn/a.html", datetime(2026, 3, 6, 8, tzinfo=VN)),
        ("https://x.vn/b.html", datetime(2026, 3, 5, tzinfo=VN))]
    # A gzipped sitemap served as a file is read too.
    assert parse_sitemap(gzip.compress(NEWS_SITEMAP), "https://x.vn/n.xml.gz") == news


def test_sitemap_xxe_is_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    evil = (f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.vn/&x;</loc></url></urlset>')
    assert all("SECRET" not in link.url for link in parse_sitemap(evil.encode(), "https://x.vn/"))


def test_rss_and_atom_feeds() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
      <item><title>a</title><link>https://x.vn/a.html?utm_source=rss</link>
        <pubDate>Sat, 07 Mar 2026 08:01:53 +0700</pubDate></item>
      <item><title>b</title><guid>https://x.vn/b.html</guid></item>
      <item><title>c</title><guid isPermaLink="false">123</guid></item></channel></rss>"""
    assert [(link.url, link.date) for link in parse_feed(rss, "https://x.vn/rss")] == [
        ("https://x.vn/a.html?utm_source=rss", datetime(2026, 3, 7, 8, 1, 53, tzinfo=VN)),
        ("https://x.vn/b.html", None)]
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>a</title><link rel="enclosure" href="/a.jpg"/><link href="/a.html"/>
        <updated>2026-03-07T01:00:00Z</updated></entry></feed>"""
    assert [(link.url, link.date) for link in parse_feed(atom, "https://x.vn/atom")] == [
        ("https://x.vn/a.html", datetime(2026, 3, 7, 1, tzinfo=timezone.utc))]


def test_html_links_canonical_pagination_and_feeds() -> None:
    html = """<html><head><base href="https://x.vn/tin-tuc/">
      <link rel="canonical" href="https://x.vn/tin-tuc/">
      <link rel="next" href="?page=2"><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head>
      <body><a href="bai-1.html">Bài 1</a><a href="/bai-2.html#binh-luan">Bài 2</a>
      <a href="javascript:void(0)">x</a><a href="/files/a.pdf">pdf</a>
      <a href="/quang-cao" rel="nofollow sponsored">ad</a>
      <a href="bai-1.html">Bài 1 again</a></body></html>""".encode()
    found = parse_html(html, "https://x.vn/tin-tuc/?page=1")
    assert found.canonical == "https://x.vn/tin-tuc/"
    assert [(link.url, link.kind) for link in found.links] == [
        ("https://x.vn/tin-tuc/?page=2", "page"), ("https://x.vn/rss.xml", "feed"),
        ("https://x.vn/tin-tuc/bai-1.html", "page"), ("https://x.vn/bai-2.html#binh-luan", "page")]


@pytest.mark.parametrize("body, ctype, kind", [
    (b"<!doctype html><html></html>", "text/html", "html"),
    (b"<?xml version='1.0'?><urlset/>", "text/xml", "sitemap"),
    (b"<?xml version='1.0'?><rss/>", "application/xml", "feed"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'/>", "", "feed"),
    (b"<?xml version='1.0'?><cau-hinh/>", "application/xml", "unknown"),
    (b"", "text/html", "html"),
])
def test_document_type(body: bytes, ctype: str, kind: str) -> None:
    assert document_type(body, ctype) == kind
    assert discover(body, ctype, "https://x.vn/").doc_type == kind


def test_parse_date() -> None:
    assert parse_date("2026-03-05") == datetime(2026, 3, 5, tzinfo=VN)
    assert parse_date("2026-03-05T01:02:03Z") == datetime(2026, 3, 5, 1, 2, 3, tzinfo=timezone.utc)
    assert parse_date("Thu, 05 Mar 2026 10:00:00 GMT") == datetime(2026, 3, 5, 10, tzinfo=timezone.utc)
    assert parse_date("hôm qua") is None and parse_date(None) is None


# --------------------------------------------------------------------------- body decoding


@pytest.mark.parametrize("coding, compress", [
    ("gzip", lambda d: gzip.compress(d)),
    ("deflate", zlib.compress),
    ("deflate", lambda d: zlib.compress(d)[2:-4]),  # raw deflate, as some servers send it
])
def test_decoder_round_trip_in_small_chunks(coding, compress) -> None:
    data = "Hà Nội hôm nay trời đẹp. ".encode() * 5000
    raw = compress(data)
    decoder = BodyDecoder(coding, len(data))
    out = b"".join(decoder.feed(raw[i:i + 1000]) for i in range(0, len(raw), 1000)) + decoder.flush()
    assert out == data


def test_decoder_multi_member_gzip() -> None:
    decoder = BodyDecoder("gzip", 100)
    assert decoder.feed(gzip.compress(b"abc") + gzip.compress(b"def")) + decoder.flush() == b"abcdef"


def test_decoder_stops_a_bomb_at_the_cap() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    decoder = BodyDecoder("gzip", 1_000_000)
    with pytest.raises(DecodedTooLarge):
        decoder.feed(bomb)
    assert decoder.size <= 1_000_000 + 256 * 1024  # stopped within one step of the cap


def test_decoder_rejects_what_it_cannot_decode() -> None:
    for coding in ("br", "gzip, gzip", "compress"):
        with pytest.raises(UnsupportedEncoding):
            BodyDecoder(coding, 10)
    with pytest.raises(ValueError):
        BodyDecoder("gzip", 10).feed(b"not gzip at all")
    assert BodyDecoder("identity", 10).feed(b"abc") == b"abc"


# --------------------------------------------------------------------------- address guard


def test_public_and_private_addresses() -> None:
    import ipaddress

    for private in ("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                    "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "224.0.0.1"):
        assert not is_public(ipaddress.ip_address(private)), private
    for public in ("1.1.1.1", "203.113.131.1", "2001:4860:4860::8888"):
        assert is_public(ipaddress.ip_address(public)), public
    with pytest.raises(BlockedAddress):
        vetted_address("localhost", 80)


def test_guarded_fetcher_never_connects_to_loopback() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.3)
        port = listener.getsockname()[1]
        with pytest.raises(BlockedAddress) as info:
            Fetcher(FetchSettings(allow_private=False, retries=0)).fetch(f"http://127.0.0.1:{port}/x")
        assert info.value.url == f"http://127.0.0.1:{port}/x"
        with pytest.raises(socket.timeout):
            listener.accept()  # no TCP connection was even attempted (robots.txt included)


def test_crawl_settings_validate() -> None:
    assert CrawlSettings().fetch.allow_private is False and CrawlSettings().fetch.per_host_delay == 1.0
    with pytest.raises(ValueError):
        CrawlSettings(per_host_concurrency=0)
    with pytest.raises(ValueError):
        CrawlSettings(since=datetime(2026, 3, 1))  # naive
    with pytest.raises(ValueError):
        FetchSettings(total_timeout=0)


# --------------------------------------------------------------------------- state


def _item(key: str, host: str = "x.vn:80", priority: int = 2) -> FrontierItem:
    return FrontierItem(key, key, host, "page", 1, priority)


def test_state_frontier_order_hosts_and_runs(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "s.sqlite")
    assert state.start_run([_item("seed", priority=0)]) is False and state.run == 1
    state.complete(Completion("seed", "done", True, [_item("a"), _item("b", "y.vn:80"), _item("c")], [],
                              {"articles.jsonl": 10}, [("seed", "seed")]))
    assert state.fetched == 1 and state.committed_files() == {"articles.jsonl": 10}
    assert [i.key for i in state.next_pending(set(), set(), 10)] == ["a", "b", "c"]
    assert [i.key for i in state.next_pending({"a"}, {"y.vn:80"}, 10)] == ["c"]
    # An alias of a finished page is never fetched.
    state.complete(Completion("a", "done", True, [], [_item("c")], {}, []))
    assert [i.key for i in state.next_pending(set(), set(), 10)] == ["b"]
    assert state.written_url(["zzz", "seed"]) == "seed"
    state.close()
    # Reopened with work pending: the run resumes, seeds already known are not re-added.
    state = CrawlState(tmp_path / "s.sqlite")
    assert state.start_run([_item("seed", priority=0)]) is True and state.run == 1
    state.complete(Completion("b", "failed", True, [], [], {}, [], error="FetchTimeout"))
    assert state.error_recorded("b", "FetchTimeout")
    # Nothing pending: the next start is a new run from the seeds; written articles are remembered.
    assert state.start_run([_item("seed", priority=0)]) is False and state.run == 2
    assert [i.key for i in state.next_pending(set(), set(), 10)] == ["seed"]
    assert state.written_url(["seed"]) == "seed" and state.fetched == 0


# --------------------------------------------------------------------------- WARC


def test_warc_exchange_records() -> None:
    body = gzip.compress("<html>Tin tức</html>".encode())
    result = FetchResult(
        url="http://x.vn/a", final_url="http://x.vn/a", status=200, content_type="text/html",
        headers={}, body=gzip.decompress(body), fetched_at="2026-03-07T01:00:00+00:00", elapsed=0.1,
        raw_body=body, reason="OK",
        raw_headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
        request_headers=[("Host", "x.vn"), ("User-Agent", "vnnews/0.1")])
    data, record_id, offset = build_exchange(result, warcinfo_for="t.warc.gz")
    records = list(ArchiveIterator(io.BytesIO(data)))
    assert [r.rec_type for r in records] == ["warcinfo", "response", "request"]
    response = records[1]
    assert response.rec_headers.get_header("WARC-Record-ID") == record_id
    assert response.rec_headers.get_header("WARC-Date") == "2026-03-07T01:00:00Z"
    assert response.http_headers.get_header("Transfer-Encoding") is None  # the body is stored de-chunked
    assert response.http_headers.get_header("Content-Length") == str(len(body))
    assert records[2].rec_headers.get_header("WARC-Concurrent-To") == record_id
    stream = io.BytesIO(data)
    stream.seek(offset)
    again = next(iter(ArchiveIterator(stream)))
    assert again.rec_headers.get_header("WARC-Record-ID") == record_id
    assert again.content_stream().read() == "<html>Tin tức</html>".encode()
