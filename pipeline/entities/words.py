"""Word lists and gazetteers the entity rules read: head nouns, titles, roles, surnames, places.

Each phrase table is indexed by its first syllable (`Phrases`), so a lookup costs one dict access.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from pipeline.resources import resource_path
from pipeline.text.normalize import normalize_text

ORG_HEADS = (
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc", "Mặt trận Tổ quốc", "Ủy ban",
    "UBND", "HĐND", "UBMTTQ", "MTTQ", "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Thị ủy", "Đảng ủy", "Đảng bộ",
    "Tổng cục", "Cục", "Sở", "Bộ", "Vụ", "Ban", "Chi cục", "Phòng",
    "Công an", "Bộ Chỉ huy Quân sự", "Bộ đội Biên phòng", "Bộ Tư lệnh", "Quân khu",
    "Tòa án nhân dân", "TAND", "Viện kiểm sát nhân dân", "VKSND", "Viện",
    "Trường đại học", "Trường Đại học", "Trường", "Đại học", "Học viện", "Trường THPT chuyên", "Trường THPT",
    "Trường THCS", "Trường Tiểu học", "Trường tiểu học", "Trường Mầm non", "Trường mầm non", "Trường Cao đẳng",
    "Trường cao đẳng", "Trường Trung học phổ thông", "Trường trung học phổ thông", "Trường Trung cấp",
    "Bệnh viện", "Trung tâm",
    "Tổng công ty", "Công ty cổ phần", "Công ty TNHH", "Công ty", "CTCP", "Tập đoàn", "Ngân hàng", "Quỹ",
    "Liên hiệp", "Liên đoàn", "Hiệp hội", "Hội", "Câu lạc bộ", "CLB", "Câu lạc bộ bóng đá", "CLB bóng đá",
    "Câu lạc bộ Bóng đá", "CLB Bóng đá", "Báo", "Đài", "Tạp chí", "Nhà xuất bản",
    "Tỉnh đoàn", "Thành đoàn", "Đoàn Thanh niên", "Hợp tác xã", "Sàn", "Kho bạc", "Chi nhánh",
    "Liên minh", "Chứng khoán", "Công ty Chứng khoán", "Đại lý", "Cảng", "Bảo hiểm", "Hội đồng",
    "Tổ chức", "Tòa án", "Đại hội đồng", "Quân đội", "Không quân", "Hải quân", "Lục quân", "Không lực",
    "Thông tấn xã", "Tổng Liên đoàn", "Văn phòng", "Đảng", "Nhà máy", "Khoa", "Hãng", "Cao đẳng", "Trung cấp",
    "Liên đoàn bóng đá", "Liên đoàn Bóng đá", "Hiệp hội bóng đá", "Ủy ban bóng đá",
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
    "UPCoM", "Liên Hợp Quốc", "Liên Hiệp Quốc", "Liên hợp quốc", "Liên hiệp quốc", "LHQ", "WTO", "IMF", "WB",
    "ASEAN", "EU", "OPEC", "FTSE", "MSCI", "NATO", "WHO",
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
    "CD PC SUV EV CNTT SLR DSLR COO CTO CIO CMO".split()
)

ROMAN = re.compile(r"^[IVXLC]+$")

ADMIN_WORDS = ("tỉnh", "thành phố", "TP.", "TP", "Tp.", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường",
               "thôn", "bản", "ấp", "đường", "phố", "đại lộ")

# Words that make a country's formal name: "Cộng hòa Ireland", "Vương quốc Anh", "CHDCND Triều Tiên".
STATE_PREFIXES = ("Cộng hòa", "Cộng hòa Xã hội chủ nghĩa", "Cộng hòa Xã hội Chủ nghĩa", "Cộng hòa Dân chủ", "Cộng hòa Dân chủ Nhân dân",
                  "Cộng hòa Nhân dân", "Cộng hòa Liên bang", "Cộng hòa Hồi giáo", "CHDCND", "CHND", "Vương quốc",
                  "Liên bang", "Đế quốc", "Hợp chúng quốc", "Tiểu vương quốc", "Công quốc")

# Lowercase geographic words before a place's name: "sông Hồng" -> "Hồng", "sân bay Nội Bài" -> "Nội Bài".
GEO_WORDS = ("sông", "hồ", "núi", "dãy núi", "đảo", "quần đảo", "bán đảo", "vịnh", "biển", "eo biển", "cầu", "sân bay",
             "sân vận động", "sân", "chợ", "đèo", "thác", "hang", "động", "cao nguyên", "vườn quốc gia", "bãi biển",
             "khu du lịch", "cửa khẩu", "bến xe", "ga", "kênh", "kênh đào", "đầm", "phá", "mũi", "đỉnh", "dãy",
             "sa mạc", "rừng", "nhà hát", "bảo tàng", "quảng trường", "công viên", "nhà thờ", "chùa", "đền", "lăng",
             "khách sạn", "tòa nhà")

# The same words capitalised are part of the name: "Vịnh Hạ Long", "Sân bay Nội Bài". ("Hồ" is left
# out: "Hồ Gươm" and "Hồ Đức Phớc" look alike.)
GEO_HEADS = ("Sông", "Núi", "Đảo", "Quần đảo", "Bán đảo", "Vịnh", "Cầu", "Sân bay", "Sân vận động", "Chợ", "Đèo",
             "Thác", "Cao nguyên", "Vườn quốc gia", "Cửa khẩu", "Bến xe", "Ga", "Đầm", "Mũi", "Nhà hát", "Bảo tàng",
             "Quảng trường", "Công viên", "Nhà thờ", "Chùa", "Đền", "Lăng", "Tháp", "Khách sạn", "Tòa nhà")

TITLES = (
    "ông", "bà", "anh", "chị", "em", "cụ", "cháu", "đồng chí", "Đồng chí", "Ông", "Bà", "Anh", "Chị",
    "TS.", "ThS.", "PGS.TS.", "PGS.TS", "PGS.", "GS.TS.", "GS.TS", "GS.", "BS.", "BSCKII", "KS.", "CN.", "LS.",
    "TS", "ThS", "PGS", "GS", "BS", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá",
    "Trung tá", "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "nhà báo", "luật sư", "Luật sư",
    "bác sĩ", "Bác sĩ", "nghệ sĩ", "NSND", "NSƯT", "nhạc sĩ", "ca sĩ", "thầy", "cô",
    "Sir", "Lady", "Lord", "Dame", "Miss", "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Dr",
    "Ca sĩ", "Nhạc sĩ", "Nghệ sĩ", "Nhà báo", "Họa sĩ", "Nhà văn",
    "nhà văn", "nhà thơ", "Nhà thơ", "họa sĩ", "đạo diễn", "Đạo diễn", "diễn viên", "Diễn viên", "người mẫu",
    "Hoa hậu", "hoa hậu", "Á hậu", "á hậu", "cầu thủ", "Cầu thủ", "tiền vệ", "tiền đạo", "thủ môn", "hậu vệ",
    "Tiền vệ", "Tiền đạo", "Thủ môn", "Hậu vệ", "võ sĩ", "tay vợt", "VĐV", "vận động viên", "bị cáo", "Bị cáo",
    "bị can", "Bị can", "nghi phạm", "Nghi phạm", "đối tượng", "bé", "Bé", "thầy giáo", "cô giáo",
    "nữ sinh", "nam sinh", "sinh viên", "học sinh", "tỷ phú", "Tỷ phú", "doanh nhân", "Doanh nhân",
    "Thượng tọa", "Hòa thượng", "Đại đức", "linh mục", "Linh mục", "mục sư",
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
NOT_NAME = frozenset(
    "Ngày Tháng Năm Theo Tại Trong Sau Trước Khi Với Về Để Các Những Một Hai Ba Đây Đó Này Nhưng Tuy "
    "Ông Bà Anh Chị Hội Ban Bộ Sở Theo Thứ Chủ Giá Lãi Tổng Phó Quỹ Hiện Nếu Do Vì Cùng Còn Đặc".split()
)

ALIASES = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "TAND": "Tòa án nhân dân",
            "VKSND": "Viện kiểm sát nhân dân", "MTTQ": "Mặt trận Tổ quốc", "TP.": "thành phố", "TP": "thành phố",
            "Tp.": "thành phố"}


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every place name: provinces and former districts from underthesea, then world_places.txt."""
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
    names.update(_names("gazetteers/world_places.txt"))
    # Names are also written with every syllable capitalised: "Việt Nam Cộng Hòa".
    names.update(" ".join(w[:1].upper() + w[1:] for w in n.split()) for n in list(names) if " " in n)
    return frozenset(normalize_text(n) for n in names)


@lru_cache(maxsize=1)
def places() -> "Phrases":
    """The place names as a phrase table."""
    return Phrases(tuple(place_names()))


def _names(relative: str) -> list[str]:
    """The names of one gazetteer file under models/: one per line, "#" lines are comments."""
    lines = resource_path(relative).read_text(encoding="utf-8").splitlines()
    return [normalize_text(n.strip()) for n in lines if n.strip() and not n.startswith("#")]


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Names that start a foreign person's name (models/gazetteers/given_names.txt)."""
    return frozenset(_names("gazetteers/given_names.txt"))


@lru_cache(maxsize=1)
def public_figures() -> frozenset[str]:
    """Family names of public figures news names alone (models/gazetteers/people.txt)."""
    return frozenset(_names("gazetteers/people.txt"))


@lru_cache(maxsize=1)
def family_names() -> frozenset[str]:
    """Common foreign family names (models/gazetteers/family_names.txt)."""
    return frozenset(_names("gazetteers/family_names.txt"))


@lru_cache(maxsize=1)
def organisations() -> "Phrases":
    """Organisations news names without a head noun (models/gazetteers/organisations.txt)."""
    return Phrases(tuple(_names("gazetteers/organisations.txt")))


# Endings of foreign family names: Slavic, Spanish and Portuguese, Italian, Scandinavian, Irish.
# ("-ini", "-ucci" and "-es" are left out: Lamborghini, Gucci, Mercedes.)
FAMILY_NAME_SHAPE = re.compile(r"^(?:(?:Mc|Mac|O')[A-Z][a-z]+|[A-Z][a-z]+(?:ov|ova|ev|eva|enko|sky|ski|ska|vich|vić|"
                               r"chuk|ez|elli|sen|sson|stein|berg|mann))$")


class Phrases:
    """Phrases indexed by their first syllable, longest first: a lookup costs one dict access."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self._by_first: dict[str, list[str]] = {}
        for phrase in sorted(phrases, key=len, reverse=True):
            self._by_first.setdefault(phrase.split(" ", 1)[0], []).append(phrase)

    def starting_with(self, word: str) -> list[str]:
        return self._by_first.get(word, [])

    def firsts(self) -> list[str]:
        return list(self._by_first)


ORG_HEAD_PHRASES = Phrases(ORG_HEADS)

KNOWN_ORG_PHRASES = Phrases(KNOWN_ORGS)

ADMIN_PHRASES = Phrases(ADMIN_WORDS)

GEO_WORD_PHRASES = Phrases(GEO_WORDS)

STATE_PHRASES = Phrases(STATE_PREFIXES)

GEO_HEAD_PHRASES = Phrases(GEO_HEADS)

TITLE_PHRASES = Phrases(TITLES)

ROLE_PHRASES = Phrases(ROLES)

ORG_CUE_PHRASES = Phrases(ORG_CUES)

LOC_CUE_PHRASES = Phrases(LOC_CUES)

CONNECTORS = ("và", "các", "&")

# Last syllables of roles held by people in public office, after which one foreign word is a family
# name ("Tổng thống Trump", "Thủ tướng Modi"); a company's head may be followed by its company.
STATE_ROLE_ENDS = frozenset(("thống", "tướng", "trưởng", "sứ", "ký", "hoàng", "vương"))

PLACE_PREFIX_PHRASES = Phrases(("châu", "miền"))

# Lowercase words that end an organisation's name ("Hội đồng Vàng thế giới").
ORG_TAIL_PHRASES = Phrases(("thế giới", "quốc tế", "toàn cầu", "trung ương", "Trung ương", "quốc gia"))

MISC_HEAD_PHRASES = Phrases(MISC_HEADS)

MISC_NAME_PHRASES = Phrases(MISC_NAMES)

# Words before a place name that make it something else: a language, a currency, an ethnic group.
NOT_PLACE_BEFORE = frozenset(("tiếng", "đồng", "dân tộc", "đồng bào", "chữ"))

# Words after a country's name that make a compound: "Mỹ kim" (dollars), "Pháp thuộc" (a period), "Anh ngữ".
NOT_PLACE_AFTER = frozenset(("kim", "thuộc", "ngữ", "văn", "kiều", "tự"))

# One-syllable country names that are also common words or given names ("Anh", "Ý", "Nhật").
AMBIGUOUS_PLACES = frozenset(("Anh", "Ý", "Nhật"))

AMBIGUOUS_PLACE_CUES = frozenset("nước người tại ở sang đến tới từ của với và quân Vương quốc hạng Chính phủ Thủ tướng "
                                  "Nữ hoàng Hoàng gia Quốc hội Đại sứ Ngoại trưởng Bộ trưởng đội tuyển Mỹ Pháp Đức Nga "
                                  "Trung Quốc Hàn Quốc Nhật Bản".split(" "))

# Last words that say what an unknown foreign name is ("Taseco Land", "Bamboo Airways", "Grand Opera Tower").
ORG_SUFFIXES = frozenset("Group Corp Corporation Company Inc Ltd Co Holdings Holding Bank Capital Partners Land "
                         "Airlines Airways Air Motors Motor Electronics Electric Technologies Technology Tech Systems "
                         "Media News Times Post Journal Mart Coffee Pharma Energy Oil Gas Steel Securities "
                         "Investment Insurance Foods Food Studio Studios Entertainment Ventures Fund FC F.C. United "
                         "Club University College Institute Foundation Association Agency Council Network".split())

# Last words of a competition's, an award's or an index's name ("UEFA Champions League", "World Cup").
MISC_SUFFIXES = frozenset("Cup League Championship Championships Games Open Awards Award Index Festival Prize "
                          "Trophy Series Olympics Olympic Expo".split())
LOC_SUFFIXES = frozenset("Tower Towers Hotel Resort Residences Residence City Park Plaza Mall Center Centre Square "
                         "Bridge Island Islands Street Avenue Stadium Airport Bay Valley Lake River Mountain Beach "
                         "Villas Village".split())

# Verbs only a person is the subject of.
HUMAN_VERB_PHRASES = Phrases(("lớn lên", "tốt nghiệp", "sinh ra", "sinh năm", "qua đời", "từ trần", "kết hôn", "ly hôn",
                         "nhậm chức", "đắc cử", "từ chức", "phát biểu", "bày tỏ", "học tại", "theo học"))

# English words that start organisations' and events' names, never a person's.
NOT_PERSON_WORDS = frozenset("National International American North South East West Central General Global United "
                              "Royal Federal First New Saint Football League High School System Engineering "
                              "Industrial Networks Network Service Services Fulfillment Business Development "
                              "Research Science Sciences Technology Digital Financial Trade World Asia Pacific Euro "
                              "European Open Cup Championship Festival Award Awards Index Fund Museum Gallery "
                              "Materials Industries Industry Solutions Logistics Resources Chemicals Refinery "
                              "Pharmaceuticals Construction Properties Realty Brands Labs Software Semiconductor "
                              "Telecom Communications Mobile Bank Group Capital Partners Land".split())
