"""The page the project was created from: chrome gone, facts found."""

from __future__ import annotations

import re

SEED_PARAGRAPH_STARTS = [
    "Ngày 22/6/2021, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
    "Hội nghị đã tập trung thảo luận kết quả công tác",
    "Về công tác xây dựng và phát triển tổ chức:",
    "Về công tác thông tin, tuyên truyền và phổ biến kiến thức:",
    "Về hoạt động tư vấn, phản biện và giám định xã hội:",
    "Về hoạt động khoa học, công nghệ:",
    "Về công tác tổ chức các hội thi, giải thưởng:",
    "Tại hội nghị, Ban Thường vụ cũng đã thảo luận",
]
CHROME = ["Đang online", "Hôm nay: 138", "Đã truy cập", "148217", "Liên kết website", "Thống kê truy cập",
          "Giấy phép hoạt động", "04/GP-TTĐT", "Chịu trách nhiệm", "17 Hạc Thành", "02373", "khoahocthanhhoa@gmail.com",
          "Website được thiết kế bởi", "Các tin khác", "Hội thảo khoa học về phát triển nông nghiệp", "Trang chủ"]


def test_text_has_every_paragraph_and_no_chrome(seed_article):
    paragraphs = seed_article.text.split("\n\n")
    assert len(paragraphs) == len(SEED_PARAGRAPH_STARTS)
    for paragraph, start in zip(paragraphs, SEED_PARAGRAPH_STARTS):
        assert paragraph.startswith(start)
    for chrome in CHROME:
        assert chrome not in seed_article.text, chrome


def test_title_and_author(seed_article):
    assert seed_article.title == "Hội nghị Ban Thường vụ Liên hiệp các Hội KH&KT Thanh Hóa sáu tháng đầu năm 2021"
    assert seed_article.author == "Xuân Dũng"
    assert "Xuân Dũng" not in seed_article.text


def test_dates(seed_article):
    values = {(d.text, d.value) for d in seed_article.dates}
    assert ("22/6/2021", "2021-06-22") in values
    assert ("tháng 6/2021", "2021-06") in values
    assert not any("58" in d.text or "NQ" in d.text for d in seed_article.dates)


def _fact(article, value):
    return [f for f in article.facts if f.value == value]


def test_facts(seed_article):
    facts = seed_article.facts
    assert any(f.value == 32 and "hội thành viên" in f.text for f in facts)
    members = _fact(seed_article, 23628)
    assert members and members[0].unit == "người"
    increase = _fact(seed_article, 114)
    assert increase and increase[0].change and increase[0].change.get("direction") == "increase"
    cases = _fact(seed_article, 2030)
    assert cases and cases[0].qualifier == "hơn" and "vụ việc" in cases[0].text
    projects = _fact(seed_article, 20)
    assert projects and projects[0].qualifier == "gần" and "đề án" in projects[0].text


def test_no_fact_from_chrome_phone_or_document_numbers(seed_article):
    values = {f.value for f in seed_article.facts}
    for chrome_number in (138, 148217, 2373720885, 2373853656, 58):
        assert chrome_number not in values
    # "10" is both the online counter and "giao 10 nhiệm vụ" in the article: only the latter counts.
    assert all(f.text.startswith("10 nhiệm vụ") for f in seed_article.facts if f.value == 10 and not f.vague)
    assert not any(re.search(r"NQ|GP|XIII|XIX", f.text) for f in seed_article.facts)


def test_footer_lines_give_no_facts_or_dates_from_numbers():
    from pipeline import analyze_text

    footer = analyze_text("Giấy phép hoạt động số 04/GP-TTĐT ngày 03/6/2021 của Sở Thông tin và Truyền thông Thanh Hóa\n"
                          "Số điện thoại: 02373.720.885; 02373853656 - Email: khoahocthanhhoa@gmail.com")
    assert footer.facts == []
    assert [d.value for d in footer.dates] == ["2021-06-03"]


def test_entities(seed_article):
    found = {(e.label, e.text) for e in seed_article.entities}
    for expected in [("PER", "Nguyễn Văn Phát"), ("ORG", "Sở Nội vụ"), ("ORG", "Trường đại học Hồng Đức"),
                     ("ORG", "UBND huyện Thạch Thành"), ("LOC", "Thanh Hóa")]:
        assert expected in found, expected


def test_no_entity_is_a_date_or_number(seed_article):
    date_spans = [(d.start, d.end) for d in seed_article.dates]
    for e in seed_article.entities:
        assert not re.search(r"\d", e.text), e
        assert not re.match(r"(năm|tháng|ngày|quý)\b", e.text, re.I), e
        assert not any(e.start < end and start < e.end for start, end in date_spans), e


def test_person_title_role_and_alias(seed_article):
    phat = next(e for e in seed_article.entities if e.text == "Nguyễn Văn Phát")
    assert phat.title == "TS."
    assert phat.role == "Chủ tịch Liên hiệp hội"
    alias = [e for e in seed_article.entities if e.text == "Liên hiệp hội"]
    assert alias and alias[0].canonical == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"
