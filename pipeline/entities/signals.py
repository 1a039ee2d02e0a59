"""Statistical signals beside the rules: the project's model and underthesea's bundled CRF.

Both only add names where the rules found nothing. The CRF is good at telling where a name
is and poor at telling what it is, so the name's own shape decides its label.
"""

from __future__ import annotations

from pipeline.article import Entity

from .view import (
    LATIN,
    NAME_SHAPED,
    TRAILING,
    Syllables,
    foreign_name,
    is_cap,
)
from .words import (
    FAMILY_NAME_SHAPE,
    HUMAN_VERB_PHRASES,
    LOC_SUFFIXES,
    MISC_SUFFIXES,
    NOT_ENTITY_ACRONYMS,
    NOT_NAME,
    NOT_PERSON_WORDS,
    NOT_PLACE_BEFORE,
    ORG_SUFFIXES,
    SURNAMES,
    family_names,
    given_names,
)

# Cross-validation (models/ner/CARD.md) shows the model adds organisations the rules miss but
# costs precision on people and places, where gazetteers and name rules are better.
MODEL_LABELS = frozenset({"ORG"})


def _family_name(word: str) -> bool:
    return word in family_names() or FAMILY_NAME_SHAPE.match(word) is not None


def _is_name_span(syl: Syllables, i: int, j: int) -> bool:
    """Syllables i..j-1 read as a name: all capitalised, no digits, not a common acronym or opener."""
    words = syl.words[i:j]
    return (all(is_cap(w) for w in words) and not any(ch.isdigit() for w in words for ch in w)
            and not (len(words) == 1 and words[0].rstrip(TRAILING) in NOT_ENTITY_ACRONYMS)
            and words[0] not in NOT_NAME and all(syl.adjacent(k) for k in range(i + 1, j)))


def statistical_additions(syl: Syllables, spans: list[tuple[int, int, str]], labels: frozenset[str],
                           taken: list[tuple[int, int]]) -> list[Entity]:
    """Spans from the project's model where the rules found nothing: a capital first letter, no digit."""
    out: list[Entity] = []
    for start, end, label in spans:
        text = syl.text[start:end]
        if label in labels and text[:1].isupper() and not any(c.isdigit() for c in text) \
                and not any(start < e and s < end for s, e in taken):
            out.append(Entity(text, label, start, end))
    return out


def crf_names(syl: Syllables, spans: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> list[Entity]:
    """Names underthesea's CRF found where the rules found nothing, labelled by their own shape.

    The CRF is good at telling where a name is and poor at telling what it is (most companies
    come out as PER), so its label is trusted only for Vietnamese-looking places ("Cửa Lò");
    otherwise the name's words decide.
    """
    out: list[Entity] = []
    for start, end, crf_label in spans:
        i, last = syl.index_at_start.get(start), syl.index_at_end.get(end)
        if i is None or last is None or any(start < e and s < end for s, e in taken):
            continue
        j = last + 1
        while i > 0 and syl.adjacent(i) and LATIN.match(syl.words[i - 1]) and is_cap(syl.words[i - 1]) \
                and LATIN.match(syl.words[i]) and not any(syl.syls[i - 1].start < e and s < syl.syls[i - 1].end
                                                             for s, e in taken):
            i -= 1  # "Lakeside | Residences": the CRF's span started one word late
        start = syl.syls[i].start
        if not _is_name_span(syl, i, j):
            continue
        if i > 0 and (syl.words[i - 1] in NOT_PLACE_BEFORE or syl.words[i - 1] == "người"):
            continue  # "người Khmer", "tiếng Kurd": a people or a language
        words = [w.rstrip(TRAILING) for w in syl.words[i:j]]
        foreign = foreign_name(words)
        if len("".join(words)) < 2 or (not foreign and len(words) < 2):
            continue  # "L" of "L/C"; one capitalised Vietnamese syllable ("Tờ khai") is not a name by itself
        if foreign and len(words) > 1 and words[0] in ("The", "A", "An") and words[-1] not in ORG_SUFFIXES:
            label = "MISC"  # "The Selfish Gene", "The Hobbit": a work's title
        elif foreign and words[-1] in MISC_SUFFIXES:
            label = "MISC"  # "UEFA Champions League", "World Cup"
        elif foreign and len(words) == 1 and (syl.phrase_at(j, HUMAN_VERB_PHRASES) is not None
                                               or _family_name(words[0]) or words[0] in given_names()):
            label = "PER"  # "Cook tốt nghiệp ...": only a person graduates; "Woods", "Medvedev", "David": names
        elif foreign:
            # Unknown foreign places are rare once the gazetteer has spoken: a single unknown word is
            # most often a company or brand, whatever the CRF's label ("Vietlott", "Technics").
            label = ("ORG" if words[-1] in ORG_SUFFIXES else "LOC" if words[-1] in LOC_SUFFIXES
                     # "Lars Onsager", "Jimi Hendrix": two or three name-shaped words are most often a person
                     else "PER" if 2 <= len(words) <= 3 and all(NAME_SHAPED.match(w) for w in words)
                     and not NOT_PERSON_WORDS.intersection(words)
                     else "ORG")
        elif words[0] in SURNAMES and 2 <= len(words) <= 4:
            label = "PER"
        elif crf_label == "LOC":
            label = "LOC"
        else:
            continue
        text = syl.text[start:syl.syls[j - 1].start + len(words[-1])]
        out.append(Entity(text, label, start, start + len(text)))
    return out


def unexplained_capitals(syl: Syllables, taken: list[tuple[int, int]]) -> list[int]:
    """Offsets of capitalised syllables outside every span found so far, except a sentence's
    capitalised first word when it is a plain Vietnamese word ("Theo", "Giá")."""
    covered = sorted(taken)
    out, k = [], 0
    for i, s in enumerate(syl.syls):
        if not syl.text[s.start].isupper():
            continue
        while k < len(covered) and covered[k][1] <= s.start:
            k += 1
        if any(start <= s.start < end for start, end in covered[k:k + 3]):
            continue
        opener = i == 0 or syl.text[syl.syls[i - 1].start:s.start].rstrip()[-1:] in ".!?:;\"“(-–"
        if opener and not (i + 1 < len(syl) and syl.adjacent(i + 1) and is_cap(syl.words[i + 1])) \
                and not foreign_name([syl.words[i].rstrip(TRAILING)]):
            continue
        out.append(s.start)
    return out
