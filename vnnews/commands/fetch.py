"""`vnnews fetch`: fetch article URLs politely and extract them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import typer
from rich.console import Console

from vnnews.fetched import article_from_fetch
from vnnews.output import dumps, error_record, write_atomic, write_jsonl
from vnnews.terminal import say

err = Console(stderr=True)


def _emit(records: list[dict[str, Any]], errors: list[dict[str, Any]], output: Optional[Path], single: bool) -> None:
    """One input to stdout as a JSON object; several, or `-o x.jsonl`, as JSON Lines."""
    if output is None:
        if single and records:
            sys.stdout.write(dumps(records[0], indent=2) + "\n")
        else:
            for record in records:
                sys.stdout.write(dumps(record) + "\n")
    elif single and output.suffix == ".json" and records:
        write_atomic(output, dumps(records[0], indent=2) + "\n")
    else:
        write_jsonl(output, records)
    if output is not None and errors:
        errors_path = output.with_name(output.stem + ".errors.jsonl")
        write_jsonl(errors_path, errors)
        say(err, f"{len(errors)} item(s) failed; details in {errors_path}", "warning")
    if output is not None:
        say(err, f"wrote {len(records)} record(s) to {output}")


def _run_items(items: Iterable[tuple[str, Callable[[], dict[str, Any]]]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run each item; a failing item becomes an error record and the batch goes on."""
    from pipeline import PipelineError
    from scrapers import FetchError

    records: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for source, work in items:
        try:
            records.append(work())
        except (PipelineError, FetchError, OSError) as exc:
            errors.append(error_record(source, exc))
            say(err, f"{source}: {exc}", "error")
    return records, errors


def fetch(
    urls: list[str] = typer.Argument(..., help="Article URLs."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here (.json for one URL, else JSON Lines)."),
    ignore_robots: bool = typer.Option(False, "--ignore-robots", help="Do not read robots.txt (only for your own sites)."),
    timeout: float = typer.Option(30.0, "--timeout", help="Read timeout in seconds."),
) -> None:
    """Fetch pages politely (robots.txt, retries, timeouts) and extract them."""
    from scrapers import Fetcher, FetchSettings

    settings = FetchSettings(respect_robots=not ignore_robots, read_timeout=timeout)
    with Fetcher(settings) as fetcher:
        def work(url: str) -> Callable[[], dict[str, Any]]:
            def run() -> dict[str, Any]:
                return article_from_fetch(fetcher.fetch(url)).to_dict()
            return run

        records, errors = _run_items((u, work(u)) for u in urls)
    _emit(records, errors, output, single=len(urls) == 1)
    if errors:
        raise typer.Exit(code=1)
