"""Batch extraction: many pages through the pipeline, in parallel, resumable, in input order.

Engines:
- "local": a pebble process pool (`--workers N`). Each worker loads the models once, a
  page that hangs past `timeout` or crashes its worker becomes an error record, and
  workers are recycled after `max_tasks` pages to bound memory.
- "dask": the same work function on a Dask distributed cluster (a LocalCluster when no
  scheduler address is given). Records are byte-identical to the local engine's.

Output is JSON Lines written in input order; each record carries the item's `source`.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .inputs import Item
from .output import error_entry, error_record, write_jsonl

ProcessResult = tuple[str, str | None, dict | None]  # source, JSON line, error record


def process_item(item: Item, published_at: str | None = None) -> ProcessResult:
    """Run one item through the pipeline; never raises: failures become error records."""
    from pipeline import PipelineError, analyze_text, process_html

    if item.error is not None:
        return item.source, None, error_entry(item.source, item.error_kind, item.error)
    try:
        if item.kind == "text":
            article = analyze_text(item.data.decode("utf-8", errors="replace"), published_at=published_at, url=item.url)
        else:
            article = process_html(item.data, url=item.url, content_type=item.content_type)
    except PipelineError as exc:
        return item.source, None, error_record(item.source, exc)
    except Exception as exc:  # noqa: BLE001 - a bug on one page must not stop a batch of thousands
        return item.source, None, error_entry(item.source, type(exc).__name__,
                                              f"unexpected failure (please report): {exc}")
    record = {"source": item.source, **article.to_dict()}
    return item.source, json.dumps(record, ensure_ascii=False), None


def process_batch(items: list[Item], published_at: str | None = None) -> list[ProcessResult]:
    """Several items in one task (amortises scheduling on a cluster)."""
    return [process_item(item, published_at) for item in items]


def _warm_up() -> None:
    """Load models once per worker process, before the first page."""
    from pipeline import analyze_text

    analyze_text("Khởi động mô hình.")


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux ru_maxrss is in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Summary:
    """What a batch run did."""

    items: int = 0
    written: int = 0
    skipped: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.written / self.seconds if self.seconds else 0.0


class JsonlWriter:
    """Appends whole lines to a JSON Lines file; a run killed mid-write leaves no broken line.

    Each record is one `os.write` of a complete line on an O_APPEND descriptor; on open, a
    trailing partial line left by a crash is cut off, so every line in the file is whole.
    """

    def __init__(self, path: Path, fresh: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh and path.exists():
            path.unlink()
        repair_tail(path)
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def write(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode("utf-8"))

    def close(self) -> None:
        os.fsync(self.fd)
        os.close(self.fd)


def repair_tail(path: Path) -> None:
    """Cut a trailing partial line (no final newline) left by an interrupted run."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as handle:
        data = handle.read()
        if data.endswith(b"\n"):
            return
        handle.truncate(data.rfind(b"\n") + 1)


def done_sources(path: Path) -> set[str]:
    """Sources already in an output file (for --resume)."""
    if not path.exists():
        return set()
    repair_tail(path)
    sources = set()
    with path.open("rb") as handle:
        for line in handle:
            if line.strip():
                sources.add(json.loads(line)["source"])
    return sources


def _local_results(items: Iterable[Item], workers: int, timeout: float, published_at: str | None,
                   max_tasks: int) -> Iterator[ProcessResult]:
    from pebble import ProcessExpired, ProcessPool

    window: deque[tuple[Item, object]] = deque()
    with ProcessPool(max_workers=workers, max_tasks=max_tasks, initializer=_warm_up) as pool:
        def drain_one() -> ProcessResult:
            item, future = window.popleft()
            try:
                return future.result()
            except FutureTimeout:
                return item.source, None, error_entry(
                    item.source, "Timeout", f"processing took longer than {timeout:g} s; the page was skipped")
            except ProcessExpired as exc:
                return item.source, None, error_entry(
                    item.source, "WorkerCrashed", f"the worker died on this page (exit code {exc.exitcode})")
            except Exception as exc:  # noqa: BLE001 - pool-level failures are per-item errors too
                return item.source, None, error_record(item.source, exc)

        for item in items:
            window.append((item, pool.schedule(process_item, args=(item, published_at), timeout=timeout)))
            # Bounded look-ahead: memory stays flat however long the input is, and order is kept.
            if len(window) >= workers * 4:
                yield drain_one()
        while window:
            yield drain_one()


def _dask_results(items: Iterable[Item], workers: int, scheduler: str | None, published_at: str | None,
                  batch_size: int = 8) -> Iterator[ProcessResult]:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        window: deque = deque()
        batch: list[Item] = []

        def submit(chunk: list[Item]) -> None:
            window.append(client.submit(process_batch, chunk, published_at, pure=False))

        for item in items:
            batch.append(item)
            if len(batch) == batch_size:
                submit(batch)
                batch = []
            if len(window) >= workers * 4:
                yield from window.popleft().result()
        if batch:
            submit(batch)
        while window:
            yield from window.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_batch(items: Iterable[Item], output: Path, *, workers: int = 1, engine: str = "local",
              scheduler: str | None = None, timeout: float = 120.0, resume: bool = False,
              published_at: str | None = None, max_tasks: int = 500,
              on_result: Callable[[ProcessResult], None] | None = None) -> Summary:
    """Process items into `output` (JSON Lines, input order) and `output.errors.jsonl`."""
    errors_path = output.with_name(output.stem + ".errors.jsonl")
    done = done_sources(output) if resume else set()
    summary = Summary()
    previous_errors = _load_errors(errors_path) if resume else []

    def pending() -> Iterator[Item]:
        for item in items:
            summary.items += 1
            if item.source in done:
                summary.skipped += 1
                if on_result is not None:
                    on_result((item.source, None, None))
                continue
            yield item

    if engine == "dask":
        results = _dask_results(pending(), workers, scheduler, published_at)
    else:
        results = _local_results(pending(), workers, timeout, published_at, max_tasks)
    writer = JsonlWriter(output, fresh=not resume)
    errors: list[dict] = []
    attempted: set[str] = set()
    start = time.perf_counter()
    try:
        for result in results:
            source, line, error = result
            attempted.add(source)
            if line is not None:
                writer.write(line)
                summary.written += 1
            elif error is not None:
                errors.append(error)
                summary.errors += 1
                summary.error_kinds[error["error"]] = summary.error_kinds.get(error["error"], 0) + 1
            if on_result is not None:
                on_result(result)
    finally:
        writer.close()
        summary.seconds = time.perf_counter() - start
        # An earlier error stays on record unless this run tried that item again.
        kept = [e for e in previous_errors if e["source"] not in attempted]
        write_jsonl(errors_path, kept + errors)
    return summary


def _load_errors(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
