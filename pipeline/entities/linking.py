"""Mentions of one entity linked within an article: canonical names, aliases, titles and roles."""

from __future__ import annotations

import re

from pipeline.article import Entity

from .view import (
    FOREIGN,
    NAME_SHAPED,
    TRAILING,
    Syllables,
    Token,
    foreign_name,
)
from .words import (
    ALIASES,
    ORG_SUFFIXES,
    ROLES,
    Phrases,
)


def _alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_APPOSITIVE_ROLE = re.compile(rf"^\s*,\s*(?P<role>(?:{_alternation(ROLES)})[^,.;:()]{{0,80}}?)\s*(?=[,.;:()]|$)")


def _canonical(ent: Entity) -> str:
    words = ent.text.split()
    return " ".join(ALIASES.get(w, w) for w in words)


def _role_end(start: int, end: int, tokens: list[Token]) -> int:
    """A role is a noun phrase: it stops before the first verb ("Chủ tịch Liên hiệp hội | chủ trì")."""
    for tok in tokens:
        if start < tok.start < end and tok.tag.startswith("V"):
            return tok.start
    return end


def link_mentions(entities: list[Entity], text: str, tokens: list[Token]) -> None:
    """Give every mention of one entity the same canonical name, title and role."""
    full_names = [e for e in entities if e.label == "PER" and len(e.text.split()) >= 2]
    for ent in entities:
        ent.canonical = ent.canonical or _canonical(ent)  # a short mention already knows its full name
        if ent.label == "PER":
            if ent.role is None and (m := _APPOSITIVE_ROLE.match(text[ent.end:ent.end + 120])):
                start, end = ent.end + m.start("role"), ent.end + m.end("role")
                ent.role = text[start:_role_end(start, end, tokens)].strip()
            if len(ent.text.split()) == 1:
                matches = [f for f in full_names if f.text.split()[-1] == ent.text]
                if len({f.text for f in matches}) == 1:
                    ent.canonical = matches[0].text
    by_name: dict[str, Entity] = {}
    for ent in entities:
        if ent.label == "PER":
            first = by_name.setdefault(ent.canonical or ent.text, ent)
            ent.title = ent.title or first.title
            ent.role = ent.role or first.role
            first.title, first.role = first.title or ent.title, first.role or ent.role


def aliases_from_parentheses(entities: list[Entity], text: str) -> list[Entity]:
    """"Liên hiệp các Hội ... tỉnh (Liên hiệp hội)": the short form names the same organisation."""
    extra: list[Entity] = []
    for ent in entities:
        if ent.label != "ORG":
            continue
        m = re.match(r"\s*\(([^()]{2,40})\)", text[ent.end:])
        if not m:
            continue
        alias = m.group(1).strip()
        if not alias[:1].isupper() or any(ch.isdigit() for ch in alias):
            continue  # "(bố Tiger Woods)", "(1958)": a comment, not a short name
        for found in re.finditer(rf"(?<![\w]){re.escape(alias)}(?![\w])", text):
            extra.append(Entity(alias, "ORG", found.start(), found.end(), canonical=ent.text))
    return extra


def short_name_mentions(syl: Syllables, entities: list[Entity]) -> list[Entity]:
    """"Comey" after "James Comey": a foreign person's family name alone is the same person.

    Removes from `entities` any one-word place or organisation it relabels."""
    family = {}
    for ent in entities:
        words = ent.text.split()
        if ent.label == "PER" and len(words) >= 2 and NAME_SHAPED.match(words[-1]) and FOREIGN.match(words[-1]):
            family.setdefault(words[-1], ent.text)
    if not family:
        return []
    # A one-word place or organisation with the same name is the person here: "Wales" after "Jimmy Wales".
    single = {(e.start, e.end): e for e in entities if e.label != "PER" and e.text in family}
    taken = [(e.start, e.end) for e in entities if (e.start, e.end) not in single]
    out = []
    for k, word in enumerate(syl.words):
        name = word.rstrip(TRAILING)
        if name in family and syl.stands_alone(k, k + 1):
            start = syl.syls[k].start
            end = start + len(name)
            if not any(start < e and s < end for s, e in taken):
                if (start, end) in single:
                    entities.remove(single[(start, end)])
                out.append(Entity(name, "PER", start, end, canonical=family[name]))
    return out


def _short_forms(ent: Entity) -> list[str]:
    """The forms a foreign organisation goes by later: "Lenovo" for "Lenovo Group" or "Tập đoàn Lenovo"."""
    words = ent.text.split()
    forms = [ent.text]
    if ent.label == "ORG":
        while len(words) > 1 and words[-1].rstrip(".,") in ORG_SUFFIXES:
            words = words[:-1]
            forms.append(" ".join(words))
        foreign = [i for i, w in enumerate(words) if foreign_name([w])]
        if foreign and foreign[0] > 0 and all(not foreign_name([w]) for w in words[:foreign[0]]):
            forms.append(" ".join(words[foreign[0]:]))  # the name after a Vietnamese head noun
    return [f for f in forms if f[:1].isupper() and foreign_name(f.split())]


def repeated_mentions(syl: Syllables, entities: list[Entity], exclude: list[tuple[int, int]]) -> list[Entity]:
    """Later mentions of a foreign name found once in the article get its label and full name:
    "Viacom" after "Viacom Inc", "Nikon" after "Tập đoàn Nikon". A name found with two labels is
    left alone. Sets the canonical name of `entities` that are such short forms."""
    labels: dict[str, set[str]] = {}
    canonical: dict[str, str] = {}
    for ent in entities:
        if ent.label in ("ORG", "LOC", "PER"):
            for form in _short_forms(ent):
                labels.setdefault(form, set()).add(ent.label)
                full = ent.canonical or ent.text
                if len(full) > len(canonical.get(form, "")):
                    canonical[form] = full  # the longest name it was seen under
    for ent in entities:  # mentions found on their own ("Lenovo") link to the full name too
        if labels.get(ent.text) == {ent.label}:
            ent.canonical = canonical[ent.text]
    known = Phrases(tuple(form for form, found in labels.items() if len(found) == 1))
    taken = [(e.start, e.end) for e in entities] + list(exclude)
    out = []
    for k in range(len(syl)):
        if (last := syl.phrase_at(k, known)) is None or not syl.stands_alone(k, last + 1):
            continue
        start, end = syl.syls[k].start, syl.syls[last].end
        name = syl.text[start:end]
        if not any(start < e and s < end for s, e in taken):
            out.append(Entity(name, next(iter(labels[name])), start, end, canonical=canonical[name]))
            taken.append((start, end))
    return out
