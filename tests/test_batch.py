"""Batch extraction: inputs of every kind, parallel and ordered, resumable, fault-isolated, Dask."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLES
from typer.testing import CliRunner

from vnnews.cli import app

runner = CliRunner()
PAGES = sorted(SAMPLES.glob("*.html"))


def _jsonl_input(path: Path, copies: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(copies):
            for page in PAGES:
                handle.write(json.dumps({"url": f"https://example.vn/{n}/{page.name}",
                                         "html": page.read_text("utf-8")}, ensure_ascii=False) + "\n")
    return path


def _warc_input(path: Path) -> Path:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in PAGES[:3]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://example.vn/{page.name}", "response",
                                               payload=BytesIO(page.read_bytes()), http_headers=headers)
            writer.write_record(record)
    return path


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_directory_jsonl_and_warc_inputs_in_order(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SAMPLES, site, ignore=shutil.ignore_patterns("*.md"))
    inputs = [str(site), str(_jsonl_input(tmp_path / "pages.jsonl", 1)), str(_warc_input(tmp_path / "a.warc.gz"))]
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", *inputs, "-o", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    records = _lines(out)
    assert len(records) == 2 * len(PAGES) + 3
    sources = [r["source"] for r in records]
    assert sources[:len(PAGES)] == [str(site / p.name) for p in PAGES]  # input order kept
    assert sources[len(PAGES)].endswith("pages.jsonl:1") and "#" in sources[-1]
    assert records[-1]["url"] == f"https://example.vn/{PAGES[2].name}"
    assert all(r["schema_version"] == "1.0" for r in records)


def test_one_and_two_workers_write_identical_files(tmp_path):
    source = _jsonl_input(tmp_path / "pages.jsonl", 2)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(app, ["extract", str(source), "-o", str(one), "--workers", "1"]).exit_code == 0
    assert runner.invoke(app, ["extract", str(source), "-o", str(two), "--workers", "2"]).exit_code == 0
    assert one.read_bytes() == two.read_bytes()


def test_dask_local_cluster_gives_the_same_records(tmp_path):
    pytest.importorskip("dask.distributed")
    source = _jsonl_input(tmp_path / "pages.jsonl", 1)
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert runner.invoke(app, ["extract", str(source), "-o", str(local), "--workers", "1"]).exit_code == 0
    result = runner.invoke(app, ["extract", str(source), "-o", str(dask), "--engine", "dask", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert dask.read_bytes() == local.read_bytes()


def test_a_page_past_the_timeout_becomes_an_error_and_the_batch_goes_on(tmp_path):
    source = _jsonl_input(tmp_path / "pages.jsonl", 1)
    # 3000 paragraphs take several seconds to analyse: longer than the 1 s allowed.
    body = "".join(
        "<p>Ngày 22/6/2021, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh tổ chức hội nghị với 32 hội thành viên, "
        f"TS. Nguyễn Văn Phát chủ trì, số {n}.</p>" for n in range(3000))
    with source.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": "https://example.vn/huge", "html": f"<html><body><article><h1>Dài</h1>{body}"
                                 "</article></body></html>"}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(source), "-o", str(out), "--workers", "2", "--timeout", "1"])
    assert result.exit_code == 1
    errors = _lines(tmp_path / "out.errors.jsonl")
    assert [(e["source"].rsplit(":", 1)[1], e["error"]) for e in errors] == [(str(len(PAGES) + 1), "Timeout")]
    assert len(_lines(out)) == len(PAGES)  # the other pages are all there


def test_parquet_output(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    source = _jsonl_input(tmp_path / "pages.jsonl", 1)
    out = tmp_path / "out.parquet"
    assert runner.invoke(app, ["extract", str(source), "-o", str(out), "--workers", "1"]).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == len(PAGES)
    assert "Nguyễn Văn Phát" in json.dumps(table.column("entities").to_pylist(), ensure_ascii=False)


def test_resume_repairs_a_cut_line_and_skips_done_items(tmp_path):
    source = _jsonl_input(tmp_path / "pages.jsonl", 1)
    full, partial = tmp_path / "full.jsonl", tmp_path / "partial.jsonl"
    assert runner.invoke(app, ["extract", str(source), "-o", str(full), "--workers", "1"]).exit_code == 0
    lines = full.read_text("utf-8").splitlines(keepends=True)
    partial.write_text("".join(lines[:3]) + lines[3][:50], encoding="utf-8")  # a crash mid-line
    result = runner.invoke(app, ["extract", str(source), "-o", str(partial), "--workers", "2", "--resume"])
    assert result.exit_code == 0, result.output
    assert re.search(r"3\s+already done", result.output)
    assert partial.read_bytes() == full.read_bytes()


def test_kill_9_then_resume_equals_an_uninterrupted_run(tmp_path):
    source = _jsonl_input(tmp_path / "pages.jsonl", 6)
    full, killed = tmp_path / "full.jsonl", tmp_path / "killed.jsonl"
    command = [sys.executable, "-m", "vnnews", "extract", str(source), "--workers", "2", "-o"]
    subprocess.run(command + [str(full)], check=True, capture_output=True, timeout=300)
    process = subprocess.Popen(command + [str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not killed.exists() or killed.read_bytes().count(b"\n") < 5):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert killed.read_bytes().count(b"\n") < len(_lines(full)), "the run finished before it could be killed"
    subprocess.run(command + [str(killed), "--resume"], check=True, capture_output=True, timeout=300)
    assert killed.read_bytes() == full.read_bytes()
