"""Site profiles (data in `profiles.toml`): the first layer of content extraction."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_PROFILES_FILE = Path(__file__).with_name("profiles.toml")


@dataclass(frozen=True)
class SiteProfile:
    """CSS selectors that locate the article and its metadata on one site."""

    name: str
    domains: tuple[str, ...]
    body: str | None = None
    lead: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    drop: tuple[str, ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def load_profiles() -> tuple[SiteProfile, ...]:
    """All profiles shipped with the package."""
    data = tomllib.loads(_PROFILES_FILE.read_text(encoding="utf-8"))
    return tuple(
        SiteProfile(
            name=name,
            domains=tuple(entry["domains"]),
            body=entry.get("body"),
            lead=entry.get("lead"),
            title=entry.get("title"),
            author=entry.get("author"),
            date=entry.get("date"),
            drop=tuple(entry.get("drop", ())),
        )
        for name, entry in data.items()
    )


def profile_for_host(host: str | None) -> SiteProfile | None:
    """The profile whose domain is `host` or a parent of it."""
    if not host:
        return None
    host = host.lower().removeprefix("www.")
    for profile in load_profiles():
        if any(host == d or host.endswith("." + d) for d in profile.domains):
            return profile
    return None
