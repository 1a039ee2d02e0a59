"""Time per page on a very large page: a real article page grown to about 10 MB.

Usage:  python benchmarks/bench_large_page.py [--mb 10] [--repeat 3]

Real pages grow that large from repeated chrome (teaser lists, menus) and inline state data,
not from their article; the page here is the bundled VnExpress article with 40 copies of a
real listing page's body as side columns and a framework state script of 20,000 items.
Prints vnnews's page stage (decode, metadata, chrome stripping, body) and the whole
`process_html` against trafilatura on the same page in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def large_page(megabytes: float) -> bytes:
    """The sample article with listing bodies and a state script appended until it weighs `megabytes`."""
    page = (ROOT / "vnnews" / "samples" / "vnexpress.html").read_text("utf-8")
    listing = (ROOT / "tests" / "data" / "listing" / "vnexpress_list.html").read_text("utf-8")
    body = listing[listing.find("<body"):listing.rfind("</body>")]
    side = '<div class="sidebar">' + body[body.find(">") + 1:] + "</div>"
    state = json.dumps({"items": [{"title": f"Tin {i}", "sapo": "Nội dung tóm tắt " * 20} for i in range(20000)]},
                       ensure_ascii=False)
    script = f'<script id="__NEXT_DATA__" type="application/json">{state}</script>'
    copies = max(0, int((megabytes * 1e6 - len(page.encode()) - len(script.encode())) / len(side.encode())))
    return page.replace("</body>", side * copies + script + "</body>").encode("utf-8")


def _median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    import trafilatura

    from pipeline import process_html
    from pipeline.page.parse import parse_page

    data = large_page(args.mb)
    process_html(data)  # warm-up: models and caches load once per process
    page = parse_page(data)
    stage = _median_seconds(lambda: parse_page(data), args.repeat)
    whole = _median_seconds(lambda: process_html(data), args.repeat)
    baseline = _median_seconds(lambda: trafilatura.extract(data), args.repeat)
    print(f"page: {len(data) / 1e6:.1f} MB, article {page.is_article}, {len(page.text)} characters of text")
    print(f"vnnews page stage   {stage:6.2f} s  ({stage / baseline:.2f}x trafilatura's)")
    print(f"vnnews process_html {whole:6.2f} s  ({whole / baseline:.2f}x trafilatura's)")
    print(f"trafilatura         {baseline:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
