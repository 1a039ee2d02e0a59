"""Store benchmark: index 10,000 realistic article records into SQLite, then time searches.

Usage:  python benchmarks/bench_store.py [--n 10000] [--jsonl articles.jsonl] [--repeat 20] [--keep DB]

The records are built from the demo output (the bundled sample pages run through the pipeline;
`--jsonl` to use another articles.jsonl): each synthetic article takes 3-8 paragraphs from
different demo articles, with their entity, date and fact spans moved along (text[start:end]
stays true), adds a sentence quoting a person from a pool of ~4,000 Vietnamese names, and gets
its own URL, site and publication time over 18 months. Targets: indexing in under 60 s,
search answers under 50 ms. Each search is also timed against a baseline measured in the same
run on the same database: a `LIKE '%term%'` scan of the article text (exact diacritics only,
unranked), which is what a store without FTS would do.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SITES = ["vnexpress.net", "tuoitre.vn", "thanhnien.vn", "dantri.com.vn", "nld.com.vn", "vietnamnet.vn", "cafef.vn",
         "baochinhphu.vn", "laodong.vn", "zingnews.vn", "tienphong.vn", "baothanhhoa.vn"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Hồng", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hiếu", "Hòa", "Hùng", "Khánh", "Lan", "Linh", "Long",
         "Mai", "Nam", "Nga", "Phát", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thủy", "Trang", "Trung", "Tuấn",
         "Vinh", "Yến"]
ROLES = ["Giám đốc Sở Tài chính", "Chủ tịch UBND huyện", "chuyên gia kinh tế", "Phó Tổng giám đốc", "Trưởng phòng"]
QUERIES = [  # (query, filters): typed with and without diacritics, phrases, filters
    ("hoang xuan vinh", {}),  # a rare name: a handful of articles
    ("nguyen van phat", {}),
    ("Nguyễn Văn Phát", {}),
    ("thanh hoa", {}),
    ('"giá vàng"', {}),
    ("ngan hang nha nuoc", {}),
    ("xăng dầu", {"site": "vnexpress.net"}),
    ("cổ phiếu", {"date_from": "2026-01-01", "date_to": "2026-03-31"}),
    ("thuế", {"entity": "Cục Thuế"}),
]


def demo_records(jsonl: Path | None) -> list[dict]:
    if jsonl is not None:
        return [json.loads(line) for line in jsonl.read_text("utf-8").splitlines() if line.strip()]
    from rich.console import Console

    from vnnews.commands.demo import run_demo

    return run_demo(Path(tempfile.mkdtemp(prefix="vnnews-bench-demo-")), console=Console(stderr=True, quiet=True))


def paragraphs(record: dict) -> list[dict]:
    """The article's paragraphs, each with the spans that lie wholly inside it (offsets relative to it)."""
    text, out, at = record["text"], [], 0
    for chunk in text.split("\n\n"):
        start, end = at, at + len(chunk)
        at = end + 2
        if not chunk.strip():
            continue
        spans = {kind: [{**s, "start": s["start"] - start, "end": s["end"] - start}
                        for s in record[kind] if s["start"] >= start and s["end"] <= end]
                 for kind in ("entities", "dates", "facts")}
        out.append({"text": chunk, **spans})
    return out


def synthetic_records(base: list[dict], n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    pool = [p for record in base for p in paragraphs(record)]
    start = datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=7)))
    records = []
    for i in range(n):
        chosen = rng.sample(pool, rng.randint(3, 8))
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        quote = f"Ông {name}, {rng.choice(ROLES)}, cho biết kết quả trên phản ánh nỗ lực của cả hệ thống."
        parts, spans = [], {"entities": [], "dates": [], "facts": []}
        at = 0
        for p in chosen + [{"text": quote, "entities": [{"text": name, "label": "PER", "start": 4,
                                                          "end": 4 + len(name), "canonical": name}],
                            "dates": [], "facts": []}]:
            for kind, found in spans.items():
                found.extend({**s, "start": s["start"] + at, "end": s["end"] + at} for s in p[kind])
            parts.append(p["text"])
            at += len(p["text"]) + 2
        site = rng.choice(SITES)
        published = start + timedelta(minutes=rng.randrange(0, 546 * 24 * 60))
        source = rng.choice(base)
        records.append({
            **{k: v for k, v in source.items() if k not in ("entities", "dates", "facts", "text")},
            "url": f"https://{site}/bai-viet-{i}.html",
            "canonical_url": f"https://{site}/bai-viet-{i}.html",
            "site": site,
            "title": f"{source['title']} ({i})",
            "published_at": published.isoformat(timespec="seconds"),
            "text": "\n\n".join(parts),
            "warc": {"file": f"crawl-{i // 1000:03d}.warc.gz", "record_id": f"<urn:uuid:bench-{i}>",
                     "offset": i * 4096},
            **spans,
        })
    return records


def timed(fn, repeat: int) -> tuple[float, float, object]:
    """Median and max wall time (ms) over `repeat` runs, after one warm-up run."""
    result = fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--jsonl", type=Path, help="articles.jsonl to build from (default: run the demo)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="write the database here instead of a temporary folder")
    args = parser.parse_args()

    from vnnews.store.index import index_records, table_counts
    from vnnews.store.models import Filters
    from vnnews.store.schema import connect
    from vnnews.store.search import search

    records = synthetic_records(demo_records(args.jsonl), args.n)
    chars = sum(len(r["text"]) for r in records)
    print(f"{len(records)} synthetic records, {chars / 1e6:.1f} M characters of text, "
          f"{sum(len(r['entities']) for r in records)} entities, {sum(len(r['facts']) for r in records)} facts")

    db = args.keep or Path(tempfile.mkdtemp(prefix="vnnews-bench-")) / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = connect(db)
    t0 = time.perf_counter()
    stats = index_records(conn, records)
    index_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = index_records(conn, records)
    reindex_s = time.perf_counter() - t0
    print(f"index: {stats.inserted} inserted in {index_s:.1f} s ({stats.inserted / index_s:.0f} articles/s; "
          f"target < 60 s) -> {table_counts(conn)}; db {db.stat().st_size / 1e6:.0f} MB")
    print(f"re-index of the same records: {again.unchanged} unchanged in {reindex_s:.1f} s")

    print(f"\nsearch over {stats.inserted} articles, {args.repeat} runs each (ms; target median < 50):")
    print(f"{'query':<34} {'filters':<28} {'hits':>6} {'median':>8} {'max':>8} {'LIKE':>8} {'speed-up':>8}")
    worst = 0.0
    for query, filters in QUERIES:
        f = Filters(**filters)
        median, high, result = timed(lambda q=query, f=f: search(conn, q, f, limit=10), args.repeat)
        pattern = "%" + query.strip('"') + "%"
        like_median, _, _ = timed(lambda p=pattern: conn.execute(
            "SELECT id, title FROM articles WHERE text LIKE ?", (p,)).fetchall(), max(3, args.repeat // 4))
        worst = max(worst, median)
        label = ", ".join(f"{k}={v}" for k, v in filters.items())
        print(f"{query:<34} {label:<28} {result.total:>6} {median:>8.1f} {high:>8.1f} {like_median:>8.1f} "
              f"{like_median / median:>7.1f}x")
    ok = index_s < 60 and worst < 50
    print(f"\nworst median search {worst:.1f} ms; indexing {index_s:.1f} s: {'targets met' if ok else 'TARGET MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
