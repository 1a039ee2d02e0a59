"""Tidy tables for BI tools: articles, entities, dates and facts as Parquet or CSV."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .formats import ExportFormat

STR, INT, FLOAT, BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()

# One row per article / mention / fact; `article_id` joins them. Types are fixed so that an empty
# table still has a schema a BI tool can read. change{} is flattened into columns (tidy: one value per cell).
TABLES: dict[str, tuple[str, list[tuple[str, pa.DataType, str]]]] = {
    "articles": ("SELECT * FROM articles ORDER BY id", [
        ("id", INT, "id"), ("url", STR, "url"), ("canonical_url", STR, "canonical_url"), ("site", STR, "site"),
        ("title", STR, "title"), ("author", STR, "author"), ("published_at", STR, "published_at"),
        ("published_date", pa.date32(), "published_date"), ("modified_at", STR, "modified_at"), ("lead", STR, "lead"),
        ("section", STR, "section"), ("language", STR, "language"), ("n_chars", INT, "length(text)"),
        ("text", STR, "text"),
        ("warc_file", STR, "warc_file"), ("warc_offset", INT, "warc_offset"), ("warc_record_id", STR, "warc_record_id"),
        ("indexed_at", STR, "indexed_at"),
    ]),
    "entities": ("SELECT * FROM entities ORDER BY article_id, ord", [
        ("article_id", INT, "article_id"), ("ord", INT, "ord"), ("text", STR, "text"), ("label", STR, "label"),
        ("start", INT, "span_start"), ("end", INT, "span_end"), ("name", STR, "name"), ("canonical", STR, "canonical"),
        ("title", STR, "title"), ("role", STR, "role"),
    ]),
    "dates": ("SELECT * FROM dates ORDER BY article_id, ord", [
        ("article_id", INT, "article_id"), ("ord", INT, "ord"), ("text", STR, "text"), ("start", INT, "span_start"),
        ("end", INT, "span_end"), ("value", STR, "value"), ("kind", STR, "kind"), ("grain", STR, "grain"),
        ("date_start", pa.date32(), "date_start"), ("date_end", pa.date32(), "date_end"),
    ]),
    "facts": ("SELECT * FROM facts ORDER BY article_id, ord", [
        ("article_id", INT, "article_id"), ("ord", INT, "ord"), ("text", STR, "text"), ("start", INT, "span_start"),
        ("end", INT, "span_end"), ("value", FLOAT, "value"), ("unit", STR, "unit"), ("quantity_of", STR, "quantity_of"),
        ("qualifier", STR, "qualifier"), ("min", FLOAT, "min"), ("max", FLOAT, "max"), ("currency", STR, "currency"),
        ("change_direction", STR, "json_extract(change, '$.direction')"),
        ("change_by", FLOAT, "json_extract(change, '$.by')"), ("change_from", FLOAT, "json_extract(change, '$.from')"),
        ("change_to", FLOAT, "json_extract(change, '$.to')"),
        ("compared_with", STR, "json_extract(change, '$.compared_with')"), ("date", STR, "date"),
        ("date_start", pa.date32(), "date_start"), ("date_end", pa.date32(), "date_end"),
        ("vague", BOOL, "vague != 0"), ("sentence", STR, "sentence"),
    ]),
}


@dataclass
class ExportedTable:
    name: str
    path: Path
    rows: int


def _table(conn: sqlite3.Connection, name: str) -> pa.Table:
    source, columns = TABLES[name]
    select = ", ".join(f"{expr} AS \"{col}\"" for col, _, expr in columns)
    rows = conn.execute(f"SELECT {select} FROM ({source})").fetchall()
    schema = pa.schema([(col, typ) for col, typ, _ in columns])
    data = {col: [row[i] for row in rows] for i, (col, _, _) in enumerate(columns)}
    for col, typ, _ in columns:
        if typ == pa.date32():  # stored as ISO text; Arrow wants date objects
            data[col] = pa.array(data[col], pa.string()).cast(pa.date32())
        elif typ == BOOL:
            data[col] = [None if v is None else bool(v) for v in data[col]]
    return pa.Table.from_pydict(data, schema=schema)


def export(conn: sqlite3.Connection, out: Path, fmt: ExportFormat = ExportFormat.parquet) -> list[ExportedTable]:
    """Write one file per table into `out` (articles.parquet ... or articles.csv ...)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        table = _table(conn, name)
        path = out / f"{name}.{fmt.value}"
        tmp = path.with_name(path.name + ".tmp")  # a reader never sees half a file
        if fmt is ExportFormat.parquet:
            pq.write_table(table, tmp, compression="zstd")
        else:
            pa_csv.write_csv(table, tmp)
        tmp.replace(path)
        written.append(ExportedTable(name, path, table.num_rows))
    return written
