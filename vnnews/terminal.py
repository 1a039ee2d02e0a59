"""Messages on the terminal: an optional coloured label, then the text exactly as given.

Messages carry paths, URLs, error texts and hints such as `pip install 'vnnews[serve]'`;
rich would read their square brackets as markup and drop them, so text never goes
through markup here.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

_STYLES = {"error": "red", "warning": "yellow", "skipped": "yellow"}


def say(console: Console, message: str, label: str | None = None) -> None:
    """Print `message` verbatim, after `label` (error, warning, skipped...) in its colour when given."""
    if label is None:
        console.print(Text(message))
    else:
        console.print(Text.assemble((label, _STYLES.get(label, "bold")), " ", message))
