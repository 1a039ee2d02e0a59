"""Hostile input: nothing but `PipelineError` escapes `process_html`, and the CLI prints no traceback.

VNNEWS_FUZZ_EXAMPLES sets how many inputs hypothesis generates (default 10,000).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

from fuzz_inputs import PAGES, hostile_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import PipelineError, process_html

EXAMPLES = int(os.environ.get("VNNEWS_FUZZ_EXAMPLES", "10000"))


def _check_spans(article) -> None:
    for span in (*article.entities, *article.dates, *article.facts):
        assert article.text[span.start:span.end] == span.text


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(st.randoms(use_true_random=False))
def test_hostile_input_raises_only_pipeline_errors(rng: random.Random) -> None:
    data = hostile_page(rng)
    try:
        article = process_html(data)
    except PipelineError:
        return
    _check_spans(article)
    if article.is_article:
        assert article.text.strip()
        assert not any(ch in article.text for ch in "\x00\x0b\x0c\x1b")


def test_readable_text_survives_control_characters() -> None:
    page = PAGES[0]
    body = page.index(b"<body")
    noisy = page[:body] + page[body:].replace(b". ", b".\x0b\x00 ").replace(b", ", b",\x1b\x0c ")
    clean, dirty = process_html(page), process_html(noisy)
    assert dirty.is_article
    assert dirty.text.split() == clean.text.split()


def test_cli_prints_no_traceback_on_hostile_files(tmp_path) -> None:
    rng = random.Random(2026)
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(300):
        data = hostile_page(rng)
        (folder / f"page{i:03d}.html").write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    out = tmp_path / "out.jsonl"
    run = subprocess.run([sys.executable, "-m", "vnnews", "extract", str(folder), "-o", str(out), "--workers", "2"],
                         capture_output=True, text=True, timeout=900)
    assert "Traceback" not in run.stdout + run.stderr
    records = out.read_text("utf-8").splitlines()
    errors = out.with_name("out.errors.jsonl").read_text("utf-8").splitlines()
    assert len(records) + len(errors) == 300
    assert all(json.loads(line)["error"] for line in errors)
