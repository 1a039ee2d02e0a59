"""The package boundaries the README draws: pure `pipeline`, web I/O in `scrapers`, the product in `vnnews`."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A package may not import the ones named beside it (pipeline is pure; scrapers gets extraction as a callback).
FORBIDDEN = {"pipeline": {"scrapers", "vnnews"}, "scrapers": {"pipeline", "vnnews"}}


def _imported_tops(path: Path) -> set[str]:
    tops = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            tops.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            tops.add(node.module.split(".")[0])
    return tops


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_its_neighbours(package: str) -> None:
    offending = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / package).rglob("*.py")
        for name in _imported_tops(path) & FORBIDDEN[package]
    }
    assert offending == set()


@pytest.mark.parametrize("old", [
    "pipeline.entity_words", "pipeline.entity_linking", "pipeline.underthesea_crf", "pipeline.ner_model",
    "pipeline.temporal_durations", "pipeline.quantity_ratios", "pipeline.html_decode", "pipeline.body_cleaner",
    "pipeline.boilerplate", "pipeline.site_profiles", "pipeline.nlp", "pipeline.tokenizer", "pipeline.normalize",
    "scrapers.fetch", "scrapers.crawl_settings", "scrapers.append_log", "vnnews.store_commands", "vnnews.demo",
])
def test_moved_modules_have_no_shims(old: str) -> None:
    assert importlib.util.find_spec(old) is None
