"""`vnnews demo`: the bundled sample pages, served on 127.0.0.1, fetched and extracted."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from vnnews.fetched import article_from_fetch
from vnnews.output import dumps, error_record, write_atomic, write_jsonl
from vnnews.terminal import say


def samples_dir() -> Path:
    """Folder of the bundled sample pages (see samples/LICENSE-SAMPLES.md)."""
    return Path(str(resources.files("vnnews") / "samples"))


def demo(
    out: Path = typer.Option(Path("vnnews-demo"), "--out", help="Folder for the results."),
) -> None:
    """Serve the bundled sample pages on 127.0.0.1, fetch and extract them (offline)."""
    run_demo(out, console=Console(stderr=True))


def run_demo(out: Path, console: Console | None = None) -> list[dict]:
    """Fetch every sample page from a local server and write one JSON per page plus articles.jsonl."""
    from pipeline import PipelineError
    from scrapers import Fetcher, FetchError, FetchSettings, serve_directory

    console = console or Console(stderr=True)
    pages = sorted(p.name for p in samples_dir().glob("*.html"))
    records: list[dict] = []
    errors: list[dict] = []
    with serve_directory(samples_dir()) as base_url, Fetcher(FetchSettings()) as fetcher:
        say(console, f"serving {len(pages)} sample pages at {base_url}")
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("fetch + extract", total=len(pages))
            for name in pages:
                url = base_url + name
                try:
                    record = article_from_fetch(fetcher.fetch(url)).to_dict()
                except (FetchError, PipelineError) as exc:
                    errors.append(error_record(url, exc))
                    say(console, f"{url}: {exc}", "error")
                else:
                    records.append(record)
                    write_atomic(out / (Path(name).stem + ".json"), dumps(record, indent=2) + "\n")
                progress.advance(task)
    write_jsonl(out / "articles.jsonl", records)
    write_jsonl(out / "errors.jsonl", errors)
    _summary(records, console)
    say(console, f"wrote {len(records)} articles to {out}/ (one JSON per page and articles.jsonl)")
    return records


def shorten(text: str, width: int) -> str:
    """`text` cut to at most `width` characters at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if text[width - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


def _summary(records: list[dict], console: Console) -> None:
    table = Table(title="vnnews demo")
    for column in ("site", "title", "chars", "entities", "dates", "facts"):
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(r["site"] or "", shorten(r["title"] or "", 60), str(len(r["text"])), str(len(r["entities"])),
                      str(len(r["dates"])), str(len(r["facts"])))
    console.print(table)
