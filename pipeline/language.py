"""The spaCy document model of vnnews: one Vietnamese `Language`, extractors as components.

`doc.ents` holds entities, `doc.spans["dates"]` and `doc.spans["facts"]` the dates and
numeric facts; each span's `._.record` is the typed record (`Entity`, `DateMention`,
`Fact`) and `._.value` its normalised value. Rules and trained models plug in as
further components with the same interface.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .article import DateMention, Entity, Fact
from .entities import crf
from .entities import model as entity_model
from .entities.rules import find_entities
from .entities.view import as_tokens
from .quantities.facts import find_facts
from .temporal.dates import find_dates
from .text.tokenizer import SENTENCES_KEY, TEXT_KEY, WORDS_KEY, UndertheseaTokenizer

# doc.user_data keys: the typed records behind doc.ents and each span group, in order. spaCy keys a
# span's `._.record` by its character offsets alone, so a date and an entity over the same
# characters would share one; the components read these lists instead.
ENTITIES_KEY = "vnnews_entities"
DATES_KEY = "vnnews_dates"
FACTS_KEY = "vnnews_facts"

for _name in ("record", "value"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension("reference_time"):
    Doc.set_extension("reference_time", default=None)


def _span(doc: Doc, start: int, end: int, label: str, record: object, value: object) -> Span | None:
    # "expand" keeps a mention that starts or ends inside a multi-syllable token.
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None:
        return None
    span._.record = record
    span._.value = value
    return span


def _text(doc: Doc) -> str:
    return doc.user_data.get(TEXT_KEY) or doc.text


def _group_records(doc: Doc, key: str, group: str) -> list:
    if key in doc.user_data:
        return doc.user_data[key]
    return [s._.record for s in doc.spans.get(group, []) if s._.record is not None]


def _set_group(doc: Doc, group: str, key: str, label: str, records: list[DateMention] | list[Fact]) -> Doc:
    """Records as the span group `group` (each span's `._.record` and `._.value`) and, in order, as
    `doc.user_data[key]`: those whose characters map onto tokens."""
    spans, kept = [], []
    for record in records:
        span = _span(doc, record.start, record.end, label, record, record.value)
        if span is not None:
            spans.append(span)
            kept.append(record)
    doc.spans[group] = spans
    doc.user_data[key] = kept
    return doc


@Language.component("vnnews_dates")
def dates_component(doc: Doc) -> Doc:
    """Temporal expressions, resolved against `doc._.reference_time` when set."""
    reference: datetime | None = doc._.reference_time
    return _set_group(doc, "dates", DATES_KEY, "DATE", find_dates(_text(doc), reference))


class EntitiesComponent:
    """PER/ORG/LOC/MISC by organisation grammar, gazetteers and name structure; never over a date.

    With `use_crf` (on), underthesea's bundled CRF is asked about capitalised words no rule
    explained, in those sentences only. With `use_model` (off), the statistical model in
    models/ner adds ORG spans: on independent text it costs accuracy and speed (models/ner/CARD.md).
    """

    def __init__(self, use_model: bool = False, use_crf: bool = True) -> None:
        self.use_model = use_model
        self.use_crf = use_crf

    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        words = doc.user_data.get(WORDS_KEY)
        if words is None:  # a Doc made by another tokenizer
            words = [(t.idx, t.idx + len(t.text), t.tag_) for t in doc if not t.is_space]
        tokens = as_tokens(words)
        exclude = [(d.start, d.end) for d in _group_records(doc, DATES_KEY, "dates")]
        proposals = entity_model.predict(text) if self.use_model else []
        sentence_starts = doc.user_data.get(SENTENCES_KEY, [0])

        def tagger(positions: list[int]) -> list[tuple[int, int, str]]:
            return crf.document_spans(text, words, sentence_starts, only_at=positions)

        ents, records = [], []
        taken: set[int] = set()
        for entity in find_entities(text, tokens, exclude, proposals, tagger if self.use_crf else None):
            span = _span(doc, entity.start, entity.end, entity.label, entity, entity.canonical)
            if span is None or taken & set(range(span.start, span.end)):
                continue  # two mentions inside one token cannot both be doc.ents
            taken.update(range(span.start, span.end))
            ents.append(span)
            records.append(entity)
        doc.ents = ents
        doc.user_data[ENTITIES_KEY] = records
        return doc


@Language.factory("vnnews_entities", default_config={"use_model": False, "use_crf": True})
def make_entities_component(nlp: Language, name: str, use_model: bool, use_crf: bool) -> EntitiesComponent:
    """The entity component; `config={"use_model": True}` adds the project's model, `"use_crf": False`
    drops underthesea's CRF signal."""
    return EntitiesComponent(use_model, use_crf)


def _entity_records(doc: Doc) -> list[Entity]:
    # Reading doc.ents rebuilds the spans from the tokens: costly enough to matter per article.
    if ENTITIES_KEY in doc.user_data:
        return doc.user_data[ENTITIES_KEY]
    return [e._.record for e in doc.ents if e._.record is not None]


@Language.component("vnnews_facts")
def facts_component(doc: Doc) -> Doc:
    """Numeric facts; numbers inside dates or entity names are not facts."""
    dates = _group_records(doc, DATES_KEY, "dates")
    exclude = [(e.start, e.end) for e in _entity_records(doc)]
    return _set_group(doc, "facts", FACTS_KEY, "FACT", find_facts(_text(doc), dates, exclude))


DEFAULT_COMPONENTS = ("vnnews_dates", "vnnews_entities", "vnnews_facts")


def build_nlp(components: tuple[str, ...] = DEFAULT_COMPONENTS) -> Language:
    """A new Vietnamese `Language` with the underthesea tokenizer and the given components."""
    # spaCy's own Vietnamese tokenizer needs pyvi; ours replaces it right away.
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
    nlp.tokenizer = UndertheseaTokenizer(nlp.vocab)
    for name in components:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared default pipeline (built once per process)."""
    return build_nlp()


CHUNK_CHARS = 100_000  # spaCy refuses documents past nlp.max_length; long texts go through in pieces


def chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """(offset, piece) of `text` cut at paragraph, line or sentence ends into pieces of at most
    `size` characters (default `CHUNK_CHARS`)."""
    size = size or CHUNK_CHARS
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        end = start + (cut + 1 if cut > 0 else size)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _shifted(records: list, offset: int) -> list:
    if offset:
        for record in records:
            record.start += offset
            record.end += offset
    return records


def _run_piece(text: str, reference: datetime | None) -> tuple[list[Entity], list[DateMention], list[Fact]]:
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc._.reference_time = reference
    for _, component in nlp.pipeline:
        doc = component(doc)
    return _entity_records(doc), _group_records(doc, DATES_KEY, "dates"), _group_records(doc, FACTS_KEY, "facts")


def run(text: str, reference: datetime | None = None) -> tuple[list[Entity], list[DateMention], list[Fact]]:
    """Entities, dates and facts of `text`, as records with offsets into `text`.

    A text longer than `CHUNK_CHARS` is read piece by piece (mentions are linked within a piece).
    """
    entities: list[Entity] = []
    dates: list[DateMention] = []
    facts: list[Fact] = []
    for offset, piece in chunks(text):
        if not piece.strip():
            continue
        found = _run_piece(piece, reference)
        entities += _shifted(found[0], offset)
        dates += _shifted(found[1], offset)
        facts += _shifted(found[2], offset)
    return entities, dates, facts
