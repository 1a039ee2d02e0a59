"""Metadata as an archive indexes it: reconciled dates, decoded titles, bylines as Vietnamese news prints them."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from pipeline import process_html
from pipeline.page.byline import Byline, parse_byline
from pipeline.page.parse import parse_page
from pipeline.page.published import read_when

BODY = ("<p>Ngày 12/3/2025, UBND tỉnh Nghệ An tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm 2024, "
        "với sự tham gia của đại diện các sở, ngành và 21 huyện, thành phố, thị xã trong tỉnh.</p>"
        "<p>Theo báo cáo, năm 2024 thiên tai làm 12 người chết, hơn 3.200 ngôi nhà bị hư hỏng, thiệt hại ước "
        "tính 1.250 tỷ đồng; huyện Yên Thành và huyện Quỳnh Lưu bị ảnh hưởng nặng nhất.</p>"
        "<p>Phát biểu tại hội nghị, Phó Chủ tịch UBND tỉnh đề nghị các địa phương rà soát phương án sơ tán dân, "
        "chuẩn bị lương thực, thuốc men và phương tiện cứu hộ trước mùa mưa bão năm 2025.</p>")
HEADLINE = "Nghệ An tổng kết phòng chống thiên tai năm 2024"


def page(head: str = "", header: str = "", after_body: str = "", closing: str = "", headline: str = HEADLINE) -> str:
    return (f"<html><head><meta charset='utf-8'><title>{headline} - Báo Nghệ An</title>{head}</head><body>"
            f"<div class='menu'><a href='/'>Trang chủ</a></div><article><h1>{headline}</h1>{header}"
            f"<div class='content'>{BODY}{closing}</div></article>{after_body}"
            "<div class='footer'>Giấy phép số 12/GP-BTTTT ngày 03/6/2021. Địa chỉ: 5 Lê Hồng Phong.</div></body></html>")


def ld(**fields: object) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **fields})}</script>'


# --- dates ---------------------------------------------------------------------------------------------------

def test_us_culture_date_gives_way_to_the_unambiguous_json_ld_date():
    head = ('<meta property="article:published_time" content="9/5/2026 10:17:01 PM">'
            + ld(datePublished="2026-09-05T22:17:01+07:00"))
    result = parse_page(page(head), fetched_at=datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert result.published_at == "2026-09-05T22:17:01+07:00"  # 5 September, not 9 May
    assert "warnings" not in result.extraction  # the ambiguous value agreed once read month first


def test_us_culture_date_alone_is_read_month_first():
    head = '<meta property="article:published_time" content="3/7/2025 8:05:00 AM">'
    assert parse_page(page(head)).published_at == "2025-03-07T08:05:00+07:00"


def test_day_first_pseudo_iso_keeps_its_time():
    head = ld(datePublished="24-03-2019T07:50:00+07:00")
    header = "<div class='date'>24/03/2019 07:50 GMT+7</div>"
    assert parse_page(page(head, header)).published_at == "2019-03-24T07:50:00+07:00"


@pytest.mark.parametrize("line, expected", [
    ("Thứ năm, 21/6/2018, 10:20 (GMT+7)", "2018-06-21T10:20:00+07:00"),
    ("21-06-2018 - 10:20 GMT+7", "2018-06-21T10:20:00+07:00"),
    ("Cập nhật lúc 08:10, Thứ Tư, 12/03/2008", "2008-03-12T08:10:00+07:00"),
    ("20/06/2024 | 09:12", "2024-06-20T09:12:00+07:00"),
    ("09:30 ngày 18/09/2024", "2024-09-18T09:30:00+07:00"),
    ("1529551200", "2018-06-21T10:20:00+07:00"),  # a Unix timestamp
    ("Thứ tư, 14 Tháng 5 2025 08:20", "2025-05-14T08:20:00+07:00"),  # Joomla's Vietnamese locale
    ("Cập nhật lúc 9g25 ngày 18/12/2024", "2024-12-18T09:25:00+07:00"),  # "g" for giờ
    ("Ngày đăng: 22/10/2024 2:35 CH", "2024-10-22T14:35:00+07:00"),  # chiều: afternoon
    ("Thứ Hai, ngày 03/02/2025 (mùng 6 tháng Giêng) - 15 giờ 20 phút", "2025-02-03T15:20:00+07:00"),
    ("2025-07-15T09:40:00+00:00", "2025-07-15T16:40:00+07:00"),  # UTC storage shown in Vietnam time
])
def test_date_formats_vietnamese_sites_use(line, expected):
    assert read_when(line, "visible-date-line").iso == expected


def test_a_date_line_without_a_date_class_is_found_under_the_headline():
    header = "<font size=1 color=gray>Cập nhật: 18/10/2006 08:42</font>"
    assert parse_page(page(header=header)).published_at == "2006-10-18T08:42:00+07:00"


def test_the_headers_today_clock_is_not_the_publication_date():
    html = page(header="<div class='ngay-dang'>14/05/2025 15:20</div>").replace(
        "<body>", "<body><div class='ngay-hientai'>Thứ Hai, 07/12/2026</div>")
    assert parse_page(html).published_at == "2025-05-14T15:20:00+07:00"


def test_a_clock_inside_the_header_date_line_is_not_the_publication_time():
    html = page(header="<div class='dpn-date'>25/04/2025 20:41</div>").replace(
        "<body>", "<body><div class='headline-date'>Thứ sáu, 25/04/2025 | <span id='clock'>20:55</span></div>")
    assert parse_page(html).published_at == "2025-04-25T20:41:00+07:00"


def test_a_publication_time_after_the_last_edit_is_a_zone_written_wrong():
    head = ('<meta property="article:published_time" content="2025-02-27T08:30:00+00:00">'
            '<meta property="article:modified_time" content="2025-02-27T02:11:46+00:00">')
    header = "<time datetime='2025-02-27T08:30:00+07:00'>27/02/2025</time>"
    result = parse_page(page(head, header))
    assert (result.published_at, result.modified_at) == ("2025-02-27T08:30:00+07:00", "2025-02-27T09:11:46+07:00")


def test_nuxt_state_passed_as_function_arguments():
    state = ('<script>window.__NUXT__=(function(a,b,c){return {data:[{detail:{title:"Tin",author:b,'
             'publishDate:c}}]}}(null,"Đoàn Văn Nhân","2025-03-07T09:15:00+07:00"));</script>')
    result = parse_page(page(state))
    assert (result.author, result.published_at) == ("Đoàn Văn Nhân", "2025-03-07T09:15:00+07:00")


def test_a_print_stamp_is_not_the_publication_date():
    header = "<div class='print-date'>Ngày in: 02/06/2025 08:44</div><div class='date'>28/05/2025 16:30</div>"
    assert parse_page(page(header=header)).published_at == "2025-05-28T16:30:00+07:00"


def test_the_printed_byline_wins_when_it_names_more_people_than_the_data():
    head = '<meta name="author" content="Quang Vinh">'
    header = "<div class='post-byline'>Bởi Quang Vinh, Thu Trang</div>"
    assert parse_page(page(head, header)).author == "Quang Vinh, Thu Trang"


def test_a_section_after_the_headline_in_the_title_is_not_part_of_it():
    html = page().replace("<title>" + HEADLINE + " - Báo Nghệ An</title>",
                          "<title>" + HEADLINE + " - Tin hoạt động - Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An</title>")
    html = html.replace("<h1>" + HEADLINE + "</h1>", "<h1 class='hide'>Tin hoạt động</h1><h2 class='tieude'>" + HEADLINE + "</h2>")
    assert parse_page(html).title == HEADLINE


def test_sources_that_disagree_are_settled_by_agreement_and_the_warning_says_so():
    head = ('<meta property="article:published_time" content="2025-10-11T09:00:00+07:00">'
            + ld(datePublished="2025-10-08T14:30:00+07:00"))
    header = "<div class='post-date'>Đăng lúc: 08/10/2025 14:30</div>"
    result = parse_page(page(head, header))
    assert result.published_at == "2025-10-08T14:30:00+07:00"
    warnings = result.extraction["warnings"]
    assert any("meta says 2025-10-11" in w and "2025-10-08" in w for w in warnings)


def test_a_date_after_the_fetch_is_not_believed():
    head = ld(datePublished="2031-01-01T08:00:00+07:00")
    header = "<div class='date'>02/03/2025 08:00</div>"
    result = parse_page(page(head, header), fetched_at=datetime(2025, 3, 2, 12, tzinfo=timezone.utc))
    assert result.published_at == "2025-03-02T08:00:00+07:00"


def test_modified_at_is_kept_apart():
    head = ld(datePublished="2025-10-08T14:30:00+07:00", dateModified="2025-10-13T09:15:00+07:00")
    result = parse_page(page(head))
    assert (result.published_at, result.modified_at) == ("2025-10-08T14:30:00+07:00", "2025-10-13T09:15:00+07:00")


def test_the_url_date_is_a_last_resort():
    result = parse_page(page(), url="https://baomoi.example.vn/tin-20240315083000.htm")
    assert result.published_at == "2024-03-15T08:30:00+07:00"
    assert result.extraction["metadata_sources"]["published_at"] == "url"


# --- titles --------------------------------------------------------------------------------------------------

def test_double_escaped_json_ld_headline_is_decoded():
    head = ld(headline="Sau so&#xE1;t x&#xE9;t, QCG b&#xE1;o l&#xE3;i &amp;quot;k&#x1EF7; l&#x1EE5;c&amp;quot;")
    html = page(head, headline="").replace("<h1></h1>", "")
    assert parse_page(html).title == 'Sau soát xét, QCG báo lãi "kỷ lục"'


def test_site_name_suffix_and_prefix_leave_the_title():
    html = page(headline="").replace("<h1></h1>", "").replace(
        "<title> - Báo Nghệ An</title>", "<title>Lam Hồng Online :: Thời sự :: Nghệ An tổng kết phòng chống thiên tai"
        " năm 2024 | Báo Nghệ An điện tử</title>")
    assert parse_page(html).title == HEADLINE


def test_a_portal_page_title_is_no_headline_reference():
    html = page(headline="").replace("<h1></h1>", "<h2>Chi tiết tin</h2><h3 class='news-title'>" + HEADLINE + "</h3>")
    html = html.replace("<title> - Báo Nghệ An</title>", "<title>Chi tiết tin - Sở Tài chính tỉnh Nghệ An</title>")
    assert parse_page(html).title == HEADLINE


def test_a_site_logo_h1_is_not_the_headline():
    html = page(headline=HEADLINE).replace("<h1>", "<h2 class='detail-title'>").replace("</h1>", "</h2>").replace(
        "<body>", "<body><h1>Thành Nam Online</h1>")
    assert parse_page(html).title == HEADLINE


# --- bylines -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Theo Hồ Hương", Byline(["Hồ Hương"])),
    ("Hà Thu (tổng hợp)", Byline(["Hà Thu"], note="tổng hợp")),
    ("Lệ Thu - Văn Định", Byline(["Lệ Thu", "Văn Định"])),
    ("Minh Quyết - Thanh Tân/TTXVN", Byline(["Minh Quyết", "Thanh Tân"], source="TTXVN")),
    ("Văn Giáp/Bnews/vnanet.vn", Byline(["Văn Giáp"], source="Bnews/vnanet.vn")),
    ("Ca Tiếu (theo online-tech-tips)", Byline(["Ca Tiếu"], note="theo online-tech-tips")),
    ("Nhóm PV", Byline([], note="nhóm pv")),
    ("PV", Byline([], note="pv")),
    ("Bài và ảnh: PHÚC HẬU", Byline(["Phúc Hậu"])),
    ("Ngọc Anh (Trung tâm Văn hóa huyện)", Byline(["Ngọc Anh"], source="Trung tâm Văn hóa huyện")),
    ("Theo Báo Tin tức", Byline([], source="Báo Tin tức")),
    ("Bởi Mai Thảo", Byline(["Mai Thảo"])),
    ("Đoàn Văn Nhân", Byline(["Đoàn Văn Nhân"])),  # a surname that is also a word for a body ("đoàn")
    ("Trường Giang", Byline(["Trường Giang"])),
    ("Trường THPT Chu Văn An", None),
    ("Ksor Y Phước", Byline(["Ksor Y Phước"])),  # an Ê Đê name, not "KS." (engineer) before "or Y Phước"
    ("Hôm nay trời đẹp quá", None),
    ("A+ A-", None),
    ("Super User", None),  # a CMS account, not a person
    ("Tường thuật: Hữu Thắng - Đức Minh", Byline(["Hữu Thắng", "Đức Minh"])),
    ("bientap02", None),
    ("Thượng úy Nguyễn Thành Trung – Công an huyện Bắc Lĩnh",
     Byline(["Nguyễn Thành Trung"], source="Công an huyện Bắc Lĩnh")),  # a rank before the name, the unit after
    ("Đại tá Lê Văn Hà", Byline(["Lê Văn Hà"])),
    ("Tác giả bài viết: Vũ Hồng Nhung", Byline(["Vũ Hồng Nhung"])),
    ("Tin và ảnh: Trần Quốc Việt", Byline(["Trần Quốc Việt"])),
    ("Bài, ảnh: CTV Hồ Bích Vân", Byline(["Hồ Bích Vân"])),  # "CTV": a contributor, not part of the name
])
def test_byline_forms(text, expected):
    assert parse_byline(text) == expected


@pytest.mark.parametrize("where", ["bold-closing", "right-aligned", "author-block-after", "header", "labelled-info",
                                   "source-name"])
def test_byline_places(where):
    name = "Văn Giáp"
    parts = {
        "bold-closing": {"closing": f"<p><strong>{name}/Bnews/vnanet.vn</strong></p>"},
        "right-aligned": {"closing": f'<p style="text-align: right;">{name}</p>'},
        "author-block-after": {"after_body": f"<div class='author'>{name}</div>"},
        "header": {"header": f"<div class='byline'>Theo {name}</div>"},
        "labelled-info": {"header": f"<div class='info'>Tác giả: {name} - Ngày đăng: 22/11/2025 08:15</div>"},
    "source-name": {"after_body": f"<div class='link-source-name'><strong>{name}/VOV</strong></div>"},
    }[where]
    result = parse_page(page('<meta name="author" content="Báo Nghệ An">', **parts), url="https://baonghean.vn/a.html")
    assert result.author == name
    assert name not in result.text  # a byline found inside the body leaves the text
    if where == "bold-closing":
        assert result.author_source == "Bnews/vnanet.vn"


def test_byline_fields_reach_the_json_contract():
    html = page(closing="<p><b>Hà Thu (tổng hợp)</b></p>")
    record = process_html(html).to_dict()
    assert (record["author"], record["author_note"], record["author_source"]) == ("Hà Thu", "tổng hợp", None)


def test_the_sitemap_date_of_a_crawl_is_one_more_source():
    listed = datetime(2025, 3, 2, 8, 0, tzinfo=timezone.utc)
    result = parse_page(page(), listed_at=listed)
    assert result.published_at == "2025-03-02T15:00:00+07:00"
    assert result.extraction["metadata_sources"]["published_at"] == "sitemap"
    # It does not outvote the page itself.
    header = "<div class='date'>01/03/2025 09:00</div>"
    assert parse_page(page(header=header), listed_at=listed).published_at == "2025-03-01T09:00:00+07:00"


def test_nuxt_3_payload_whose_objects_point_at_items_by_index():
    payload = json.dumps([["ShallowReactive", 1], {"data": 2}, {"article": 3},
                          {"title": 4, "author": 5, "publishedAt": 7}, "Tin", {"fullName": 6}, "Phạm Thu Huyền",
                          "2025-01-09T07:30:00.000Z"], ensure_ascii=False)
    state = f'<script type="application/json" id="__NUXT_DATA__">{payload}</script>'
    result = parse_page(page(state))
    assert (result.author, result.published_at) == ("Phạm Thu Huyền", "2025-01-09T14:30:00+07:00")


def test_titles_and_credits_around_a_name():
    assert parse_byline("PGS.TS TRẦN MINH ĐỨC") == Byline(["Trần Minh Đức"])
    assert parse_byline("Nội dung: PHẠM HÀ VY – LƯU QUANG BẢO") == Byline(["Phạm Hà Vy", "Lưu Quang Bảo"])
    assert parse_byline("Ảnh: Minh Trí") is None  # the photographer did not write the text


def test_a_data_time_in_another_offset_is_shown_in_the_pages_own():
    # The same instant: 21:10 at +08:00 is the 20:10 the page prints.
    head = '<meta property="article:published_time" content="2024-11-23T21:10:00+08:00">'
    header = "<div class='post-date'>Thứ Bảy, 23/11/2024 - 20:10</div>"
    result = parse_page(page(head, header))
    assert result.published_at == "2024-11-23T20:10:00+07:00" and "warnings" not in result.extraction


def test_a_local_time_written_with_z_is_the_pages_time_and_the_warning_says_so():
    # A CMS that stores Vietnam time but labels it UTC: the clock reading is the page's, the "Z" is wrong.
    head = ('<meta property="article:published_time" content="2025-04-17T14:52:00Z">'
            '<meta property="article:modified_time" content="2025-04-17T14:52:00Z">'
            + ld(datePublished="2025-04-17T14:52:00Z"))
    header = "<div class='post-date'>Thứ Năm, 17/04/2025 14:52 (GMT+7)</div>"
    result = parse_page(page(head, header))
    assert result.published_at == "2025-04-17T14:52:00+07:00" and result.modified_at is None
    assert any("offset +0000" in w for w in result.extraction["warnings"])


def test_a_date_line_written_by_script_from_a_timestamp():
    header = ("<span class='ngaydang'><script>document.write(hienThiNgay(1747211700));</script>"
              "<noscript>14/05/25</noscript></span>")
    assert parse_page(page(header=header)).published_at == "2025-05-14T15:35:00+07:00"


def test_the_printed_pen_name_wins_over_the_full_name_in_the_data():
    head = '<meta name="author" content="Nguyễn Thanh Bình">'
    header = "<a class='article-author' href='/tac-gia/thanh-binh'>Thanh Bình</a>"
    assert parse_page(page(head, header)).author == "Thanh Bình"
    # A link to the writer's page is a byline even without an author class.
    assert parse_page(page(header="<a href='/tac-gia/thanh-binh'>Thanh Bình</a>")).author == "Thanh Bình"


def test_a_byline_in_an_info_table_after_the_body():
    table = "<table class='thongtin'><tr><td>Tác giả:</td><td>Lường Thị Xuân</td></tr></table>"
    assert parse_page(page(after_body=table)).author == "Lường Thị Xuân"


def test_a_truncated_og_title_names_the_headline_not_the_sites_banner_h1():
    headline = "Sinh viên Khoa Giáo dục Tiểu học giành giải Nhất Hội thi Nghiệp vụ sư phạm toàn quốc"
    html = (f"<html><head><title>Tin tức - Sự kiện | Trường Đại học Sư phạm Tây Hòa</title>"
            f"<meta property='og:title' content='{headline[:60]} ...'></head><body>"
            f"<div class='banner'><h1>TRƯỜNG ĐẠI HỌC SƯ PHẠM TÂY HÒA</h1></div>"
            f"<p class='tieude_tin'><strong>{headline}</strong></p><div class='noidung'>{BODY}</div></body></html>")
    assert parse_page(html).title == headline


def test_apollo_cache_author_is_a_reference_to_a_user():
    state = {"ROOT_QUERY": {"post": {"__ref": "Post:1"}},
             "Post:1": {"title": "Tin", "author": {"node": {"__ref": "User:23"}}, "date": "2024-10-22T09:14:05"},
             "User:23": {"__typename": "User", "name": "Bảo Ngọc"}}
    script = f"<script>window.__APOLLO_STATE__={json.dumps(state, ensure_ascii=False)};</script>"
    assert parse_page(page(script)).author == "Bảo Ngọc"


def test_a_posted_by_info_line_gives_the_author_and_leaves_the_text():
    header = "<div>Đăng bởi Huỳnh Ngọc Thảo vào lúc 15:20 ngày 12/11/2024 trong chuyên mục Kinh tế | 2 bình luận</div>"
    result = parse_page(page(header=header))
    assert result.author == "Huỳnh Ngọc Thảo" and "Đăng bởi" not in result.text


def test_a_label_and_its_name_in_separate_elements_of_an_info_line():
    header = "<div><font size='1'>Tác giả: <b>Hồ Sĩ Trung</b> - Gửi lúc: 07:45, 22/04/2025 - Đã xem: 412 lần</font></div>"
    result = parse_page(page(header=header))
    assert (result.author, result.published_at) == ("Hồ Sĩ Trung", "2025-04-22T07:45:00+07:00")


def test_a_calendar_icon_is_not_a_clock_and_a_related_list_date_is_not_the_article_date():
    header = "<div class='tin-ngay'><span class='icon-lich'></span> Ngày đăng: 05/12/2024 | 15:40</div>"
    related = "<ul class='related'><li><a href='/x'>Tin khác</a><div class='list-date'>03/12/2024</div></li></ul>"
    assert parse_page(page(header=header, after_body=related)).published_at == "2024-12-05T15:40:00+07:00"


def test_the_date_line_nearest_the_headline_beats_a_server_stamp_in_the_header():
    html = page(header="<div class='ngay_tin'>Ngày đăng: 15/01/2025 2:40:00 CH</div>").replace(
        "<body>", "<body><div class='ngay_gio'>Thứ Năm, 16/01/2025 8:12:45 SA</div>", 1)
    assert parse_page(html).published_at == "2025-01-15T14:40:00+07:00"


def test_month_names_of_the_vietnamese_locale():
    assert read_when("Thứ Sáu, 21 Tháng Ba 2025 10:07", "x").moment.isoformat() == "2025-03-21T10:07:00+07:00"
    assert read_when("2 tháng Mười Hai 2024", "x").moment.date().isoformat() == "2024-12-02"


@pytest.mark.parametrize("site_title, above", [
    ("Bộ đội Biên phòng tỉnh Điện Khê", "<div class='banner'><img src='/logo.png' alt='logo'></div>"),  # a portal's name
    ("Báo Vân Lũng Online - Giáo dục", "<span class='tieude-phu'>Khắc phục hậu quả bão số 3:</span>"),  # a kicker
])
def test_the_headline_block_wins_over_a_portal_title_and_a_kicker(site_title, above):
    html = (f"<html><head><title>{site_title}</title></head><body><table><tr><td class='tieude-tren'>{above}</td></tr>"
            f"<tr><td class='tieude_tin'><span id='lblTieuDe'>{HEADLINE} với nhiều kết quả</span></td></tr></table>"
            f"{BODY}</body></html>")
    assert parse_page(html).title == f"{HEADLINE} với nhiều kết quả"


def test_dates_beside_related_headlines_are_not_the_articles():
    related = ("<table><tr><td class='OtherItem'><a href='/n/48216'>Giá lúa tươi tăng nhẹ sau mưa bão ở các xã ven biển</a>"
               " <span class='OtherDate'>(12/09/2024 10:20:05 SA)</span></td></tr></table>")
    header = "<span class='ngay-dang'>Cập nhật lúc: 12/09/2024 3:45:12 CH</span>"
    result = parse_page(page(header=header, after_body=related))
    assert result.published_at == "2024-09-12T15:45:12+07:00"


def test_a_section_link_beside_the_date_line_does_not_make_it_a_teaser():
    header = ("<div class='top'><a class='cate' href='/nong-nghiep-nong-thon'>Nông nghiệp - Nông thôn</a>"
              "<span class='article-time'>Thứ Bảy, 23/11/2024 - 20:10</span></div>")
    assert parse_page(page(header=header)).published_at == "2024-11-23T20:10:00+07:00"


@pytest.mark.parametrize("value, expected", [('"publishTime": 1733365800', "2024-12-05T09:30:00+07:00"),
                                             ("publishedAt: new Date(1743903000000)", "2025-04-06T08:30:00+07:00")])
def test_state_dates_given_as_unix_times(value, expected):
    script = f'<script>window.__INITIAL_STATE__ = {{"article": {{"title": "Tin", {value}}}}};</script>'
    assert parse_page(page(script)).published_at == expected


def test_hatom_published_title_gives_the_time():
    header = ("<h2 class='date-header'><span>Thứ Bảy, 8 tháng 2, 2025</span></h2>"
              "<abbr class='published' itemprop='datePublished' title='2025-02-08T21:30:00+07:00'>21:30</abbr>")
    assert parse_page(page(header=header)).published_at == "2025-02-08T21:30:00+07:00"


def test_the_data_adds_the_photographer_the_printed_byline_credits_apart():
    head = ld(author=[{"@type": "Person", "name": "Hoàng Lâm"}, {"@type": "Person", "name": "Đức Trí"}])
    header = ("<div class='article-credit'>Bài: <a href='/tac-gia/hoang-lam'>Hoàng Lâm</a> (từ Bắc Sơn) - Ảnh: "
              "<a href='/tac-gia/duc-tri'>Đức Trí</a></div>")
    result = parse_page(page(head, header))
    assert (result.author, result.author_source) == ("Hoàng Lâm", None)


def test_a_closing_byline_naming_more_people_than_the_data_wins():
    head = ld(author=[{"@type": "Person", "name": "Hoàng Anh"}])
    closing = "<p style='text-align:right'><strong>HOÀNG ANH - MAI PHƯƠNG</strong></p>"
    assert parse_page(page(head, closing=closing)).author == "Hoàng Anh, Mai Phương"


def test_a_magazine_piece_opening_with_its_genre_and_writer():
    body = "<p>Tùy bút</p><p><b>ĐỖ HẠNH NGUYÊN</b></p>" + BODY + "<p><i>(Bài in trong Gác Nhỏ số 37, Xuân Ất Tỵ 2025)</i></p>"
    html = page().replace(BODY, body)
    result = parse_page(html)
    assert result.author == "Đỗ Hạnh Nguyên"
    assert result.paragraphs[0].startswith("Ngày 12/3/2025") and "Gác Nhỏ" not in result.text


def test_a_signature_over_its_unit_on_the_next_line():
    closing = "<p><b>Hoàng Thị Lan</b></p><p>Hạt Kiểm lâm huyện Ngọc Sơn</p>"
    result = parse_page(page(closing=closing))
    assert (result.author, result.author_source) == ("Hoàng Thị Lan", "Hạt Kiểm lâm huyện Ngọc Sơn")
    assert "Ngọc Sơn" not in result.text


def test_the_day_a_draft_was_created_is_not_the_publication_date():
    header = ("<div class='created'>Ngày tạo: Thứ ba, 17 Tháng 6 2025 16:40</div>"
              "<div class='published'>Ngày đăng: Thứ năm, 19 Tháng 6 2025 07:00</div>")
    assert parse_page(page(header=header)).published_at == "2025-06-19T07:00:00+07:00"


def test_a_faculty_after_the_name_is_the_source():
    assert parse_byline("Lê Quang Huy - Khoa Cơ khí động lực") == Byline(["Lê Quang Huy"], source="Khoa Cơ khí động lực")


def test_joomla_time_elements_of_creation_and_last_edit_are_not_the_publication():
    header = ("<dl class='article-info'><dd class='create'><time datetime='2025-01-18T16:03:51+07:00' itemprop='dateCreated'>"
              "Ngày tạo: 18 Tháng 1 2025</time></dd><dd class='published'><time datetime='2025-01-20T09:42:18+07:00' "
              "itemprop='datePublished'>Ngày đăng: 20 Tháng 1 2025</time></dd><dd class='modified'><time "
              "datetime='2025-01-21T15:10:03+07:00' itemprop='dateModified'>Cập nhật lần cuối: 21 Tháng 1 2025</time>"
              "</dd></dl>")
    result = parse_page(page(header=header))
    assert (result.published_at, result.modified_at) == ("2025-01-20T09:42:18+07:00", "2025-01-21T15:10:03+07:00")


def test_a_posting_label_inside_an_info_line_gives_the_time_and_a_trailing_bởi_the_author():
    header = ("<div class='art-info'>Người viết: Vũ Thị Ngọc Lan &nbsp;-&nbsp; Đăng lúc: 19-03-2024 09:05:12"
              " &nbsp;-&nbsp; Lượt đọc: 1245</div>")
    assert parse_page(page(header=header)).published_at == "2024-03-19T09:05:12+07:00"
    header = "<div class='tltt-meta'>Đăng lúc 09:30 ngày 28/05/2025 bởi Nguyễn Hữu Phước</div>"
    result = parse_page(page(header=header))
    assert (result.author, result.published_at) == ("Nguyễn Hữu Phước", "2025-05-28T09:30:00+07:00")


def test_a_lone_label_is_not_an_author_and_the_closing_byline_is_read():
    header = ("<div class='entry-meta'><span class='posted-by'><span class='meta-label'>Bởi</span>"
              "<span class='author vcard'><a href='/author/bbt/'>Ban biên tập</a></span></span></div>")
    closing = "<p style='text-align: right;'><strong>Bài và ảnh: Triệu Văn Dìn</strong></p>"
    assert parse_page(page(header=header, closing=closing)).author == "Triệu Văn Dìn"
    assert parse_byline("Bởi") is None


def test_a_professional_title_before_a_name_is_dropped():
    assert parse_byline("BSTY. Nguyễn Hữu Phước - KS. Trần Thị Lài").authors == ["Nguyễn Hữu Phước", "Trần Thị Lài"]


def test_a_portal_name_in_the_title_data_and_a_capitals_banner_do_not_make_the_headline():
    html = ("<html><head><title>Cổng thông tin điện tử huyện Ea Rông</title>"
            "<meta property='og:title' content='Cổng thông tin điện tử huyện Ea Rông'></head><body>"
            "<h1 class='ten-cong'>CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN EA RÔNG</h1><div class='noi-dung'>"
            f"<div class='tieu-de-chi-tiet'>{HEADLINE} với nhiều kết quả</div>{BODY}</div></body></html>")
    assert parse_page(html).title == f"{HEADLINE} với nhiều kết quả"


def test_a_banner_inside_the_headline_does_not_move_the_headline_away_from_its_date_line():
    html = ("<html><head><title>Dong huong Yen Ho - Dong huong Yen Ho gop tien xay lai cau Khe Nay</title></head><body><table><tr><td><font><b>ĐỒNG HƯƠNG YÊN HỒ"
            "</b></font></td></tr><tr><td>" + "".join(f"<a href='/cm{i}'>Mục {i}</a><br>" for i in range(30))
            + "</td></tr><tr><td><a href='/'>Trang chủ</a> &gt; <a href='/tin'>Tin</a></td></tr>"
            "<tr><td align='right'><font size='1'><i>Cập nhật lúc 21:15 ngày 05/03/2025</i></font></td></tr>"
            "<tr><td><font size='4'><b>ĐỒNG HƯƠNG YÊN HỒ GÓP TIỀN XÂY LẠI CẦU KHE NẬY</b></font></td></tr>"
            f"<tr><td>{BODY}</td></tr></table></body></html>")
    assert parse_page(html).published_at == "2025-03-05T21:15:00+07:00"


@pytest.mark.parametrize("line, expected", [
    ("12-3-25 08:15", "2025-03-12T08:15:00+07:00"),
    ("Ngày đăng: 12/03/25", "2025-03-12T00:00:00+07:00"),
    ("2025/03/12 08:15", "2025-03-12T08:15:00+07:00"),
    ("12 Th3 2025 08:15", "2025-03-12T08:15:00+07:00"),
    ("Tháng Ba 12, 2025 8:15 sáng", "2025-03-12T08:15:00+07:00"),
    ("Mar 12, 2025 8:15 pm", "2025-03-12T20:15:00+07:00"),
    ("12 March 2025, 3:05 PM", "2025-03-12T15:05:00+07:00"),
    ("20:15 12-03-2025 GMT+7", "2025-03-12T20:15:00+07:00"),
    ("8 giờ 15 tối, 12/3/2025", "2025-03-12T20:15:00+07:00"),
    ("1:30 trưa 12/3/2025", "2025-03-12T13:30:00+07:00"),
])
def test_date_lines_in_the_other_forms_sites_print(line, expected):
    assert read_when(line, "visible-date-line").moment.isoformat() == expected


def test_a_ratio_with_a_two_digit_tail_in_a_sentence_is_not_a_date():
    assert read_when("tỷ lệ 1/3/25 người được khám", "x") is None


@pytest.mark.parametrize("line, authors, source, photographers", [
    ("Nhóm phóng viên: Lê Hà, Minh Tuấn, Thu Trang", ["Lê Hà", "Minh Tuấn", "Thu Trang"], None, []),
    ("Bài: Lê Hà - Ảnh: Minh Tuấn", ["Lê Hà"], None, ["Minh Tuấn"]),
    ("Ghi chép của Hồng Nhung", ["Hồng Nhung"], None, []),
    ("Trung tá Phạm Văn Đức, Phó trưởng Công an huyện", ["Phạm Văn Đức"], "Công an huyện", []),
    ("ThS. Nguyễn Thị Mai - Giảng viên Trường Đại học Y", ["Nguyễn Thị Mai"], "Trường Đại học Y", []),
    ("Lê Hà, Trưởng Sơn", ["Lê Hà", "Trưởng Sơn"], None, []),  # a name that looks like a position is a name
])
def test_bylines_with_teams_picture_credits_and_positions(line, authors, source, photographers):
    byline = parse_byline(line)
    assert (byline.authors, byline.source, byline.photographers) == (authors, source, photographers)


def test_a_day_and_a_time_printed_in_two_elements_of_one_line():
    header = ("<div class='article__meta'><span class='article__day'>Thứ Ba 11/3/25</span><span class='dot'>·</span>"
              "<span class='article__time'>Đăng lúc 6h50</span><span class='article__update'>Cập nhật 15h42</span></div>")
    head = ld(datePublished="2025-03-11T15:42:00+07:00", dateModified="2025-03-11T15:42:00+07:00")
    assert parse_page(page(head, header)).published_at == "2025-03-11T06:50:00+07:00"


@pytest.mark.parametrize("shown, data", [
    ("Thứ Năm, ngày 16 tháng 1 năm 2025, lúc 8h15", "2025-01-16T15:42:10+07:00"),   # the data is the last save
    ("Thứ Ba, ngày 11 tháng 2 năm 2025, lúc 8h15", "2025-02-12T21:40:00+07:00"),    # a re-publication a day later
])
def test_a_data_publication_time_that_is_the_last_edit_gives_way_to_the_shown_time(shown, data):
    head = (f'<meta property="article:published_time" content="{data}">'
            f'<meta property="article:modified_time" content="{data}">' + ld(datePublished=data, dateModified=data))
    result = parse_page(page(head, f"<div class='article-date'>{shown}</div>"))
    assert result.published_at.startswith(read_when(shown, "x").moment.isoformat()[:16])


def test_the_headline_beside_a_menu_link_a_seo_title_and_a_headline_font():
    menu = "<ul><li class='active'><a href='/tin-tuc'>Tin tức - Sự kiện</a></li></ul>"
    html = ("<html><head><title>Tin tức - Sự kiện | Công an huyện Đồng Lạc</title></head><body>"
            f"<h1 class='site-name'>TRANG THÔNG TIN ĐIỆN TỬ CÔNG AN HUYỆN ĐỒNG LẠC</h1>{menu}"
            f"<h2 class='news-title'>{HEADLINE} với nhiều kết quả</h2>{BODY}</body></html>")
    assert parse_page(html).title == f"{HEADLINE} với nhiều kết quả"
    html = (f"<html><head><title>Nghệ An tổng kết - Báo Nghệ An</title><meta property='og:title' content='Tổng kết năm 2024:"
            f" thiên tai gây thiệt hại 1.250 tỷ đồng'></head><body><h1 class='site-title'>BÁO NGHỆ AN</h1>"
            f"<h2 class='entry-title'>{HEADLINE} với nhiều kết quả</h2>{BODY}</body></html>")
    assert parse_page(html).title == f"{HEADLINE} với nhiều kết quả"
    html = ("<html><head><title>PGD Lương Điền :: Tin tức</title></head><body><table><tr><td><font size='1'><i>"
            f"Thứ bảy, 14/12/2024</i></font></td></tr><tr><td><font size='5'><b>{HEADLINE} với nhiều kết quả</b></font>"
            f"</td></tr><tr><td>{BODY}</td></tr></table></body></html>")
    result = parse_page(html)
    assert (result.title, result.published_at[:10]) == (f"{HEADLINE} với nhiều kết quả", "2024-12-14")


def test_the_writers_of_a_byline_block_whose_picture_credit_stands_apart():
    header = ("<div class='article__byline'><span>Bài: Thiếu tá <strong>HÀ MINH QUÝ</strong> - Trung úy <strong>LÊ ĐỨC "
              "THẮNG</strong> (Đồn Biên phòng Lũng Sa)</span> <span>Ảnh: Hoàng Văn Lộc</span></div>")
    result = parse_page(page(header=header))
    assert (result.author, result.author_source) == ("Hà Minh Quý, Lê Đức Thắng", "Đồn Biên phòng Lũng Sa")


def test_a_time_before_a_date_with_a_two_digit_year():
    assert read_when("16:20 | 14/05/25", "x").moment.isoformat() == "2025-05-14T16:20:00+07:00"


def test_a_date_in_words_with_a_lunar_note_then_its_time_beats_a_later_republication():
    line = "Thứ Bảy, ngày 15 tháng 3 năm 2025 (nhằm ngày 16 tháng Hai năm Ất Tỵ), lúc 8h15"
    head = ('<meta property="article:published_time" content="2025-03-17T07:02:41+00:00">'
            + ld(datePublished="2025-03-17T07:02:41+00:00", dateModified="2025-03-17T07:05:10+00:00"))
    related = ("<ul><li><a href='/a'>Hành trình trả lại chiếc ví cho du khách nước ngoài ở bến Ninh Kiều</a> "
               "<time datetime='2025-03-12T09:30:00+07:00'>12/03/2025</time></li></ul>")
    result = parse_page(page(head, f"<span class='meta__date'>{line}</span>", after_body=related))
    assert result.published_at == "2025-03-15T08:15:00+07:00"


def test_a_zoo_item_created_date_and_a_rank_with_a_designation():
    header = ("<p class='pos-meta'>Viết bởi <span class='element-itemauthor'>Đỗ Thu Trà</span> ngày "
              "<span class='element element-itemcreated last'>Chủ nhật, 18 Tháng 5 2025</span>.</p>")
    assert parse_page(page(header=header)).published_at[:10] == "2025-05-18"
    assert parse_byline("Bài, ảnh: Thiếu tá QNCN TRẦN VĂN LỘC").authors == ["Trần Văn Lộc"]


def test_a_capitals_banner_naming_the_site_and_a_kicker_do_not_make_the_headline():
    html = (f"<html><head><title>{HEADLINE} với nhiều kết quả - Cổng thông tin điện tử huyện Vĩnh Lạc</title></head><body>"
            "<div class='banner'>CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN VĨNH LẠC</div><span class='kicker'>Vụ lừa đảo ở Đông Nguyên:</span>"
            f"<h1>{HEADLINE} với nhiều kết quả</h1>{BODY}</body></html>")
    assert parse_page(html).title == f"{HEADLINE} với nhiều kết quả"
    html = ("<html><head><title>Vụ lừa đảo ở Đông Nguyên: bắt giam 5 đối tượng | Cảnh Giác</title></head><body>"
            f"<span class='kicker'>Vụ lừa đảo ở Đông Nguyên:</span><h1>{HEADLINE} với nhiều kết quả</h1>{BODY}</body></html>")
    assert parse_page(html).title == f"{HEADLINE} với nhiều kết quả"


def test_a_time_before_a_date_in_words_and_an_hour_in_its_own_element():
    assert read_when("18h05 Chủ nhật, ngày 9 tháng 2 năm 2025 (nhằm ngày 12 tháng Giêng)", "x").moment.isoformat() \
        == "2025-02-09T18:05:00+07:00"
    header = ("<div class='article__info'><span class='article__date'>Thứ Sáu, ngày 14/3/2025 (tức ngày 15/2 năm Ất Tỵ)</span>"
              "<span class='sep'>|</span><span class='article__hour'>16:40</span></div>")
    head = ld(datePublished="2025-03-15T08:05:00+07:00")
    assert parse_page(page(head, header)).published_at == "2025-03-14T16:40:00+07:00"


def test_a_picture_credit_after_a_semicolon():
    byline = parse_byline("Bài: Kiều Oanh - Đức Long; Ảnh: Hữu Nghị")
    assert (byline.authors, byline.photographers) == (["Kiều Oanh", "Đức Long"], ["Hữu Nghị"])
