"""The SQLite file: connections and versioned migrations (`PRAGMA user_version`)."""

from __future__ import annotations

import functools
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class StoreError(Exception):
    """The database is missing, or was written by a newer vnnews."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@functools.cache  # the API checks the version on every request's connection
def migrations() -> tuple[Migration, ...]:
    """The bundled migration scripts `migrations/NNNN_name.sql`, in version order."""
    found = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"migration versions must run 1..n without gaps: {[m.name for m in found]}")
    return tuple(found)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the migrations newer than the file's user_version, each in its own transaction."""
    current = schema_version(conn)
    known = migrations()
    if current > len(known):
        raise StoreError(f"database schema v{current} is newer than this vnnews (v{len(known)}); upgrade vnnews")
    applied = []
    for migration in known[current:]:
        # executescript commits first; BEGIN..COMMIT makes the script and its version bump one unit.
        try:
            conn.executescript(f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;")
        except sqlite3.Error:
            if conn.in_transaction:  # a failed statement leaves the script's transaction open: undo it whole
                conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the store; a writable open creates the file and brings its schema up to date."""
    path = Path(path)
    if readonly:
        if not path.is_file():
            raise StoreError(f"no database at {path}; create it with `vnnews index OUT.jsonl --db {path}`")
        # check_same_thread=False: the API opens one connection per request, used by one thread at a time.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False,
                               isolation_level=None)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None)  # transactions are explicit (index.py)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    if readonly:
        version = schema_version(conn)
        if version != len(migrations()):
            conn.close()
            raise StoreError(f"database {path} has schema v{version}, this vnnews needs v{len(migrations())}; "
                             f"run `vnnews index --db {path}` to migrate it")
    else:
        conn.execute("PRAGMA journal_mode = WAL")  # readers (the API) are not blocked while indexing
        migrate(conn)
    return conn
