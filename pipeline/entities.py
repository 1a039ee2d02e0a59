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
    "Liên minh", "Chứng khoán", "Công ty Chứng khoán", "Đại lý", "Cảng", "Bảo hiểm", "Hội đồng",
)
# "Ban Thường vụ", "Ban Giám hiệu": a body inside an organisation, not one by itself.
GENERIC_COMMITTEES = frozenset(("Thường vụ", "Giám hiệu", "Chấp hành", "Thường trực", "Giám đốc", "Tổ chức",
                                "Biên tập", "Quản lý", "Chỉ đạo", "Điều hành", "Kiểm soát"))
# Named laws, treaties, awards, contests, indices and products.
MISC_HEADS = ("Luật", "Bộ luật", "Hiệp định", "Công ước", "Hiệp ước", "Giải thưởng", "Hội thi", "Cuộc thi",
              "Chiến dịch", "Lễ hội", "Hội chợ")
MISC_NAMES = ("VN-Index", "VN30", "VN30-Index", "HNX-Index", "HNX30", "UPCoM-Index", "VNAllshare", "VNDiamond",
              "Dow Jones", "S&P 500", "Nasdaq", "Nasdaq Composite", "Nikkei 225", "Brent", "WTI", "DXY", "iOS",
              "Android", "Windows", "iPhone", "ChatGPT", "CPTPP", "RCEP", "EVFTA", "Power 6/55", "Mega 6/45")
KNOWN_ORGS = (
    "Bộ Chính trị", "Ban Bí thư", "Quốc hội", "Chính phủ", "Đảng", "Ngân hàng Nhà nước", "HOSE", "HNX",
    "UPCoM", "Liên Hợp Quốc", "WTO", "IMF", "WB", "ASEAN", "EU", "OPEC", "FTSE", "MSCI", "NATO", "WHO",
)
# Words before a foreign name that say what it names ("hãng Bloomberg", "tại Doha").
ORG_CUES = ("hãng", "hãng tin", "công ty", "tập đoàn", "ngân hàng", "tờ", "báo", "tạp chí", "trang", "quỹ", "Theo",
            "theo", "mã", "cổ phiếu", "sàn", "tổ chức", "nhà mạng", "hãng hàng không", "hãng xe", "đội", "câu lạc bộ",
            "thương hiệu", "ứng dụng", "nền tảng", "công ty chứng khoán", "nhà máy", "liên doanh", "đối tác")
LOC_CUES = ("tại", "ở", "đến", "tới", "thủ đô", "thành phố", "nước", "vùng", "khu vực", "bang", "eo biển", "đảo",
            "sang", "thị trường")
# Capitalised abbreviations that are not names.
NOT_ENTITY_ACRONYMS = frozenset(
    "USD VND VNĐ EUR JPY CNY GDP CPI FDI ODA ETF IPO CEO CFO HĐQT ĐHĐCĐ BCTC TNCN GTGT VAT TTĐT AI IT "
    "PGS TS ThS GS BS KS CN TP TPHCM OK PV BTV ATM QR PDF HTML API SMS GPS COVID RON DO TIN PIN CCCD "
    "CMND KHCN KH&CN KH&KT KHKT NĐ-CP TT-BCT QĐ-TTg NQ-CP UBND HĐND MTTQ TAND VKSND THPT THCS "
    "GBP CAD SEK CHF AUD NZD SGD HKD KRW THB INR RUB CNH LNG LPG TTCK ATC ATO NAV EPS ROE ROA P/E GDP "
    "NQ TW BCH KT-XH XNK BĐS DN DNNN ĐBQH HLV VĐV THCS SGK VIDEO CLIP ESOP EXPO INFOGRAPHIC EMAGAZINE "
    "LIVE PHOTO TOP".split()
)
_ROMAN = re.compile(r"^[IVXLC]+$")
ADMIN_WORDS = ("tỉnh", "thành phố", "TP.", "TP", "Tp.", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường",
               "thôn", "bản", "ấp", "đường", "phố", "đại lộ")
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
    # Former districts and provincial cities ("Hà Đông", "Đà Lạt"); one-syllable ones are too ambiguous.
    for ward in data.get("ward_mapping", []):
        short = re.sub(r"^(Quận|Huyện|Thị xã|Thị Xã|Thành phố)\s+", "", ward.get("old_district", ""))
        if len(short.split()) >= 2 and not any(ch.isdigit() for ch in short):
            names.add(short)
    lines = resource_path("gazetteers/world_places.txt").read_text(encoding="utf-8").splitlines()
    names.update(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return frozenset(normalize_text(n) for n in names)


@lru_cache(maxsize=1)
def _places() -> "_Phrases":
    return _Phrases(tuple(_place_names()))


@lru_cache(maxsize=1)
def _organisations() -> "_Phrases":
    lines = resource_path("gazetteers/organisations.txt").read_text(encoding="utf-8").splitlines()
    return _Phrases(tuple(normalize_text(n.strip()) for n in lines if n.strip() and not n.startswith("#")))


def _is_cap(word: str) -> bool:
    return word[:1].isupper() and any(ch.isalpha() for ch in word)


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9'’.&-]*$")  # a foreign word: no Vietnamese letters


@dataclass(frozen=True)
class _Syl:
    start: int
    end: int
    tag: str  # the POS tag of the underthesea word the syllable belongs to
    token: int  # index of that word


class _Syllables:
    """Syllables of the text (underthesea words split at spaces), with their word's POS tag.

    Rules work on syllables, not words: underthesea sometimes glues a name to its
    neighbour ("tập kích Iran", "FLC hủy"), and a name must still start and end on a
    syllable boundary.
    """

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.syls: list[_Syl] = []
        for index, tok in enumerate(tokens):
            for m in re.finditer(r"\S+", text[tok.start:tok.end]):
                self.syls.append(_Syl(tok.start + m.start(), tok.start + m.end(), tok.tag, index))
        self.words = [text[s.start:s.end] for s in self.syls]
        self.index_at_start = {s.start: i for i, s in enumerate(self.syls)}
        self.index_at_end = {s.end: i for i, s in enumerate(self.syls)}

    def __len__(self) -> int:
        return len(self.syls)

    def phrase_at(self, i: int, phrases: "_Phrases") -> int | None:
        """Index of the last syllable of the longest phrase that starts at syllable i."""
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
        while k < len(self.syls) and k - j < limit and _is_cap(self.words[k]) and (k == j or self.adjacent(k)):
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


class _Phrases:
    """Phrases indexed by their first syllable, longest first: a lookup costs one dict access."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self._by_first: dict[str, list[str]] = {}
        for phrase in sorted(phrases, key=len, reverse=True):
            self._by_first.setdefault(phrase.split(" ", 1)[0], []).append(phrase)

    def starting_with(self, word: str) -> list[str]:
        return self._by_first.get(word, [])

    def firsts(self) -> list[str]:
        return list(self._by_first)


_ORG_HEADS = _Phrases(ORG_HEADS)
_KNOWN = _Phrases(KNOWN_ORGS)
_ADMINS = _Phrases(ADMIN_WORDS)
_TITLES = _Phrases(TITLES)
_ROLES = _Phrases(ROLES)
_ORG_CUES = _Phrases(ORG_CUES)
_LOC_CUES = _Phrases(LOC_CUES)
_CONNECTORS = ("và", "các", "&")


def _looks_like_person(syl: _Syllables, k: int) -> bool:
    """A proper-noun word of 2-4 capitalised syllables starting with a surname."""
    end = syl.word_end(k)
    words = syl.words[k:end]
    return (syl.syls[k].tag == "Np" and 2 <= len(words) <= 4 and words[0] in SURNAMES
            and all(_is_cap(w) for w in words) and not syl.same_word(k))


def _org_end(syl: _Syllables, j: int) -> int:
    """Index after an organisation's name that starts at syllable j (right after the head)."""
    n = len(syl)
    end = j
    while end < n and syl.adjacent(end):
        word = syl.words[end]
        if _looks_like_person(syl, end):
            break  # "Sở Y tế | Trần Văn Nam": the organisation's name ends where a person's begins
        if _is_cap(word):
            # Lowercase syllables of the same word belong to the name ("Nội vụ", "Khoa học"), except
            # after an acronym, where underthesea glued the next word on ("FLC hủy").
            end += 1
            while end < n and syl.same_word(end) and not _is_cap(syl.words[end]) and not _is_acronym(syl.words[end - 1]):
                end += 1
        elif end > j and (tail := syl.phrase_at(end, _ORG_TAILS)) is not None:
            end = tail + 1  # "Hội đồng Vàng thế giới"
            break
        elif word in _CONNECTORS and end + 1 < n and _is_cap(syl.words[end + 1]) and syl.adjacent(end + 1) \
                and (word == "các" or syl.phrase_at(end + 1, _ORG_HEADS) is None):  # "X và Tập đoàn Y": two
            end += 2
            while end < n and syl.same_word(end) and not _is_cap(syl.words[end]):
                end += 1
        elif (admin := syl.phrase_at(end, _ADMINS)) is not None:
            end = syl.cap_run(admin + 1)
            break
        elif (place := syl.phrase_at(end, _PLACE_PREFIXES)) is not None and _is_cap(syl.words[min(place + 1, n - 1)]):
            end = syl.cap_run(place + 1)  # "Liên minh châu Âu"
            break
        else:
            break
    return end


_PLACE_PREFIXES = _Phrases(("châu", "miền"))
# Lowercase words that end an organisation's name ("Hội đồng Vàng thế giới").
_ORG_TAILS = _Phrases(("thế giới", "quốc tế", "toàn cầu", "trung ương", "Trung ương", "quốc gia"))
_MISC_HEADS = _Phrases(MISC_HEADS)
_MISC_NAMES = _Phrases(MISC_NAMES)
_DOMAIN = re.compile(r"(?<![\w.])[A-Z][\w-]*\.(?:vn|com|net|org|gov\.vn|com\.vn)(?![\w.])")
_SOURCE_TAG = re.compile(r"(?m)^\((?P<name>[^()\d]{2,30})\)\s*[-–]")
_TRAILING = ".,;:!?…"


def _cue_before(syl: _Syllables, i: int, cues: _Phrases) -> bool:
    """True when one of the cue phrases ends right before syllable i."""
    for back in range(1, 4):
        k = i - back
        if k < 0:
            return False
        end = syl.phrase_at(k, cues)
        if end == i - 1:
            return True
    return False


def _foreign_or_acronym(syl: _Syllables, i: int, covered: set[int]) -> tuple[int, str] | None:
    """A capitalised foreign name or acronym no other rule claimed, labelled by its left context."""
    if i in covered or not (syl.adjacent(i) or i == 0) and i > 0 and syl.text[syl.syls[i - 1].end:syl.syls[i].start].strip() not in ("", "(", "“", '"'):
        return None
    word = syl.words[i].rstrip(_TRAILING)
    if not (_LATIN.match(word) and _is_cap(word)) or word in NOT_ENTITY_ACRONYMS or _ROMAN.match(word):
        return None
    around = syl.text[max(0, syl.syls[i].start - 1):syl.syls[i].end + 1]
    if "/" in around or re.search(r"\d-|-\d", around):
        return None  # part of a document number or code: "58-NQ/TW", "01/2026/TT-BTC"
    end = i + 1
    while end < len(syl) and end - i < 4 and syl.adjacent(end) and _LATIN.match(syl.words[end]) \
            and _is_cap(syl.words[end]) and end not in covered:
        end += 1
    if _cue_before(syl, i, _ORG_CUES):
        return end, "ORG"
    if _cue_before(syl, i, _LOC_CUES):
        return end, "LOC"
    if end == i + 1 and _is_acronym(word) and len(word) <= 6:
        return end, "ORG"  # tickers and organisations' initials: "MBS", "VSDC", "PTT"
    return None


def _candidates(text: str, tokens: list[Token]) -> list[Entity]:
    syl = _Syllables(text, tokens)
    found: list[Entity] = []

    def add(i: int, j: int, label: str, **extra: str) -> None:
        if j <= i:
            return
        start, end = syl.span(i, j)
        while end > start and text[end - 1] in _TRAILING and not (label == "PER" and "title" in extra and j - i == 0):
            end -= 1  # "TP.HCM." at the end of a sentence
        if end > start:
            found.append(Entity(text[start:end], label, start, end, **extra))

    starters = _phrase_starters()
    for i, word in enumerate(syl.words):
        if word not in starters and not (syl.syls[i].tag == "Np" and word in SURNAMES):
            continue  # no rule starts at this syllable
        if _is_cap(word) and (head := syl.phrase_at(i, _ORG_HEADS)) is not None:
            end = _org_end(syl, head + 1)
            if end > head + 1 and not (word == "Ban" and text[syl.syls[head + 1].start:syl.syls[end - 1].end]
                                        in GENERIC_COMMITTEES):
                add(i, end, "ORG")
        if (org := syl.phrase_at(i, _organisations())) is not None and (org + 1 == len(syl) or
                                                                         not _is_cap(syl.words[org + 1])):
            add(i, org + 1, "ORG")
        if _is_cap(word) and (head := syl.phrase_at(i, _MISC_HEADS)) is not None and head + 1 < len(syl):
            end = _org_end(syl, head + 1)
            if end > head + 1:
                add(i, end, "MISC")
        if (misc := syl.phrase_at(i, _MISC_NAMES)) is not None:
            add(i, misc + 1, "MISC")
        if (known := syl.phrase_at(i, _KNOWN)) is not None:
            end = known + 1
            if (place := _place_at(syl, end)) is not None and syl.adjacent(end):
                end = place  # "Chính phủ Thái Lan", "Quốc hội Mỹ"
            add(i, end, "ORG")
        if (admin := syl.phrase_at(i, _ADMINS)) is not None and admin + 1 < len(syl) and syl.adjacent(admin + 1):
            add(admin + 1, syl.cap_run(admin + 1, limit=4), "LOC")
        if (title := syl.phrase_at(i, _TITLES)) is not None and title + 1 < len(syl) and syl.adjacent(title + 1):
            end = syl.cap_run(title + 1, limit=4)
            if end > title + 1 and syl.words[title + 1] not in _NOT_NAME and syl.phrase_at(title + 1, _ORG_HEADS) is None:
                add(title + 1, end, "PER", title=text[syl.syls[i].start:syl.syls[title].end])
        if (role := syl.phrase_at(i, _ROLES)) is not None and role + 1 < len(syl) and syl.adjacent(role + 1):
            end = syl.cap_run(role + 1, limit=4)
            first = syl.words[role + 1] if end > role + 1 else ""
            foreign = all(_LATIN.match(w) and not _is_acronym(w) for w in syl.words[role + 1:end])
            if first in SURNAMES or (foreign and end - role - 1 >= 2):
                add(role + 1, end, "PER", role=text[syl.syls[i].start:syl.syls[role].end])
        if _looks_like_person(syl, i):
            add(i, syl.word_end(i), "PER")
        if (place := _place_at(syl, i)) is not None and not (i > 0 and syl.words[i - 1] == "đồng"):
            add(i, place, "LOC")  # but "đồng Việt Nam" is a currency
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
    tables = (_ORG_HEADS, _organisations(), _MISC_HEADS, _MISC_NAMES, _KNOWN, _ADMINS, _TITLES, _ROLES, _places())
    return frozenset(first for table in tables for first in table.firsts())


def _place_at(syl: _Syllables, i: int) -> int | None:
    """Index after a gazetteer place name starting at syllable i."""
    if i >= len(syl):
        return None
    end = syl.phrase_at(i, _places())
    return None if end is None else end + 1


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


# Cross-validation (models/ner/CARD.md) shows the model adds organisations the rules miss but
# costs precision on people and places, where gazetteers and name rules are better.
MODEL_LABELS = frozenset({"ORG"})


def _model_additions(proposals: list[Entity], entities: list[Entity], exclude: list[tuple[int, int]]) -> list[Entity]:
    """Model spans where the rules found nothing: names, not dates, numbers or lowercase phrases."""
    taken = [(e.start, e.end) for e in entities] + list(exclude)
    return [p for p in proposals
            if p.label in MODEL_LABELS and p.text[:1].isupper() and not any(ch.isdigit() for ch in p.text)
            and not any(p.start < end and start < p.end for start, end in taken)]


def find_entities(text: str, tokens: list[Token], exclude: list[tuple[int, int]] = (),
                  proposals: list[Entity] = ()) -> list[Entity]:
    """PER/ORG/LOC/MISC mentions in `text`, never overlapping an `exclude` span (dates, numbers).

    `proposals` are spans from the statistical model; they fill gaps the rules leave.
    """
    candidates = [
        e for e in _candidates(text, tokens)
        if not any(e.start < end and start < e.end for start, end in exclude)
    ]
    entities = _resolve_overlaps(candidates)
    entities = sorted(entities + _model_additions(list(proposals), entities, list(exclude)), key=lambda e: e.start)
    aliases = _aliases_from_parentheses(entities, text)
    entities = _resolve_overlaps(entities + [a for a in aliases if not any(
        a.start < e.end and e.start < a.end for e in entities)])
    canonical_of_alias = {a.text: a.canonical for a in aliases}
    _link_mentions(entities, text, tokens)
    for ent in entities:
        if ent.text in canonical_of_alias:
            ent.canonical = canonical_of_alias[ent.text]
    return entities
