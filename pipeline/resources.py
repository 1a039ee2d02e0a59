"""Where the project's models and resources live (the repository's `models/` folder)."""

from __future__ import annotations

import os
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[1]


def models_dir() -> Path:
    """The models folder: `$VNNEWS_MODELS` if set, a source checkout's `models/`, else the installed copy.

    A checkout comes before the installed copy because an editable install copies `models/`
    into site-packages once; a model retrained in the checkout must be the one that loads.
    """
    override = os.environ.get("VNNEWS_MODELS")
    if override:
        return Path(override)
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "models" / "__init__.py").is_file():
        return _CHECKOUT / "models"
    import vnnews_models  # the wheel ships `models/` under this name

    return Path(vnnews_models.__file__).parent


def resource_path(relative: str) -> Path:
    """Path of one resource under the models folder; raises FileNotFoundError with a hint."""
    path = models_dir() / relative
    if not path.exists():
        raise FileNotFoundError(f"model resource {relative!r} not found under {models_dir()}; reinstall vnnews "
                                "(pip install -e .) or set VNNEWS_MODELS to the repository's models/ folder")
    return path
