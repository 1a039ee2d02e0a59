"""Bylines as Vietnamese news prints them: people, the agency or outlet, and a note on the text.

"Theo Hồ Hương", "Bài và ảnh: Hồ Sỹ Lâm", "Lệ Thu - Văn Định", "Minh Quyết - Thanh Tân/TTXVN",
"Văn Giáp/Bnews/vnanet.vn", "Ngọc Anh (Trung tâm Văn hóa huyện)", "Hà Thu (tổng hợp)",
"Ca Tiếu (theo online-tech-tips)", "Nhóm PV": one parser for every place a byline stands (the
closing line of the body, an author block, meta tags, JSON-LD).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.text.normalize import fold_diacritics

# Words that introduce the byline rather than belong to it.
_LABEL = re.compile(
    r"^(?:(?:bài|tin|ảnh|video|clip|đồ họa|đồ hoạ|thực hiện|ghi chép|phóng sự|nhóm thực hiện|nhóm phóng viên|nhóm pv|"
    r"tác giả(?: bài viết)?|người viết|biên tập|bài viết|nội dung|tường thuật|bút danh|pv|by)"
    r"(?:\s*(?:,|và|&|\+)\s*(?:ảnh|bài|video|clip|đồ họa|đồ hoạ))*\s*:\s*"
    r"|(?:ghi chép|phóng sự|ký sự|bút ký|tùy bút|bài viết)\s+của\s+)", re.I)
# Credits of the pictures or the layout alone ("Ảnh: ...", "Thiết kế: ..."): not who wrote the text.
_NOT_WRITER = re.compile(r"^(ảnh|hình|video|clip|đồ họa|đồ hoạ|thiết kế|trình bày|kỹ thuật|ktv|quay phim|dựng phim)\s*:", re.I)
# Titles before a name ("PGS.TS Trần Minh Đức", "ThS. Lê Hà", "Nhà báo Thu Hà").
# An abbreviation needs its dot or a space: "Ksor Y Phước" is a name, "KS. Lê Hà" an engineer.
_NAME_TITLE = re.compile(r"^(?:(?:gs|pgs|ts|tskh|ths|bs|bsck[i12]*|bsty|bsnt|ds|dsck[i12]*|ks|kts|ktv|cn|đd|ncs|ls|nsnd|nsưt|"
                         r"ngnd|ngưt|ctv|pv|btv|qncn)(?:\.\s*|\s+))+"
                         r"(?=[^\W\d_])"
                         r"|^(?:nhà báo|luật sư|bác sĩ(?: thú y)?|dược sĩ|kỹ sư|kiến trúc sư|kỹ thuật viên|điều dưỡng|thạc sĩ|tiến sĩ|"
                         r"(?:phó )?giáo sư|nhà văn|nhà thơ)\s+"
                         # Police and army ranks: "Thượng úy Nguyễn Thành Trung", "Đại tá Lê Văn Hà".
                         r"|^(?:thiếu|trung|thượng|đại)\s+(?:úy|uý|tá|tướng)\s+|^(?:hạ|trung|thượng)\s+sĩ\s+", re.I)
_BY = re.compile(r"^(?:(?:đăng|viết|gửi|đăng tải)\s+)?bởi\s*:?\s+", re.I)
_THEO = re.compile(r"^theo\s*:?\s+", re.I)
# A byline inside an info line: "Tác giả: Phương Thảo - Ngày đăng: 22/11/2025 08:15".
_LABELLED = re.compile(r"(?:^|[\s|·•(])(?:tác giả(?: bài viết)?|người viết|(?:bài|tin)(?: và ảnh|, ảnh|\s*&\s*ảnh)?|bài viết|(?<!nhiệm )nội dung|tường thuật|"
                       r"phóng viên|nhóm pv|pv|theo)\s*:\s*([^|·•\d:]{3,80}?)\s*(?=$|[|·•]|\s+[-–—]\s+[^\s:]+(?:\s+[^\s:]+)?\s*:|\d)",
                       re.I)
# WordPress's and portals' info line: "Đăng bởi Huỳnh Ngọc Thảo vào lúc 15:20 ngày 12/11/2024 trong chuyên mục ...".
_POSTED_BY = re.compile(r"^\s*(?:(?:đăng|viết|gửi)\s+)?bởi\s*:?\s+(.{3,60}?)\s+(?:vào|lúc|ngày|trong|đăng|[-|·•,])\s", re.I)
# ... or with the name last: "Đăng lúc 09:30 ngày 28/05/2025 bởi Nguyễn Hữu Phước".
_POSTED_BY_LAST = re.compile(r"\d\s+(?:được\s+)?(?:đăng\s+|viết\s+|gửi\s+)?bởi\s*:?\s+([^\d|·•:]{3,60}?)\s*$", re.I)
# A position held, after a name: "Phó trưởng Công an huyện", "Giảng viên Trường Đại học Y".
_ROLE = re.compile(r"(?:phó\s+)?(?:trưởng(?:\s+(?:phòng|ban|khoa|trạm))?|giám đốc|chủ tịch|bí thư|chánh văn phòng|chỉ huy trưởng|"
                   r"cán bộ|chuyên viên|giảng viên|giáo viên|nhân viên|phóng viên|biên tập viên|cộng tác viên)\b", re.I)
_ROLE_SPLIT = re.compile(r"\s*,\s*(?=(?:phó\s+)?(?:trưởng|giám đốc|chủ tịch|bí thư|cán bộ|chuyên viên|giảng viên|giáo viên|"
                         r"nhân viên|phóng viên)\b)", re.I)
_PHOTO_AFTER = re.compile(r"\s*[;|]\s*((?:ảnh|hình ảnh|photo)\s*:.*)$", re.I)
_NGUON = re.compile(r"^(nguồn|nguồn tin)\s*:\s*", re.I)
_NOTE_IN_PARENS = re.compile(r"\s*\(([^()]{2,80})\)\s*$")
# A reporter left unnamed.
_UNNAMED = re.compile(r"^(nhóm\s+)?(pv|phóng viên|ptv|ctv|cộng tác viên|bpv)\.?$", re.I)
# Words of an organisation's or an outlet's name, never of a person's.
_ORG_WORDS = re.compile(
    r"^(báo|tạp chí|đài|cổng|trang (?:tin|thông tin|web|chủ)|trung tâm|sở|ban|bộ|ubnd|hđnd|ủy ban|uỷ ban|hội|phòng|"
    r"công ty|tổng cục|cục|chi cục|viện|bệnh viện|trường (?:đại học|cao đẳng|thpt|thcs|tiểu học|mầm non|trung)|"
    r"văn phòng|thông tấn xã|ttxvn|vtv|vov|tòa soạn|toà soạn|nhóm|liên đoàn|"
    r"đoàn (?:thanh niên|công tác|kiểm tra|thanh tra|đại biểu|khảo sát)|"
    r"khoa|bộ môn|hạt|trạm|đội|tổ|chi đoàn|chi hội|tand|vksnd|công an|cảnh sát|bộ chỉ huy|ban chỉ huy|bộ đội|đồn biên phòng|lữ đoàn|sư đoàn|trung đoàn|tiểu đoàn|"
    r"tòa án|toà án|viện kiểm sát|kho bạc|ngân hàng|chi nhánh|hợp tác xã|htx|mặt trận|liên hiệp|"
    r"đảng ủy|đảng uỷ|tỉnh ủy|tỉnh uỷ|huyện ủy|huyện uỷ|thành ủy|thành uỷ|"
    r"huyện|tỉnh|thành phố|xã|phường|quận|admin|administrator|quản trị|biên tập viên|btv)\b", re.I)
# A CMS account standing as the author (Joomla's "Super User", Drupal's "bientap02").
_ACCOUNT = re.compile(r"^(super ?user|administrator|admin|webmaster|editor|guest|user ?\d*|bientap\w*|toasoan\w*|"
                      r"btv\w*|bbt)$", re.I)
_LABEL_WORDS = {"bởi", "by", "theo", "tác giả", "người viết", "nguồn", "đăng bởi", "viết bởi", "posted by"}
_SITE = re.compile(r"(https?:|www\.|\.vn\b|\.com\b|\.net\b|\bonline\b|\bnews\b|vccorp)", re.I)
# Letters, with a hyphen or apostrophe inside ("H'Hen", "Y-Moan") or an initial's dot ("N.V.").
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")
_SEGMENTS = re.compile(r"\s+[-–—]\s+")
_NAME_SPLIT = re.compile(r"\s*[,;&]\s*|\s+và\s+")


@dataclass(frozen=True)
class Byline:
    """Who wrote an article (people), where it came from (agency, outlet, body) and how it was made."""

    authors: list[str] = field(default_factory=list)
    source: str | None = None
    note: str | None = None  # "tổng hợp", "theo <outlet>", "pv": lower case
    photographers: list[str] = field(default_factory=list)  # "Ảnh: X" beside the byline: not writers


_PHOTO_CREDIT = re.compile(r"(?:ảnh|hình ảnh|hình|photo)\s*:\s*([^\-–|,;()/]{2,50})", re.I)


def photo_credits(text: str, host: str | None = None) -> list[str]:
    """The people a byline line credits for the pictures ("Bài: X - Ảnh: Đức Trí" gives ["Đức Trí"])."""
    return [name for m in _PHOTO_CREDIT.finditer(text) if (name := person_name(m.group(1), host))]


def person_name(text: str, host: str | None = None) -> str | None:
    """The text as a person's name (capitals normalised), or None when it is not one."""
    name = " ".join(unicodedata.normalize("NFC", text).split()).strip(" -–—,;:.")
    for _ in range(3):  # a rank, then a title: "Thiếu tá QNCN Trần Văn Lộc", "Đại úy BS. Lê Hà"
        if (bare := _NAME_TITLE.sub("", name).strip()) == name:
            break
        name = bare
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 50 or any(ch.isdigit() for ch in name):
        return None
    if name.casefold() in _LABEL_WORDS:
        return None  # a label whose name stands in another element ("Bởi <a>...</a>")
    if _ORG_WORDS.match(name) or _SITE.search(name) or _ACCOUNT.match(name) or any(ch in name for ch in "/@:()"):
        return None
    folded = fold_diacritics(name).replace(" ", "")
    if host and len(folded) >= 6 and folded in host.lower().replace("-", ""):
        return None  # the site's own name standing as its author
    if name.isupper() and len(name) > 3:
        name = name.title()
    if not all(_NAME_WORD.fullmatch(w) for w in words):
        return None
    # Every word of a Vietnamese name starts with a capital ("Lò Văn Thành", "A Tuấn").
    if not all(w[:1].isupper() for w in words if w[:1].isalpha()) or not any(w[:1].isalpha() for w in words):
        return None
    return name


def parse_byline(text: str, host: str | None = None) -> Byline | None:
    """The byline in a short text, or None when the text is not a byline."""
    text = " ".join(unicodedata.normalize("NFC", html.unescape(text)).split()).strip(" -–—|·•")
    if not text or len(text) > 120:
        return None
    if _NOT_WRITER.match(text):
        return None
    text = _BY.sub("", _LABEL.sub("", text)).strip()
    note = source = None
    if (paren := _NOTE_IN_PARENS.search(text)) is not None:
        inside = paren.group(1).strip()
        if fold_diacritics(inside).lower() in ("tong hop", "th"):
            note = "tổng hợp"
        elif _THEO.match(inside):
            note = "theo " + _THEO.sub("", inside)
        elif inside.lower().startswith("từ "):
            pass  # "(từ Bắc Sơn)": where the reporter filed from, not an origin
        else:
            source = inside
        text = text[:paren.start()].strip()
    if _NGUON.match(text):  # "Nguồn: TTXVN": where the text came from, nobody named
        origin = _NGUON.sub("", text).strip()
        return Byline([], origin, note) if origin and len(origin) <= 60 else None
    theo = _THEO.match(text) is not None
    text = _THEO.sub("", text).strip()
    if _UNNAMED.match(text):
        return Byline([], source, note or " ".join(text.lower().rstrip(".").split()))
    if "/" in text:  # "Minh Quyết/TTXVN", "Văn Giáp/Bnews/vnanet.vn": the people, then the agency path
        text, _, agency = text.partition("/")
        source = source or agency.strip() or None
        text = text.strip()
    # "Bài: Lê Hà - Ảnh: Minh Tuấn", "Bài: A - B; Ảnh: C": the picture credit is not a writer.
    if (tail := _PHOTO_AFTER.search(text)) is not None and tail.start() > 0:
        text, credit = text[:tail.start()].strip(), tail.group(1)
    else:
        credit = ""
    segments = _SEGMENTS.split(text)
    photographers = [name for seg in [*segments[1:], credit] if _NOT_WRITER.match(seg) for name in photo_credits(seg, host)]
    segments = [seg for i, seg in enumerate(segments) if not (i and _NOT_WRITER.match(seg))]
    # "Ths. Nguyễn Thị Mai - Giảng viên Trường Đại học Y", "Trung tá Phạm Văn Đức, Phó trưởng Công an huyện":
    # a position after the name; the body it names, if any, is the source.
    segments = [part for seg in segments for part in _ROLE_SPLIT.split(seg)]
    for i, seg in enumerate(segments):
        if i and (role := _ROLE.match(seg.strip())) is not None and person_name(seg, host) is None:
            rest = seg.strip()[role.end():].strip()
            segments[i] = rest if _ORG_WORDS.match(rest) else ""
    segments = [seg for seg in segments if seg.strip()]
    # "Vũ Thu Hường - Trung tâm VH-TT&TT huyện": people first, then the body they write for.
    body = next((i for i, seg in enumerate(segments) if i and _ORG_WORDS.match(seg.strip())), len(segments))
    if body < len(segments):
        source = source or " - ".join(segments[body:]).strip()
    parts = [p for seg in segments[:body] for p in _NAME_SPLIT.split(seg) if p.strip()]
    names = [person_name(p, host) for p in parts]
    if parts and all(names):
        return Byline([n for n in names if n], source, note, photographers)
    if theo and not source and len(text) <= 60 and not _SITE.search(text):
        return Byline([], text, note)  # "Theo Báo Tin tức": an outlet, nobody named
    return None


def labelled_byline(text: str, host: str | None = None) -> Byline | None:
    """A byline that a label introduces inside a longer line ("Tác giả: X - Ngày đăng: ...")."""
    for m in _LABELLED.finditer(text):
        if (found := parse_byline(m.group(1), host)) is not None and found.authors:
            return found
    for m in (_POSTED_BY.match(text), _POSTED_BY_LAST.search(text)):
        if m is not None and (found := parse_byline(m.group(1), host)) is not None and found.authors:
            return found
    return None
