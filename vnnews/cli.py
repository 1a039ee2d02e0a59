"""The `vnnews` command: one sub-command per module of `vnnews.commands`."""

from __future__ import annotations

import typer

from .commands import crawl, demo, extract, fetch, store

app = typer.Typer(
    help="Vietnamese news pages to clean text, entities, dates and numeric facts as JSON.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("extract")(extract.extract)
app.command("fetch")(fetch.fetch)
app.command("demo")(demo.demo)
app.command("crawl")(crawl.crawl)
app.command("index")(store.index)
app.command("search")(store.search)
app.command("serve")(store.serve)
app.command("export")(store.export)


def main() -> None:  # pragma: no cover - console entry point
    app()
