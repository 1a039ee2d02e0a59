"""Append-only JSON Lines files that survive a killed process (fsync per line, truncate to committed)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


class AppendLog:
    """One JSON object per line, UTF-8, Vietnamese kept as characters."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, record: dict[str, Any]) -> int:
        """Write one line durably; returns the file's new length (to record as committed)."""
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One write of a whole line: a crash leaves at most a partial last
        # line, which truncate_to removes on restart.
        with open(self.path, "ab") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
            return handle.tell()

    def truncate_to(self, committed: int) -> bool:
        """Cut the file back to `committed` bytes (creating it if missing); True if something was cut."""
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.touch()
            return False
        if self.path.stat().st_size <= committed:
            return False
        with open(self.path, "r+b") as handle:
            handle.truncate(committed)
            handle.flush()
            os.fsync(handle.fileno())
        return True
