"""Named entities: organisation grammar, gazetteers and name structure, with statistical taggers as signals.

A transparent first layer: organisations are a head noun (Sở, UBND, Trường đại học ...)
followed by a capitalised name and an optional place; places come from gazetteers, a
country's formal name ("Cộng hòa Ireland") or follow an administrative or geographic word
(tỉnh, huyện, sông, sân bay ...); people are capitalised syllables after a title or role (ông,
TS., Chủ tịch, Tổng thống ...), Vietnamese names that start with a surname and that underthesea
tags as proper nouns, and foreign names that start with a known given name ("Elon Musk").
Overlaps resolve longest first, then ORG > LOC > PER.

Then the signals: underthesea's bundled CRF is asked about the capitalised words no rule
explained; it is good at finding where a name is and poor at its type, so the name's own
shape decides the label (`signals.crf_names`). The project's statistical model (opt-in) adds ORG
spans. Finally mentions are linked within the article: aliases in brackets, "ông Phát" and
"Comey" share their full name's canonical form, titles and roles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from pipeline.article import Entity

from .linking import (
    aliases_from_parentheses,
    link_mentions,
    repeated_mentions,
    short_name_mentions,
)
from .signals import (
    MODEL_LABELS,
    crf_names,
    statistical_additions,
    unexplained_capitals,
)
from .view import (
    FOREIGN,
    INITIAL,
    LATIN,
    QUOTES,
    TRAILING,
    Syllables,
    Token,
    foreign_name,
    is_acronym,
    is_cap,
)
from .words import (
    ADMIN_PHRASES,
    AMBIGUOUS_PLACE_CUES,
    AMBIGUOUS_PLACES,
    CONNECTORS,
    GENERIC_COMMITTEES,
    GEO_HEAD_PHRASES,
    GEO_WORD_PHRASES,
    KNOWN_ORG_PHRASES,
    LOC_CUE_PHRASES,
    MISC_HEAD_PHRASES,
    MISC_NAME_PHRASES,
    MISC_SUFFIXES,
    NOT_ENTITY_ACRONYMS,
    NOT_NAME,
    NOT_PLACE_AFTER,
    NOT_PLACE_BEFORE,
    ORG_CUE_PHRASES,
    ORG_HEAD_PHRASES,
    ORG_TAIL_PHRASES,
    PLACE_PREFIX_PHRASES,
    ROLE_PHRASES,
    ROMAN,
    STATE_PHRASES,
    STATE_ROLE_ENDS,
    SURNAMES,
    TITLE_PHRASES,
    Phrases,
    given_names,
    organisations,
    places,
    public_figures,
)

_NAME_TAGS = frozenset(("Np", "Ny", "N"))  # underthesea tags some full names Ny or N ("Trịnh Công Sơn")


def _looks_like_person(syl: Syllables, k: int) -> bool:
    """A proper-noun word of 2-4 capitalised syllables starting with a surname."""
    end = syl.word_end(k)
    words = syl.words[k:end]
    return (syl.syls[k].tag in _NAME_TAGS and 2 <= len(words) <= 4 and words[0] in SURNAMES
            and all(is_cap(w) for w in words) and not syl.same_word(k)
            and _place_at(syl, k) != end)  # "Hà Nội", "Lâm Đồng": places that start like a surname


def _foreign_run(syl: Syllables, i: int, limit: int = 5) -> int:
    """Index after the run of capitalised foreign (Latin-letter) syllables starting at i; a middle
    initial and a quoted nickname belong to the run: `Timothy D. "Tim" Cook`, `Eldrick "Tiger" Woods`."""
    k = last = i
    n = len(syl)
    while k < n and k - i < limit + 3 and (k == i or syl.adjacent(k) or syl.words[k] in QUOTES):
        word = syl.words[k]
        if k > i and word in QUOTES and k + 2 < n and syl.words[k + 2] in QUOTES and is_cap(syl.words[k + 1]):
            k += 3  # the nickname, then the name goes on
            continue
        if k > i and INITIAL.match(word):
            k += 1
            continue
        if not (FOREIGN.match(word.rstrip(TRAILING)) and is_cap(word) and not is_acronym(word)):
            break
        k += 1
        last = k
        if word[-1:] in TRAILING:
            break  # "Tim Cook, ..." ends at the comma
    return last


def _place_name_end(syl: Syllables, j: int, limit: int = 8) -> int:
    """Index after the place name that follows an administrative word at syllable j: the gazetteer
    name when there is one, else the capitalised run up to where a person's name starts
    ("UBND tỉnh Nghệ An | Bùi Đình Long")."""
    if (place := _place_at(syl, j)) is not None:
        return place
    end = syl.cap_run(j, limit)
    for k in range(j + 1, end):
        if _looks_like_person(syl, k):
            return k
    return end


def _org_end(syl: Syllables, j: int, school: bool = False) -> int:
    """Index after an organisation's name that starts at syllable j (right after the head).

    A head that ends in a lowercase word may be followed by a tail alone: "Liên đoàn bóng đá | thế giới"."""
    tail_first = j > 0 and not is_cap(syl.words[j - 1])
    n = len(syl)
    end = j
    while end < n and syl.adjacent(end):
        word = syl.words[end]
        if _looks_like_person(syl, end) and not school:
            break  # "Sở Y tế | Trần Văn Nam": the organisation's name ends where a person's begins
        if is_cap(word):
            # Lowercase syllables of the same word belong to the name ("Nội vụ", "Khoa học"), except
            # after an acronym or a foreign word, where underthesea glued the next word on ("FLC hủy",
            # "Arsenal thắng").
            if (inner := syl.phrase_at(end, ORG_HEAD_PHRASES)) is not None and inner > end:
                end = inner + 1  # "Ban Tuyên giáo Tỉnh ủy" even when underthesea split "Tỉnh | ủy"
                continue
            end += 1
            while end < n and syl.same_word(end) and not is_cap(syl.words[end]) and not is_acronym(syl.words[end - 1]) \
                    and not foreign_name([syl.words[end - 1]]):
                end += 1
        elif (end > j or tail_first) and (tail := syl.phrase_at(end, ORG_TAIL_PHRASES)) is not None:
            end = tail + 1  # "Hội đồng Vàng thế giới"
            break
        elif word in CONNECTORS and end + 1 < n and is_cap(syl.words[end + 1]) and syl.adjacent(end + 1) \
                and (word == "các" or syl.phrase_at(end + 1, ORG_HEAD_PHRASES) is None):  # "X và Tập đoàn Y": two
            end += 2
            while end < n and syl.same_word(end) and not is_cap(syl.words[end]):
                end += 1
        elif (admin := syl.phrase_at(end, ADMIN_PHRASES)) is not None:
            end = _place_name_end(syl, admin + 1)
            break
        elif (place := syl.phrase_at(end, PLACE_PREFIX_PHRASES)) is not None and is_cap(syl.words[min(place + 1, n - 1)]):
            end = syl.cap_run(place + 1)  # "Liên minh châu Âu"
            break
        else:
            break
    return end


# Places named by a number keep their head word, the number alone is not a name: "quận 1",
# "Quốc lộ 1A", "Vành đai 3".
_NUMBERED_PLACE = re.compile(r"(?<![\w/.-])(?:[Qq]uận|[Pp]hường|[Qq]uốc lộ|[Tt]ỉnh lộ|[Đđ]ường số|[Đđ]ường tỉnh|"
                             r"[Vv]ành đai|[Đđ]ường cao tốc số|QL)\s?\d{1,3}[A-Z]?(?![\w/.,-]*\d)")

# A storm's name: "bão Yagi", "siêu bão Haiyan", "cơn bão số 3 (Yagi)".
_STORM = re.compile(r"(?<!\w)(?:[Ss]iêu bão|[Bb]ão|[Tt]âm bão)(?: số \d{1,2})? \(?(?P<name>[A-Z][a-z]+(?:-[a-z]+)?)\b")
_DOMAIN = re.compile(r"(?<![\w.])[A-Z][\w-]*\.(?:vn|com|net|org|gov\.vn|com\.vn)(?![\w.])")

_SOURCE_TAG = re.compile(r"(?m)^\((?P<name>[^()\d]{2,30})\)\s*[-–]")


def _cue_before(syl: Syllables, i: int, cues: Phrases) -> bool:
    """True when one of the cue phrases ends right before syllable i."""
    for back in range(1, 4):
        k = i - back
        if k < 0:
            return False
        end = syl.phrase_at(k, cues)
        if end == i - 1:
            return True
    return False


def _foreign_or_acronym(syl: Syllables, i: int, covered: set[int]) -> tuple[int, str] | None:
    """A capitalised foreign name or acronym no other rule claimed, labelled by its left context."""
    if i in covered or not (syl.adjacent(i) or i == 0) and i > 0 and syl.text[syl.syls[i - 1].end:syl.syls[i].start].strip() not in ("", "(", "“", '"'):
        return None
    word = syl.words[i].rstrip(TRAILING)
    if not (LATIN.match(word) and is_cap(word)) or word in NOT_ENTITY_ACRONYMS or ROMAN.match(word):
        return None
    around = syl.text[max(0, syl.syls[i].start - 1):syl.syls[i].end + 1]
    if "/" in around or re.search(r"\d-|-\d", around):
        return None  # part of a document number or code: "58-NQ/TW", "01/2026/TT-BTC"
    end = i + 1
    while end < len(syl) and end - i < 4 and syl.adjacent(end) and LATIN.match(syl.words[end]) \
            and is_cap(syl.words[end]) and end not in covered:
        end += 1
    if end > i + 1 and syl.words[end - 1].rstrip(TRAILING) in MISC_SUFFIXES:
        return end, "MISC"  # "tổ chức World Cup": an event, whatever the cue
    if _cue_before(syl, i, ORG_CUE_PHRASES):
        return end, "ORG"
    if _cue_before(syl, i, LOC_CUE_PHRASES):
        return end, "LOC"
    if end == i + 1 and is_acronym(word) and len(word) <= 6:
        return end, "ORG"  # tickers and organisations' initials: "MBS", "VSDC", "PTT"
    return None


def _candidates(syl: Syllables) -> list[Entity]:
    text = syl.text
    found: list[Entity] = []

    def add(i: int, j: int, label: str, **extra: str) -> None:
        if j <= i:
            return
        start, end = syl.span(i, j)
        while end > start and text[end - 1] in TRAILING and not (label == "PER" and "title" in extra and j - i == 0):
            end -= 1  # "TP.HCM." at the end of a sentence
        if end > start:
            found.append(Entity(text[start:end], label, start, end, **extra))

    starters = _phrase_starters()
    for i, word in enumerate(syl.words):
        if word not in starters and not (syl.syls[i].tag == "Np" and word in SURNAMES):
            continue  # no rule starts at this syllable
        if is_cap(word) and (head := syl.phrase_at(i, ORG_HEAD_PHRASES)) is not None \
                and (_place_at(syl, i) or 0) <= head + 1 \
                and not (syl.same_word(i) and is_cap(syl.words[i - 1])):  # "Trường Sa", "Tây Ban Nha" are places
            # Schools are named after people: "Trường THPT chuyên Lê Hồng Phong".
            end = _org_end(syl, head + 1, school=word == "Trường")
            # "Ban Thường vụ (Liên hiệp hội)": a committee inside an organisation is not one itself.
            if end > head + 1 and not (word == "Ban" and any(
                    text.startswith(c, syl.syls[head + 1].start) for c in GENERIC_COMMITTEES)):
                add(i, end, "ORG")
        if (org := syl.phrase_at(i, organisations())) is not None and (org + 1 == len(syl) or
                                                                         not is_cap(syl.words[org + 1])):
            add(i, org + 1, "ORG")
        if is_cap(word) and (head := syl.phrase_at(i, MISC_HEAD_PHRASES)) is not None and head + 1 < len(syl) \
                and syl.phrase_at(head + 1, ORG_HEAD_PHRASES) is None:  # "Hội nghị Ban Thường vụ ...": a meeting
            end = _org_end(syl, head + 1)
            if end > head + 1:
                add(i, end, "MISC")
        if (misc := syl.phrase_at(i, MISC_NAME_PHRASES)) is not None:
            add(i, misc + 1, "MISC")
        if (known := syl.phrase_at(i, KNOWN_ORG_PHRASES)) is not None:
            end = known + 1
            if end + 1 < len(syl) and syl.words[end] == "nước" and syl.adjacent(end + 1) \
                    and _state_at(syl, end + 1) is not None:
                end += 1  # "Quốc hội nước Cộng hòa Xã hội chủ nghĩa Việt Nam"
            if (place := _state_at(syl, end)) is not None and syl.adjacent(end):
                end = place  # "Chính phủ Thái Lan", "Quốc hội Mỹ"
            add(i, end, "ORG")
        if (admin := syl.phrase_at(i, ADMIN_PHRASES)) is not None and admin + 1 < len(syl) and syl.adjacent(admin + 1):
            add(admin + 1, _place_name_end(syl, admin + 1, limit=4), "LOC")
        if (geo := syl.phrase_at(i, GEO_WORD_PHRASES)) is not None and geo + 1 < len(syl) and syl.adjacent(geo + 1) \
                and not _looks_like_person(syl, geo + 1) and syl.words[geo + 1] not in NOT_NAME:
            add(geo + 1, syl.cap_run(geo + 1, limit=4), "LOC")
        if (geo := syl.phrase_at(i, GEO_HEAD_PHRASES)) is not None and geo + 1 < len(syl) and syl.adjacent(geo + 1) \
                and not _looks_like_person(syl, geo + 1) and syl.words[geo + 1] not in NOT_NAME:
            end = syl.cap_run(geo + 1, limit=4)
            if end > geo + 1:
                add(i, end, "LOC")
        if word.rstrip(TRAILING) in public_figures() and not (i > 0 and syl.adjacent(i) and is_cap(syl.words[i - 1])):
            add(i, i + 1, "PER")  # "Trump cho biết"
        if syl.words[i] in given_names() and (end := _foreign_run(syl, i)) > i + 1 \
                and foreign_name([w for w in syl.words[i:end] if w not in QUOTES and not INITIAL.match(w)]):
            add(i, end, "PER")  # "Elon Musk", "Tim Cook": a foreign given name and what follows (not "Theo Sách")
        if (title := syl.phrase_at(i, TITLE_PHRASES)) is not None and title + 1 < len(syl) and syl.adjacent(title + 1):
            name = title + 1
            place = syl.phrase_at(name, places())
            if place is not None and place + 1 < len(syl) and syl.adjacent(place + 1) and is_cap(syl.words[place + 1]) \
                    and not syl.same_word(place + 1):
                name = place + 1  # "nhà văn Pháp Emile Zola": the country is not part of the name
            end = syl.cap_run(name, limit=4)
            if end > name and syl.words[name] not in NOT_NAME and syl.phrase_at(name, ORG_HEAD_PHRASES) is None:
                add(name, end, "PER", title=text[syl.syls[i].start:syl.syls[title].end])
        if (role := syl.phrase_at(i, ROLE_PHRASES)) is not None and role + 1 < len(syl) and syl.adjacent(role + 1):
            name = role + 1
            place = _place_at(syl, name) or (name + 1 if syl.words[name] in AMBIGUOUS_PLACES else None)
            org = syl.phrase_at(name, organisations())
            if place is not None and place < len(syl) and syl.adjacent(place) and is_cap(syl.words[place]):
                add(name, place, "LOC")
                name = place  # "Tổng thống Nga Vladimir Putin": the country is not part of the name
            elif org is not None and org + 1 < len(syl) and syl.adjacent(org + 1) and is_cap(syl.words[org + 1]):
                add(name, org + 1, "ORG")
                name = org + 1  # "CEO Apple Tim Cook"
            end = syl.cap_run(name, limit=4)
            first = syl.words[name] if end > name else ""
            foreign = all(LATIN.match(w) and not is_acronym(w) for w in syl.words[name:end])
            one_name = end - name == 1 and foreign and syl.words[role] in STATE_ROLE_ENDS \
                and syl.phrase_at(name, organisations()) is None
            if first in SURNAMES or (foreign and end - name >= 2) or one_name:  # "Tổng thống Trump"
                add(name, end, "PER", role=text[syl.syls[i].start:syl.syls[role].end])
        if _looks_like_person(syl, i):
            add(i, syl.word_end(i), "PER")
        if (place := _state_at(syl, i)) is not None and _reads_as_place(syl, i, place):
            add(i, place, "LOC")
        elif word in AMBIGUOUS_PLACES and _is_ambiguous_place(syl, i):
            add(i, i + 1, "LOC")
    for m in _NUMBERED_PLACE.finditer(text):
        found.append(Entity(m.group(0), "LOC", m.start(), m.end()))
    for m in _STORM.finditer(text):
        found.append(Entity(m.group("name"), "MISC", m.start("name"), m.end("name")))
    for m in _DOMAIN.finditer(text):
        found.append(Entity(m.group(0), "ORG", m.start(), m.end()))
    for m in _SOURCE_TAG.finditer(text):
        found.append(Entity(m.group("name"), "ORG", m.start("name"), m.end("name")))
    covered = {k for e in found for k in range(syl.index_at_start.get(e.start, 0), syl.index_at_end.get(e.end, -1) + 1)}
    for i in range(len(syl)):
        if (hit := _foreign_or_acronym(syl, i, covered)) is not None:
            end, label = hit
            add(i, end, label)
            covered.update(range(i, end))
    return found


@lru_cache(maxsize=1)
def _phrase_starters() -> frozenset[str]:
    """Every syllable that can start a phrase some rule looks for."""
    tables = (ORG_HEAD_PHRASES, organisations(), MISC_HEAD_PHRASES, MISC_NAME_PHRASES, KNOWN_ORG_PHRASES, ADMIN_PHRASES, TITLE_PHRASES, ROLE_PHRASES, places(),
              GEO_WORD_PHRASES, GEO_HEAD_PHRASES, STATE_PHRASES)
    return (frozenset(first for table in tables for first in table.firsts()) | given_names() | AMBIGUOUS_PLACES
            | public_figures())


def _place_at(syl: Syllables, i: int) -> int | None:
    """Index after a gazetteer place name starting at syllable i.

    A match that stops inside one underthesea word runs on to the word's end when the rest is
    capitalised: "Mỹ Đình" is not "Mỹ", "Tân Sơn Nhứt" not "Tân Sơn".
    """
    if i >= len(syl):
        return None
    end = syl.phrase_at(i, places())
    if end is None:
        return None
    end += 1
    while end < len(syl) and syl.same_word(end) and is_cap(syl.words[end]) and not LATIN.match(syl.words[end]):
        end += 1  # but "Bangkok Post" is a newspaper, "Đức Nam" a name
    return end


DIRECTIONS = frozenset(("Đông", "Tây", "Nam", "Bắc"))


def _reads_as_place(syl: Syllables, i: int, end: int) -> bool:
    """False where a gazetteer name is not a place here: "tiếng Nga" (a language), "đồng Việt Nam" (a currency),
    "Đức" in "Phó Đức Nam" (part of a person's name), "Pháp thuộc" and "Mỹ kim" (compounds)."""
    if i > 0 and syl.words[i - 1] in NOT_PLACE_BEFORE or end < len(syl) and syl.words[end] in NOT_PLACE_AFTER:
        return False
    exact = syl.phrase_at(i, places())
    if exact is not None and exact + 1 < end and i > 0 and _cue_before(syl, i, TITLE_PHRASES):
        return False  # "ca sĩ Mỹ Tâm": "Mỹ" run on to a whole word is a person's name after a title
    inside_name = syl.same_word(i) and is_cap(syl.words[i - 1]) and (
        syl.words[i - 1] in SURNAMES or (end < len(syl) and syl.same_word(end) and is_cap(syl.words[end])))
    # One syllable glued to the next in one word: "Mỹ kim", "Pháp thuộc", or a name such as "Đức Nam".
    compound = end == i + 1 and end < len(syl) and syl.same_word(end)
    return not (inside_name or compound)


def _is_ambiguous_place(syl: Syllables, i: int) -> bool:
    """"tại Anh", "người Anh", "Pháp, Anh": a country; "Tuấn Anh", "Anh cho biết", "tiếng Anh": not."""
    if syl.same_word(i) or (i + 1 < len(syl) and syl.same_word(i + 1)) or i == 0:
        return False
    if i + 1 < len(syl) and syl.adjacent(i + 1) and is_cap(syl.words[i + 1]):
        return False
    if i + 1 < len(syl) and syl.words[i + 1] in NOT_PLACE_AFTER:
        return False
    prev = syl.words[i - 1]
    two = " ".join(syl.words[max(0, i - 2):i])
    listed = prev in (",", "và") and i >= 2 and any(_place_at(syl, k) == i - 1 for k in range(max(0, i - 5), i - 1))
    return prev in AMBIGUOUS_PLACE_CUES or two in AMBIGUOUS_PLACE_CUES or listed  # "Pháp, Anh"


def _state_at(syl: Syllables, i: int) -> int | None:
    """Index after a place starting at syllable i, a country's formal name ("Cộng hòa Ireland",
    "Đế quốc Anh") or a place with its direction ("Tây Berlin", "Đông Timor"); None past the text's end."""
    n = len(syl)
    if i >= n:
        return None
    if (prefix := syl.phrase_at(i, STATE_PHRASES)) is not None and prefix + 1 < n and syl.adjacent(prefix + 1):
        if (place := _place_at(syl, prefix + 1)) is not None:
            return place
        if syl.words[prefix + 1] in AMBIGUOUS_PLACES and not (prefix + 2 < n and is_cap(syl.words[prefix + 2])):
            return prefix + 2
    if syl.words[i] in DIRECTIONS and i + 1 < n and syl.adjacent(i + 1) and not syl.same_word(i + 1) \
            and not (i > 0 and syl.words[i - 1] in ("miền", "phía", "vùng", "hướng", "phương", "Đông", "Tây")) \
            and (place := _place_at(syl, i + 1)) is not None:
        return max(place, _place_at(syl, i) or 0)
    return _place_at(syl, i)


def _resolve_overlaps(candidates: list[Entity]) -> list[Entity]:
    rank = {"ORG": 0, "LOC": 1, "PER": 2, "MISC": 3}
    ordered = sorted(candidates, key=lambda e: (-(e.end - e.start), rank[e.label], e.start))
    chosen: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for ent in ordered:
        if any(ent.start < end and start < ent.end for start, end in taken):
            continue
        chosen.append(ent)
        taken.append((ent.start, ent.end))
    return sorted(chosen, key=lambda e: e.start)


def find_entities(text: str, tokens: list[Token], exclude: list[tuple[int, int]] = (),
                  proposals: list[Entity] = (),
                  tagger: Callable[[list[int]], list[tuple[int, int, str]]] | None = None) -> list[Entity]:
    """PER/ORG/LOC/MISC mentions in `text`, never overlapping an `exclude` span (dates, numbers).

    `proposals` are spans from the project's statistical model. `tagger` (underthesea's CRF) is
    asked for spans around the capitalised words no rule explained: where the rules found nothing,
    both add names the rules have no pattern for.
    """
    syl = Syllables(text, tokens)
    exclude = list(exclude)
    candidates = [e for e in _candidates(syl) if not any(e.start < end and start < e.end for start, end in exclude)]
    entities = _resolve_overlaps(candidates)
    taken = [(e.start, e.end) for e in entities] + exclude
    model = statistical_additions(syl, [(p.start, p.end, p.label) for p in proposals], MODEL_LABELS, taken)
    entities = sorted(entities + model, key=lambda e: e.start)
    entities += short_name_mentions(syl, entities)
    taken = [(e.start, e.end) for e in entities] + exclude
    crf = crf_names(syl, tagger(unexplained_capitals(syl, taken)), taken) if tagger else []
    entities = sorted(entities + crf, key=lambda e: e.start)
    entities = sorted(entities + repeated_mentions(syl, entities, exclude), key=lambda e: e.start)
    aliases = aliases_from_parentheses(entities, text)
    entities = _resolve_overlaps(entities + [a for a in aliases if not any(
        a.start < e.end and e.start < a.end for e in entities)])
    canonical_of_alias = {a.text: a.canonical for a in aliases}
    link_mentions(entities, text, tokens)
    for ent in entities:
        if ent.text in canonical_of_alias:
            ent.canonical = canonical_of_alias[ent.text]
    return entities
