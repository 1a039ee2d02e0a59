"""`python -m vnnews ...` runs the command line."""

from .cli import app

app(prog_name="vnnews")
