"""Archiving HTTP exchanges as WARC records (warcio), crash-safe by committed length.

Each exchange becomes a response record (the status line, headers and body
as served, still Content-Encoded) and a request record (what we sent),
gzipped record by record. An exchange is built in memory and appended with
one write + fsync; the crawl state stores each file's committed length after
that, and `truncate_to` cuts off anything written after the last commit
(e.g. a half-written record of a killed process), so files always validate.

urllib3 hands us the body already de-chunked: the stored headers therefore
drop Transfer-Encoding and carry the real Content-Length, so readers do not
try to de-chunk a body that is no longer chunked.
"""

from __future__ import annotations

import io
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scrapers.http.fetcher import FetchResult

SOFTWARE = "vnnews crawler (warcio)"


@dataclass(frozen=True)
class WarcRef:
    """Where an exchange's response record is: file name (relative to the WARC folder), record id, byte offset."""

    file: str
    record_id: str
    offset: int

    def to_dict(self) -> dict[str, object]:
        """JSON form used in articles.jsonl."""
        return {"file": self.file, "record_id": self.record_id, "offset": self.offset}


def _new_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def _response_headers(result: FetchResult) -> list[tuple[str, str]]:
    headers = [(k, v) for k, v in result.raw_headers if k.lower() not in ("transfer-encoding", "content-length")]
    headers.append(("Content-Length", str(len(result.raw_body))))
    return headers


def build_exchange(result: FetchResult, warcinfo_for: str | None = None) -> tuple[bytes, str, int]:
    """Gzipped WARC bytes for one exchange: (data, response record id, response offset within data).

    With `warcinfo_for` (a file name) a warcinfo record is put first, as a
    new WARC file should start with one.
    """
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    if warcinfo_for is not None:
        writer.write_record(writer.create_warcinfo_record(warcinfo_for, {"software": SOFTWARE, "format": "WARC/1.1"}))
    response_id = _new_id()
    request_id = _new_id()
    date = result.fetched_at.replace("+00:00", "Z")
    status_line = f"{result.status} {result.reason}".strip()
    response = writer.create_warc_record(
        result.final_url, "response",
        payload=io.BytesIO(result.raw_body), length=len(result.raw_body),
        warc_headers_dict={"WARC-Record-ID": response_id, "WARC-Date": date},
        http_headers=StatusAndHeaders(status_line, _response_headers(result), protocol=result.http_version),
    )
    parts = urlsplit(result.final_url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request = writer.create_warc_record(
        result.final_url, "request",
        payload=io.BytesIO(b""), length=0,
        warc_headers_dict={"WARC-Record-ID": request_id, "WARC-Date": date, "WARC-Concurrent-To": response_id},
        http_headers=StatusAndHeaders(f"GET {target} {result.http_version}", result.request_headers,
                                      is_http_request=True),
    )
    offset = buf.tell()
    writer.write_record(response)
    writer.write_record(request)
    return buf.getvalue(), response_id, offset


class WarcArchive:
    """Appends exchanges to `DIR/<prefix>-NNNNN.warc.gz`, starting a new file past `max_file_bytes`.

    Thread-safe. The caller records `(file, size)` from `append` as committed
    and, after a crash, calls `truncate_to` with what was committed.
    """

    def __init__(self, directory: Path, prefix: str, max_file_bytes: int = 1_000_000_000) -> None:
        self.directory = directory
        self.prefix = prefix
        self.max_file_bytes = max_file_bytes
        self._lock = threading.Lock()
        self._current: Path | None = None

    def _next_file(self) -> Path:
        n = 0
        while (path := self.directory / f"{self.prefix}-{n:05d}.warc.gz").exists():
            n += 1
        return path

    def append(self, result: FetchResult) -> tuple[WarcRef, int]:
        """Archive one exchange; returns its reference and the file's new size (to commit)."""
        with self._lock:
            # Files are opened lazily: a run that archives nothing creates none.
            if self._current is None or self._current.stat().st_size >= self.max_file_bytes:
                self._current = self._next_file()
                self.directory.mkdir(parents=True, exist_ok=True)
                data, record_id, offset = build_exchange(result, warcinfo_for=self._current.name)
            else:
                data, record_id, offset = build_exchange(result)
            with open(self._current, "ab") as handle:
                start = handle.tell()
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                size = handle.tell()
            return WarcRef(self._current.name, record_id, start + offset), size

    @staticmethod
    def truncate_to(path: Path, committed: int) -> bool:
        """Cut `path` back to its committed length; True if something was cut."""
        if not path.exists() or path.stat().st_size <= committed:
            return False
        with open(path, "r+b") as handle:
            handle.truncate(committed)
            handle.flush()
            os.fsync(handle.fileno())
        return True
