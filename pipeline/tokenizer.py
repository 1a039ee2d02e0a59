"""A spaCy tokenizer backed by underthesea: sentences, word segmentation and POS in one pass.

Each sentence is segmented and tagged once (underthesea `pos_tag` segments, then
tags); tokens are aligned back to the exact characters of the input so that
every span offset points into the text the article outputs.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab
from underthesea import pos_tag, sent_tokenize

_PARAGRAPH = re.compile(r"[^\n]+")


class AlignmentError(ValueError):
    """underthesea returned tokens that do not match the input text."""


def _align(words: list[str], text: str, pos: int) -> list[tuple[int, int]]:
    """Character offsets of each word in `text` from `pos`; syllables may be split by any whitespace."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    for word in words:
        chars = word.replace(" ", "")
        while pos < n and text[pos].isspace():
            pos += 1
        start = pos
        for ch in chars:
            while pos < n and text[pos].isspace():
                pos += 1
            if pos >= n:
                raise AlignmentError(f"token {word!r} runs past the end of the text")
            # underthesea keeps characters as they are for NFC input; count-based alignment
            # still holds if a future version normalises a character in place.
            pos += 1
        spans.append((start, pos))
    return spans


def segment(text: str) -> tuple[list[tuple[int, int]], list[str], list[bool]]:
    """Token offsets, POS tags and sentence starts for `text` (paragraphs split on newlines)."""
    offsets: list[tuple[int, int]] = []
    tags: list[str] = []
    starts: list[bool] = []
    for para in _PARAGRAPH.finditer(text):
        if not para.group(0).strip():
            continue
        pos = para.start()
        for sentence in sent_tokenize(para.group(0)):
            tagged = pos_tag(sentence)
            if not tagged:
                continue
            spans = _align([w for w, _ in tagged], text, pos)
            offsets.extend(spans)
            tags.extend(t for _, t in tagged)
            starts.extend([True] + [False] * (len(spans) - 1))
            pos = spans[-1][1]
    return offsets, tags, starts


class UndertheseaTokenizer:
    """spaCy tokenizer: words from underthesea, POS in `token.tag_`, sentences in `token.is_sent_start`."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        offsets, tags, starts = segment(text)
        words: list[str] = []
        spaces: list[bool] = []
        word_tags: list[str] = []
        sent_starts: list[bool] = []
        cursor = 0
        for (start, end), tag, is_start in zip(offsets, tags, starts):
            gap = text[cursor:start]
            if gap:
                if words and gap.startswith(" "):
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:  # other whitespace becomes a whitespace token, as spaCy does
                    words.append(gap)
                    spaces.append(False)
                    word_tags.append("_SP")
                    sent_starts.append(not words[:-1])
            words.append(text[start:end])
            spaces.append(False)
            word_tags.append(tag)
            sent_starts.append(is_start)
            cursor = end
        tail = text[cursor:]
        if tail:
            if words and tail.startswith(" "):
                spaces[-1] = True
                tail = tail[1:]
            if tail:
                words.append(tail)
                spaces.append(False)
                word_tags.append("_SP")
                sent_starts.append(not words[:-1])
        return Doc(self.vocab, words=words, spaces=spaces, tags=word_tags, sent_starts=sent_starts)

    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> "UndertheseaTokenizer":
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> "UndertheseaTokenizer":
        return self
