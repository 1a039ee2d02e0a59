"""Pages real crawls meet that are not tidy HTML: other encodings, XHTML, deep trees, script-only bodies."""

from __future__ import annotations

import codecs
import json
import unicodedata

import pytest
from conftest import SAMPLES

from pipeline import analyze_text, language, process_html
from pipeline.page.content import _one_copy
from pipeline.page.dom import parse_html
from pipeline.page.parse import parse_page

PAGE = (SAMPLES / "vnexpress.html").read_text("utf-8")
URL = "https://vnexpress.net/cach-cac-nuoc-doi-pho-cu-soc-nang-luong-tu-trung-dong-5047093.html"
BODY = ("<p>Ngày 12/3/2025, UBND tỉnh Nghệ An tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm 2024, "
        "với sự tham gia của đại diện các sở, ngành và 21 huyện, thành phố, thị xã trong tỉnh.</p>"
        "<p>Theo báo cáo, năm 2024 thiên tai làm 12 người chết, hơn 3.200 ngôi nhà bị hư hỏng, thiệt hại ước "
        "tính 1.250 tỷ đồng; huyện Yên Thành và huyện Quỳnh Lưu bị ảnh hưởng nặng nhất.</p>"
        "<p>Phát biểu tại hội nghị, Phó Chủ tịch UBND tỉnh đề nghị các địa phương rà soát phương án sơ tán dân, "
        "chuẩn bị lương thực, thuốc men và phương tiện cứu hộ trước mùa mưa bão năm 2025.</p>")


@pytest.fixture(scope="module")
def reference():
    return parse_page(PAGE, url=URL)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
def test_pages_with_a_byte_order_mark_decode(encoding, reference):
    data = PAGE.encode(encoding)
    if encoding.endswith("-be"):  # the codec writes no BOM for an explicit byte order
        data = (codecs.BOM_UTF16_BE if "16" in encoding else codecs.BOM_UTF32_BE) + data
    page = parse_page(data, url=URL)
    assert page.is_article and page.text == reference.text


@pytest.mark.parametrize("as_bytes", [False, True])
def test_xhtml_with_an_xml_declaration(as_bytes, reference):
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + PAGE
    result = parse_page(page.encode("utf-8") if as_bytes else page, url=URL)
    assert result.is_article and result.text == reference.text


def test_windows_1252_bytes_pasted_into_a_utf8_page_are_repaired(reference):
    # Curly quotes from a word processor, written as Windows-1252 bytes into a UTF-8 page.
    phrase = "thị trường thế giới".encode()
    data = PAGE.encode("utf-8").replace(phrase, b"\x93" + phrase + b"\x94", 1)
    assert b"\x93" in data
    page = parse_page(data, url=URL)
    assert page.is_article and page.extraction["mixed"].startswith("windows-1252")
    assert page.text == reference.text.replace("thị trường thế giới", "“thị trường thế giới”")


@pytest.mark.parametrize("depth", [300, 3000, 20000])
def test_deeply_nested_text_is_kept(depth):
    page = f"<html><body>{'<div>' * depth}<h1>Tổng kết phòng chống thiên tai</h1>{BODY}{'</div>' * depth}</body></html>"
    article = parse_page(page)
    assert article.is_article
    assert "1.250 tỷ đồng" in article.text and "mùa mưa bão năm 2025" in article.text


def test_control_characters_and_nul_bytes_are_not_errors():
    page = f"<html><body><h1>Tin\x1b tức</h1>{BODY}</body></html>".replace("tỉnh", "t\x00ỉnh\x0b").encode()
    page = page.replace(b"</h1>", b"</h1>&#0;&#x1b;")
    article = process_html(page)
    assert article.is_article and "\x00" not in article.text and "\x0b" not in article.text
    assert "UBND tỉnh Nghệ An" in article.text


def test_span_and_br_paragraphs_in_a_div():
    spans = BODY.replace("<p>", "<span>").replace("</p>", "</span><br/><br/>")
    page = (f"<html><body><div class='menu'><a href='/'>Trang chủ</a></div><h1>Tổng kết phòng chống thiên tai năm 2024</h1>"
            f"<div class='noidung'>{spans}</div><div class='footer'>Giấy phép số 12/GP-STTTT</div></body></html>")
    article = parse_page(page)
    assert article.is_article and len(article.paragraphs) == 3 and "Giấy phép" not in article.text


def test_a_form_around_the_whole_page_is_structure_not_chrome():
    page = (f"<html><body><form id='aspnetForm' method='post'><input type='hidden' name='__VIEWSTATE' value='x'/>"
            f"<table><tr><td><h1>Tổng kết phòng chống thiên tai năm 2024</h1>{BODY}</td></tr></table>"
            "<div><form id='search'><input name='q'/><input type='submit' value='Tìm kiếm'/> Tìm kiếm tin tức</form></div>"
            "</form></body></html>")
    article = parse_page(page)
    assert article.is_article and "Tìm kiếm" not in article.text and "12 người chết" in article.text


def _script_page(script: str) -> str:
    return (f"<html><head><title>Tổng kết phòng chống thiên tai</title>{script}</head>"
            "<body><div id='app'>Đang tải...</div></body></html>")


def test_body_only_in_json_ld():
    paragraphs = [p.removeprefix("<p>") for p in BODY.split("</p>") if p]
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Tổng kết phòng chống thiên tai",
            "articleBody": "\n\n".join(paragraphs)}
    article = parse_page(_script_page(f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'))
    assert article.is_article and article.extraction["layer"] == "data"
    assert article.paragraphs == paragraphs


def test_body_only_in_next_data():
    state = {"props": {"pageProps": {"article": {"title": "Tổng kết", "content": BODY},
                                     "menu": [{"name": "Thời sự", "url": "/thoi-su"}]}}}
    escaped = json.dumps(state).replace("</", "<\\/")  # as Next.js writes it inside a <script>
    script = f'<script id="__NEXT_DATA__" type="application/json">{escaped}</script>'
    article = parse_page(_script_page(script))
    assert article.is_article and article.extraction["layer"] == "data"
    assert len(article.paragraphs) == 3 and article.paragraphs[1].startswith("Theo báo cáo")


def test_soft_404_is_not_an_article_and_says_why():
    page = ("<html><head><title>Không tìm thấy trang</title></head><body><h1>Lỗi 404</h1>"
            "<p>Trang bạn tìm không tồn tại hoặc đã bị xóa. Vui lòng quay lại trang chủ hoặc dùng ô tìm kiếm.</p>"
            "<ul><li><a href='/a'>Nghệ An tổng kết công tác phòng chống thiên tai năm 2024</a></li></ul></body></html>")
    article = process_html(page)
    assert not article.is_article and article.text == "" and article.extraction["reason"] == "not_found"


def test_long_texts_are_read_in_pieces_with_exact_offsets(monkeypatch):
    paragraph = ("Ngày 22/6/2021, UBND tỉnh Thanh Hóa tổ chức hội nghị với 23.628 hội viên, "
                 "tăng 114 hội viên so với năm 2020.")
    text = "\n\n".join([paragraph] * 12)
    monkeypatch.setattr(language, "CHUNK_CHARS", 300)
    assert len(language.chunks(text)) > 3
    article = analyze_text(text)
    assert len(article.dates) >= 12 and len(article.facts) >= 12
    for span in (*article.entities, *article.dates, *article.facts):
        assert article.text[span.start:span.end] == span.text
    assert [a.value for a in article.dates] == [a.value for a in analyze_text(paragraph).dates] * 12


def test_chunks_cover_the_text_exactly():
    text = ("Một câu. " * 50 + "\n\n") * 40
    pieces = language.chunks(text, size=500)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 500 for _, piece in pieces)
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)


def test_windows_1258_with_separate_tone_marks_is_read_as_composed_text():
    # Windows-1258 writes most toned letters as a base letter plus a combining mark.
    info = "<p><i>Bài và ảnh: Hồng Lĩnh</i> - Cập nhật lúc 9g25 ngày 18/12/2024</p>"
    html = (f"<html><head><meta charset='windows-1258'><title>Tổng kết phòng chống thiên tai</title></head><body>"
            f"<h1>Tổng kết phòng chống thiên tai</h1>{info}{BODY}</body></html>")
    page = parse_page(_windows_1258(html))
    assert unicodedata.is_normalized("NFC", page.text) and "UBND tỉnh Nghệ An" in page.text
    assert "Cập nhật" not in page.text and page.author == "Hồng Lĩnh"
    assert page.published_at == "2024-12-18T09:25:00+07:00"


def _windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 does: â, ơ, ư... precomposed, the five tone marks as combining characters."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def test_composing_marks_equals_nfc_on_the_letters_touched():
    from hypothesis import given
    from hypothesis import strategies as st

    from pipeline.page.sanitize import compose_marks

    letter = st.sampled_from(list("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY xyz.,<>"))
    mark = st.sampled_from(["", "", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0301\u0323"])

    @given(st.lists(st.tuples(letter, mark), max_size=200))
    def check(pairs):
        text = "".join(a + b for a, b in pairs)
        want = unicodedata.normalize("NFC", text)
        assert compose_marks(text) == want
        assert compose_marks(text, text.encode("utf-8")) == want

    check()


@pytest.mark.parametrize("wrapper", ["entry-content no-share", "post type-post tag-thien-tai category-thoi-su",
                                     "elementor-widget-container"])
def test_theme_classes_that_mention_chrome_words_do_not_hide_the_article(wrapper):
    # A long side column, so that the wrapper holds well under half of the page's text.
    side = "<div class='tin-khac'>" + BODY.replace("<p>", "<p><a href='/x'>").replace("</p>", "</a></p>") * 3 + "</div>"
    page = f"<html><body><div class='menu'><a href='/'>Trang chủ</a></div><h1>Tổng kết phòng chống thiên tai</h1>" \
           f"<div class='{wrapper}'>{BODY}</div>{side}<div class='footer'>Bản quyền</div></body></html>"
    article = parse_page(page)
    assert article.is_article and article.extraction["layer"] == "generic" and "1.250 tỷ đồng" in article.text


def _article(body: str, head: str = "") -> str:
    return (f"<html><head><meta charset='utf-8'>{head}</head><body><div class='menu'><a href='/'>Trang chủ</a></div>"
            f"<h1>Tổng kết phòng chống thiên tai năm 2024</h1><div class='content'>{body}</div>"
            "<div class='footer'>Bản quyền</div></body></html>")


def test_hidden_metadata_spans_stay_out_of_the_text():
    hidden = ("<span class='hidden hide d-none' itemprop='datePublished'>2025-03-12T08:00:00+07:00</span>"
              "<span style='display: none'>Mô tả ngắn của bài cho máy tìm kiếm, không hiển thị cho bạn đọc.</span>"
              "<h2 class='element-invisible'><a href='/file/anh.jpg'>anh-hoi-nghi.jpg</a></h2>")
    article = parse_page(_article(hidden + BODY))
    assert article.is_article and "1.250 tỷ đồng" in article.text
    assert "2025-03-12T08" not in article.text and "máy tìm kiếm" not in article.text and "anh-hoi-nghi" not in article.text


def test_a_responsive_copy_hidden_only_on_small_screens_is_read():
    # Bootstrap's "d-none d-md-block": hidden on phones, shown from tablets on.
    article = parse_page(_article(f"<div class='d-none d-md-block'>{BODY}</div>"))
    assert article.is_article and "1.250 tỷ đồng" in article.text


def test_a_long_hidden_continuation_is_kept():
    rest = "<p>" + "Các địa phương được yêu cầu hoàn thành phương án trước ngày 30/4. " * 12 + "</p>"
    article = parse_page(_article(BODY + f"<div style='display:none' class='read-more-rest'>{rest}</div>"))
    assert "hoàn thành phương án trước ngày 30/4" in article.text


def test_amp_carousel_captions_are_not_body_text():
    slides = "".join(f"<div><amp-img src='/a{i}.jpg' width='1200' height='800'></amp-img>"
                     f"<p class='slide-cap'>Người dân tham gia diễn tập sơ tán ở xã số {i}.</p></div>" for i in range(3))
    article = parse_page(_article(BODY + f"<amp-carousel type='slides' width='1200' height='800'>{slides}</amp-carousel>"))
    assert article.is_article and "diễn tập sơ tán" not in article.text
    assert [img["src"] for img in article.images] == ["/a0.jpg", "/a1.jpg", "/a2.jpg"]


def test_a_paragraph_with_a_page_builder_class_is_body_text():
    # Kadence's advanced-heading block: "adv" in its generated class is not an advert.
    styled = ("<p class='kt-adv-heading2718_a4c0f2-3b wp-block-kadence-advancedheading'>Từ ngày 1/12, thành phố đưa "
              "vào hoạt động thí điểm 12 xe điện trung chuyển miễn phí, đưa đón du khách từ các bãi đỗ xe tập trung vào "
              "vùng lõi phố cổ trong khung giờ cao điểm buổi tối.</p>")
    article = parse_page(_article(BODY + styled))
    assert article.paragraphs[-1].startswith("Từ ngày 1/12, thành phố")


def test_body_only_in_angular_transfer_state():
    state = {"G.https://api.example.vn/articles/41827": {"body": {"data": {
        "title": "Tổng kết phòng chống thiên tai", "content": BODY, "author": {"name": "Khánh Linh"},
        "publishedAt": "2025-01-09T14:20:00+07:00"}}}}
    # Angular before v16 escapes its TransferState JSON with &q; &a; &s; &l; &g;.
    escaped = json.dumps(state, ensure_ascii=False).replace("&", "&a;").replace('"', "&q;") \
        .replace("<", "&l;").replace(">", "&g;")
    article = parse_page(_script_page(f'<script id="serverApp-state" type="application/json">{escaped}</script>'))
    assert article.is_article and article.extraction["layer"] == "data"
    assert len(article.paragraphs) == 3 and article.author == "Khánh Linh"
    assert article.published_at == "2025-01-09T14:20:00+07:00"


def test_body_in_next_flight_data_is_read_from_its_fields():
    row = json.dumps(["$", "$L6", None, {"article": {"id": 40981, "title": "Tổng kết", "content": BODY,
                                                     "author": {"fullName": "Nguyễn Thanh Tâm"}}}], ensure_ascii=False)
    push = json.dumps([1, f"8:{row}\n"], ensure_ascii=False)
    article = parse_page(_script_page(f"<script>self.__next_f.push({push})</script>"))
    assert article.is_article and len(article.paragraphs) == 3 and article.paragraphs[0].startswith("Ngày 12/3/2025")
    assert article.author == "Nguyễn Thanh Tâm"


def test_a_broken_canonical_link_is_not_an_error():
    article = parse_page(_article(BODY, head="<link rel='canonical' href='http://[abc/x'>"), url="https://baonghean.vn/a")
    assert article.is_article and article.site == "baonghean.vn"


def test_state_assigned_to_a_global_before_more_code_is_read_whole():
    blocks = [{"type": "text", "html": p + "</p>"} for p in BODY.split("</p>") if p]
    blocks.insert(1, {"type": "heading", "level": 2, "text": "Thiệt hại lớn"})
    state = {"app": {"menu": [{"name": "Thời sự"}]}, "article": {"detail": {
        "title": "Nghệ An tổng kết phòng chống thiên tai – năm 2024", "contents": blocks}}}
    script = (f"<script>window.__INITIAL_STATE__={json.dumps(state, ensure_ascii=False)};"
              "(function(){var s=document.currentScript;s.parentNode.removeChild(s);}());</script>")
    html = _script_page(script).replace("<title>", "<head><meta property='og:title' content='Nghệ An tổng kết phòng "
                                        "chống thiên tai - năm 2024 - Báo X'>", 1).replace("<head><head>", "<head>")
    article = parse_page(html)
    assert article.is_article and article.extraction["layer"] == "data"
    assert article.paragraphs[1] == "Thiệt hại lớn" and len(article.paragraphs) == 4
    assert article.title == "Nghệ An tổng kết phòng chống thiên tai – năm 2024"  # as the data renders it


def test_a_fact_box_aside_inside_the_body_is_text_a_sidebar_aside_is_not():
    box = ("<aside class='factbox'><h3>Ba nhóm rác cần phân loại</h3><ul><li>Rác thực phẩm: thức ăn thừa, vỏ trái cây."
           "</li><li>Rác tái chế: giấy, chai nhựa, lon kim loại.</li></ul></aside>")
    side = "<aside><h3>Tin mới</h3><a href='/a'>Tin khác số một về thời tiết</a> <a href='/b'>Tin khác số hai</a></aside>"
    html = (f"<html><body><h1>Tổng kết phòng chống thiên tai</h1><div class='row'>"
            f"<div class='article-body' itemprop='articleBody'>{BODY}{box}</div>{side}</div></body></html>")
    article = parse_page(html)
    assert "Rác tái chế: giấy, chai nhựa, lon kim loại." in article.paragraphs
    assert "Tin mới" not in article.text


def test_a_page_with_a_desktop_and_a_mobile_copy_gives_one():
    # Semantic UI's "computer only" and "mobile only" rows, side by side in one column.
    paragraphs = "".join(p + "</p>" for p in BODY.split("</p>") if p)
    desktop = ("<article class='detail-pc'><h1>Tổng kết phòng chống thiên tai năm 2024</h1>"
               "<div class='ui two column grid meta'><div class='column'>Thứ Tư, 14/05/2025 | 10:05</div>"
               "<div class='right aligned column'>1.932 <a href='/s'>Zalo</a></div></div>"
               f"<h2 class='sapo'>Hội nghị đánh giá công tác phòng chống thiên tai năm 2024.</h2><div class='body'>{paragraphs}"
               "</div></article>")
    mobile = ("<article class='detail-mb'><a class='label' href='/thoi-su'>Thời sự</a>"
              "<h1>Tổng kết phòng chống thiên tai năm 2024</h1><div class='byline-mb'>Đinh Thị Hồng Nhung · 14/05/2025"
              f" 10:05</div><div class='body'>{paragraphs}</div></article>")
    html = ("<html><body><div class='menu'><a href='/'>Trang chủ</a></div><div class='ui grid'>"
            f"<div class='eleven wide column'><div class='ui grid switch'><div class='computer only row'>"
            f"<div class='sixteen wide column'>{desktop}</div></div><div class='mobile only row'>"
            f"<div class='sixteen wide column'>{mobile}</div></div></div></div></div>"
            "<div class='footer'>Bản quyền</div></body></html>")
    article = parse_page(html)
    assert article.is_article and article.text.count("1.250 tỷ đồng") == 1
    assert "Zalo" not in article.text and "Đinh Thị Hồng Nhung" not in article.text and "Thời sự" not in article.text
    # Whatever block the scoring picks around both copies, the fuller copy alone is cleaned.
    column = parse_html(html).find(".//div[@class='eleven wide column']")
    assert [a.get("class") for a in _one_copy(column).iter("article")] == ["detail-pc"]


def test_see_also_lines_of_a_span_and_br_body_leave():
    body = "<br/>".join(f"<span>{p.removeprefix('<p>')}</span>" for p in BODY.split("</p>") if p)
    see = "<br/><span><strong>&gt;&gt; Xem thêm:</strong> <a href='/x'>Giá xoài cát tăng mạnh đầu tháng 9</a></span><br/>"
    sapo = "<p class='sapo'>Hội nghị đánh giá công tác phòng chống thiên tai năm 2024 và triển khai nhiệm vụ năm 2025.</p>"
    article = parse_page(_article(f"{sapo}<div class='noidung'>{body}{see}</div>"))
    assert article.is_article and "Xem thêm" not in article.text and "Giá xoài" not in article.text


def test_where_the_piece_first_ran_is_not_body_text():
    article = parse_page(_article(BODY + "<p><em>Bài đăng trên Tạp chí Nếp Xưa số 58 (tháng 4/2025).</em></p>"))
    assert "Nếp Xưa" not in article.text and article.paragraphs[-1].startswith("Phát biểu tại hội nghị")


@pytest.mark.parametrize("form", ["json-parse", "custom-global", "astro-island", "qwik"])
def test_state_in_the_forms_other_frameworks_ship(form):
    article_data = {"article": {"title": "Tổng kết phòng chống thiên tai", "content": BODY}}
    as_json = json.dumps(article_data, ensure_ascii=False)
    shell = {
        "json-parse": "<script>window.__INITIAL_STATE__ = JSON.parse(" + json.dumps(as_json, ensure_ascii=False)
                      + ");</script>",
        "custom-global": f"<script>window.appData = {as_json};</script>",
        "astro-island": "<astro-island uid='Z1' component-url='/a.js' props='"
                        + json.dumps({"article": [0, {"content": [0, BODY]}]}, ensure_ascii=False).replace("'", "&#39;")
                        + "'></astro-island>",
        "qwik": f'<script type="qwik/json">{as_json}</script>',
    }[form]
    html = (f"<html><head><title>Tổng kết phòng chống thiên tai</title></head>"
            f"<body><div id='app'>Đang tải...</div>{shell}</body></html>")
    article = parse_page(html)
    assert article.is_article and article.extraction["layer"] == "data"
    assert len(article.paragraphs) == 3 and "1.250 tỷ đồng" in article.text


def test_blogger_marks_the_body_with_a_list_of_itemprops():
    # A sidebar of widgets holding more text than the post must not take the page.
    widgets = "".join(f"<div class='widget'><h2>Mục {i}</h2><p>{BODY}</p></div>" for i in range(3))
    html = (f"<html><body><div class='widget Blog'><div class='post hentry'><h3 class='post-title'>Tổng kết</h3>"
            f"<div class='post-body entry-content' itemprop='description articleBody'>{BODY}</div></div></div>"
            f"<div class='sidebar'>{widgets}</div></body></html>")
    article = parse_page(html)
    assert article.is_article and len(article.paragraphs) == 3
    assert article.extraction["layer"] == "generic"  # found by vnnews itself, not by the trusted last layer


def test_a_sapo_written_as_a_js_literal_beside_the_body():
    body = json.dumps(BODY, ensure_ascii=False)
    script = ('<script>__sveltekit_x = {data: [{article: {title: "Tổng kết", sapo: "Hội nghị đánh giá công tác phòng '
              f'chống thiên tai năm 2024 và triển khai nhiệm vụ năm 2025.", content: {body}}}}}]}};</script>')
    article = parse_page(_script_page(script))
    assert article.is_article and article.paragraphs[0].startswith("Hội nghị đánh giá")


@pytest.mark.parametrize("cells", [
    ("Chỉ tiêu", "31/12/2024", "31/3/2025", "Tăng/giảm"),                      # a header row of several dates
    ("Hồ Khe Nước", "xã Sơn Lộc", "Sạt mái thượng lưu khoảng 25 m", "Trước 15/6/2025"),  # a row with one date
])
def test_data_table_rows_with_dates_are_text_not_info_bars(cells):
    table = ("<table><tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
             "<tr><td>Nguồn vốn</td><td>8.204</td><td>8.540</td><td>+4,1%</td></tr></table>")
    article = parse_page(_article(BODY + table))
    assert " | ".join(cells) in article.paragraphs


def test_a_body_stored_as_a_rich_text_tree():
    # Slate, Lexical and Portable Text keep a paragraph as runs of text in "children".
    runs = [[{"type": "text", "text": p.removeprefix("<p>")[:40]}, {"type": "text", "text": p.removeprefix("<p>")[40:],
                                                                   "bold": True}]
            for p in BODY.split("</p>") if p]
    state = {"state": {"loaderData": {"article": {"title": "Tổng kết", "content": [
        {"type": "paragraph", "children": r} for r in runs]}}}}
    script = f"<script>window.__remixContext = {json.dumps(state, ensure_ascii=False)};</script>"
    article = parse_page(_script_page(script))
    assert article.is_article and article.paragraphs == [p.removeprefix("<p>") for p in BODY.split("</p>") if p]


def test_a_featured_image_caption_above_the_headline_is_not_the_sapo():
    # A theme prints the breadcrumb (its last item the headline), then the featured image, then an <h2> headline.
    headline = "Tổng kết phòng chống thiên tai năm 2024 ở Nghệ An"
    html = (f"<html><head><title>{headline} - Báo Nghệ An</title></head><body><nav class='breadcrumbs'>"
            f"<a href='/'>Trang chủ</a> » <a href='/thoi-su'>Thời sự</a> » <span>{headline}</span></nav>"
            "<div class='thumbnail'><img src='/a.jpg' alt=''><div class='thumbnail-caption'>Đoàn công tác kiểm tra "
            "đê biển ở huyện Quỳnh Lưu trước mùa mưa bão năm 2025.</div></div>"
            f"<h2 class='entry-title'>{headline}</h2><div class='entry-content'>{BODY}</div></body></html>")
    article = parse_page(html)
    assert article.paragraphs[0].startswith("Ngày 12/3/2025") and "Đoàn công tác" not in article.text


def test_a_post_meta_bar_with_a_date_in_words_and_reading_stats_leaves():
    bar = "<div class='entry-meta'>Tháng Ba 12, 2025 · 4 phút đọc · 1.284 lượt xem</div>"
    article = parse_page(_article(bar + BODY))
    assert "phút đọc" not in article.text and article.paragraphs[0].startswith("Ngày 12/3/2025")


def test_a_search_summary_restating_the_first_paragraph_is_not_added_as_a_sapo():
    paragraphs = [p.removeprefix("<p>") for p in BODY.split("</p>") if p]
    summary = ("Hội nghị tổng kết công tác phòng chống thiên tai năm 2024 của UBND tỉnh Nghệ An có đại diện các sở, "
               "ngành và 21 huyện, thành phố, thị xã tham gia.")
    sapo = "Thiên tai năm 2024 gây thiệt hại hơn 1.250 tỷ đồng cho Nghệ An, nặng nhất là hai huyện ven biển."
    for description, first in ((summary, paragraphs[0]), (sapo, sapo)):
        data = {"@type": "NewsArticle", "headline": "Tổng kết phòng chống thiên tai", "description": description,
                "articleBody": "\n\n".join(paragraphs)}
        article = parse_page(_script_page(f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'))
        assert article.paragraphs[0] == first


def test_an_editors_note_between_the_headline_and_the_body_is_kept_first():
    note = ("<p class='post-lts'><em>LTS: Sau mùa mưa bão năm 2024, Báo Nghệ An mở loạt bài về công tác phòng chống "
            "thiên tai ở các huyện ven biển. Bài viết thể hiện quan điểm riêng của tác giả.</em></p>")
    sapo = "<p class='sapo'><b>Thiên tai năm 2024 gây thiệt hại hơn 1.250 tỷ đồng cho Nghệ An, nặng nhất ở ven biển.</b></p>"
    html = _article(sapo + BODY).replace("<div class='content'>", note + "<div class='content'>")
    article = parse_page(html)
    assert article.paragraphs[0].startswith("LTS: Sau mùa mưa bão") and article.paragraphs[1].startswith("Thiên tai năm")


def test_state_set_by_an_iife_with_vietnamese_field_names():
    paragraphs = [p.removeprefix("<p>") for p in BODY.split("</p>") if p]
    body = json.dumps(BODY, ensure_ascii=True).replace("<", "\\u003C").replace("/", "\\u002F")
    script = ('<script>window.__pinia = (function(a,b,c,d){return {app:{menuMo:a},tinTuc:{chiTiet:{id:4821,'
              'tieuDe:"Tổng kết phòng chống thiên tai năm 2024 ở Nghệ An",tomTat:"Thiên tai năm 2024 gây thiệt hại hơn '
              f'1.250 tỷ đồng cho Nghệ An, nặng nhất ở hai huyện ven biển.",noiDung:{body},ngayXuatBan:new Date(1736472600000),'
              'tacGia:d}}}}}(false,"thoi-su",null,"Trần Quốc Huy"))</script>')
    article = parse_page(_script_page(script))
    assert article.is_article and article.extraction["layer"] == "data"
    assert article.paragraphs == ["Thiên tai năm 2024 gây thiệt hại hơn 1.250 tỷ đồng cho Nghệ An, nặng nhất ở hai huyện "
                                  "ven biển.", *paragraphs]
    assert (article.author, article.published_at) == ("Trần Quốc Huy", "2025-01-10T08:30:00+07:00")


def test_apollo_cache_with_a_body_of_blocks_and_related_articles_first():
    related = {f"Article:{i}": {"__typename": "Article", "title": f"Bài liên quan số {i} về thiên tai ở miền Trung",
                                "summary": f"Tóm tắt bài liên quan số {i}, viết về công tác phòng chống thiên tai.",
                                "publishedAt": f"2025-05-0{i}T15:20:00+07:00", "authors": [{"__ref": "Author:7"}]}
               for i in (1, 2)}
    blocks = [{"__typename": "ParagraphBlock", "html": p.removeprefix("<p>").replace("2024", "<strong>2024</strong>", 1)}
              for p in BODY.split("</p>") if p]
    blocks.insert(2, {"__typename": "QuoteBlock", "text": "Không để người dân nào bị động trước mùa mưa bão.",
                      "attribution": "Phó Chủ tịch UBND tỉnh"})
    state = {"Author:7": {"__typename": "Author", "name": "Lê Hà"}, "Author:88": {"__typename": "Author", "name": "Lý Minh Triết"},
             **related, "Article:9": {"__typename": "Article", "title": "Nghệ An tổng kết phòng chống thiên tai năm 2024",
                                      "summary": "Thiên tai năm 2024 gây thiệt hại hơn 1.250 tỷ đồng cho Nghệ An.",
                                      "publishedAt": "2025-05-06T09:45:00+07:00", "authors": [{"__ref": "Author:88"}],
                                      "body": {"blocks": blocks}}}
    article = parse_page(_script_page(f"<script>window.__APOLLO_STATE__={json.dumps(state, ensure_ascii=False)};</script>"))
    assert article.extraction["layer"] == "data" and article.title == "Nghệ An tổng kết phòng chống thiên tai năm 2024"
    assert article.paragraphs[0] == "Thiên tai năm 2024 gây thiệt hại hơn 1.250 tỷ đồng cho Nghệ An."
    assert article.paragraphs[3:5] == ["Không để người dân nào bị động trước mùa mưa bão.", "Phó Chủ tịch UBND tỉnh"]
    assert len(article.paragraphs) == 6
    assert (article.author, article.published_at) == ("Lý Minh Triết", "2025-05-06T09:45:00+07:00")


def test_a_liferay_blog_entry_in_widget_named_blocks_with_a_cover_caption():
    html = ("<html><head><title>Tổng kết phòng chống thiên tai - Ngân hàng Đông Kinh</title></head><body>"
            "<div class='widget-mode-detail'><h3 class='title-text'>Tổng kết phòng chống thiên tai năm 2024 ở Nghệ An</h3>"
            "<div class='widget-metadata'><a class='username' href='/web/le-ha'>Lê Hà</a><div>14/03/2025</div></div>"
            "<div class='cover-image-caption'>Cán bộ ngân hàng tư vấn vốn vay cho thành viên một hợp tác xã ở Nghệ An.</div>"
            f"<div class='widget-content'>{BODY}</div></div>"
            "<div class='portlet-column-last'><h2>Tỷ giá</h2><table><tr><td>USD</td><td>25.310</td></tr></table></div>"
            "</body></html>")
    article = parse_page(html)
    assert article.is_article and article.paragraphs[0].startswith("Ngày 12/3/2025") and "Cán bộ ngân hàng" not in article.text
    assert article.author == "Lê Hà"


def test_a_print_view_with_a_dateline_a_standfirst_and_reference_marks():
    body = BODY.replace("1.250 tỷ đồng;", "1.250 tỷ đồng<sup class='ref'>[1]</sup>;")
    html = ("<html><body><h1>Tổng kết phòng chống thiên tai năm 2024 ở Nghệ An</h1><p class='byline'>Bài và ảnh: Lê Hà</p>"
            "<p class='dateline'>Đăng lúc 10:30, thứ Tư 26/02/2025 · Cập nhật 14:05, 26/02/2025</p>"
            "<p class='nb-standfirst'>Thiên tai năm 2024 gây thiệt hại hơn 1.250 tỷ đồng cho Nghệ An, nặng nhất ở hai huyện.</p>"
            f"<div class='copy'>{body}</div><section class='links'><ol><li>https://example.vn/nd</li></ol></section></body></html>")
    article = parse_page(html)
    assert article.paragraphs[0].startswith("Thiên tai năm 2024") and "[1]" not in article.text
    assert "Đăng lúc" not in article.text


def test_joomla_article_info_leaves_the_text_and_its_created_date_is_the_date():
    info = ("<dl class='article-info'><dt class='article-info-term'>Chi tiết</dt><dd class='category-name'>Chuyên mục: "
            "<a href='/tin'>Tin trong huyện</a></dd><dd class='create'>Ngày tạo Thứ hai, 16 Tháng 9 2024 15:47</dd>"
            "<dd class='modified'>Cập nhật lần cuối ngày Thứ ba, 17 Tháng 9 2024 08:03</dd>"
            "<dd class='createdby'>Viết bởi Quản trị viên</dd></dl>")
    article = parse_page(_article(info + BODY))
    assert "Chi tiết" not in article.text and "Ngày tạo" not in article.text and "Quản trị viên" not in article.text
    assert (article.published_at, article.modified_at) == ("2024-09-16T15:47:00+07:00", "2024-09-17T08:03:00+07:00")


def test_a_hidden_label_inside_the_summary_is_not_part_of_the_sapo():
    html = _article(BODY).replace(
        "<div class='content'>", "<div class='summary'><span style='display:none'>Tóm tắt</span><div style='display:inline'>"
        "Thiên tai năm 2024 gây thiệt hại hơn 1.250 tỷ đồng cho Nghệ An, nặng nhất ở hai huyện.</div></div>"
        "<div class='content'>")
    assert parse_page(html).paragraphs[0].startswith("Thiên tai năm 2024")


def test_an_astro_island_whose_props_tag_each_value_with_its_type():
    paragraphs = [p.removeprefix("<p>") for p in BODY.split("</p>") if p]
    props = {"article": [0, {"title": [0, "Tổng kết phòng chống thiên tai năm 2024"],
                             "summary": [0, "Thiên tai năm 2024 gây thiệt hại hơn 1.250 tỷ đồng cho Nghệ An, nặng nhất ở ven biển."],
                             "content": [0, BODY],
                             "byline": [0, {"label": [0, "Bài, ảnh"], "people": [1, [[0, {"name": [0, "Khánh Vy"]}]]]}]}]}
    island = json.dumps(props, ensure_ascii=False).replace('"', "&quot;")
    html = (f"<html><head><title>Tổng kết</title></head><body><astro-island uid='x' props=\"{island}\">"
            "<div>Đang tải...</div></astro-island></body></html>")
    article = parse_page(html)
    assert article.paragraphs == ["Thiên tai năm 2024 gây thiệt hại hơn 1.250 tỷ đồng cho Nghệ An, nặng nhất ở ven biển.",
                                  *paragraphs]
    assert article.author == "Khánh Vy"


def test_a_tag_link_ending_the_seo_title_is_not_the_headline():
    html = ("<html><head><title>Bộ đội giúp đồng bào vùng biên xây nhà đại đoàn kết | Lũy Thép</title></head><body>"
            "<h2 class='node-title'>Tổng kết phòng chống thiên tai năm 2024 ở Nghệ An</h2>"
            "<div class='sapo'>Thiên tai năm 2024 gây thiệt hại hơn 1.250 tỷ đồng cho Nghệ An, nặng nhất ở hai huyện.</div>"
            f"<div class='content'>{BODY}</div><div class='tags'><a href='/tag/x'>nhà đại đoàn kết</a></div></body></html>")
    assert parse_page(html).paragraphs[0].startswith("Thiên tai năm 2024")


def test_a_view_counter_bar_a_comment_form_heading_and_a_crew_credit_leave_the_text():
    body = ("<p>Thứ Ba, 22/04/2025 - 09:40 | Lượt xem: 1.284 A- A+ In Email</p>" + BODY
            + "<p>PV: Ngọc Hà - KTV: Đức Toàn</p><p>Gửi ý kiến</p>")
    article = parse_page(_article(body))
    assert article.paragraphs[0].startswith("Ngày 12/3/2025") and article.paragraphs[-1].startswith("Phát biểu")
    assert article.author == "Ngọc Hà"


def test_ember_fastboot_shoebox_with_json_api_data():
    paragraphs = [p.removeprefix("<p>") for p in BODY.split("</p>") if p]
    data = {"queries": {"GET::/api/articles/x": {"data": {"type": "articles", "id": "2217", "attributes": {
        "title": "Tổng kết phòng chống thiên tai năm 2024", "body": BODY, "published-at": "2024-11-08T13:30:00.000Z"},
        "relationships": {"author": {"data": {"type": "authors", "id": "41"}}}},
        "included": [{"type": "authors", "id": "41", "attributes": {"name": "Đoàn Minh Khuê"}}]}}}
    script = f'<script type="fastboot/shoebox" id="shoebox-store">{json.dumps(data, ensure_ascii=False)}</script>'
    article = parse_page(_script_page(script))
    assert article.is_article and article.paragraphs == paragraphs
    assert (article.author, article.published_at) == ("Đoàn Minh Khuê", "2024-11-08T20:30:00+07:00")


def test_a_date_beside_a_view_count_is_not_the_sapo():
    html = _article(BODY).replace("<div class='content'>", "<div class='info'>Cập nhật ngày: 14/01/2025 15:20 Lượt xem: 418 "
                                  "In bài Gửi email A+ A-</div><div class='content'>")
    assert parse_page(html).paragraphs[0].startswith("Ngày 12/3/2025")
