"""Syllable tokens: the unit the statistical entity model reads.

Vietnamese names are written syllable by syllable; splitting at spaces and punctuation
(not at underthesea's word boundaries) keeps names that the segmenter glued to a
neighbour ("tập kích Iran") reachable by the model.
"""

from __future__ import annotations

import re

_SYLLABLE = re.compile(r"\w+(?:[.&'’-]\w+)*\.?|[^\w\s]", re.UNICODE)


def syllables(text: str) -> list[tuple[int, int]]:
    """(start, end) of every syllable and punctuation mark of the text."""
    spans = []
    for m in _SYLLABLE.finditer(text):
        start, end = m.span()
        # A sentence-final period is punctuation, not part of the word ("TP.HCM." -> "TP.HCM", ".").
        if end - start > 1 and text[end - 1] == "." and (end == len(text) or text[end].isspace()) \
                and not re.fullmatch(r"[A-ZĐa-zđ]{1,4}\.(?:[A-ZĐa-zđ]{1,4}\.)*", text[start:end]):
            spans.append((start, end - 1))
            spans.append((end - 1, end))
        else:
            spans.append((start, end))
    return spans
