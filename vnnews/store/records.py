"""One line of articles.jsonl as the rows of the store (and back)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from pipeline.text.normalize import fold_diacritics, normalize_text

from .periods import period_bounds, published_date

# Record keys with a column (or a child table) of their own; any other key is kept in `extra`.
ARTICLE_COLUMNS = (
    "url", "canonical_url", "site", "title", "author", "published_at", "modified_at", "lead", "section", "language",
)
_KNOWN = set(ARTICLE_COLUMNS) | {
    "schema_version", "text", "is_article", "tags", "images", "extraction", "warc", "entities", "dates", "facts",
}


def search_key(text: str) -> str:
    """The form queries and names are matched in: NFC, one tone-mark convention, no diacritics, lower case."""
    return fold_diacritics(normalize_text(text)).strip()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _day(bounds: tuple | None, index: int) -> str | None:
    return bounds[index].isoformat() if bounds else None


def _sentence_span(text: str, sentence: str | None, start: int, end: int) -> tuple[int, int]:
    """Where the fact's sentence sits in the text; the whole text when it cannot be found."""
    if sentence:
        at = text.find(sentence, max(0, end - len(sentence)))
        if 0 <= at <= start and at + len(sentence) >= end:
            return at, at + len(sentence)
    return 0, len(text)


# Column order of the span rows built below (after article_id).
ENTITY_FIELDS = ("ord", "text", "label", "span_start", "span_end", "canonical", "title", "role", "name", "name_key")
DATE_FIELDS = ("ord", "text", "span_start", "span_end", "value", "kind", "grain", "date_start", "date_end")
FACT_FIELDS = ("ord", "text", "span_start", "span_end", "value", "unit", "quantity_of", "qualifier", "min", "max",
               "currency", "change", "date", "date_start", "date_end", "vague", "sentence", "sentence_start",
               "sentence_end")


@dataclass
class ArticleRows:
    """Everything the store keeps of one record."""

    doc_key: str
    record_hash: str
    article: dict[str, Any]
    entities: list[tuple] = field(default_factory=list)
    dates: list[tuple] = field(default_factory=list)
    facts: list[tuple] = field(default_factory=list)
    search: tuple[str, str, str, str] = ("", "", "", "")  # title, body, title_folded, body_folded


def doc_key(record: dict[str, Any]) -> str:
    """The identity of an article across re-indexing: canonical URL, else URL, else a content hash."""
    for key in ("canonical_url", "url"):
        if record.get(key):
            return record[key]
    digest = hashlib.sha256(f"{record.get('title') or ''}\n{record.get('text') or ''}".encode()).hexdigest()
    return f"sha256:{digest}"


def record_hash(record: dict[str, Any]) -> str:
    """Fingerprint of the whole record: equal means re-indexing it would change nothing."""
    return hashlib.sha256(_json(record).encode()).hexdigest()


def to_rows(record: dict[str, Any]) -> ArticleRows:
    """Split a contract record into the article row, its span rows and its full-text columns."""
    text = record.get("text") or ""
    warc = record.get("warc") if isinstance(record.get("warc"), dict) else None
    article = {key: record.get(key) for key in ARTICLE_COLUMNS}
    article.update(
        published_date=published_date(record.get("published_at")),
        is_article=1 if record.get("is_article", True) else 0,
        text=text,
        tags=_json(record.get("tags") or []),
        images=_json(record.get("images") or []),
        extraction=_json(record.get("extraction") or {}),
        extra=_json({k: v for k, v in record.items() if k not in _KNOWN}),
        schema_version=record.get("schema_version"),
        warc=_json(warc) if warc is not None else None,
        warc_file=(warc or {}).get("file"),
        warc_offset=(warc or {}).get("offset"),
        warc_record_id=(warc or {}).get("record_id"),
    )
    rows = ArticleRows(doc_key(record), record_hash(record), article)
    for ord_, e in enumerate(record.get("entities") or []):
        name = normalize_text(e.get("canonical") or e["text"])
        rows.entities.append((ord_, e["text"], e["label"], e["start"], e["end"], e.get("canonical"), e.get("title"),
                              e.get("role"), name, search_key(name)))
    for ord_, d in enumerate(record.get("dates") or []):
        bounds = period_bounds(d.get("value"))
        rows.dates.append((ord_, d["text"], d["start"], d["end"], d["value"], d.get("kind"), d.get("grain"),
                           _day(bounds, 0), _day(bounds, 1)))
    for ord_, f in enumerate(record.get("facts") or []):
        bounds = period_bounds(f.get("date"))
        sentence_start, sentence_end = _sentence_span(text, f.get("sentence"), f["start"], f["end"])
        change = f.get("change")
        rows.facts.append((ord_, f["text"], f["start"], f["end"], f.get("value"), f.get("unit"), f.get("quantity_of"),
                           f.get("qualifier"), f.get("min"), f.get("max"), f.get("currency"),
                           _json(change) if change is not None else None, f.get("date"), _day(bounds, 0),
                           _day(bounds, 1), 1 if f.get("vague") else 0, f.get("sentence"), sentence_start,
                           sentence_end))
    title, body = normalize_text(record.get("title") or ""), normalize_text(text)
    rows.search = (title, body, fold_diacritics(title), fold_diacritics(body))
    return rows


def from_rows(article: dict[str, Any], entities: list[dict], dates: list[dict], facts: list[dict]) -> dict[str, Any]:
    """The contract record rebuilt from the store, with the crawler's `warc` object when there was one."""
    record: dict[str, Any] = {"schema_version": article["schema_version"]}
    record.update({key: article[key] for key in ARTICLE_COLUMNS})
    record.update(
        text=article["text"],
        is_article=bool(article["is_article"]),
        tags=json.loads(article["tags"]),
        images=json.loads(article["images"]),
        extraction=json.loads(article["extraction"]),
        entities=[{"text": e["text"], "label": e["label"], "start": e["span_start"], "end": e["span_end"],
                   "canonical": e["canonical"], "title": e["title"], "role": e["role"]} for e in entities],
        dates=[{"text": d["text"], "start": d["span_start"], "end": d["span_end"], "value": d["value"],
                "kind": d["kind"], "grain": d["grain"]} for d in dates],
        facts=[{"text": f["text"], "start": f["span_start"], "end": f["span_end"], "value": f["value"],
                "unit": f["unit"], "quantity_of": f["quantity_of"], "qualifier": f["qualifier"], "min": f["min"],
                "max": f["max"], "currency": f["currency"],
                "change": json.loads(f["change"]) if f["change"] is not None else None, "date": f["date"],
                "vague": bool(f["vague"]), "sentence": f["sentence"]} for f in facts],
    )
    record.update(json.loads(article["extra"]))
    if article["warc"] is not None:
        record["warc"] = json.loads(article["warc"])
    return record
