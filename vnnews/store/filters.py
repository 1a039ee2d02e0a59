"""Filters as SQL: one WHERE fragment over `articles a`, shared by every read query."""

from __future__ import annotations

from typing import Any

from .models import Filters
from .records import search_key


def where(filters: Filters, alias: str = "a") -> tuple[str, dict[str, Any]]:
    """`AND ...` conditions (or "") and their named parameters."""
    clauses, params = [], {}
    if filters.site:
        clauses.append(f"{alias}.site = :site")
        params["site"] = filters.site
    if filters.date_from:
        clauses.append(f"{alias}.published_date >= :date_from")
        params["date_from"] = filters.date_from.isoformat()
    if filters.date_to:
        clauses.append(f"{alias}.published_date <= :date_to")
        params["date_to"] = filters.date_to.isoformat()
    if filters.entity:
        clauses.append("EXISTS (SELECT 1 FROM entities fe "
                       f"WHERE fe.name_key = :entity_key AND fe.article_id = {alias}.id)")
        params["entity_key"] = search_key(filters.entity)
    return "".join(f" AND {c}" for c in clauses), params
