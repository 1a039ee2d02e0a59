"""The JSON contract: schema, offsets, UTF-8 without escapes, the Python API."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import SAMPLES, SCHEMA
from crawl_site.site import cp1258


def test_seed_json_validates_and_offsets_hold(seed_article):
    record = seed_article.to_dict()
    jsonschema.validate(record, SCHEMA)
    assert record["schema_version"] == "1.0"
    for key in ("entities", "dates", "facts"):
        assert record[key], key
        for span in record[key]:
            assert record["text"][span["start"]:span["end"]] == span["text"]


def test_json_is_readable_utf8(seed_article):
    text = seed_article.to_json()
    assert "Thanh Hóa" in text and "\\u" not in text
    assert json.loads(text)["title"] == seed_article.title


def test_analyze_text_same_extraction():
    from pipeline import analyze_text

    article = analyze_text("Ngày 22/6/2021, ông Nguyễn Văn Phát làm việc với Sở Nội vụ tại Thanh Hoá.")
    jsonschema.validate(article.to_dict(), SCHEMA)
    assert "Thanh Hóa" in article.text  # tone marks normalised once, at the edge
    assert {(e.label, e.text) for e in article.entities} >= {("PER", "Nguyễn Văn Phát"), ("ORG", "Sở Nội vụ"),
                                                              ("LOC", "Thanh Hóa")}
    assert [d.value for d in article.dates] == ["2021-06-22"]


def test_relative_dates_resolve_against_published_at():
    from pipeline import analyze_text

    article = analyze_text("Hôm qua, giá vàng giảm mạnh.", published_at="2026-03-07T08:00:00+07:00")
    assert any(d.value == "2026-03-06" for d in article.dates)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.html")))
def test_every_sample_validates(name):
    from pipeline import process_html

    jsonschema.validate(process_html((SAMPLES / name).read_bytes()).to_dict(), SCHEMA)


def test_bad_input_raises_typed_errors():
    from pipeline import EmptyPageError, NotHTMLError, analyze_text, process_html

    with pytest.raises(EmptyPageError):
        process_html(b"")
    with pytest.raises(EmptyPageError):
        process_html(b"   \n  ")
    with pytest.raises(NotHTMLError):
        process_html(b"%PDF-1.7 binary")
    with pytest.raises(NotHTMLError):
        process_html(b'{"json": true}')
    with pytest.raises(EmptyPageError):
        analyze_text("  ")


def test_windows_1258_page_decodes():
    from pipeline import process_html

    first = "<p>" + "Tỉnh Thanh Hóa tổ chức hội nghị tổng kết công tác năm 2025 với sự tham gia của nhiều đại biểu. " * 3
    second = "<p>" + "Các đại biểu đã thảo luận về kế hoạch phát triển kinh tế - xã hội của tỉnh trong năm tới. " * 3
    html = f'<html><head><meta charset="windows-1258"><title>Tin</title></head><body><article><h1>Hội nghị</h1>{first}{second}</article></body></html>'
    article = process_html(cp1258(html))
    assert "Tỉnh Thanh Hóa tổ chức hội nghị" in article.text
    assert article.extraction["encoding"] == "cp1258"


def test_mojibake_is_repaired_and_reported():
    from pipeline import process_html

    paragraph = "Thủ tướng Chính phủ yêu cầu các Bộ, ngành khẩn trương triển khai nhiệm vụ được giao trong năm nay. " * 3
    html = f"<html><body><article><h1>Tin</h1><p>{paragraph}</p><p>{paragraph}Hết.</p></article></body></html>"
    garbled = html.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    article = process_html(garbled)
    assert "Thủ tướng Chính phủ yêu cầu" in article.text
    assert article.extraction["mojibake"] == "repaired"


def test_the_byte_scan_for_mojibake_misses_no_pair_the_text_scan_finds():
    from pipeline.page.decode import _MOJIBAKE, _MOJIBAKE_UTF8

    pairs = [first + chr(code) for first in "áÆÄÃ" for code in range(0x80, 0x2200)]
    found = [p for p in pairs if _MOJIBAKE.fullmatch(p)]
    assert len(found) > 50
    assert [p for p in found if not _MOJIBAKE_UTF8.fullmatch(p.encode("utf-8"))] == []
