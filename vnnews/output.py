"""Writing results: readable UTF-8 JSON, JSON Lines, error records; files replaced atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable


def dumps(record: dict[str, Any], indent: int | None = None) -> str:
    """JSON with Vietnamese kept as characters (never `\\uXXXX`)."""
    return json.dumps(record, ensure_ascii=False, indent=indent)


def write_atomic(path: Path, text: str) -> None:
    """Write a file through a temporary sibling and a rename, so readers never see half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write records as JSON Lines (atomically); returns how many were written."""
    lines = [dumps(r) for r in records]
    write_atomic(path, "".join(line + "\n" for line in lines))
    return len(lines)


def error_entry(source: str, kind: str, message: str) -> dict[str, Any]:
    """One line of `errors.jsonl`: what failed, the kind of failure, and what to do about it."""
    return {"source": source, "error": kind, "message": message}


def error_record(source: str, error: BaseException) -> dict[str, Any]:
    """The `errors.jsonl` line of an exception: its type is the kind."""
    return error_entry(source, type(error).__name__, str(error))
