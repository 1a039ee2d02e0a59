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
shape decides the label (`_crf_names`). The project's statistical model (opt-in) adds ORG
spans. Finally mentions are linked within the article: aliases in brackets, "ông Phát" and
"Comey" share their full name's canonical form, titles and roles.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Callable, NamedTuple

from .article import Entity
from .normalize import fold_diacritics, normalize_text
from .resources import resource_path

ORG_HEADS = (
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc", "Mặt trận Tổ quốc", "Ủy ban",
    "UBND", "HĐND", "UBMTTQ", "MTTQ", "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Thị ủy", "Đảng ủy", "Đảng bộ",
    "Tổng cục", "Cục", "Sở", "Bộ", "Vụ", "Ban", "Chi cục", "Phòng",
    "Công an", "Bộ Chỉ huy Quân sự", "Bộ đội Biên phòng", "Bộ Tư lệnh", "Quân khu",
    "Tòa án nhân dân", "TAND", "Viện kiểm sát nhân dân", "VKSND", "Viện",
    "Trường đại học", "Trường Đại học", "Trường", "Đại học", "Học viện", "Bệnh viện", "Trung tâm",
    "Tổng công ty", "Công ty cổ phần", "Công ty TNHH", "Công ty", "CTCP", "Tập đoàn", "Ngân hàng", "Quỹ",
    "Liên hiệp", "Liên đoàn", "Hiệp hội", "Hội", "Câu lạc bộ", "CLB", "Báo", "Đài", "Tạp chí", "Nhà xuất bản",
    "Tỉnh đoàn", "Thành đoàn", "Đoàn Thanh niên", "Hợp tác xã", "Sàn", "Kho bạc", "Chi nhánh",
    "Liên minh", "Chứng khoán", "Công ty Chứng khoán", "Đại lý", "Cảng", "Bảo hiểm", "Hội đồng",
    "Tổ chức", "Tòa án", "Đại hội đồng", "Quân đội", "Không quân", "Hải quân", "Lục quân", "Không lực",
    "Thông tấn xã", "Tổng Liên đoàn", "Văn phòng", "Đảng", "Nhà máy", "Khoa", "Hãng",
)
# "Ban Thường vụ", "Ban Giám hiệu": a body inside an organisation, not one by itself.
GENERIC_COMMITTEES = frozenset(("Thường vụ", "Giám hiệu", "Chấp hành", "Thường trực", "Giám đốc", "Tổ chức",
                                "Biên tập", "Quản lý", "Chỉ đạo", "Điều hành", "Kiểm soát"))
# Named laws, treaties, awards, contests, indices and products.
MISC_HEADS = ("Luật", "Bộ luật", "Hiệp định", "Công ước", "Hiệp ước", "Giải thưởng", "Hội thi", "Cuộc thi",
              "Chiến dịch", "Lễ hội", "Hội chợ", "Giải", "Cúp", "Hội nghị", "Trận", "Chiến tranh", "Hiến chương",
              "Tuyên bố", "Diễn đàn", "Thế vận hội", "Đại hội Thể thao")
MISC_NAMES = ("VN-Index", "VN30", "VN30-Index", "HNX-Index", "HNX30", "UPCoM-Index", "VNAllshare", "VNDiamond",
              "Dow Jones", "S&P 500", "Nasdaq", "Nasdaq Composite", "Nikkei 225", "Brent", "WTI", "DXY", "iOS",
              "Android", "Windows", "iPhone", "ChatGPT", "CPTPP", "RCEP", "EVFTA", "Power 6/55", "Mega 6/45")
KNOWN_ORGS = (
    "Bộ Chính trị", "Ban Bí thư", "Quốc hội", "Chính phủ", "Đảng", "Ngân hàng Nhà nước", "HOSE", "HNX",
    "UPCoM", "Liên Hợp Quốc", "Liên Hiệp Quốc", "Liên hợp quốc", "Liên hiệp quốc", "LHQ", "WTO", "IMF", "WB", "ASEAN", "EU", "OPEC", "FTSE", "MSCI", "NATO", "WHO",
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
    "LIVE PHOTO TOP CLB HLV VĐQG SRAM DRAM RAM ROM CPU GPU AIDS HIV MBA PhD VP NV USB LED LCD DNA RNA TV DVD "
    "CD PC SUV EV CNTT".split()
)
_ROMAN = re.compile(r"^[IVXLC]+$")
ADMIN_WORDS = ("tỉnh", "thành phố", "TP.", "TP", "Tp.", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường",
               "thôn", "bản", "ấp", "đường", "phố", "đại lộ")
# Words that make a country's formal name: "Cộng hòa Ireland", "Vương quốc Anh", "CHDCND Triều Tiên".
STATE_PREFIXES = ("Cộng hòa", "Cộng hòa Xã hội chủ nghĩa", "Cộng hòa Dân chủ", "Cộng hòa Dân chủ Nhân dân",
                  "Cộng hòa Nhân dân", "Cộng hòa Liên bang", "Cộng hòa Hồi giáo", "CHDCND", "CHND", "Vương quốc",
                  "Liên bang", "Đế quốc", "Hợp chúng quốc", "Tiểu vương quốc", "Công quốc")
# Lowercase geographic words before a place's name: "sông Hồng" -> "Hồng", "sân bay Nội Bài" -> "Nội Bài".
GEO_WORDS = ("sông", "hồ", "núi", "dãy núi", "đảo", "quần đảo", "bán đảo", "vịnh", "biển", "eo biển", "cầu", "sân bay",
             "sân vận động", "sân", "chợ", "đèo", "thác", "hang", "động", "cao nguyên", "vườn quốc gia", "bãi biển",
             "khu du lịch", "cửa khẩu", "bến xe", "ga", "kênh", "kênh đào", "đầm", "phá", "mũi", "đỉnh", "dãy",
             "sa mạc", "rừng")
# The same words capitalised are part of the name: "Vịnh Hạ Long", "Sân bay Nội Bài". ("Hồ" is left
# out: "Hồ Gươm" and "Hồ Đức Phớc" look alike.)
GEO_HEADS = ("Sông", "Núi", "Đảo", "Quần đảo", "Bán đảo", "Vịnh", "Cầu", "Sân bay", "Sân vận động", "Chợ", "Đèo",
             "Thác", "Cao nguyên", "Vườn quốc gia", "Cửa khẩu", "Bến xe", "Ga", "Đầm", "Mũi")
TITLES = (
    "ông", "bà", "anh", "chị", "em", "cụ", "cháu", "đồng chí", "Đồng chí", "Ông", "Bà", "Anh", "Chị",
    "TS.", "ThS.", "PGS.TS.", "PGS.TS", "PGS.", "GS.TS.", "GS.TS", "GS.", "BS.", "BSCKII", "KS.", "CN.", "LS.",
    "TS", "ThS", "PGS", "GS", "BS", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá",
    "Trung tá", "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "nhà báo", "luật sư", "Luật sư",
    "bác sĩ", "Bác sĩ", "nghệ sĩ", "NSND", "NSƯT", "nhạc sĩ", "ca sĩ", "thầy", "cô",
    "Sir", "Lady", "Lord", "Dame", "Miss", "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Dr",
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
    "Mạnh Hầu Cù Hồ Lò Sầm Bế Hoàng Đàm Ứng Mẫn Yên Lã "
    # Chinese family names as Vietnamese writes them ("Tập Cận Bình", "Mã Vân")
    "Tập Mao Tưởng Ôn Nhậm Tào Bạc Diêm Khương Mã Thẩm Uông Tần".split()
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


class Token(NamedTuple):
    """The view of a token the rules need: offsets and underthesea POS tag."""

    start: int
    end: int
    tag: str


def as_tokens(words: list[tuple[int, int, str]]) -> list[Token]:
    """(start, end, POS) tuples as Tokens, without a Python-level constructor call per word."""
    new = tuple.__new__
    return [new(Token, word) for word in words]


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
def _given_names() -> frozenset[str]:
    lines = resource_path("gazetteers/given_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip() for n in lines if n.strip() and not n.startswith("#"))


@lru_cache(maxsize=1)
def _public_figures() -> frozenset[str]:
    lines = resource_path("gazetteers/people.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip() for n in lines if n.strip() and not n.startswith("#"))


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
# Letters of European names that Vietnamese does not use ("Dubček", "Pérez", "Müller"); á, é ... are shared.
_EUROPEAN = "áàéèíìóòúùýäëïöüÿñçčšžřěůłńśźżőűøåæœßćÁÀÉÈÍÌÓÒÚÙÝÄËÏÖÜÑÇČŠŽŘĚŮŁŃŚŹŻŐŰØÅÆŒĆ"
_FOREIGN = re.compile(rf"^[A-Za-z{_EUROPEAN}][A-Za-z{_EUROPEAN}'’.-]*$")


class _Syl(NamedTuple):  # a tuple: tens of thousands are made per article
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
        self.words: list[str] = []
        new = tuple.__new__  # a named tuple without its Python-level constructor: tens of thousands per article
        for index, (start, end, tag) in enumerate(tokens):
            word = text[start:end]
            if " " not in word:
                self.syls.append(new(_Syl, (start, end, tag, index)))
                self.words.append(word)
                continue
            for m in re.finditer(r"\S+", word):
                self.syls.append(new(_Syl, (start + m.start(), start + m.end(), tag, index)))
                self.words.append(m.group(0))
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
_GEO_WORDS = _Phrases(GEO_WORDS)
_STATES = _Phrases(STATE_PREFIXES)
_GEO_HEADS = _Phrases(GEO_HEADS)
_TITLES = _Phrases(TITLES)
_ROLES = _Phrases(ROLES)
_ORG_CUES = _Phrases(ORG_CUES)
_LOC_CUES = _Phrases(LOC_CUES)
_CONNECTORS = ("và", "các", "&")


_NAME_TAGS = frozenset(("Np", "Ny", "N"))  # underthesea tags some full names Ny or N ("Trịnh Công Sơn")


# Last syllables of roles held by people in public office, after which one foreign word is a family
# name ("Tổng thống Trump", "Thủ tướng Modi"); a company's head may be followed by its company.
_STATE_ROLE_ENDS = frozenset(("thống", "tướng", "trưởng", "sứ", "ký", "hoàng", "vương"))


def _looks_like_person(syl: _Syllables, k: int) -> bool:
    """A proper-noun word of 2-4 capitalised syllables starting with a surname."""
    end = syl.word_end(k)
    words = syl.words[k:end]
    return (syl.syls[k].tag in _NAME_TAGS and 2 <= len(words) <= 4 and words[0] in SURNAMES
            and all(_is_cap(w) for w in words) and not syl.same_word(k)
            and _place_at(syl, k) != end)  # "Hà Nội", "Lâm Đồng": places that start like a surname


_INITIAL = re.compile(r"^[A-Z]\.$")
_QUOTES = frozenset('"“”')


def _foreign_run(syl: _Syllables, i: int, limit: int = 5) -> int:
    """Index after the run of capitalised foreign (Latin-letter) syllables starting at i; a middle
    initial and a quoted nickname belong to the run: `Timothy D. "Tim" Cook`, `Eldrick "Tiger" Woods`."""
    k = last = i
    n = len(syl)
    while k < n and k - i < limit + 3 and (k == i or syl.adjacent(k) or syl.words[k] in _QUOTES):
        word = syl.words[k]
        if k > i and word in _QUOTES and k + 2 < n and syl.words[k + 2] in _QUOTES and _is_cap(syl.words[k + 1]):
            k += 3  # the nickname, then the name goes on
            continue
        if k > i and _INITIAL.match(word):
            k += 1
            continue
        if not (_FOREIGN.match(word.rstrip(_TRAILING)) and _is_cap(word) and not _is_acronym(word)):
            break
        k += 1
        last = k
        if word[-1:] in _TRAILING:
            break  # "Tim Cook, ..." ends at the comma
    return last


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


def _candidates(syl: _Syllables) -> list[Entity]:
    text = syl.text
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
        if _is_cap(word) and (head := syl.phrase_at(i, _ORG_HEADS)) is not None \
                and (_place_at(syl, i) or 0) <= head + 1:  # "Trường Sa", "Đài Loan" are places
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
            if end + 1 < len(syl) and syl.words[end] == "nước" and syl.adjacent(end + 1) \
                    and _state_at(syl, end + 1) is not None:
                end += 1  # "Quốc hội nước Cộng hòa Xã hội chủ nghĩa Việt Nam"
            if (place := _state_at(syl, end)) is not None and syl.adjacent(end):
                end = place  # "Chính phủ Thái Lan", "Quốc hội Mỹ"
            add(i, end, "ORG")
        if (admin := syl.phrase_at(i, _ADMINS)) is not None and admin + 1 < len(syl) and syl.adjacent(admin + 1):
            add(admin + 1, syl.cap_run(admin + 1, limit=4), "LOC")
        if (geo := syl.phrase_at(i, _GEO_WORDS)) is not None and geo + 1 < len(syl) and syl.adjacent(geo + 1) \
                and not _looks_like_person(syl, geo + 1) and syl.words[geo + 1] not in _NOT_NAME:
            add(geo + 1, syl.cap_run(geo + 1, limit=4), "LOC")
        if (geo := syl.phrase_at(i, _GEO_HEADS)) is not None and geo + 1 < len(syl) and syl.adjacent(geo + 1) \
                and not _looks_like_person(syl, geo + 1) and syl.words[geo + 1] not in _NOT_NAME:
            end = syl.cap_run(geo + 1, limit=4)
            if end > geo + 1:
                add(i, end, "LOC")
        if word.rstrip(_TRAILING) in _public_figures() and not (i > 0 and syl.adjacent(i) and _is_cap(syl.words[i - 1])):
            add(i, i + 1, "PER")  # "Trump cho biết"
        if syl.words[i] in _given_names() and (end := _foreign_run(syl, i)) > i + 1 \
                and _foreign_name([w for w in syl.words[i:end] if w not in _QUOTES and not _INITIAL.match(w)]):
            add(i, end, "PER")  # "Elon Musk", "Tim Cook": a foreign given name and what follows (not "Theo Sách")
        if (title := syl.phrase_at(i, _TITLES)) is not None and title + 1 < len(syl) and syl.adjacent(title + 1):
            end = syl.cap_run(title + 1, limit=4)
            if end > title + 1 and syl.words[title + 1] not in _NOT_NAME and syl.phrase_at(title + 1, _ORG_HEADS) is None:
                add(title + 1, end, "PER", title=text[syl.syls[i].start:syl.syls[title].end])
        if (role := syl.phrase_at(i, _ROLES)) is not None and role + 1 < len(syl) and syl.adjacent(role + 1):
            name = role + 1
            place = _place_at(syl, name) or (name + 1 if syl.words[name] in AMBIGUOUS_PLACES else None)
            org = syl.phrase_at(name, _organisations())
            if place is not None and place < len(syl) and syl.adjacent(place) and _is_cap(syl.words[place]):
                add(name, place, "LOC")
                name = place  # "Tổng thống Nga Vladimir Putin": the country is not part of the name
            elif org is not None and org + 1 < len(syl) and syl.adjacent(org + 1) and _is_cap(syl.words[org + 1]):
                add(name, org + 1, "ORG")
                name = org + 1  # "CEO Apple Tim Cook"
            end = syl.cap_run(name, limit=4)
            first = syl.words[name] if end > name else ""
            foreign = all(_LATIN.match(w) and not _is_acronym(w) for w in syl.words[name:end])
            one_name = end - name == 1 and foreign and syl.words[role] in _STATE_ROLE_ENDS \
                and syl.phrase_at(name, _organisations()) is None
            if first in SURNAMES or (foreign and end - name >= 2) or one_name:  # "Tổng thống Trump"
                add(name, end, "PER", role=text[syl.syls[i].start:syl.syls[role].end])
        if _looks_like_person(syl, i):
            add(i, syl.word_end(i), "PER")
        if (place := _state_at(syl, i)) is not None and _reads_as_place(syl, i, place):
            add(i, place, "LOC")
        elif word in AMBIGUOUS_PLACES and _is_ambiguous_place(syl, i):
            add(i, i + 1, "LOC")
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
    tables = (_ORG_HEADS, _organisations(), _MISC_HEADS, _MISC_NAMES, _KNOWN, _ADMINS, _TITLES, _ROLES, _places(),
              _GEO_WORDS, _GEO_HEADS, _STATES)
    return (frozenset(first for table in tables for first in table.firsts()) | _given_names() | AMBIGUOUS_PLACES
            | _public_figures())


def _place_at(syl: _Syllables, i: int) -> int | None:
    """Index after a gazetteer place name starting at syllable i.

    A match that stops inside one underthesea word runs on to the word's end when the rest is
    capitalised: "Mỹ Đình" is not "Mỹ", "Tân Sơn Nhứt" not "Tân Sơn".
    """
    if i >= len(syl):
        return None
    end = syl.phrase_at(i, _places())
    if end is None:
        return None
    end += 1
    while end < len(syl) and syl.same_word(end) and _is_cap(syl.words[end]) and not _LATIN.match(syl.words[end]):
        end += 1  # but "Bangkok Post" is a newspaper, "Đức Nam" a name
    return end


# Words before a place name that make it something else: a language, a currency, an ethnic group.
_NOT_PLACE_BEFORE = frozenset(("tiếng", "đồng", "dân tộc", "đồng bào", "chữ"))
# Words after a country's name that make a compound: "Mỹ kim" (dollars), "Pháp thuộc" (a period), "Anh ngữ".
_NOT_PLACE_AFTER = frozenset(("kim", "thuộc", "ngữ", "văn", "kiều", "tự"))
# One-syllable country names that are also common words or given names ("Anh", "Ý", "Nhật").
AMBIGUOUS_PLACES = frozenset(("Anh", "Ý", "Nhật"))
_AMBIGUOUS_PLACE_CUES = frozenset("nước người tại ở sang đến tới từ của với và quân Vương quốc hạng Chính phủ Thủ tướng "
                                  "Nữ hoàng Hoàng gia Quốc hội Đại sứ Ngoại trưởng Bộ trưởng đội tuyển Mỹ Pháp Đức Nga "
                                  "Trung Quốc Hàn Quốc Nhật Bản".split(" "))


def _reads_as_place(syl: _Syllables, i: int, end: int) -> bool:
    """False where a gazetteer name is not a place here: "tiếng Nga" (a language), "đồng Việt Nam" (a currency),
    "Đức" in "Phó Đức Nam" (part of a person's name), "Pháp thuộc" and "Mỹ kim" (compounds)."""
    if i > 0 and syl.words[i - 1] in _NOT_PLACE_BEFORE or end < len(syl) and syl.words[end] in _NOT_PLACE_AFTER:
        return False
    inside_name = syl.same_word(i) and _is_cap(syl.words[i - 1]) and (
        syl.words[i - 1] in SURNAMES or (end < len(syl) and syl.same_word(end) and _is_cap(syl.words[end])))
    # One syllable glued to the next in one word: "Mỹ kim", "Pháp thuộc", or a name such as "Đức Nam".
    compound = end == i + 1 and end < len(syl) and syl.same_word(end)
    return not (inside_name or compound)


def _is_ambiguous_place(syl: _Syllables, i: int) -> bool:
    """"tại Anh", "người Anh", "Pháp, Anh": a country; "Tuấn Anh", "Anh cho biết", "tiếng Anh": not."""
    if syl.same_word(i) or (i + 1 < len(syl) and syl.same_word(i + 1)) or i == 0:
        return False
    if i + 1 < len(syl) and syl.adjacent(i + 1) and _is_cap(syl.words[i + 1]):
        return False
    if i + 1 < len(syl) and syl.words[i + 1] in _NOT_PLACE_AFTER:
        return False
    prev = syl.words[i - 1]
    two = " ".join(syl.words[max(0, i - 2):i])
    listed = prev in (",", "và") and i >= 2 and any(_place_at(syl, k) == i - 1 for k in range(max(0, i - 5), i - 1))
    return prev in _AMBIGUOUS_PLACE_CUES or two in _AMBIGUOUS_PLACE_CUES or listed  # "Pháp, Anh"


def _state_at(syl: _Syllables, i: int) -> int | None:
    """Index after a place, or a country's formal name ("Cộng hòa Ireland"), starting at syllable i."""
    if (prefix := syl.phrase_at(i, _STATES)) is not None and prefix + 1 < len(syl) and syl.adjacent(prefix + 1):
        if (place := _place_at(syl, prefix + 1)) is not None:
            return place
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
        if not alias[:1].isupper() or any(ch.isdigit() for ch in alias):
            continue  # "(bố Tiger Woods)", "(1958)": a comment, not a short name
        for found in re.finditer(rf"(?<![\w]){re.escape(alias)}(?![\w])", text):
            extra.append(Entity(alias, "ORG", found.start(), found.end(), canonical=ent.text))
    return extra


# Cross-validation (models/ner/CARD.md) shows the model adds organisations the rules miss but
# costs precision on people and places, where gazetteers and name rules are better.
MODEL_LABELS = frozenset({"ORG"})


def _is_name_span(syl: _Syllables, i: int, j: int) -> bool:
    """Syllables i..j-1 read as a name: all capitalised, no digits, not a common acronym or opener."""
    words = syl.words[i:j]
    return (all(_is_cap(w) for w in words) and not any(ch.isdigit() for w in words for ch in w)
            and not (len(words) == 1 and words[0].rstrip(_TRAILING) in NOT_ENTITY_ACRONYMS)
            and words[0] not in _NOT_NAME and all(syl.adjacent(k) for k in range(i + 1, j)))


def _statistical_additions(syl: _Syllables, spans: list[tuple[int, int, str]], labels: frozenset[str],
                           taken: list[tuple[int, int]]) -> list[Entity]:
    """Spans from the project's model where the rules found nothing: a capital first letter, no digit."""
    out: list[Entity] = []
    for start, end, label in spans:
        text = syl.text[start:end]
        if label in labels and text[:1].isupper() and not any(c.isdigit() for c in text) \
                and not any(start < e and s < end for s, e in taken):
            out.append(Entity(text, label, start, end))
    return out


# Last words that say what an unknown foreign name is ("Taseco Land", "Bamboo Airways", "Grand Opera Tower").
ORG_SUFFIXES = frozenset("Group Corp Corporation Company Inc Ltd Co Holdings Holding Bank Capital Partners Land "
                         "Airlines Airways Air Motors Motor Electronics Electric Technologies Technology Tech Systems "
                         "Media News Times Post Journal Mart Coffee Pharma Energy Oil Gas Steel Securities "
                         "Investment Insurance Foods Food Studio Studios Entertainment Ventures Fund FC F.C. United "
                         "Club University College Institute Foundation Association Agency Council Network".split())
LOC_SUFFIXES = frozenset("Tower Towers Hotel Resort Residences Residence City Park Plaza Mall Center Centre Square "
                         "Bridge Island Islands Street Avenue Stadium Airport Bay Valley Lake River Mountain Beach "
                         "Villas Village".split())


# Verbs only a person is the subject of.
_HUMAN_VERBS = _Phrases(("lớn lên", "tốt nghiệp", "sinh ra", "sinh năm", "qua đời", "từ trần", "kết hôn", "ly hôn",
                         "nhậm chức", "đắc cử", "từ chức", "phát biểu", "bày tỏ", "học tại", "theo học"))
_NAME_SHAPED = re.compile(rf"^[A-Z{_EUROPEAN}][a-z{_EUROPEAN}'’]+(?:-[A-Z{_EUROPEAN}]?[a-z{_EUROPEAN}'’]+)*$")
# The shape of a Vietnamese syllable once its marks are folded: onset, one to three vowels, coda.
_VIETNAMESE_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                                  r"(?:ch|nh|ng|[cmnpt])?$")
# English words that start organisations' and events' names, never a person's.
_NOT_PERSON_WORDS = frozenset("National International American North South East West Central General Global United "
                              "Royal Federal First New Saint Football League High School System Engineering "
                              "Industrial Networks Network Service Services Fulfillment Business Development "
                              "Research Science Sciences Technology Digital Financial Trade World Asia Pacific Euro "
                              "European Open Cup Championship Festival Award Awards Index Fund Museum Gallery "
                              "Materials Industries Industry Solutions Logistics Resources Chemicals Refinery "
                              "Pharmaceuticals Construction Properties Realty Brands Labs Software Semiconductor "
                              "Telecom Communications Mobile Bank Group Capital Partners Land".split())


def _foreign_name(words: list[str]) -> bool:
    """Foreign letters only, and at least one word no Vietnamese syllable could be ("Cook", not "Hoa Vi")."""
    return all(_FOREIGN.match(w) for w in words) and not all(
        _VIETNAMESE_SYLLABLE.match(fold_diacritics(w).lower()) for w in words)


def _crf_names(syl: _Syllables, spans: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> list[Entity]:
    """Names underthesea's CRF found where the rules found nothing, labelled by their own shape.

    The CRF is good at telling where a name is and poor at telling what it is (most companies
    come out as PER), so only its LOC label is trusted; otherwise the name's words decide.
    """
    out: list[Entity] = []
    for start, end, crf_label in spans:
        i, last = syl.index_at_start.get(start), syl.index_at_end.get(end)
        if i is None or last is None or any(start < e and s < end for s, e in taken):
            continue
        j = last + 1
        while i > 0 and syl.adjacent(i) and _LATIN.match(syl.words[i - 1]) and _is_cap(syl.words[i - 1]) \
                and _LATIN.match(syl.words[i]) and not any(syl.syls[i - 1].start < e and s < syl.syls[i - 1].end
                                                             for s, e in taken):
            i -= 1  # "Lakeside | Residences": the CRF's span started one word late
        start = syl.syls[i].start
        if not _is_name_span(syl, i, j):
            continue
        if i > 0 and (syl.words[i - 1] in _NOT_PLACE_BEFORE or syl.words[i - 1] == "người"):
            continue  # "người Khmer", "tiếng Kurd": a people or a language
        words = [w.rstrip(_TRAILING) for w in syl.words[i:j]]
        foreign = _foreign_name(words)
        if len("".join(words)) < 2 or (not foreign and len(words) < 2):
            continue  # "L" of "L/C"; one capitalised Vietnamese syllable ("Tờ khai") is not a name by itself
        if foreign and len(words) > 1 and words[0] in ("The", "A", "An") and words[-1] not in ORG_SUFFIXES:
            label = "MISC"  # "The Selfish Gene", "The Hobbit": a work's title
        elif foreign and len(words) == 1 and syl.phrase_at(j, _HUMAN_VERBS) is not None:
            label = "PER"  # "Cook tốt nghiệp ...": only a person graduates, marries or dies
        elif foreign:
            label = ("ORG" if words[-1] in ORG_SUFFIXES else "LOC" if words[-1] in LOC_SUFFIXES
                     else "LOC" if crf_label == "LOC" and len(words) == 1
                     # "Lars Onsager", "Jimi Hendrix": two or three name-shaped words are most often a person
                     else "PER" if 2 <= len(words) <= 3 and all(_NAME_SHAPED.match(w) for w in words)
                     and not _NOT_PERSON_WORDS.intersection(words)
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


def _unexplained_capitals(syl: _Syllables, taken: list[tuple[int, int]]) -> list[int]:
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
        opener = i == 0 or syl.text[:s.start].rstrip()[-1:] in ".!?:;\n\"“(-–"
        if opener and not (i + 1 < len(syl) and syl.adjacent(i + 1) and _is_cap(syl.words[i + 1])) \
                and not _foreign_name([syl.words[i].rstrip(_TRAILING)]):
            continue
        out.append(s.start)
    return out


def _short_name_mentions(syl: _Syllables, entities: list[Entity]) -> list[Entity]:
    """"Comey" after "James Comey": a foreign person's family name alone is the same person.

    Removes from `entities` any one-word place or organisation it relabels."""
    family = {}
    for ent in entities:
        words = ent.text.split()
        if ent.label == "PER" and len(words) >= 2 and _NAME_SHAPED.match(words[-1]) and _FOREIGN.match(words[-1]):
            family.setdefault(words[-1], ent.text)
    if not family:
        return []
    # A one-word place or organisation with the same name is the person here: "Wales" after "Jimmy Wales".
    single = {(e.start, e.end): e for e in entities if e.label != "PER" and e.text in family}
    taken = [(e.start, e.end) for e in entities if (e.start, e.end) not in single]
    out = []
    for k, word in enumerate(syl.words):
        name = word.rstrip(_TRAILING)
        if name in family and (k + 1 == len(syl) or not _is_cap(syl.words[k + 1]) or not syl.adjacent(k + 1)) \
                and not (k > 0 and _is_cap(syl.words[k - 1]) and syl.adjacent(k)):
            start = syl.syls[k].start
            end = start + len(name)
            if not any(start < e and s < end for s, e in taken):
                if (start, end) in single:
                    entities.remove(single[(start, end)])
                out.append(Entity(name, "PER", start, end, canonical=family[name]))
    return out


def find_entities(text: str, tokens: list[Token], exclude: list[tuple[int, int]] = (),
                  proposals: list[Entity] = (),
                  tagger: Callable[[list[int]], list[tuple[int, int, str]]] | None = None) -> list[Entity]:
    """PER/ORG/LOC/MISC mentions in `text`, never overlapping an `exclude` span (dates, numbers).

    `proposals` are spans from the project's statistical model. `tagger` (underthesea's CRF) is
    asked for spans around the capitalised words no rule explained: where the rules found nothing,
    both add names the rules have no pattern for.
    """
    syl = _Syllables(text, tokens)
    exclude = list(exclude)
    candidates = [e for e in _candidates(syl) if not any(e.start < end and start < e.end for start, end in exclude)]
    entities = _resolve_overlaps(candidates)
    taken = [(e.start, e.end) for e in entities] + exclude
    model = _statistical_additions(syl, [(p.start, p.end, p.label) for p in proposals], MODEL_LABELS, taken)
    entities = sorted(entities + model, key=lambda e: e.start)
    entities += _short_name_mentions(syl, entities)
    taken = [(e.start, e.end) for e in entities] + exclude
    crf = _crf_names(syl, tagger(_unexplained_capitals(syl, taken)), taken) if tagger else []
    entities = sorted(entities + crf, key=lambda e: e.start)
    aliases = _aliases_from_parentheses(entities, text)
    entities = _resolve_overlaps(entities + [a for a in aliases if not any(
        a.start < e.end and e.start < a.end for e in entities)])
    canonical_of_alias = {a.text: a.canonical for a in aliases}
    _link_mentions(entities, text, tokens)
    for ent in entities:
        if ent.text in canonical_of_alias:
            ent.canonical = canonical_of_alias[ent.text]
    return entities
