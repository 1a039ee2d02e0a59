"""Main-text extraction quality and speed: vnnews against trafilatura and readability-lxml.

Usage:  python benchmarks/eval_extraction.py [--gold benchmarks/gold/extraction] [--repeat 5] [--json out.json]

For every page with a gold text (`NAME.txt`, paragraphs separated by blank lines) and gold
metadata (`NAME.meta.json`), each system extracts the main text from the same HTML in the
same run; we print word-level precision/recall/F1 (bag of lower-cased words) per page and
macro-averaged, the median time per page, chrome phrases leaking into the output, and
metadata correctness. Needs the `eval` extra: pip install -e '.[eval]'.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "vnnews" / "samples"
DEFAULT_GOLD = ROOT / "benchmarks" / "gold" / "extraction"
# Phrases of page chrome that must never reach the text (the seed list).
CHROME_PHRASES = ("Xem thêm", "Tin liên quan", "Bình luận", "Đang online", "Đã truy cập", "Bản quyền",
                  "Giấy phép", "Chịu trách nhiệm", "Đường dây nóng", "Thống kê truy cập", "Liên kết website")
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> Counter[str]:
    """Bag of lower-cased words; punctuation ignored; NFC and one tone-mark convention on both sides."""
    from pipeline.text.normalize import normalize_text

    return Counter(_WORD.findall(normalize_text(text).lower()))


@dataclass
class Score:
    precision: float
    recall: float
    f1: float


def score(predicted: str, gold: str) -> Score:
    """Word-level precision, recall and F1 of a predicted text against the gold text."""
    p, g = words(predicted), words(gold)
    overlap = sum((p & g).values())
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def _vnnews(use_profiles: bool) -> Callable[[bytes, str | None], str]:
    from pipeline.page.parse import parse_page

    def run(html: bytes, url: str | None) -> str:
        return parse_page(html, url=url, use_profiles=use_profiles).text

    return run


def _trafilatura(html: bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False, include_tables=True) or ""


def _readability(html: bytes, url: str | None) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    root = lxml.html.fromstring(summary)
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "tr", "br"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


SYSTEMS: dict[str, Callable[[], Callable[[bytes, str | None], str]]] = {
    "vnnews": lambda: _vnnews(True),
    "vnnews-generic": lambda: _vnnews(False),
    "trafilatura": lambda: _trafilatura,
    "readability": lambda: _readability,
}
BASELINES = ("trafilatura", "readability")


def _timed(fn: Callable[[bytes, str | None], str], html: bytes, url: str | None, repeat: int) -> tuple[str, float]:
    fn(html, url)  # warm-up: imports and caches are not per-page costs
    times = []
    out = ""
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(html, url)
        times.append(time.perf_counter() - start)
    return out, statistics.median(times)


def _same_time(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b
    return datetime.fromisoformat(a) == datetime.fromisoformat(b)


def _metadata_errors(name: str, html: bytes, url: str | None, gold: dict) -> list[str]:
    from pipeline.page.parse import parse_page

    page = parse_page(html, url=url)
    errors = []
    if page.title != gold.get("title"):
        errors.append(f"{name}: title {page.title!r} != {gold.get('title')!r}")
    if (page.author or None) != gold.get("author"):
        errors.append(f"{name}: author {page.author!r} != {gold.get('author')!r}")
    if not _same_time(page.published_at, gold.get("published_at")):
        errors.append(f"{name}: published_at {page.published_at!r} != {gold.get('published_at')!r}")
    return errors


def _known_url(page: str) -> str | None:
    expected = ROOT / "tests" / "data" / "expected" / f"{page}.expected.json"
    if expected.exists():
        return json.loads(expected.read_text("utf-8"))["url"]
    return "http://tusta.org.vn/tin-tuc/hoi-nghi-ban-thuong-vu" if page == "tusta-seed" else None


def evaluate(gold_dir: Path = DEFAULT_GOLD, repeat: int = 5) -> dict:
    """Scores, times and leaks per page and system, plus macro averages."""
    pages = sorted(p.stem for p in gold_dir.glob("*.txt"))
    systems = {name: make() for name, make in SYSTEMS.items()}
    rows: dict[str, dict[str, dict]] = {}
    metadata_errors: list[str] = []
    for page in pages:
        html = (SAMPLES / f"{page}.html").read_bytes()
        meta = json.loads((gold_dir / f"{page}.meta.json").read_text("utf-8"))
        url = meta.get("url") or _known_url(page)
        gold = (gold_dir / f"{page}.txt").read_text("utf-8")
        rows[page] = {}
        for name, fn in systems.items():
            text, seconds = _timed(fn, html, url, repeat)
            s = score(text, gold)
            leaks = [p for p in CHROME_PHRASES if p in text and p not in gold]
            rows[page][name] = {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                                "ms": seconds * 1000, "chrome_leaks": leaks}
        metadata_errors += _metadata_errors(page, html, url, meta)
    macro = {
        name: {k: statistics.mean(rows[p][name][k] for p in pages) for k in ("precision", "recall", "f1", "ms")}
        for name in systems
    }
    return {"pages": rows, "macro": macro, "metadata_errors": metadata_errors}


def _print(report: dict) -> None:
    names = list(SYSTEMS)
    print(f"{'page':<14}" + "".join(f"{n:>24}" for n in names))
    for page, by_system in report["pages"].items():
        cells = [f"F1 {r['f1']:.3f} {r['ms']:6.1f}ms" for r in (by_system[n] for n in names)]
        print(f"{page:<14}" + "".join(f"{c:>24}" for c in cells))
    macro = report["macro"]
    cells = [f"F1 {macro[n]['f1']:.3f} {macro[n]['ms']:6.1f}ms" for n in names]
    print(f"{'macro':<14}" + "".join(f"{c:>24}" for c in cells))
    print(f"{'  precision':<14}" + "".join(f"{macro[n]['precision']:>24.3f}" for n in names))
    print(f"{'  recall':<14}" + "".join(f"{macro[n]['recall']:>24.3f}" for n in names))
    best = max(BASELINES, key=lambda b: macro[b]["f1"])
    print(f"\nbest baseline: {best} (macro F1 {macro[best]['f1']:.3f})")
    for name in ("vnnews", "vnnews-generic"):
        print(f"{name}: macro F1 {macro[name]['f1']:.3f} ({macro[name]['f1'] - macro[best]['f1']:+.3f} vs {best}); "
              f"time per page {macro[name]['ms'] / macro['trafilatura']['ms']:.2f}x trafilatura's")
    for page, r in report["pages"].items():
        stumbled = [b for b in BASELINES if r[b]["f1"] < 0.97]
        if stumbled:
            generic = r["vnnews-generic"]["f1"]
            print(f"  a baseline stumbles on {page}: " + ", ".join(f"{b} {r[b]['f1']:.3f}" for b in BASELINES)
                  + f"; vnnews-generic {generic:.3f} ("
                  + ", ".join(f"{generic - r[b]['f1']:+.3f} vs {b}" for b in stumbled) + ")")
    leaks = {(p, n): r[n]["chrome_leaks"] for p, r in report["pages"].items() for n in ("vnnews", "vnnews-generic")
             if r[n]["chrome_leaks"]}
    print(f"chrome phrases in vnnews output: {leaks or 'none'}")
    print(f"metadata errors: {report['metadata_errors'] or 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the full report here")
    args = parser.parse_args(argv)
    report = evaluate(args.gold, args.repeat)
    _print(report)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
