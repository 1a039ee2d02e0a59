"""`vnnews demo`: the bundled sample pages, served on 127.0.0.1, fetched and extracted."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from .fetched import article_from_fetch
from .output import dumps, error_record, write_atomic, write_jsonl


def samples_dir() -> Path:
    """Folder of the bundled sample pages (see samples/LICENSE-SAMPLES.md)."""
    return Path(str(resources.files("vnnews") / "samples"))


def run_demo(out: Path, console: Console | None = None) -> list[dict]:
    """Fetch every sample page from a local server and write one JSON per page plus articles.jsonl."""
    from pipeline import PipelineError
    from scrapers import Fetcher, FetchError, FetchSettings, serve_directory

    console = console or Console(stderr=True)
    pages = sorted(p.name for p in samples_dir().glob("*.html"))
    records: list[dict] = []
    errors: list[dict] = []
    with serve_directory(samples_dir()) as base_url, Fetcher(FetchSettings()) as fetcher:
        console.print(f"serving {len(pages)} sample pages at {base_url}")
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("fetch + extract", total=len(pages))
            for name in pages:
                url = base_url + name
                try:
                    record = article_from_fetch(fetcher.fetch(url)).to_dict()
                except (FetchError, PipelineError) as exc:
                    errors.append(error_record(url, exc))
                    console.print(f"[red]error[/] {url}: {exc}")
                else:
                    records.append(record)
                    write_atomic(out / (Path(name).stem + ".json"), dumps(record, indent=2) + "\n")
                progress.advance(task)
    write_jsonl(out / "articles.jsonl", records)
    write_jsonl(out / "errors.jsonl", errors)
    _summary(records, console)
    console.print(f"wrote {len(records)} articles to {out}/ (one JSON per page and articles.jsonl)")
    return records


def _summary(records: list[dict], console: Console) -> None:
    table = Table(title="vnnews demo")
    for column in ("site", "title", "chars", "entities", "dates", "facts"):
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(r["site"] or "", (r["title"] or "")[:60], str(len(r["text"])), str(len(r["entities"])),
                      str(len(r["dates"])), str(len(r["facts"])))
    console.print(table)
