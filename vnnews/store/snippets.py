"""Snippets with the diacritics the article was written with, from hits found in its folded copy."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.text.normalize import fold_diacritics

OPEN, CLOSE = "\x02", "\x03"  # markers handed to FTS5 highlight(); absent from normalised text


@dataclass
class Snippet:
    text: str
    highlights: list[tuple[int, int]]


def marked_spans(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Text without the markers, and the [start, end) of each marked run."""
    out, spans, start = [], [], None
    length = 0
    for ch in marked:
        if ch == OPEN:
            start = length
        elif ch == CLOSE and start is not None:
            spans.append((start, length))
            start = None
        else:
            out.append(ch)
            length += 1
    return "".join(out), spans


def _offset_map(original: str, folded: str) -> list[int] | None:
    """folded index -> original index (with a final end entry); None when folding is not char-by-char."""
    if len(original) == len(folded):
        return None  # the usual case: precomposed Vietnamese letters fold one to one
    mapping = []
    for i, ch in enumerate(original):
        mapping.extend([i] * len(fold_diacritics(ch)))
    mapping.append(len(original))
    return mapping if len(mapping) == len(folded) + 1 else []


def _window(spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """The window of `width` chars, starting at a hit, with the most weight of hits.

    A hit weighs its length squared: FTS5 marks a matched phrase ("Nguyễn Văn Phát") as one run,
    which should beat a window of scattered single words ("vấn" also folds to "van").
    """
    best, best_weight = spans[0][0], -1
    for start, _ in spans:
        weight = sum((e - s) ** 2 for s, e in spans if s >= start and e <= start + width)
        if weight > best_weight:
            best, best_weight = start, weight
    return best, best + width


def build(original: str, marked_folded: str, width: int = 240) -> Snippet:
    """A `width`-char window of `original` around the densest run of hits, cut at spaces."""
    folded, spans = marked_spans(marked_folded)
    mapping = _offset_map(original, folded)
    source = original
    if mapping == []:  # folding changed the text's shape in a way we cannot map: show the folded text
        source, mapping = folded, None
    if mapping is not None:
        spans = [(mapping[s], mapping[e]) for s, e in spans]
    if not spans:
        start, end = 0, min(len(source), width)
    else:
        first, _ = _window(spans, width)
        start = max(0, first - width // 4)
        end = min(len(source), start + width)
    if start > 0:
        space = source.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    if end < len(source):
        space = source.rfind(" ", end - 30, end)
        end = space if space > start else end
    text = source[start:end].replace("\n", " ")
    highlights = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(source) else "")
    highlights = [(s + len(prefix), e + len(prefix)) for s, e in highlights]
    return Snippet(prefix + text + suffix, highlights)
