"""What a reader types, as a safe FTS5 expression over the plain and the diacritic-folded columns.

Syntax: words (all must occur), "quoted phrases", `word*` prefixes and `-word` / `-"phrase"` exclusions.
Any other FTS5 syntax is treated as text, so no query can raise an FTS5 syntax error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.text.normalize import fold_diacritics, normalize_text

_TERM = re.compile(r'(?P<neg>-)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')
_WORD = re.compile(r"[^\W_]+")  # letters and digits: the token characters of FTS5's unicode61
PLAIN = "{title body}"
FOLDED = "{title_folded body_folded}"


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # normalised words, in order: one word or a phrase
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...]

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    @property
    def has_diacritics(self) -> bool:
        """True when the reader typed marks ("Phát", "đ"): exact spellings then rank first."""
        return any(fold_diacritics(w) != w.lower() for t in self.positive for w in t.words)


def parse(text: str) -> ParsedQuery:
    """Split a query into terms; punctuation inside a term splits it into a phrase ("KH&KT" -> "kh kt")."""
    terms = []
    for match in _TERM.finditer(normalize_text(unicodedata.normalize("NFC", text))):
        raw = match["phrase"] if match["phrase"] is not None else match["word"]
        words = tuple(w.lower() for w in _WORD.findall(raw))
        if words:
            prefix = match["word"] is not None and raw.endswith("*") and len(words) == 1
            terms.append(Term(words, prefix=prefix, negated=bool(match["neg"])))
    return ParsedQuery(tuple(terms))


def _phrase(words: tuple[str, ...], prefix: bool = False) -> str:
    # Words hold only letters and digits, so quoting cannot be broken out of.
    return '"' + " ".join(words) + '"' + (" *" if prefix else "")


def _fold(term: Term) -> Term:
    return Term(tuple(fold_diacritics(w) for w in term.words), term.prefix, term.negated)


def _all(terms: tuple[Term, ...]) -> str:
    return " AND ".join(_phrase(t.words, t.prefix) for t in terms)


def to_fts(query: ParsedQuery) -> str | None:
    """The MATCH expression, or None when the query has no word to look for.

    The folded columns decide what matches (marks optional). A query typed with marks also looks in the
    plain columns, and several bare words are also sought as one phrase: both find only documents the
    folded part finds too, so they change the bm25 order (exact spellings and adjacent words first),
    not the set of results. OR rather than AND-ing them with the folded part: same set, half the work.
    """
    positive = query.positive
    if not positive:
        return None
    folded = tuple(_fold(t) for t in positive)
    parts = [f"{FOLDED} : ({_all(folded)})"]
    if query.has_diacritics:
        parts.append(f"{PLAIN} : ({_all(positive)})")
    bare = [t for t in folded if len(t.words) == 1 and not t.prefix]
    if len(bare) > 1:
        parts.append(f"{FOLDED} : ({_phrase(tuple(t.words[0] for t in bare))})")
    expression = " OR ".join(f"({p})" for p in parts)
    excluded = [_fold(t) for t in query.terms if t.negated]
    if excluded:
        unwanted = " OR ".join(_phrase(t.words, t.prefix) for t in excluded)
        expression = f"({expression}) NOT ({FOLDED} : ({unwanted}))"
    return expression
