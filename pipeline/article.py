"""Typed records that flow out of the pipeline and their JSON form (the contract)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"


@dataclass
class Entity:
    """A named entity: `text == article.text[start:end]`."""

    text: str
    label: str  # PER, ORG, LOC or MISC
    start: int
    end: int
    canonical: str | None = None  # the name shared by all mentions of one entity
    title: str | None = None  # "TS.", "ông", "Thượng tá" ... when the text gives one
    role: str | None = None  # "Chủ tịch Liên hiệp hội" ... when the text gives one


@dataclass
class DateMention:
    """A temporal expression with its normalised value (ISO-style)."""

    text: str
    start: int
    end: int
    value: str  # "2021-06-22", "2021-06", "2021", "2021-Q2", "2021-H1", "2020/2025", "2026-05-23T15:00+07:00"
    kind: str = "date"  # date, time, period, range, duration, relative
    grain: str = "day"  # minute, hour, day, week, month, quarter, half, year


@dataclass
class Fact:
    """A numeric fact: a number, its unit and what it counts or measures."""

    text: str
    start: int
    end: int
    value: float | None  # None only for ranges (see min/max); a vague amount gives its order of magnitude
    unit: str | None = None
    quantity_of: str | None = None  # the thing counted or measured
    qualifier: str | None = None  # hơn, trên, gần, khoảng, tối đa, ít nhất ...
    min: float | None = None
    max: float | None = None
    currency: str | None = None  # VND or USD for money
    # keys: direction (increase/decrease), by, from, to, compared_with; e.g. "tăng 114 ... so với năm 2020"
    change: dict[str, Any] | None = None
    date: str | None = None  # value of a date in the same sentence, when the fact is dated
    vague: bool = False  # "hàng chục", "hàng ngàn": an order of magnitude, not a count
    sentence: str | None = None


@dataclass
class Article:
    """One processed page or text: clean text, metadata and the spans found in it."""

    text: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    author: str | None = None  # the person or people, ", "-separated
    author_source: str | None = None  # the agency or outlet the byline names ("TTXVN")
    author_note: str | None = None  # "tổng hợp", "theo <outlet>", "pv"
    published_at: str | None = None
    modified_at: str | None = None
    lead: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    language: str = "vi"
    is_article: bool = True
    images: list[dict[str, str | None]] = field(default_factory=list)  # src + caption, set aside from text
    extraction: dict[str, Any] = field(default_factory=dict)  # layer used, metadata sources, warnings
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the contract (schema `pipeline/schema/article.schema.json`)."""
        data = asdict(self)
        return {"schema_version": SCHEMA_VERSION, **data}

    def to_json(self, indent: int | None = 2) -> str:
        """UTF-8-friendly JSON: Vietnamese stays readable, never `\\uXXXX`."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
