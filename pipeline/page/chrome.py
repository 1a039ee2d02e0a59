"""What site chrome looks like on Vietnamese news sites and portals.

Patterns only; `content.py` decides where they apply.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Tags that never hold article text. <form> is not among them: ASP.NET WebForms, DotNetNuke and
# SharePoint wrap the whole page in one (see `content.chrome_forms`).
NON_CONTENT_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "button",
    "input", "select", "textarea", "nav", "aside", "footer", "link", "meta", "object", "embed",
    "video", "audio", "map", "dialog",
)

# Words of chrome blocks' class names and ids, matched as whole tokens or parts joined by - or _.
_CHROME_WORDS = (
    r"(menu|nav|navbar|navigation|sidebar|side-bar|footer|breadcrumbs?|bread-crumb|share|sharing|"
    r"social|comments?|binhluan|related|relate|relation|lienquan|tinlienquan|tinkhac|tin-khac|other-news|"
    r"banner|advert\w*|ads|adv|qc|quangcao|popup|modal|widget|counter|thongke|thong-ke|statistics?|"
    r"subscribe|newsletter|rating|toolbar|login|search|weather|hotline|copyright|tags?|keywords?|"
    r"most-view|mostview|xemnhieu|docnhieu|trending|box-news-other|print|same-?cat\w*|cung-?chuyen-?muc|"
    # The block of details over or under a post (Joomla's dl.article-info, themes' entry-meta).
    r"article-?info|article-meta|entry-meta|post-meta|meta-info)"
)
# Searched over an element's class attribute and id joined by a space: one search per element.
CHROME_LABEL = re.compile(rf"(^|[\s_-]){_CHROME_WORDS}($|[\s_-])", re.I)


# Classes that say nothing about a block being chrome: modifiers naming a feature by its absence or
# presence ("entry-content no-share", "has-sidebar"), WordPress's post classes ("tag-nuoi-tom",
# "category-thuy-san" on the article itself) and Elementor's wrappers ("elementor-widget-container"
# around the post content too).
_MODIFIER = re.compile(r"(^|\s)((no|has|with|without|hide|show|enable|disable)[-_]\S*|(tag|category|format|status)-\S+|"
                       r"elementor-\S*)", re.I)


@lru_cache(maxsize=8192)
def is_chrome_label(label: str) -> bool:
    """Whether a class-and-id label names chrome (a theme repeats a few labels over thousands of elements)."""
    return CHROME_LABEL.search(_MODIFIER.sub(" ", label)) is not None

# Classes that hide an element from every reader (Bootstrap, WordPress, Drupal, Tailwind...).
_HIDDEN_CLASSES = frozenset({"hidden", "hide", "d-none", "sr-only", "visually-hidden", "visuallyhidden",
                             "screen-reader-text", "element-invisible", "element-hidden", "invisible", "is-hidden",
                             "u-hidden"})
# A class that shows the element again from some screen width on ("d-none d-md-block", "hidden md:block"):
# a responsive copy, visible to some readers.
_SHOWN_AT = re.compile(r"^(d-\w+-(block|flex|inline|inline-block|inline-flex|table|grid)|visible-\w+|show-for-\w+|"
                       r"\w+:(block|flex|inline|inline-block|table|grid))$")
_HIDDEN_HINT = re.compile(r"hid|d-none|sr-only|invisible|screen-reader")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def is_hidden(el) -> bool:
    """Whether the page hides an element from every reader: the `hidden` attribute, an inline
    display:none, or a hiding class with no class that shows it again at some width."""
    style = el.get("style")
    if (style and _HIDDEN_STYLE.search(style)) or el.get("hidden") is not None:
        return True
    classes = el.get("class")
    if not classes or not _HIDDEN_HINT.search(classes):  # most elements: no tokenising
        return False
    tokens = classes.split()
    return any(t in _HIDDEN_CLASSES for t in tokens) and not any(_SHOWN_AT.match(t) for t in tokens)


# Headings of boxes that are not the article ("Tin liên quan", "Thống kê truy cập" ...).
BOX_HEADING = re.compile(
    r"^[\s\-–—\[(]*(tin liên quan|tin tức liên quan|bài liên quan|bài viết liên quan|xem thêm|đọc thêm|"
    r"tin cùng chuyên mục|cùng chuyên mục|bài cùng chuyên mục|tin khác|các tin khác|tin mới|tin mới nhất|tin mới hơn|tin cũ hơn|tin nổi bật|"
    r"đọc nhiều|xem nhiều|đọc nhiều nhất|xem nhiều nhất|có thể bạn quan tâm|liên kết website|"
    r"liên kết|thống kê truy cập|thống kê|bình luận|ý kiến bạn đọc|ý kiến|chia sẻ|tags?|từ khóa|"
    r"chủ đề|video|tin ảnh|văn bản mới|hỗ trợ trực tuyến|quảng cáo|advertisement|gửi bình luận|bạn đọc bình luận|gửi ý kiến|ý kiến của bạn)"
    r"[\s\-–—\])]*:?\s*$",
    re.I,
)

# Lines of page chrome: visit counters, footers, licence and contact lines.
CHROME_LINE = re.compile(
    r"^\s*("
    r"(đang online|đang truy cập|hôm nay|hôm qua|tuần này|tháng này|đã truy cập|tổng truy cập|"
    r"lượt truy cập|tổng lượt truy cập|số lượt truy cập|lượt xem|online)\s*:?\s*[\d.,\s]+"
    r"|(giấy phép|chịu trách nhiệm|chịu trách nhiệm (nội dung|xuất bản|chính)|trách nhiệm nội dung|tổng biên tập|"
    r"phó tổng biên tập|"
    r"địa chỉ|điện thoại|số điện thoại|đt|tel|fax|email|e-mail|hotline|đường dây nóng)\s*:.*"
    r"|giấy phép (hoạt động|thiết lập|số).*"
    r"|website (được )?thiết kế bởi.*|thiết kế bởi.*|bản quyền.*|copyright.*|©.*"
    r"|ghi rõ nguồn.*|không được sao chép.*"
    r"|nguồn\s*:\s*[^.!?]{1,80}\.?"  # a source credit under a table or at the end
    r")\s*$",
    re.I,
)

# Marks of footer and counter text that may stand anywhere in a line ("Tin Phố Hiến - ... Giấy phép số
# 06/GP-TTĐT ...", "Chịu trách nhiệm nội dung: ... Địa chỉ: ... ĐT: ..."). Two in a short line make it chrome.
_CHROME_MARK = re.compile(
    r"\b\d+/GP\b|giấy phép (số|hoạt động|thiết lập)|chịu trách nhiệm (nội dung|xuất bản|chính)|tổng biên tập\s*:|"
    r"(đang online|hôm nay|đã truy cập|tổng truy cập|lượt truy cập)\s*:?\s*[\d.,]+|"
    r"(địa chỉ|điện thoại|đt|tel|fax|e-?mail|hotline)\s*:|bản quyền|copyright|©|thiết kế bởi|"
    r"ghi rõ nguồn",
    re.I,
)


# A word of every mark above: a line holding none of them needs no regex scan (the scan is slow).
_MARK_WORDS = ("/gp", "giấy phép", "chịu trách nhiệm", "tổng biên tập", "online", "hôm nay", "truy cập", "địa chỉ",
               "điện thoại", "đt", "tel", "fax", "mail", "hotline", "bản quyền", "copyright", "©", "thiết kế bởi",
               "ghi rõ nguồn")


def _marked_chrome(text: str) -> bool:
    if len(text) > 300:
        return False
    lower = text.lower()
    return any(word in lower for word in _MARK_WORDS) and \
        len({m.group(0).lower() for m in _CHROME_MARK.finditer(text)}) >= 2


# A visible date line ("Thứ bảy, 7/3/2026, 08:01 (GMT+7)", "07/03/2026 08:06 GMT+7",
# "Cập nhật lúc 08:10, Thứ Tư, 12/03/2008"): date, weekday and time tokens in any order.
_DATE_TOKEN = (r"(chủ nhật|thứ (hai|ba|tư|năm|sáu|bảy|[2-7])|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
               r"\d{1,2}[:hg]\d{2}(:\d{2})?\s*(am|pm|sa|ch)?|\(?\s*gmt\s*[+-]\s*\d{1,2}(:\d{2})?\s*\)?|ngày|lúc|giờ|"
               r"cập nhật|đăng|xuất bản)")
DATE_LINE = re.compile(
    r"^\s*((cập nhật|ngày cập nhật|đăng|đăng lúc|ngày đăng|thời gian|xuất bản|ngày xuất bản|posted|updated|published)"
    rf"\s*:?\s*)?({_DATE_TOKEN}[\s,|\-–:·•]*)+$",
    re.I,
)
# A numeric date anywhere in a text ("22/11/2024", "18.12.24").
HAS_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")

# A caption or photo credit line ("... tại TP Sóc Trăng. Ảnh: Thạch Phong", "(Ảnh: T.H)", "Ảnh minh họa").
_CREDIT = re.compile(r"(?:^|[\s(\[–-])[Ảả]nh(?: minh họa| tư liệu| chụp màn hình)?\s*:\s*(?P<credit>[^!?]{1,60}?)[)\]]?\.?\s*$")
# "Tin và ảnh: X", "Bài, ảnh: X": a byline whose writer also took the pictures, not a caption.
_WRITER_AND_PHOTOS = re.compile(r"^\s*(bài|tin|bài viết)\s*(và|,|&|\+)\s*ảnh\s*:", re.I)
_ILLUSTRATION = re.compile(r"^\(?[Ảả]nh minh họa\)?\.?\s*$")


def is_caption_line(text: str) -> bool:
    """A short line that ends in a photo credit (a capitalised name or agency) or says "Ảnh minh họa"."""
    if len(text) > 300 or _WRITER_AND_PHOTOS.match(text):
        return False
    if _ILLUSTRATION.match(text):
        return True
    match = _CREDIT.search(text)
    return bool(match and (match["credit"][0].isupper() or match["credit"][0].isdigit()))


# Class tokens of image captions and photo credits.
CAPTION_CLASS = re.compile(r"(caption|photocms|image-desc|img-desc|photo-desc|desc_image|figcaption)", re.I)

# Class tokens of the sapo/lead block ("sapo", "PrintSapo", "news-summary", "chapeau", "tomtat").
LEAD_CLASS = re.compile(r"(sapo|chapeau|summary|tomtat|tom-tat|description|hometext|(?<![a-z])desc(?![a-z])|abstract|excerpt|"
                        r"standfirst|stand-first|"
                        r"(?<![a-z])intro|introtext|"
                        r"(?<![a-z])lead(?!ing|er))", re.I)

# Class tokens that mark the article body; used as a weak prior by the scorer.
CONTENT_CLASS = re.compile(
    r"(^|[-_])(content|article|detail|body|entry|post|main|news|story|fck|singular|noidung|chitiet)", re.I
)


# A byline with the date beside it ("Bài và ảnh: Hồng Lĩnh - Cập nhật lúc 9g25 ngày 18/12/2024").
_INFO_LINE = re.compile(r"^\s*((bài và ảnh|bài, ảnh|bài|tin|tin, ảnh|tin và ảnh|tác giả(?: bài viết)?|người viết|phóng viên)\s*:"
                        r"|((đăng|viết|gửi)\s+)?bởi\b)", re.I)
# What a theme's post-meta line counts beside the byline ("3 bình luận 2,4K lượt xem 4 phút đọc").
_READ_STATS = re.compile(r"\d\s*(bình luận|lượt xem|lượt đọc|phút đọc)|(lượt xem|lượt đọc|bình luận)\s*:?\s*\d", re.I)


def _is_info_bar(text: str) -> bool:
    """A bar of short items, one of them the date ("22/11/2024 16:30 | Cập nhật 17:05 | 3.406 lượt đọc | In")."""
    items = [i.strip() for i in re.split(r"[|·•]", text)]
    if len(text) > 200 or not all(len(i) <= 40 for i in items):
        return False
    # One date: a table's header row ("Chỉ tiêu | 31/12/2024 | 31/3/2025 | Tăng/giảm") compares several.
    # A theme's post-meta bar may write its date in words ("Tháng Ba 12, 2025 · 4 phút đọc · 1.284 lượt xem").
    return (len(items) >= 3 and len(HAS_DATE.findall(text)) == 1) \
        or (len(items) >= 2 and any(_READ_STATS.search(i) for i in items))


# A bar of counters and sharing buttons ("1.932 Zalo", "Chia sẻ: Facebook | Zalo | In bài"): numbers and
# the names of networks and buttons, nothing else.
_SHARE_LINE = re.compile(r"^[\s\d.,:|·•/()-]*((chia sẻ|share|facebook|zalo|twitter|tweet|email|e-mail|in bài|print|"
                         r"copy link|sao chép liên kết|lượt xem|lượt thích|thích|like|gửi bài|lưu)\b[\s\d.,:|·•/()-]*)+$",
                         re.I)


def is_chrome_line(text: str, table_row: bool = False) -> bool:
    """True for a paragraph that is not article text: a counter, a footer, a box heading, a date
    line, a byline-and-date line or an image caption. A data table's row (`table_row`, its cells
    joined by " | ") is not an info bar for having one date in it."""
    return bool(CHROME_LINE.match(text) or BOX_HEADING.match(text) or _marked_chrome(text)
                or (DATE_LINE.match(text) and HAS_DATE.search(text))
                or (len(text) <= 160 and _INFO_LINE.match(text) and (HAS_DATE.search(text) or _READ_STATS.search(text)))
                or (not table_row and _is_info_bar(text)) or (len(text) <= 80 and _SHARE_LINE.match(text) is not None)
                # "Cập nhật ngày: 14/01/2025 15:20 Lượt xem: 418 In bài": a date beside a view count
                or (len(text) <= 160 and HAS_DATE.search(text) is not None and _READ_STATS.search(text) is not None)
                or is_caption_line(text))
