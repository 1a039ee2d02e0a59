"""Where the project's models and resources live (the repository's `models/` folder)."""

from __future__ import annotations

import os
from pathlib import Path

import vnnews_models


def models_dir() -> Path:
    """The models folder: `$VNNEWS_MODELS` if set, else the installed `models/` package."""
    override = os.environ.get("VNNEWS_MODELS")
    return Path(override) if override else Path(vnnews_models.__file__).parent


def resource_path(relative: str) -> Path:
    """Path of one resource under the models folder; raises FileNotFoundError with a hint."""
    path = models_dir() / relative
    if not path.exists():
        raise FileNotFoundError(f"model resource {relative!r} not found under {models_dir()}; reinstall vnnews "
                                "(pip install -e .) or set VNNEWS_MODELS to the repository's models/ folder")
    return path
