"""The syllable view of a text that the entity rules work on, and the shape of a name's words.

Rules work on syllables, not underthesea words: underthesea sometimes glues a name to its
neighbour ("tập kích Iran"), and a name must still start and end on a syllable boundary.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.text.normalize import fold_diacritics

from .words import Phrases


class Token(NamedTuple):
    """The view of a token the rules need: offsets and underthesea POS tag."""

    start: int
    end: int
    tag: str


def as_tokens(words: list[tuple[int, int, str]]) -> list[Token]:
    """(start, end, POS) tuples as Tokens, without a Python-level constructor call per word."""
    new = tuple.__new__
    return [new(Token, word) for word in words]


def is_cap(word: str) -> bool:
    """A capitalised word with at least one letter ("Hà", "TP.HCM"; not "123")."""
    return word[:1].isupper() and any(ch.isalpha() for ch in word)


def is_acronym(word: str) -> bool:
    """Two or more letters, all upper case ("UBND", "KH&KT")."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9'’.&-]*$")  # a foreign word: no Vietnamese letters

# Letters of European names that Vietnamese does not use ("Dubček", "Pérez", "Müller"); á, é ... are shared.
EUROPEAN = "áàéèíìóòúùýäëïöüÿñçčšžřěůłńśźżőűøåæœßćÁÀÉÈÍÌÓÒÚÙÝÄËÏÖÜÑÇČŠŽŘĚŮŁŃŚŹŻŐŰØÅÆŒĆ"

FOREIGN = re.compile(rf"^[A-Za-z{EUROPEAN}][A-Za-z{EUROPEAN}'’.-]*$")


class Syl(NamedTuple):
    """One syllable: offsets, its underthesea word's POS tag and index (a tuple: tens of thousands per article)."""

    start: int
    end: int
    tag: str  # the POS tag of the underthesea word the syllable belongs to
    token: int  # index of that word


class Syllables:
    """Syllables of the text (underthesea words split at spaces), with their word's POS tag.

    Rules work on syllables, not words: underthesea sometimes glues a name to its
    neighbour ("tập kích Iran", "FLC hủy"), and a name must still start and end on a
    syllable boundary.
    """

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.syls: list[Syl] = []
        self.words: list[str] = []
        new = tuple.__new__  # a named tuple without its Python-level constructor: tens of thousands per article
        for index, (start, end, tag) in enumerate(tokens):
            word = text[start:end]
            if " " not in word:
                self.syls.append(new(Syl, (start, end, tag, index)))
                self.words.append(word)
                continue
            for m in re.finditer(r"\S+", word):
                self.syls.append(new(Syl, (start + m.start(), start + m.end(), tag, index)))
                self.words.append(m.group(0))
        self.index_at_start = {s.start: i for i, s in enumerate(self.syls)}
        self.index_at_end = {s.end: i for i, s in enumerate(self.syls)}

    def __len__(self) -> int:
        return len(self.syls)

    def phrase_at(self, i: int, phrases: "Phrases") -> int | None:
        """Index of the last syllable of the longest phrase that starts at syllable i (None past the end)."""
        if i >= len(self.syls):
            return None
        start = self.syls[i].start
        for phrase in phrases.starting_with(self.words[i]):  # longest first
            if self.text.startswith(phrase, start) and (start + len(phrase)) in self.index_at_end:
                return self.index_at_end[start + len(phrase)]
        return None

    def adjacent(self, k: int) -> bool:
        """Syllable k follows k-1 with at most one space: names do not run across punctuation."""
        return k > 0 and self.text[self.syls[k - 1].end:self.syls[k].start] in ("", " ")

    def same_word(self, k: int) -> bool:
        return k > 0 and self.syls[k].token == self.syls[k - 1].token

    def cap_run(self, j: int, limit: int = 8) -> int:
        """Index after the run of capitalised syllables starting at j."""
        k = j
        while k < len(self.syls) and k - j < limit and is_cap(self.words[k]) and (k == j or self.adjacent(k)):
            k += 1
        return k

    def word_end(self, i: int) -> int:
        """Index after the last syllable of the underthesea word that syllable i belongs to."""
        k = i + 1
        while k < len(self.syls) and self.syls[k].token == self.syls[i].token:
            k += 1
        return k

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.syls[i].start, self.syls[j - 1].end

    def stands_alone(self, i: int, j: int) -> bool:
        """Syllables i..j-1 are a whole name, not part of a longer one: no capitalised syllable
        touches them on either side."""
        return not (i > 0 and self.adjacent(i) and is_cap(self.words[i - 1])) \
            and not (j < len(self.syls) and self.adjacent(j) and is_cap(self.words[j]))


INITIAL = re.compile(r"^[A-Z]\.$")

QUOTES = frozenset('"“”')

TRAILING = ".,;:!?…"

NAME_SHAPED = re.compile(rf"^[A-Z{EUROPEAN}][a-z{EUROPEAN}'’]+(?:-[A-Z{EUROPEAN}]?[a-z{EUROPEAN}'’]+)*$")

# The shape of a Vietnamese syllable once its marks are folded: onset, one to three vowels, coda.
VIETNAMESE_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                                  r"(?:ch|nh|ng|[cmnpt])?$")


def foreign_name(words: list[str]) -> bool:
    """Foreign letters only, and at least one word no Vietnamese syllable could be ("Cook", not "Hoa Vi")."""
    return all(FOREIGN.match(w) for w in words) and not all(
        VIETNAMESE_SYLLABLE.match(fold_diacritics(w).lower()) for w in words)
