"""Export file formats (kept apart from export.py so the CLI can list them without importing pyarrow)."""

from enum import Enum


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
