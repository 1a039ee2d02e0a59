"""Batch speed and memory: the full pipeline against a naive underthesea baseline, in one run.

Usage:  python benchmarks/bench_batch.py [--copies 25] [--workers N]

On the bundled sample pages and the seed page, repeated to at least 200 articles, prints:
- articles/s of the full pipeline (HTML to JSON) through `vnnews extract`'s batch engine on
  1 worker and on all workers, and the speed-up;
- articles/s of a naive baseline (BeautifulSoup `get_text` + underthesea `ner` per sentence),
  measured on one copy of each page (it is slow) in the same run;
- the cost of underthesea `word_tokenize` alone on the same clean text, against the pipeline's
  cost per article measured the same way (in this process, models loaded, no worker start-up, no
  file I/O), so that the ratio compares like with like;
- peak resident memory per worker process;
and the ratios the issue asks for. Machines are noisy: compare ratios, not absolute numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vnnews.batch import default_workers, peak_rss_mb, process_item, run_batch  # noqa: E402
from vnnews.commands.demo import samples_dir  # noqa: E402
from vnnews.inputs import Item, iter_items  # noqa: E402


def _pages() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(samples_dir().glob("*.html"))]


def _jsonl(path: Path, copies: int) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for n in range(copies):
            for name, data in _pages():
                handle.write(json.dumps({"url": f"https://example.vn/{n}/{name}", "html": data.decode("utf-8")},
                                        ensure_ascii=False) + "\n")
                count += 1
    return count


def _pipeline_rate(source: Path, workers: int, out: Path) -> float:
    start = time.perf_counter()
    summary = run_batch(iter_items([str(source)]), out, workers=workers)
    seconds = time.perf_counter() - start
    assert summary.errors == 0, summary.error_kinds
    return summary.written / seconds


def _naive_rate() -> float:
    from bs4 import BeautifulSoup
    from underthesea import ner, sent_tokenize

    pages = _pages()
    ner("Khởi động.")
    start = time.perf_counter()
    for _, data in pages:
        text = BeautifulSoup(data, "lxml").get_text("\n")
        for line in text.splitlines():
            for sentence in sent_tokenize(line) if line.strip() else ():
                ner(sentence)
    return len(pages) / (time.perf_counter() - start)


def _word_tokenize_rate() -> float:
    from underthesea import sent_tokenize, word_tokenize

    from pipeline.page.parse import parse_page

    texts = [parse_page(data).text for _, data in _pages()]
    word_tokenize("Khởi động.")
    start = time.perf_counter()
    for text in texts:
        for paragraph in text.split("\n\n"):
            for sentence in sent_tokenize(paragraph):
                word_tokenize(sentence)
    return len(texts) / (time.perf_counter() - start)


def _in_process_rate(rounds: int = 3) -> float:
    """Articles/s of `process_item` (HTML to JSON line) in this process, after a warm-up."""
    items = [Item(name, data) for name, data in _pages()]
    process_item(items[0])
    start = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            process_item(item)
    return rounds * len(items) / (time.perf_counter() - start)


def _shard(items: list[Item]) -> float:
    """Process a shard in a fresh worker process and report its peak memory."""
    for item in items:
        process_item(item)
    return peak_rss_mb()


def _peak_memory_per_worker(workers: int, copies: int) -> list[float]:
    items = [Item(f"{n}/{name}", data) for n in range(copies) for name, data in _pages()]
    shards = [items[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_shard, shards))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=25, help="copies of the 8 pages (25 gives 200 articles)")
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "pages.jsonl"
        articles = _jsonl(source, args.copies)
        one = _pipeline_rate(source, 1, Path(tmp) / "one.jsonl")
        many = _pipeline_rate(source, args.workers, Path(tmp) / "many.jsonl")
    naive = _naive_rate()
    tokenize = _word_tokenize_rate()
    steady = _in_process_rate()
    memory = _peak_memory_per_worker(args.workers, max(1, args.copies // 5))
    print(f"{articles} articles ({len(_pages())} pages x {args.copies})")
    print(f"full pipeline, 1 worker:       {one:7.2f} articles/s")
    print(f"full pipeline, {args.workers} workers:      {many:7.2f} articles/s   speed-up {many / one:.2f}x")
    print(f"naive BeautifulSoup + ner:     {naive:7.2f} articles/s   pipeline (1 worker) is {one / naive:.1f}x faster")
    print(f"full pipeline, in-process:     {steady:7.2f} articles/s   (no worker start-up or file I/O)")
    print(f"word_tokenize alone:           {tokenize:7.2f} articles/s   pipeline costs {tokenize / steady:.2f}x "
          f"word_tokenize in-process ({tokenize / one:.2f}x through the 1-worker batch)")
    print(f"peak memory per worker:        {', '.join(f'{m:.0f} MB' for m in memory)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
