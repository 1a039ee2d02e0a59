"""Named entities by rule: organisation grammar, place gazetteers, person-name structure.

A first, transparent layer: organisations are a head noun (Sở, UBND, Trường đại học ...)
followed by a capitalised name and an optional place; places come from gazetteers or
follow an administrative word (tỉnh, huyện, xã ...); people are capitalised syllables
after a title (ông, TS., Chủ tịch ...) or starting with a Vietnamese surname and tagged
as proper nouns (`Np`) by underthesea. Overlaps resolve ORG > LOC > PER, longest first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .article import Entity
from .normalize import normalize_text
from .resources import resource_path

ORG_HEADS = (
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc", "Mặt trận Tổ quốc", "Ủy ban",
    "UBND", "HĐND", "UBMTTQ", "MTTQ", "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Thị ủy", "Đảng ủy", "Đảng bộ",
    "Tổng cục", "Cục", "Sở", "Bộ", "Vụ", "Ban", "Chi cục", "Phòng",
    "Công an", "Bộ Chỉ huy Quân sự", "Bộ đội Biên phòng", "Bộ Tư lệnh", "Quân khu",
    "Tòa án nhân dân", "TAND", "Viện kiểm sát nhân dân", "VKSND", "Viện",
    "Trường đại học", "Trường Đại học", "Trường", "Đại học", "Học viện", "Bệnh viện", "Trung tâm",
    "Tổng công ty", "Công ty cổ phần", "Công ty TNHH", "Công ty", "CTCP", "Tập đoàn", "Ngân hàng", "Quỹ",
    "Liên hiệp", "Liên đoàn", "Hiệp hội", "Hội", "Câu lạc bộ", "Báo", "Đài", "Tạp chí", "Nhà xuất bản",
    "Tỉnh đoàn", "Thành đoàn", "Đoàn Thanh niên", "Hợp tác xã", "Sàn", "Kho bạc", "Chi nhánh",
)
KNOWN_ORGS = (
    "Bộ Chính trị", "Ban Bí thư", "Quốc hội", "Chính phủ", "Đảng", "Ngân hàng Nhà nước", "HOSE", "HNX",
    "UPCoM", "Liên Hợp Quốc", "WTO", "IMF", "WB", "ASEAN", "EU", "OPEC", "FTSE", "MSCI", "NATO", "WHO",
)
ADMIN_WORDS = ("tỉnh", "thành phố", "TP.", "TP", "Tp.", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường",
               "thôn", "bản", "ấp")
TITLES = (
    "ông", "bà", "anh", "chị", "em", "cụ", "cháu", "đồng chí", "Đồng chí", "Ông", "Bà", "Anh", "Chị",
    "TS.", "ThS.", "PGS.TS.", "PGS.TS", "PGS.", "GS.TS.", "GS.TS", "GS.", "BS.", "BSCKII", "KS.", "CN.", "LS.",
    "TS", "ThS", "PGS", "GS", "BS", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá",
    "Trung tá", "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "nhà báo", "luật sư", "Luật sư",
    "bác sĩ", "Bác sĩ", "nghệ sĩ", "NSND", "NSƯT", "nhạc sĩ", "ca sĩ", "thầy", "cô",
)
ROLES = (
    "Tổng Bí thư", "Chủ tịch nước", "Thủ tướng", "Phó Thủ tướng", "Chủ tịch Quốc hội", "Bộ trưởng",
    "Thứ trưởng", "Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Giám đốc", "Phó Giám đốc",
    "Tổng Giám đốc", "Tổng giám đốc", "Trưởng ban", "Phó Trưởng ban", "Trưởng phòng", "Hiệu trưởng",
    "Viện trưởng", "Cục trưởng", "Vụ trưởng", "Chánh án", "Đại sứ", "Tổng thống", "Tổng thư ký",
    "Người phát ngôn", "Trưởng đoàn", "Chủ nhiệm", "Phó Chủ nhiệm", "Tổng biên tập", "Tư lệnh",
    "Chánh Văn phòng", "Trưởng Công an", "Chủ tịch HĐQT", "CEO", "Phó Tổng Giám đốc",
)
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Đinh Lâm Mai Trịnh "
    "Trương Tạ Hà Lưu Lương Cao Tôn Thái Châu Quách Kiều Khổng Mạc Triệu Văn Vương Từ Chu La Hứa Thân Tăng "
    "Lại Lục Nông Diệp Giang Tô Âu Bạch Phùng Khúc Kim Ninh Quan Thạch Tống Viên Ông Thái Trình Doãn Nghiêm "
    "Mạnh Hầu Cù Hồ Lò Sầm Bế Hoàng Đàm Ứng Mẫn Yên Lã".split()
)
# Capitalised words that start sentences or phrases but are not names.
_NOT_NAME = frozenset(
    "Ngày Tháng Năm Theo Tại Trong Sau Trước Khi Với Về Để Các Những Một Hai Ba Đây Đó Này Nhưng Tuy "
    "Ông Bà Anh Chị Hội Ban Bộ Sở Theo Thứ Chủ Giá Lãi Tổng Phó Quỹ Hiện Nếu Do Vì Cùng Còn Đặc".split()
)
_ALIASES = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "TAND": "Tòa án nhân dân",
            "VKSND": "Viện kiểm sát nhân dân", "MTTQ": "Mặt trận Tổ quốc", "TP.": "thành phố", "TP": "thành phố",
            "Tp.": "thành phố"}


def _alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_APPOSITIVE_ROLE = re.compile(rf"^\s*,\s*(?P<role>(?:{_alternation(ROLES)})[^,.;:()]{{0,80}}?)\s*(?=[,.;:()]|$)")


@dataclass(frozen=True)
class Token:
    """The view of a token the rules need: offsets and underthesea POS tag."""

    start: int
    end: int
    tag: str


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    names: set[str] = set()
    mapping = resources.files("underthesea").joinpath("address/data/mapping.json")
    data = json.loads(mapping.read_text(encoding="utf-8"))
    for table in ("province_names", "old_province_names"):
        for entry in data.get(table, {}).values():
            names.add(entry["short"])
    names.update({"TP.HCM", "TPHCM", "TP HCM", "Sài Gòn", "Huế"})
    lines = resource_path("gazetteers/world_places.txt").read_text(encoding="utf-8").splitlines()
    names.update(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return frozenset(normalize_text(n) for n in names)


@lru_cache(maxsize=1)
def _place_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_alternation(_place_names())})(?![\w])")


def _is_cap(word: str) -> bool:
    return word[:1].isupper() and any(ch.isalpha() for ch in word)


class _Tokens:
    """Tokens of the text with lookups by character offset."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = [t for t in tokens if text[t.start:t.end].strip()]
        self.words = [text[t.start:t.end] for t in self.tokens]
        self.index_at_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.index_at_end = {t.end: i for i, t in enumerate(self.tokens)}

    def phrase_at(self, i: int, phrases: "_Phrases") -> int | None:
        """Index of the last token of the longest phrase that starts at token i and ends on a token end."""
        start = self.tokens[i].start
        for phrase in phrases.starting_with(self.words[i]):  # longest first
            if self.text.startswith(phrase, start) and (start + len(phrase)) in self.index_at_end:
                return self.index_at_end[start + len(phrase)]
        return None

    def cap_run(self, j: int, limit: int = 8) -> int:
        """Index after the run of capitalised tokens starting at j."""
        k = j
        while k < len(self.tokens) and k - j < limit and _is_cap(self.words[k]) and (k == j or self._adjacent(k)):
            k += 1
        return k

    def _adjacent(self, k: int) -> bool:
        # A name does not run across a line break or punctuation gap.
        return k == 0 or self.text[self.tokens[k - 1].end:self.tokens[k].start] in ("", " ")

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.tokens[i].start, self.tokens[j - 1].end


class _Phrases:
    """Phrases indexed by their first syllable, longest first: a lookup costs one dict access."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self._by_first: dict[str, list[str]] = {}
        for phrase in sorted(phrases, key=len, reverse=True):
            self._by_first.setdefault(_first_syllable(phrase), []).append(phrase)

    def starting_with(self, word: str) -> list[str]:
        return self._by_first.get(_first_syllable(word), [])


def _first_syllable(text: str) -> str:
    # "PGS.TS." and "TP.HCM" are one token: split at spaces only, keep the dots.
    return text.split(" ", 1)[0]


_ORG_HEADS = _Phrases(ORG_HEADS)
_KNOWN = _Phrases(KNOWN_ORGS)
_ADMINS = _Phrases(ADMIN_WORDS)
_TITLES = _Phrases(TITLES)
_ROLES = _Phrases(ROLES)
_CONNECTORS = ("và", "các", "&")


def _looks_like_person(toks: _Tokens, k: int) -> bool:
    parts = toks.words[k].split()
    return toks.tokens[k].tag == "Np" and 2 <= len(parts) <= 4 and parts[0] in SURNAMES


def _org_end(toks: _Tokens, j: int) -> int:
    """Index after an organisation's name that starts at token j (right after the head)."""
    n = len(toks.tokens)
    end = j
    while end < n and toks._adjacent(end):
        word = toks.words[end]
        if _looks_like_person(toks, end):
            break  # "Sở Y tế | Trần Văn Nam": the organisation's name ends where a person's begins
        if _is_cap(word) and toks.phrase_at(end, _ORG_HEADS) is None or word.isupper():
            end += 1
        elif word in _CONNECTORS and end + 1 < n and _is_cap(toks.words[end + 1]) and toks._adjacent(end + 1):
            end += 2
        elif (admin := toks.phrase_at(end, _ADMINS)) is not None:
            end = toks.cap_run(admin + 1)
            break
        else:
            break
    return end


def _candidates(text: str, tokens: list[Token]) -> list[Entity]:
    toks = _Tokens(text, tokens)
    places = _place_names()
    found: list[Entity] = []

    def add(i: int, j: int, label: str, **extra: str) -> None:
        if j <= i:
            return
        start, end = toks.span(i, j)
        found.append(Entity(text[start:end], label, start, end, **extra))

    for i, word in enumerate(toks.words):
        if (head := toks.phrase_at(i, _ORG_HEADS)) is not None and _is_cap(word):
            end = _org_end(toks, head + 1)
            if end > head + 1:
                add(i, end, "ORG")
        if (known := toks.phrase_at(i, _KNOWN)) is not None:
            add(i, known + 1, "ORG")
        if (admin := toks.phrase_at(i, _ADMINS)) is not None:
            end = toks.cap_run(admin + 1, limit=4)
            if end > admin + 1:
                add(admin + 1, end, "LOC")
        if (title := toks.phrase_at(i, _TITLES)) is not None and title + 1 < len(toks.tokens):
            end = toks.cap_run(title + 1, limit=4)
            name = toks.words[title + 1] if end > title + 1 else ""
            if end > title + 1 and name.split()[0] not in _NOT_NAME and toks.phrase_at(title + 1, _ORG_HEADS) is None:
                add(title + 1, end, "PER", title=text[toks.tokens[i].start:toks.tokens[title].end])
        if (role := toks.phrase_at(i, _ROLES)) is not None and role + 1 < len(toks.tokens):
            end = toks.cap_run(role + 1, limit=4)
            if end > role + 1 and toks.words[role + 1].split()[0] in SURNAMES:
                add(role + 1, end, "PER", role=text[toks.tokens[i].start:toks.tokens[role].end])
        if toks.tokens[i].tag == "Np" and word.split()[0] in SURNAMES and len(word.split()) >= 2:
            add(i, toks.cap_run(i, limit=3), "PER")
    for m in _place_re().finditer(text):
        if m.start() in toks.index_at_start and m.end() in toks.index_at_end and m.group(0) in places:
            found.append(Entity(m.group(0), "LOC", m.start(), m.end()))
    return found


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


def _canonical(ent: Entity) -> str:
    words = ent.text.split()
    return " ".join(_ALIASES.get(w, w) for w in words)


def _role_end(start: int, end: int, tokens: list[Token]) -> int:
    """A role is a noun phrase: it stops before the first verb ("Chủ tịch Liên hiệp hội | chủ trì")."""
    for tok in tokens:
        if start < tok.start < end and tok.tag.startswith("V"):
            return tok.start
    return end


def _link_mentions(entities: list[Entity], text: str, tokens: list[Token]) -> None:
    """Give every mention of one entity the same canonical name, title and role."""
    full_names = [e for e in entities if e.label == "PER" and len(e.text.split()) >= 2]
    for ent in entities:
        ent.canonical = _canonical(ent)
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


def _aliases_from_parentheses(entities: list[Entity], text: str) -> list[Entity]:
    """"Liên hiệp các Hội ... tỉnh (Liên hiệp hội)": the short form names the same organisation."""
    extra: list[Entity] = []
    for ent in entities:
        if ent.label != "ORG":
            continue
        m = re.match(r"\s*\(([^()]{2,40})\)", text[ent.end:])
        if not m:
            continue
        alias = m.group(1).strip()
        for found in re.finditer(rf"(?<![\w]){re.escape(alias)}(?![\w])", text):
            extra.append(Entity(alias, "ORG", found.start(), found.end(), canonical=ent.text))
    return extra


def find_entities(text: str, tokens: list[Token], exclude: list[tuple[int, int]] = ()) -> list[Entity]:
    """PER/ORG/LOC mentions in `text`, never overlapping an `exclude` span (dates, numbers)."""
    candidates = [
        e for e in _candidates(text, tokens)
        if not any(e.start < end and start < e.end for start, end in exclude)
    ]
    entities = _resolve_overlaps(candidates)
    aliases = _aliases_from_parentheses(entities, text)
    entities = _resolve_overlaps(entities + [a for a in aliases if not any(
        a.start < e.end and e.start < a.end for e in entities)])
    canonical_of_alias = {a.text: a.canonical for a in aliases}
    _link_mentions(entities, text, tokens)
    for ent in entities:
        if ent.text in canonical_of_alias:
            ent.canonical = canonical_of_alias[ent.text]
    return entities
