"""Tests for pipeline.quantities.facts.find_facts."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from seed_sentences import SEED_1, SEED_2, SEED_3, SEED_4, SEED_5, SEED_6

from pipeline.article import Fact
from pipeline.quantities.facts import find_facts, split_sentences
from pipeline.temporal.dates import find_dates

DUCKLING = Path(__file__).parent / "data" / "duckling_vi" / "duckling_vi_corpus.jsonl"


def facts_of(text: str) -> list[Fact]:
    """Facts the way the pipeline computes them: dates first, then facts outside the dates."""
    facts = find_facts(text, find_dates(text))
    for f in facts:
        assert f.text == text[f.start:f.end]
    for a, b in itertools.pairwise(facts):
        assert a.end <= b.start
    return facts


def one(text: str) -> Fact:
    (fact,) = facts_of(text)
    return fact


# --- seed article --------------------------------------------------------------------------------
def test_seed_1_no_fact_from_periods() -> None:
    assert facts_of(SEED_1) == []


def test_seed_2() -> None:
    facts = facts_of(SEED_2)
    assert [(f.value, f.quantity_of) for f in facts] == [
        (32, "hội thành viên"), (6, "trung tâm"), (5, "đơn vị liên kết"), (23628, "hội viên"), (114, "hội viên"),
    ]
    members = facts[3]
    assert (members.text, members.unit, members.date) == ("23.628 người", "người", "2021-06")
    growth = facts[4]
    assert growth.change == {"direction": "increase", "by": 114, "compared_with": "2020"}
    assert growth.date == "2021-06"
    assert all(f.sentence == SEED_2 for f in facts)
    dates = find_dates(SEED_2)
    assert not any(f.start < d.end and d.start < f.end for f in facts for d in dates)


def test_seed_3() -> None:
    cases, crowd, plans = facts_of(SEED_3)
    assert (cases.value, cases.qualifier, cases.quantity_of) == (2030, "hơn", "vụ việc")
    assert cases.text == "hơn 2.030 vụ việc"
    assert crowd.vague and crowd.text == "hàng ngàn lượt người" and crowd.value == 1000
    assert (plans.value, plans.qualifier, plans.quantity_of) == (20, "gần", "đề án")


def test_seed_4_no_facts_from_resolution_numbers_or_terms() -> None:
    assert facts_of(SEED_4) == []


def test_seed_5_and_6_no_facts() -> None:
    assert facts_of(SEED_5) == []
    assert facts_of(SEED_6) == []


# --- news sentences --------------------------------------------------------------------------------
def test_fuel_price_change() -> None:
    f = one("Giá xăng E5 RON 92 tăng từ 28.959 đồng/lít lên 29.639 đồng/lít")
    assert f.text == "từ 28.959 đồng/lít lên 29.639 đồng/lít"
    assert (f.value, f.unit, f.currency) == (29639, "đồng/lít", "VND")
    assert f.change == {"from": 28959, "to": 29639, "direction": "increase"}


def test_gold_price_gap() -> None:
    f = one("Giá vàng giảm, vẫn cao hơn thế giới gần 20 triệu đồng/lượng")
    assert (f.value, f.unit, f.currency, f.qualifier) == (20_000_000, "đồng/lượng", "VND", "gần")
    assert f.change is None


def test_interest_rate_range() -> None:
    f = one("Lãi suất tăng 0,2-1%/năm")
    assert (f.value, f.min, f.max, f.unit) == (None, 0.2, 1.0, "%/năm")
    assert f.change == {"direction": "increase"}


def test_revenue() -> None:
    f = one("Doanh thu đạt 34.500 tỷ đồng")
    assert (f.value, f.unit, f.currency, f.quantity_of) == (3.45e13, "đồng", "VND", "doanh thu")


def test_rice_exports() -> None:
    f = one("xuất khẩu 1,5 triệu tấn gạo")
    assert (f.value, f.unit, f.quantity_of, f.text) == (1.5e6, "tấn", "gạo", "1,5 triệu tấn gạo")


def test_usd_amount() -> None:
    f = one("khoảng 2,5 triệu USD")
    assert (f.value, f.unit, f.currency, f.qualifier) == (2.5e6, "USD", "USD", "khoảng")


def test_percentage_range_increase() -> None:
    f = one("tăng 15-25%")
    assert (f.min, f.max, f.unit, f.value) == (15, 25, "%", None)
    assert f.change == {"direction": "increase"}


def test_decrease_percent() -> None:
    f = one("Chỉ số giá giảm 2% so với cùng kỳ năm trước.")
    assert f.change == {"direction": "decrease", "by": 2, "compared_with": "cùng kỳ năm trước"}


def test_change_to_level() -> None:
    f = one("Giá hoa đã tăng lên khoảng 700.000 đồng.")
    assert f.change == {"direction": "increase", "to": 700000}


def test_money_range_from_to() -> None:
    f = one("Mỗi bó có giá từ 400.000 đồng đến 1 triệu đồng.")
    assert (f.min, f.max, f.unit, f.currency) == (400000, 1e6, "đồng", "VND")


def test_scale_shared_by_range() -> None:
    f = one("Giá dao động 2-3 triệu đồng")
    assert (f.min, f.max) == (2e6, 3e6)


@pytest.mark.parametrize(
    "text, value, unit, quantity_of",
    [
        ("Diện tích 120 ha lúa bị ngập", 120, "ha", "lúa"),
        ("Tuyến đường dài 15km", 15, "km", None),
        ("lắp đặt 50 MW điện mặt trời", 50, "MW", "điện mặt trời"),
        ("Có hai mươi mốt người bị thương", 21, "người", None),
        ("ba người chết", 3, "người", None),
        ("tổ chức 12 lớp tập huấn cho nông dân", 12, None, "lớp tập huấn"),
        ("trao 150 suất quà", 150, "suất", "quà"),
        ("đạt 98,5%", 98.5, "%", None),
        ("6 đồng tiền chủ chốt", 6, None, "đồng tiền chủ chốt"),
    ],
)
def test_simple_facts(text: str, value: float, unit: str | None, quantity_of: str | None) -> None:
    f = one(text)
    assert (f.value, f.unit, f.quantity_of) == (value, unit, quantity_of)


def test_vague_amounts() -> None:
    f = one("Hàng trăm hộ dân bị ảnh hưởng")
    assert (f.vague, f.value, f.qualifier) == (True, 100, "hàng")
    f = one("thu hút hàng chục nghìn lượt khách")
    assert (f.vague, f.value, f.unit) == (True, 10000, "lượt khách")


def test_date_of_sentence() -> None:
    text = "Năm 2023, tỉnh có 1.200 doanh nghiệp mới. Sang năm 2024, con số này là 1.500 doanh nghiệp."
    a, b = facts_of(text)
    assert (a.date, b.date) == ("2023", "2024")
    assert a.sentence == "Năm 2023, tỉnh có 1.200 doanh nghiệp mới."


def test_exclude_spans() -> None:
    text = "Công ty 3 Tháng 2 có 300 công nhân"
    start = text.index("Công ty 3 Tháng 2")
    facts = find_facts(text, exclude=[(start, start + len("Công ty 3 Tháng 2"))])
    assert [(f.text, f.value) for f in facts] == [("300 công nhân", 300)]


# --- not facts -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Số điện thoại: 02373.720.885; 02373853656",
        "Hotline 0912 345 678 hoặc 0912.345.678",
        "Nghị quyết 58-NQ/TW của Bộ Chính trị",
        "Giấy phép số 04/GP-TTĐT",
        "theo Nghị định 68/2026/NĐ-CP của Chính phủ",
        "Công văn số 07/LHHVN gửi các hội",
        "Trụ sở tại 17 Hạc Thành, TP Thanh Hóa",
        "Đại hội lần thứ XIII của Đảng",
        "xếp thứ 2 toàn đoàn",
        "dịch Covid-19 bùng phát",
        "số ca F0 tăng mạnh",
        "mạng 5G phủ sóng",
        "năm 2020 kinh tế tăng trưởng",
        "Quận 1 đông đúc",
        "Giá xăng RON 92 tăng",
        "thắng với tỷ số 2-1 trước đối thủ",
        "phiên bản 3.2.1 ra mắt",
        "Điều 5 của luật quy định",
        "một số hộ dân",
        "hàng trăm",
    ],
)
def test_not_facts(text: str) -> None:
    assert facts_of(text) == []


def test_relative_date_counts_are_not_facts() -> None:
    assert facts_of("3 ngày trước, đoàn đã đến") == []


# --- sentence splitting --------------------------------------------------------------------------------
def test_split_sentences() -> None:
    text = "TS. Nguyễn Văn Phát chủ trì. Có 23.628 hội viên; tăng 2%!\nDòng mới"
    parts = [text[s:e].strip() for s, e in split_sentences(text)]
    assert parts == ["TS. Nguyễn Văn Phát chủ trì.", "Có 23.628 hội viên;", "tăng 2%!", "Dòng mới"]


# --- Duckling money corpus (informational) -------------------------------------------------------------
def test_duckling_vnd_and_usd_amounts() -> None:
    """Simple VND/USD amounts of Duckling's money corpus come out with the right value and currency."""
    expected = {"VND": "VND", "Dollar": "USD", "USD": "USD"}
    total = passed = 0
    for line in DUCKLING.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        parts = (row.get("expected") or "").strip("()").split()
        if row["dim"] != "AmountOfMoney" or parts[:1] != ["simple"] or parts[1] not in expected:
            continue
        if any(w in row["text"] for w in ("xen", "xu", "chấm", "phẩy", "VN$")):
            continue  # cents and spoken decimals are out of scope for news text
        total += 1
        facts = find_facts(row["text"])
        passed += any(f.value == float(parts[2]) and f.currency == expected[parts[1]] for f in facts)
    assert total >= 10
    assert passed / total >= 0.6, f"{passed}/{total}"


# --- multipliers, fractions, thresholds, per-units --------------------------------------------------
@pytest.mark.parametrize(
    "text, span, value, lo_hi, qualifier",
    [
        ("Lợi nhuận quý này tăng gấp đôi so với cùng kỳ.", "gấp đôi", 2, None, None),
        ("Giá thuê mặt bằng cao gần gấp ba trước dịch.", "gần gấp ba", 3, None, "gần"),
        ("Chi phí vận chuyển tăng gấp 2-3 lần", "gấp 2-3 lần", None, (2, 3), None),
        ("Lượng khách tăng gấp hai đến ba lần ngày thường", "gấp hai đến ba lần", None, (2, 3), None),
        ("Sản lượng tăng gấp 1,5 lần", "gấp 1,5 lần", 1.5, None, None),
    ],
)
def test_multipliers(text: str, span: str, value: float | None, lo_hi: tuple | None, qualifier: str | None) -> None:
    f = one(text)
    assert (f.text, f.unit, f.qualifier) == (span, "lần", qualifier)
    assert f.value == value and (f.min, f.max) == (lo_hi or (None, None))


def test_doubling_is_an_increase() -> None:
    assert one("Lợi nhuận quý này tăng gấp đôi so với cùng kỳ.").change["direction"] == "increase"


def test_fraction_is_a_number_not_a_date() -> None:
    f = one("Hiện chưa tới 1/3 số hộ dân có nước sạch.")
    assert (f.text, f.qualifier, f.quantity_of) == ("chưa tới 1/3 số hộ dân", "chưa tới", "hộ dân")
    assert f.value == pytest.approx(1 / 3)
    assert find_dates("Hiện chưa tới 1/3 số hộ dân có nước sạch.") == []


@pytest.mark.parametrize(
    "text, span, qualifier, unit",
    [
        ("Hộ có doanh thu từ 100 triệu đồng trở xuống được miễn thuế.", "từ 100 triệu đồng trở xuống", "trở xuống",
         "đồng"),
        ("Người từ 60 tuổi trở lên được tiêm trước.", "từ 60 tuổi trở lên", "trở lên", "tuổi"),
    ],
)
def test_thresholds(text: str, span: str, qualifier: str, unit: str) -> None:
    f = one(text)
    assert (f.text, f.qualifier, f.unit) == (span, qualifier, unit)


def test_per_unit_written_out() -> None:
    f = one("Dầu Brent có lúc lên 90 USD mỗi thùng.")
    assert (f.text, f.unit, f.currency) == ("90 USD mỗi thùng", "USD/thùng", "USD")


def test_range_with_the_unit_on_both_ends() -> None:
    f = one("Một suất ăn có giá khoảng 300.000 đồng đến 1 triệu đồng.")
    assert (f.text, f.min, f.max, f.unit, f.qualifier) == (
        "khoảng 300.000 đồng đến 1 triệu đồng", 300000, 1000000, "đồng", "khoảng")


def test_more_qualifiers() -> None:
    assert one("Giá dầu giao dịch quanh 80 USD/thùng.").qualifier == "quanh"
    assert one("Doanh thu không vượt quá 3 tỷ đồng.").qualifier == "không vượt quá"


def test_counting_one_and_small_word_counts() -> None:
    f = one("Có ít nhất một tàu chở dầu bị trúng tên lửa.")
    assert (f.value, f.qualifier, f.quantity_of) == (1, "ít nhất", "tàu chở dầu")
    assert facts_of("Một tàu chở dầu bị trúng tên lửa.") == []  # the article, not a count
    f = one("Ông gặp hai khách nước ngoài.")
    assert (f.value, f.quantity_of) == (2, "khách nước ngoài")


def test_rich_people_are_not_a_multiplier() -> None:
    assert facts_of("Ông là một tỷ phú công nghệ.") == []
    f = one("Năm nay có 3 tỷ phú mới.")
    assert (f.value, f.quantity_of) == (3, "tỷ phú")


def test_counted_noun_stops_at_a_verb() -> None:
    f = one("Tập đoàn nắm giữ 20 tấn vàng tuyên bố không bán.")
    assert (f.value, f.unit, f.quantity_of) == (20, "tấn", "vàng")


def test_members_and_shares_are_units() -> None:
    f = one("Năm qua hội kết nạp thêm 50 hội viên.")
    assert (f.unit, f.quantity_of) == ("hội viên", "hội viên")
    assert one("Quỹ bán ra 2 triệu cổ phiếu.").unit == "cổ phiếu"


def test_issues_of_a_publication() -> None:
    assert one("Hội đã xuất bản 03 số Tạp chí khoa học.").quantity_of == "số Tạp chí"


def test_index_level_without_unit() -> None:
    f = one("Chỉ số đô la Mỹ hiện ở mức 104,2.")
    assert (f.text, f.value, f.unit, f.quantity_of) == ("104,2", 104.2, None, "Chỉ số đô la Mỹ")


@pytest.mark.parametrize(
    "text",
    ["Doanh nghiệp bị cấm giao dịch 2 năm.", "Cơ quan này đánh giá lại sau 15 ngày.", "Tỷ lệ giáo viên là 1:12.",
     "Trong 6 tháng đầu năm, thu ngân sách tăng."],
)
def test_durations_and_ratios_are_not_facts(text: str) -> None:
    assert facts_of(text) == []


def test_a_duration_does_not_date_a_fact() -> None:
    text = "Trong 15 ngày, giá xăng tăng 2.000 đồng/lít."
    assert one(text).date is None
