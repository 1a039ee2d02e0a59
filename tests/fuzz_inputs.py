"""Hostile page inputs for the fuzz tests: real pages cut and corrupted, tag soup, odd encodings.

Plain functions of a `random.Random`, so that hypothesis can drive them (and shrink the seed)
and the CLI test can write the same kinds of input to files.
"""

from __future__ import annotations

import codecs
import random

from conftest import SAMPLES

PAGES = [p.read_bytes() for p in sorted(SAMPLES.glob("*.html"))]
CONTROL = [bytes([c]) for c in (*range(0, 9), 11, 12, *range(14, 32), 127)]
TAGS = ["div", "p", "span", "table", "tr", "td", "form", "font", "article", "section", "h1", "h2", "li", "ul",
        "a", "b", "br", "script", "style", "noscript", "iframe", "main", "center", "template", "svg"]
WORDS = ("Hội nghị Ban Thường vụ tỉnh Thanh Hóa ngày 22/6/2021 có 23.628 người tăng 1,5% so với năm 2020 "
         "UBND huyện Yên Thành Đang online: 10 Hôm nay: 138 Giấy phép số 04/GP-TTĐT Không tìm thấy trang").split()
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp1258", "latin-1"]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def tag_soup(rng: random.Random, depth: int = 0) -> str:
    """Random nested markup with Vietnamese words, unclosed and stray tags."""
    parts = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.35 or depth > 6:
            parts.append(_text(rng, rng.randint(1, 40)))
        elif roll < 0.85:
            tag = rng.choice(TAGS)
            attrs = rng.choice(["", ' class="content"', ' id="aspnetForm"', ' class="footer"', ' style="display:none"',
                                ' itemprop="articleBody"', ' class="noidung"'])
            close = "" if rng.random() < 0.15 else f"</{tag}>"
            parts.append(f"<{tag}{attrs}>{tag_soup(rng, depth + 1)}{close}")
        else:
            parts.append(rng.choice(["</div>", "<br/>", "&nbsp;", "&#xE1;", "&bogus;", "<!--", "-->", "<![CDATA[",
                                     "<?xml version='1.0' encoding='utf-8'?>", "\x00", "\x0b", "\ufffe", "<"]))
    return "".join(parts)


def corrupt(data: bytes, rng: random.Random) -> bytes:
    """A slice of `data` with bytes inserted, deleted, repeated or flipped."""
    if rng.random() < 0.9:  # whole pages are fewer: each costs a full NLP pass
        start = rng.randrange(len(data))
        data = data[start:start + rng.randint(200, 8000)]
    out = bytearray(data)
    for _ in range(rng.randint(0, 8)):
        position = rng.randrange(len(out) + 1)
        roll = rng.random()
        if roll < 0.3:
            out[position:position] = rng.choice(CONTROL) * rng.randint(1, 3)
        elif roll < 0.5 and out:
            del out[position:position + rng.randint(1, 200)]
        elif roll < 0.65:
            out[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 12)))
        elif roll < 0.8:
            out[position:position] = out[position:position + rng.randint(1, 400)]
        else:
            out[position:position] = ("<div>" * rng.randint(50, 3000)).encode()
    return bytes(out)


def reencode(data: bytes, rng: random.Random) -> bytes:
    """The page in another encoding, with or without a BOM, sometimes with a lying <meta charset>."""
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(ENCODINGS)
    encoded = text.encode(encoding, errors="replace")
    if rng.random() < 0.3 and encoding in ("utf-16-be", "utf-32"):
        encoded = (codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b"") + encoded
    return encoded


def hostile_page(rng: random.Random) -> bytes | str:
    """One hostile input: a corrupted real page, tag soup, or random bytes; bytes or str."""
    roll = rng.random()
    if roll < 0.55:
        data = corrupt(rng.choice(PAGES), rng)
    elif roll < 0.9:
        data = ("<html><body>" + tag_soup(rng) + "</body></html>").encode("utf-8", errors="surrogatepass")
    else:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 3000)))
    if rng.random() < 0.25:
        data = reencode(data, rng)
    if rng.random() < 0.2:
        return data.decode("utf-8", errors="replace")
    return data
