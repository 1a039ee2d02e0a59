"""`vnnews extract`: saved pages, JSON Lines and WARC files to article JSON, in parallel."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from vnnews.batch import ProcessResult, Summary, default_workers, process_item, run_batch
from vnnews.extras import require_extra
from vnnews.inputs import count_items, iter_items
from vnnews.output import dumps, write_atomic
from vnnews.terminal import say

err = Console(stderr=True)


class Format(str, Enum):
    """How to read plain input files (html, text) or what to write (jsonl, parquet)."""

    html = "html"
    text = "text"
    jsonl = "jsonl"
    parquet = "parquet"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _single_page(paths: list[str]) -> bool:
    """One plain file (not a directory, glob, JSONL or WARC file): one page, one JSON object."""
    if len(paths) != 1:
        return False
    path = Path(paths[0])
    return not path.is_dir() and not any(ch in paths[0] for ch in "*?[") and not path.name.endswith(
        (".jsonl", ".warc", ".warc.gz"))


def _progress(total: int) -> Progress:
    return Progress(
        TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(), TimeRemainingColumn(), console=err, disable=not err.is_terminal, transient=False,
    )


def _print_summary(summary: Summary, output: Path) -> None:
    say(err, f"{summary.items} item(s): {summary.written} written to {output}, {summary.skipped} already done, "
              f"{summary.errors} error(s); {summary.rate:.1f} articles/s")
    if summary.errors:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary.error_kinds.items()))
        say(err, f"errors ({kinds}) are recorded in {output.with_name(output.stem + '.errors.jsonl')}", "warning")


def _to_parquet(jsonl: Path, target: Path) -> None:
    """Rows of the JSONL records; nested free-form objects are kept as JSON text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for line in jsonl.read_text("utf-8").splitlines():
        record = json.loads(line)
        record["extraction"] = json.dumps(record["extraction"], ensure_ascii=False)
        for fact in record["facts"]:
            fact["change"] = json.dumps(fact["change"], ensure_ascii=False) if fact["change"] else None
        rows.append(record)
    tmp = target.with_name(f".{target.name}.tmp")
    pq.write_table(pa.Table.from_pylist(rows), tmp)
    tmp.replace(target)


def extract(
    paths: list[str] = typer.Argument(..., help="HTML files, directories, globs, JSONL of {url, html}, WARC files."),
    url: Optional[str] = typer.Option(None, "--url", help="The page's URL (site profile, `url` field); one input only."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here: .json for one page, else JSON Lines "
                                          "(or Parquet for .parquet / --format parquet)."),
    fmt: Format = typer.Option(Format.html, "--format", help="html or text: how to read plain files; jsonl or "
                               "parquet: what to write."),
    published_at: Optional[str] = typer.Option(None, "--published-at", help="Reference time for relative dates in text input."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (default: all cores)."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local processes, or a Dask cluster."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); "
                                            "default: a LocalCluster."),
    resume: bool = typer.Option(False, "--resume", help="Skip items already in the output file."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds one page may take before it becomes an error."),
) -> None:
    """Extract articles from saved pages (or plain text) into JSON."""
    text_input = fmt is Format.text
    if url and len(paths) > 1:
        raise typer.BadParameter("--url names one page; give one PATH with it")
    if output is None and _single_page(paths):  # one JSON object on stdout, as `jq` users expect
        sys.stdout.write(_one_record(paths, url, text_input, published_at) + "\n")
        return
    if output is None:
        _stream_to_stdout(paths, text_input, published_at)
        return
    if engine is Engine.dask:
        require_extra(err, "dask", "dask", "distributed")
    parquet = fmt is Format.parquet or output.suffix == ".parquet"
    records_path = output.with_name(output.name + ".jsonl") if parquet else output
    if output.suffix == ".json" and _single_page(paths):
        _write_one_json(paths, url, output, text_input, published_at)
        return
    total = count_items(paths, text=text_input)
    with _progress(total) as progress:
        task = progress.add_task("extract", total=total, rate="")

        def on_result(result: ProcessResult) -> None:
            source, _, error = result
            if error is not None:
                say(progress.console, f"{source}: {error['message']}", "error")
            done = progress.tasks[0].completed + 1
            elapsed = progress.tasks[0].elapsed or 0
            progress.update(task, advance=1, rate=f"{done / elapsed:.1f}/s" if elapsed else "")

        items = (item if url is None else replace(item, url=url) for item in iter_items(paths, text=text_input))
        summary = run_batch(items, records_path, workers=workers or default_workers(), engine=engine.value,
                            scheduler=scheduler, timeout=timeout, resume=resume, published_at=published_at,
                            on_result=on_result)
    if parquet:
        _to_parquet(records_path, output)
    _print_summary(summary, output)
    if summary.errors:
        raise typer.Exit(code=1)


def _one_record(paths: list[str], url: Optional[str], text_input: bool, published_at: Optional[str]) -> str:
    """The indented JSON of the single input; exits with a clear message if it fails."""
    item = replace(next(iter_items(paths, text=text_input)), url=url)
    source, line, error = process_item(item, published_at)
    if error is not None:
        say(err, f"{source}: {error['message']}", "error")
        raise typer.Exit(code=1)
    return dumps(json.loads(line), indent=2)


def _write_one_json(paths: list[str], url: Optional[str], output: Path, text_input: bool,
                    published_at: Optional[str]) -> None:
    write_atomic(output, _one_record(paths, url, text_input, published_at) + "\n")
    say(err, f"wrote 1 record to {output}")


def _stream_to_stdout(paths: list[str], text_input: bool, published_at: Optional[str]) -> None:
    """No output file: JSON Lines on stdout, in this process (for pipes and small jobs)."""
    failed = 0
    for item in iter_items(paths, text=text_input):
        source, line, error = process_item(item, published_at)
        if error is not None:
            failed += 1
            say(err, f"{source}: {error['message']}", "error")
        else:
            sys.stdout.write(line + "\n")
    if failed:
        raise typer.Exit(code=1)

