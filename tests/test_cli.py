"""The command line: extract, fetch (against a real local server) and clear errors."""

from __future__ import annotations

import importlib.metadata
import json
import shutil

import pytest
import typer
from conftest import SAMPLES
from rich.console import Console
from typer.testing import CliRunner

from scrapers import serve_directory
from vnnews.cli import app
from vnnews.commands.demo import shorten
from vnnews.extras import require_extra

runner = CliRunner()


def test_extract_one_file_prints_one_object():
    result = runner.invoke(app, ["extract", str(SAMPLES / "tusta-seed.html")])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["author"] == "Xuân Dũng" and "Đang online" not in record["text"]


def test_extract_several_files_to_jsonl(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(SAMPLES / "tusta-seed.html"), str(SAMPLES / "vnexpress.html"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(line)["text"] for line in lines)
    assert "\\u" not in out.read_text("utf-8")


def test_extract_plain_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ngày 22/6/2021, UBND huyện Thạch Thành có 32 hội thành viên.", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--format", "text", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["dates"][0]["value"] == "2021-06-22"


def test_missing_and_empty_files_are_errors_not_tracebacks(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.html"), str(empty), str(SAMPLES / "tusta-seed.html"),
                                 "-o", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert len(out.read_text("utf-8").splitlines()) == 1  # the good page is not lost
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text("utf-8").splitlines()]
    assert [e["error"] for e in errors] == ["FileNotFoundError", "EmptyPageError"]


def test_fetch_from_local_server(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(SAMPLES / "tusta-seed.html", site / "seed.html")
    (site / "doc.pdf").write_bytes(b"%PDF-1.4 not a page")
    out = tmp_path / "fetched.jsonl"
    with serve_directory(site) as base:
        result = runner.invoke(app, ["fetch", base + "seed.html", base + "doc.pdf", base + "nope.html", "-o", str(out)])
    assert result.exit_code == 1
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == 1 and records[0]["url"].endswith("/seed.html")
    assert any(e["text"] == "Nguyễn Văn Phát" for e in records[0]["entities"])
    errors = [json.loads(line)["error"] for line in (tmp_path / "fetched.errors.jsonl").read_text("utf-8").splitlines()]
    assert errors == ["NotHTMLResponse", "HTTPStatusError"]


def test_fetch_unreachable_url_is_a_clear_error():
    result = runner.invoke(app, ["fetch", "http://127.0.0.1:9/article.html"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_demo_writes_json_for_every_sample(tmp_path):
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    pages = sorted(p.stem for p in SAMPLES.glob("*.html"))
    assert sorted(p.stem for p in (tmp_path / "demo").glob("*.json")) == pages
    records = [json.loads(line) for line in (tmp_path / "demo" / "articles.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == len(pages) and all(r["text"] for r in records)


def test_a_json_output_of_a_multi_page_input_keeps_every_page(tmp_path):
    source = tmp_path / "pages.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for page in ("tusta-seed.html", "vnexpress.html"):
            handle.write(json.dumps({"url": None, "html": (SAMPLES / page).read_text("utf-8")}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", str(source), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert len(out.read_text("utf-8").splitlines()) == 2  # JSON Lines, not just the first page


def test_demo_table_shortens_titles_at_a_word_boundary():
    title = "Khối ngoại bán ròng phiên thứ năm liên tiếp, rút vốn khỏi 30 cổ phiếu Việt Nam"
    short = shorten(title, 60)
    assert len(short) <= 60 and short.endswith("…")
    assert title.startswith(short[:-1]) and title[len(short) - 1] == " "  # cut before a space, not inside a word
    assert shorten("Cổ phiếu FLC được giao dịch trở lại", 60) == "Cổ phiếu FLC được giao dịch trở lại"


def test_a_missing_extra_names_the_install_command_with_its_brackets():
    console = Console(record=True, width=200)
    with pytest.raises(typer.Exit) as exit_info:
        require_extra(console, "dask", "no_such_module_for_vnnews")
    assert exit_info.value.exit_code == 2
    assert "pip install 'vnnews[dask]'" in console.export_text()


def test_serve_is_in_the_default_install():
    requirements = importlib.metadata.requires("vnnews")
    core = [r for r in requirements if "extra ==" not in r]
    assert any(r.startswith("fastapi") for r in core) and any(r.startswith("uvicorn") for r in core)
