"""Optional extras: a message naming the install command instead of an ImportError."""

from __future__ import annotations

import importlib.util

import typer
from rich.console import Console

from vnnews.terminal import say


def require_extra(console: Console, extra: str, *modules: str) -> None:
    """Exit with status 2 and the command that installs `extra` when one of `modules` is missing."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        say(console, f"this needs {', '.join(missing)}: pip install 'vnnews[{extra}]' "
                     f"(in a clone of the repository: pip install -e '.[{extra}]')", "error")
        raise typer.Exit(code=2)
