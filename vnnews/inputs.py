"""Batch inputs: HTML files, directories, globs, JSON Lines of {url, html} and WARC files.

Every item has a stable `source` key (a path, `path:LINE` or `path#OFFSET`) so that a
resumed run can tell what is already done.
"""

from __future__ import annotations

import glob
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


@dataclass(frozen=True)
class Item:
    """One page to process: its key, URL (if known), raw bytes and declared content type."""

    source: str
    data: bytes | None
    url: str | None = None
    content_type: str | None = None
    kind: str = "html"  # "html" or "text"
    error: str | None = None  # the item could not even be read: reported, not processed
    error_kind: str = "InputError"


def _expand(spec: str) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES)
    if any(ch in spec for ch in "*?["):
        return sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
    return [path]


def _jsonl_items(path: Path) -> Iterator[Item]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            source = f"{path}:{number}"
            try:
                record = json.loads(line)
                html = record["html"]
            except (ValueError, KeyError, TypeError) as exc:
                yield Item(source, None, error=f"not a {{url, html}} JSON record ({exc})")
                continue
            yield Item(source, html.encode("utf-8") if isinstance(html, str) else bytes(html), url=record.get("url"))


def _warc_items(path: Path) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        for record in records:
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            body = record.content_stream().read()  # before get_record_offset(), which reads ahead
            source = f"{path}#{records.get_record_offset()}"
            yield Item(source, body, url=record.rec_headers.get_header("WARC-Target-URI"), content_type=content_type)


def iter_items(specs: list[str], text: bool = False) -> Iterator[Item]:
    """Items of every input in order; a missing path becomes an item with an error."""
    for spec in specs:
        for path in _expand(spec):
            if not path.is_file():
                yield Item(str(path), None, error=f"no such file: {path}; check the path", error_kind="FileNotFoundError")
            elif path.suffix.lower() == ".jsonl":
                yield from _jsonl_items(path)
            elif path.name.endswith((".warc", ".warc.gz")):
                yield from _warc_items(path)
            else:
                yield Item(str(path), path.read_bytes(), kind="text" if text else "html")


def count_items(specs: list[str], text: bool = False) -> int:
    """How many items `iter_items` will yield (for the progress bar); reads JSONL and WARC once."""
    total = 0
    for spec in specs:
        for path in _expand(spec):
            if path.is_file() and path.suffix.lower() == ".jsonl":
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif path.is_file() and path.name.endswith((".warc", ".warc.gz")):
                total += sum(1 for _ in _warc_items(path))
            else:
                total += 1
    return total
