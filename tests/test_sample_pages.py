"""Every real sample page against its expected facts (title, time, category, a body sentence)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from conftest import DATA, SAMPLES

EXPECTED = sorted(DATA.glob("expected/*.expected.json"))


def _as_datetime(value: str) -> datetime:
    value = value.replace(".000 ", "").replace(" ", "T")
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=parsed.tzinfo or datetime.fromisoformat("2000-01-01T00:00:00+07:00").tzinfo)


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_sample_page(expected_file):
    from pipeline import process_html

    spec = json.loads(expected_file.read_text("utf-8"))
    expected = spec["expected"]
    name = expected_file.name.split(".")[0]
    article = process_html((SAMPLES / f"{name}.html").read_bytes(), url=spec["url"])
    assert article.is_article
    assert article.extraction["layer"] == "profile"
    if "title" in expected and not expected["title"].startswith("("):
        assert article.title == expected["title"]
    if "title_startswith" in expected:
        assert article.title.startswith(expected["title_startswith"])
    assert article.title
    got = _as_datetime(article.published_at)
    want = _as_datetime(expected["published_at"])
    assert got == want or (got.replace(second=0) == want and ":" not in expected["published_at"][17:])
    for snippet in expected["content_text_contains"]:
        assert snippet in article.text
    for span in article.entities + article.dates + article.facts:
        assert article.text[span.start:span.end] == span.text


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_sample_page_generic_layer(expected_file):
    """Without site profiles the generic layer still finds the body sentence."""
    from pipeline.page.parse import parse_page

    spec = json.loads(expected_file.read_text("utf-8"))
    name = expected_file.name.split(".")[0]
    page = parse_page((SAMPLES / f"{name}.html").read_bytes(), url=spec["url"], use_profiles=False)
    assert page.is_article and page.extraction["layer"] == "generic"
    for snippet in spec["expected"]["content_text_contains"]:
        assert snippet in page.text
