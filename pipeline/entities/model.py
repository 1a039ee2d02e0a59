"""The statistical entity model (spaCy, trained by `models/ner/train_ner.py`) as one signal.

It reads syllable tokens and proposes PER/ORG/LOC/MISC spans; `entities.find_entities`
keeps a model span only where no rule found anything, so the transparent rules decide
and the model adds names the rules have no pattern for.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.article import Entity
from pipeline.resources import models_dir
from pipeline.text.syllables import syllables

MODEL_DIR = "ner/model"


@lru_cache(maxsize=1)
def _load():
    import spacy

    path = models_dir() / MODEL_DIR
    if not (path / "meta.json").exists():
        return None  # the rules work alone when no model is installed
    return spacy.load(path)


def model_doc(nlp, text: str):
    """A spaCy Doc of the text's syllables for the model's vocabulary."""
    from spacy.tokens import Doc

    spans = syllables(text)
    words = [text[s:e] for s, e in spans]
    spaces = [end < len(text) and text[end].isspace() and (i + 1 == len(spans) or spans[i + 1][0] > end)
              for i, (_, end) in enumerate(spans)]
    return Doc(nlp.vocab, words=words, spaces=spaces), spans


def predict(text: str) -> list[Entity]:
    """Entity spans the model proposes for the text (character offsets into `text`)."""
    nlp = _load()
    if nlp is None or not text.strip():
        return []
    doc, spans = model_doc(nlp, text)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [Entity(text[spans[e.start][0]:spans[e.end - 1][1]], e.label_, spans[e.start][0], spans[e.end - 1][1])
            for e in doc.ents]


def available() -> bool:
    """True when a trained model is installed under models/ner/model."""
    return _load() is not None
