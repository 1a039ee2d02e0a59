"""A spaCy tokenizer backed by underthesea: sentences, word segmentation and POS in one pass.

Each sentence is segmented once (underthesea `word_tokenize`) and its words are tagged
by underthesea's 2023 VLSP2013 CRF tagger (the fast `underthesea_core` model shipped in
the wheel) without segmenting again; tokens are aligned back to the exact characters of
the input so that every span offset points into the text the article outputs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

import underthesea.pipeline.pos_tag as _pos_package
from spacy.tokens import Doc
from spacy.vocab import Vocab
from underthesea import pos_tag, sent_tokenize, word_tokenize

_PARAGRAPH = re.compile(r"[^\n]+")
WORDS_KEY = "vnnews_words"  # doc.user_data key: (start, end, POS tag) of every non-space word
SENTENCES_KEY = "vnnews_sentences"  # doc.user_data key: index in WORDS_KEY of each sentence's first word
TEXT_KEY = "vnnews_text"  # doc.user_data key: the text itself (spaCy's doc.text re-joins every token per call)


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


@lru_cache(maxsize=1)
def _word_tagger() -> Callable[[list[str]], list[str]]:
    """POS tags for already segmented words (no second segmentation, unlike `pos_tag`)."""
    model_dir = Path(_pos_package.__file__).parent / "models" / "pos_crf_vlsp2013_20230303"
    if not model_dir.is_dir():  # another underthesea layout: fall back to its public API
        return lambda words: [tag for _, tag in pos_tag(" ".join(words))]
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

    tagger = FastCRFSequenceTagger()
    tagger.load(str(model_dir))
    # The model emits "B-N", "B-V" ...: one word per tag, prefix dropped.
    return lambda words: [tag[2:] for tag in tagger.predict([[w] for w in words])]


def tag_sentence(sentence: str) -> list[tuple[str, str]]:
    """Words of one sentence with their POS tags (underthesea tag set: N, Np, V, A, M, CH ...)."""
    words = word_tokenize(sentence)
    if not words:
        return []
    tags = _word_tagger()(words)
    if len(tags) != len(words):  # the fallback re-segmented differently
        return pos_tag(sentence)
    return list(zip(words, tags))


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
            tagged = tag_sentence(sentence)
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

        def add_gap(gap: str) -> None:
            # One plain space is the previous word's trailing space; any other whitespace
            # becomes a whitespace token, as spaCy does.
            if words and gap.startswith(" "):
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
                word_tags.append("_SP")
                sent_starts.append(len(words) == 1)

        cursor = 0
        for (start, end), tag, is_start in zip(offsets, tags, starts):
            add_gap(text[cursor:start])
            words.append(text[start:end])
            spaces.append(False)
            word_tags.append(tag)
            sent_starts.append(is_start)
            cursor = end
        add_gap(text[cursor:])
        doc = Doc(self.vocab, words=words, spaces=spaces, tags=word_tags, sent_starts=sent_starts)
        # Rule components read these plain tuples instead of creating a spaCy Token per word.
        doc.user_data[WORDS_KEY] = [(start, end, tag) for (start, end), tag in zip(offsets, tags)]
        doc.user_data[SENTENCES_KEY] = [i for i, is_start in enumerate(starts) if is_start]
        doc.user_data[TEXT_KEY] = text
        return doc

    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> "UndertheseaTokenizer":
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> "UndertheseaTokenizer":
        return self
