"""Shared fixtures: the bundled sample pages and the processed seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnnews.commands.demo import samples_dir

DATA = Path(__file__).parent / "data"
SAMPLES = samples_dir()
SCHEMA = json.loads((Path(__file__).parents[1] / "pipeline" / "schema" / "article.schema.json").read_text("utf-8"))


# The seed page twice: the saved fixture, and as an ASP.NET WebForms portal serves it (a form around
# everything, a table layout, the counter box and the footer in table cells).
SEED_RENDITIONS = {
    "fixture": (SAMPLES / "tusta-seed.html", "http://tusta.org.vn/tin-tuc/hoi-nghi-ban-thuong-vu"),
    "aspnet": (DATA / "seed_aspnet" / "tusta-seed-aspnet.html", "http://tusta.org.vn/ChiTietTin.aspx?IDTin=1234&IDLoai=5"),
}


@pytest.fixture(scope="session", params=sorted(SEED_RENDITIONS))
def seed_article(request):
    """The seed page processed once per rendition for all seed tests."""
    from pipeline import process_html

    path, url = SEED_RENDITIONS[request.param]
    return process_html(path.read_bytes(), url=url)
