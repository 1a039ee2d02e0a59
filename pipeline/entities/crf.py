"""underthesea's bundled CRF NER (2017) as one cheap signal, run on words we already tagged.

`underthesea.ner` segments, POS-tags and chunks the sentence again and builds its CRF
features in pure Python (about 10 ms a sentence). The model's features read only the word
and its POS tag, so we feed it the words and tags the tokenizer already produced and build
the same features with underthesea_core's Rust featurizer: the same tags for a fraction
of the cost. Nothing is downloaded: the model file ships inside the underthesea wheel.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

_ISTITLE = ".istitle"


def _python_istitle(word: str) -> str:
    # The model was trained with this Python test; the Rust featurizer calls "," and "123"
    # titles, so those words' features are rewritten to give the model what it learned on.
    return str(all(part[:1].istitle() for part in word.split(" ")) if word else False)


@lru_cache(maxsize=1)
def _tagger() -> Callable[[list[tuple[str, str]]], list[str]] | None:
    try:
        import underthesea.pipeline.ner as ner_package
        from underthesea_core import CRFFeaturizer, CRFTagger
    except ImportError:
        return None
    model_path = Path(ner_package.__file__).parent / "ner_crf_2017_10_12.bin"
    if not model_path.is_file():
        return None
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor

    template = CRFNERPredictor.Instance().transformer.template
    # Feature i of a word comes from template entry i (one feature each, BOS/EOS included).
    title_slots = [(int(t[2:t.index("]")]), n) for n, t in enumerate(template) if t.endswith(_ISTITLE)]
    featurizer = CRFFeaturizer(template, set())
    model = CRFTagger()
    model.load(str(model_path))

    def tag(words: list[tuple[str, str]]) -> list[str]:
        # Columns as in underthesea.ner: word, POS, chunk (unused by the features), label slot.
        features = featurizer.process([[[word, pos, "O", "X"] for word, pos in words]])[0]
        n = len(words)
        for j, (word, _) in enumerate(words):
            value = _python_istitle(word)
            if value == "True" or all(part[:1].islower() for part in word.split(" ")):
                continue  # the two featurizers agree on titles and on lowercase words
            for k, slot in title_slots:
                i = j - k
                if 0 <= i < n:
                    features[i][slot] = f"T[{k}].istitle={value}"
        return model.tag(features)

    return tag


def bio_tags(words: list[tuple[str, str]]) -> list[str]:
    """BIO tags (B-PER, I-LOC, O ...) for one sentence of (word, POS) pairs; all "O" without the model."""
    tagger = _tagger()
    if tagger is None or not words:
        return ["O"] * len(words)
    # underthesea_core's featurizer panics on an empty word; the tokenizer never makes one, but be safe.
    return tagger([(word if word.strip() else "_", pos) for word, pos in words])


def spans(offsets: list[tuple[int, int]], tags: list[str]) -> list[tuple[int, int, str]]:
    """Character spans (start, end, label) of BIO tags over words at `offsets`."""
    out: list[tuple[int, int, str]] = []
    current: list | None = None
    for (start, end), tag in zip(offsets, tags):
        if tag.startswith("I-") and current is not None and current[2] == tag[2:]:
            current[1] = end
            continue
        if current:
            out.append(tuple(current))
        current = [start, end, tag[2:]] if tag[:2] in ("B-", "I-") else None
    if current:
        out.append(tuple(current))
    return out


def document_spans(text: str, words: list[tuple[int, int, str]], sentence_starts: list[int],
                   only_at: Iterable[int] | None = None) -> list[tuple[int, int, str]]:
    """CRF entity spans of a whole text, tagged sentence by sentence over the tokenizer's words.

    `words` are (start, end, POS) offsets into `text`; `sentence_starts` index each sentence's first
    word. With `only_at` (character offsets), only the sentences holding one of them are tagged.
    """
    out: list[tuple[int, int, str]] = []
    bounds = list(sentence_starts or [0]) + [len(words)]
    wanted = sorted(only_at) if only_at is not None else None
    k = 0
    for first, stop in zip(bounds, bounds[1:]):
        sentence = words[first:stop]
        if not sentence:
            continue
        if wanted is not None:
            while k < len(wanted) and wanted[k] < sentence[0][0]:
                k += 1
            if k == len(wanted) or wanted[k] >= sentence[-1][1]:
                continue  # nothing in this sentence needs the CRF
        tags = bio_tags([(text[start:end], pos) for start, end, pos in sentence])
        out.extend(spans([(start, end) for start, end, _ in sentence], tags))
    return out
