"""Shared fixtures: the bundled sample pages and the processed seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnnews.commands.demo import samples_dir

DATA = Path(__file__).parent / "data"
SAMPLES = samples_dir()
SCHEMA = json.loads((Path(__file__).parents[1] / "pipeline" / "schema" / "article.schema.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def seed_article():
    """The seed page (tusta.org.vn fixture) processed once for all seed tests."""
    from pipeline import process_html

    return process_html((SAMPLES / "tusta-seed.html").read_bytes(), url="http://tusta.org.vn/tin-tuc/hoi-nghi-ban-thuong-vu")
