"""Listing and home pages are recognised as not-an-article, with or without site profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

LISTINGS = sorted((Path(__file__).parent / "data" / "listing").glob("*.html"))


@pytest.mark.parametrize("use_profiles", [True, False])
@pytest.mark.parametrize("path", LISTINGS, ids=lambda p: p.stem)
def test_listing_is_not_an_article(path, use_profiles):
    from pipeline.page.parse import parse_page

    site = path.stem.split("_")[0]
    page = parse_page(path.read_bytes(), url=f"https://{site}.vn/", use_profiles=use_profiles)
    assert not page.is_article
    assert page.text == ""
