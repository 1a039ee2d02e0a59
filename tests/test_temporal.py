"""Tests for pipeline.temporal.dates.find_dates."""

from __future__ import annotations

import itertools
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from seed_sentences import SEED_1, SEED_2, SEED_4, SEED_5

from pipeline.article import DateMention
from pipeline.temporal.dates import find_dates

REF = datetime(2021, 6, 25, 10, 0)
DUCKLING = Path(__file__).parent / "data" / "duckling_vi" / "duckling_vi_corpus.jsonl"


def _pairs(text: str, ref: datetime | None = None) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, ref)]


def _check_invariants(text: str, mentions: list[DateMention]) -> None:
    for d in mentions:
        assert d.text == text[d.start:d.end]
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start


# --- seed article --------------------------------------------------------------------------------
def test_seed_sentence_1() -> None:
    dates = find_dates(SEED_1)
    _check_invariants(SEED_1, dates)
    by_text = {d.text: d for d in dates}
    assert by_text["22/6/2021"].value == "2021-06-22"
    assert (by_text["22/6/2021"].kind, by_text["22/6/2021"].grain) == ("date", "day")
    h2 = by_text["6 tháng cuối năm 2021"]
    assert (h2.value, h2.kind, h2.grain) == ("2021-H2", "period", "half")


def test_seed_sentence_1_first_half_takes_reference_year() -> None:
    assert ("6 tháng đầu năm", "2021-H1") in _pairs(SEED_1, REF)


def test_seed_sentence_2() -> None:
    dates = find_dates(SEED_2)
    _check_invariants(SEED_2, dates)
    assert [(d.text, d.value, d.grain) for d in dates] == [
        ("tháng 6/2021", "2021-06", "month"),
        ("tháng 6/2021", "2021-06", "month"),
        ("năm 2020", "2020", "year"),
    ]


def test_seed_sentence_term_range_and_no_document_numbers() -> None:
    dates = find_dates(SEED_4)
    assert [(d.text, d.value, d.kind, d.grain) for d in dates] == [("nhiệm kỳ 2020-2025", "2020/2025", "range", "year")]


def test_seed_licence_line() -> None:
    assert _pairs(SEED_5) == [("03/6/2021", "2021-06-03")]


def test_phone_numbers_are_not_dates() -> None:
    assert find_dates("Số điện thoại: 02373.720.885; 02373853656") == []


# --- absolute and partial dates ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, value, kind, grain",
    [
        ("ngày 22 tháng 6 năm 2021", "2021-06-22", "date", "day"),
        ("ngày mồng 3 tháng 3 năm 2017", "2017-03-03", "date", "day"),
        ("12 tháng 10 năm 2017", "2017-10-12", "date", "day"),
        ("tháng 6/2021", "2021-06", "date", "month"),
        ("tháng 6 năm 2021", "2021-06", "date", "month"),
        ("tháng mười năm 2017", "2017-10", "date", "month"),
        ("năm 2020", "2020", "date", "year"),
        ("Thứ bảy, 7/3/2026", "2026-03-07", "date", "day"),
        ("22-6-2021", "2021-06-22", "date", "day"),
        ("22.6.2021", "2021-06-22", "date", "day"),
        ("15h30 ngày 23-5-2026", "2026-05-23T15:30+07:00", "time", "minute"),
        ("8 giờ 30 phút sáng ngày 3/5/2024", "2024-05-03T08:30+07:00", "time", "minute"),
        ("7:30 chiều ngày 20/4/2017", "2017-04-20T19:30+07:00", "time", "minute"),
        ("ngày 23/5/2026 lúc 15h", "2026-05-23T15:00+07:00", "time", "hour"),
        ("quý II/2022", "2022-Q2", "period", "quarter"),
        ("quý 2 năm 2022", "2022-Q2", "period", "quarter"),
        ("quý 4 của năm 2018", "2018-Q4", "period", "quarter"),
        ("6 tháng đầu năm 2021", "2021-H1", "period", "half"),
        ("6 tháng cuối năm 2021", "2021-H2", "period", "half"),
        ("nửa đầu năm 2023", "2023-H1", "period", "half"),
        ("9 tháng đầu năm 2022", "2022-01/2022-09", "period", "month"),
        ("3 tháng đầu năm 2022", "2022-Q1", "period", "quarter"),
        ("nhiệm kỳ 2020-2025", "2020/2025", "range", "year"),
        ("giai đoạn 2022-2025", "2022/2025", "range", "year"),
        ("từ năm 2020 đến năm 2025", "2020/2025", "range", "year"),
        ("từ ngày 1/7/2021 đến 15/7/2021", "2021-07-01/2021-07-15", "range", "day"),
        ("từ ngày 1-15/7/2021", "2021-07-01/2021-07-15", "range", "day"),
    ],
)
def test_absolute(text: str, value: str, kind: str, grain: str) -> None:
    (d,) = find_dates(text)
    assert (d.text, d.value, d.kind, d.grain) == (text, value, kind, grain)


def test_year_less_date_without_reference() -> None:
    assert _pairs("Hôm ngày 22-6 trời mưa") == [("22-6", "XXXX-06-22")]


def test_year_less_date_takes_nearest_year() -> None:
    assert _pairs("ngày 22-6", REF) == [("22-6", "2021-06-22")]
    assert _pairs("ngày 28/12", datetime(2022, 1, 3)) == [("28/12", "2021-12-28")]
    assert _pairs("ngày 3/1", datetime(2021, 12, 30)) == [("3/1", "2022-01-03")]


def test_time_with_year_less_date() -> None:
    (d,) = find_dates("Lúc 15h30 ngày 23-5, đoàn công tác đến", datetime(2026, 5, 25))
    assert (d.text, d.value, d.kind, d.grain) == ("15h30 ngày 23-5", "2026-05-23T15:30+07:00", "time", "minute")
    (d,) = find_dates("15h30 ngày 23-5")
    assert d.value == "XXXX-05-23T15:30+07:00"


def test_part_of_day_with_date() -> None:
    (d,) = find_dates("Sáng 24/02, UBND tỉnh họp", REF)
    assert (d.text, d.value, d.kind, d.grain) == ("Sáng 24/02", "2021-02-24", "date", "day")


def test_clock_time_alone() -> None:
    (d,) = find_dates("họp lúc 8 giờ 30 phút")
    assert (d.text, d.value, d.kind, d.grain) == ("8 giờ 30 phút", "T08:30+07:00", "time", "minute")
    (d,) = find_dates("khai mạc lúc 3 giờ chiều")
    assert d.value == "T15:00+07:00" and d.grain == "hour"


def test_date_range_without_year() -> None:
    assert _pairs("từ ngày 1/7 đến 15/7") == [("từ ngày 1/7 đến 15/7", "XXXX-07-01/XXXX-07-15")]
    assert _pairs("từ ngày 1/7 đến 15/7", REF) == [("từ ngày 1/7 đến 15/7", "2021-07-01/2021-07-15")]


def test_range_start_inherits_end_year() -> None:
    assert _pairs("từ tháng 1 đến tháng 6/2021") == [("từ tháng 1 đến tháng 6/2021", "2021-01/2021-06")]
    assert _pairs("từ 15/12 đến 15/1/2022") == [("từ 15/12 đến 15/1/2022", "2021-12-15/2022-01-15")]


def test_half_year_without_year() -> None:
    assert _pairs("sáu tháng đầu năm") == [("sáu tháng đầu năm", "XXXX-H1")]
    assert _pairs("sáu tháng đầu năm", REF) == [("sáu tháng đầu năm", "2021-H1")]
    assert _pairs("6 tháng cuối năm nay", REF) == [("6 tháng cuối năm nay", "2021-H2")]


def test_longest_match_wins() -> None:
    text = "ngày 22 tháng 6 năm 2021"
    assert _pairs(text) == [(text, "2021-06-22")]


# --- relative expressions --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, value, grain",
    [
        ("hôm qua", "2021-06-24", "day"),
        ("hôm nay", "2021-06-25", "day"),
        ("sáng nay", "2021-06-25", "day"),
        ("ngày mai", "2021-06-26", "day"),
        ("tuần trước", "2021-06-14/2021-06-20", "week"),
        ("tuần này", "2021-06-21/2021-06-27", "week"),
        ("tháng tới", "2021-07", "month"),
        ("năm ngoái", "2020", "year"),
        ("năm nay", "2021", "year"),
        ("quý trước", "2021-Q1", "quarter"),
        ("3 ngày trước", "2021-06-22", "day"),
        ("2 năm trước", "2019", "year"),
        ("cuối tuần này", "2021-06-26/2021-06-27", "day"),
        ("cuối tuần qua", "2021-06-19/2021-06-20", "day"),
        ("3 ngày nữa", "2021-06-28", "day"),
        ("thứ hai tuần sau", "2021-06-28", "day"),
        ("8 giờ tối nay", "2021-06-25T20:00+07:00", "hour"),
    ],
)
def test_relative(text: str, value: str, grain: str) -> None:
    (d,) = find_dates(text, REF)
    assert (d.text, d.value, d.grain) == (text, value, grain)
    assert d.kind in ("relative", "time")


def test_relative_skipped_without_reference() -> None:
    assert find_dates("hôm qua, tuần trước, năm ngoái, 3 ngày trước, cuối tuần này") == []


def test_counted_months_are_not_next_month() -> None:
    # "three months later" is a length of time, never "next month"
    assert [(d.text, d.value, d.kind) for d in find_dates("3 tháng sau, dự án hoàn thành", REF)] == [
        ("3 tháng", "P3M", "duration")]


# --- things that are not dates -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết 58-NQ/TW của Bộ Chính trị",
        "Giấy phép số 04/GP-TTĐT",
        "Nghị định 357/2025/NĐ-CP",
        "Nghị định 12/2025/NĐ-CP",
        "Công văn số 07/LHHVN",
        "thắng với tỷ số 2-1",
        "phiên bản 3.2.1",
        "Số điện thoại: 02373.720.885; 02373853656",
        "gọi 0912 345 678",
        "dịch Covid-19",
        "chiếm 1/3 số hộ",
        "lãi suất 15%",
        "ngày 32/13/2021",
        "ngày 31/2/2021",
        "mạng 5G",
        "làm việc 8 giờ",
        "lần thứ 2",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, REF) == []


def test_invariants_on_mixed_text() -> None:
    text = f"{SEED_1}\n{SEED_2}\n{SEED_4}\n{SEED_5}\nhôm qua 15h30 ngày 23-5, từ ngày 1/7 đến 15/7."
    mentions = find_dates(text, REF)
    _check_invariants(text, mentions)
    assert mentions == sorted(mentions, key=lambda d: d.start)


# --- Duckling corpus (informational threshold) -----------------------------------------------------
def _duckling_expected(expected: str) -> str | None:
    m = re.match(r"\(datetime \((\d+), (\d+), (\d+), (\d+), (\d+), \d+\) (\w+)\)", expected or "")
    if not m:
        return None
    y, mo, da, hh, mi = map(int, m.groups()[:5])
    grain = m.group(6)
    return {
        "Day": f"{y:04d}-{mo:02d}-{da:02d}", "Month": f"{y:04d}-{mo:02d}", "Year": f"{y}",
        "Quarter": f"{y}-Q{(mo - 1) // 3 + 1}", "Week": datetime(y, mo, da).strftime("%G-W%V"),
        "Hour": f"T{hh:02d}:00", "Minute": f"T{hh:02d}:{mi:02d}",
    }.get(grain)


def test_duckling_time_pass_rate() -> None:
    """Duckling's VI time corpus (reference 2017-02-02): point values we can express.

    Misses are mostly by design: bare weekdays and bare "7/3" (ambiguous in news text), two-digit
    years without a cue, holidays, and the nearest-year rule ("12/10" -> 2016, Duckling says 2017).
    """
    ref = datetime(2017, 2, 2, 3, 55)
    total = passed = 0
    for line in DUCKLING.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        exp = _duckling_expected(row.get("expected")) if row["dim"] == "Time" else None
        if exp is None:
            continue
        total += 1
        values = [d.value for d in find_dates(row["text"], ref) if len(d.text) >= len(row["text"]) - 8]
        passed += any(v == exp or (exp.startswith("T") and exp in v) for v in values)
    assert total > 100
    assert passed / total >= 0.75, f"{passed}/{total}"


# --- durations (ISO 8601) ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, span, value",
    [
        ("Dự án sẽ hoàn thành trong 18 tháng.", "18 tháng", "P18M"),
        ("Anh ấy đã chờ suốt mười lăm ngày.", "mười lăm ngày", "P15D"),
        ("Giá xăng biến động mạnh trong vài tuần qua.", "vài tuần qua", "PXW"),
        ("Thị trường ổn định ba năm trở lại đây.", "ba năm trở lại đây", "P3Y"),
        ("Kế hoạch đầu tư 10 năm tới của tỉnh", "10 năm tới", "P10Y"),
        ("thời gian xử lý hồ sơ 2-3 tuần", "2-3 tuần", "P2W/P3W"),
        ("Cuộc họp kéo dài 45 phút.", "45 phút", "PT45M"),
        ("chỉ ít phút sau khi khai mạc", "ít phút", "PTXM"),
        ("Tàu cập cảng trong 2h", "2h", "PT2H"),
        ("Ông nghỉ một năm rưỡi để chữa bệnh.", "một năm rưỡi", "P1.5Y"),
        ("Ngành dệt may tăng trưởng hai thập kỷ qua.", "hai thập kỷ qua", "P20Y"),
        ("Công ty bị đình chỉ sau gần 4 năm hoạt động.", "4 năm", "P4Y"),
        ("Dân làng đã sống ở đây nhiều năm.", "nhiều năm", "PXY"),
    ],
)
def test_durations(text: str, span: str, value: str) -> None:
    for ref in (None, REF):
        (d,) = find_dates(text, ref)
        assert (d.text, d.value, d.kind) == (span, value, "duration")


@pytest.mark.parametrize(
    "text",
    ["Bé trai 6 tháng tuổi được cứu sống", "Cứ mỗi 3 tháng lại kiểm tra một lần", "bao năm tháng gian khổ",
     "Đây là ngày thứ 6 của cuộc chiến", "hai tiếng nổ lớn vang lên", "3 ngày trước"],
)
def test_not_durations(text: str) -> None:
    assert [d for d in find_dates(text) if d.kind == "duration"] == []


def test_month_number_is_not_a_duration() -> None:
    assert _pairs("Ngày 6 tháng 3 năm 2024 trời mưa") == [("Ngày 6 tháng 3 năm 2024", "2024-03-06")]
    assert _pairs("kế hoạch tháng 5 năm nay", REF) == [("tháng 5 năm nay", "2021-05")]


# --- year-less day-month with news cues and a glued deictic year ------------------------------------
@pytest.mark.parametrize(
    "text, span, value",
    [
        ("Giá vàng chốt phiên 24/6 giảm nhẹ", "24/6", "2021-06-24"),
        ("Hoa tươi tăng giá dịp 20-10", "20-10", "2021-10-20"),
        ("Dịp 20-11 năm ngoái, hoa tăng giá mạnh", "20-11 năm ngoái", "2020-11-20"),
        ("Lễ 2/9 năm nay sẽ có nhiều hoạt động", "2/9 năm nay", "2021-09-02"),
        ("hạn cuối là ngày 15-2 của năm tiếp theo", "15-2 của năm tiếp theo", "2022-02-15"),
        ("từ tháng 4 năm ngoái đến nay", "tháng 4 năm ngoái", "2020-04"),
        ("Các đơn hàng giao vào cuối tháng 7", "cuối tháng 7", "2021-07"),
    ],
)
def test_year_less_dates_with_cues(text: str, span: str, value: str) -> None:
    assert _pairs(text, REF) == [(span, value)]


def test_deictic_year_without_reference_keeps_unknown_year() -> None:
    assert _pairs("Dịp 20-11 năm ngoái, hoa tăng giá") == [("20-11 năm ngoái", "XXXX-11-20")]


# --- a deictic day glued to an absolute date -----------------------------------------------------------
@pytest.mark.parametrize(
    "text, span, value",
    [
        ("Hôm nay 25/6/2021, sở công bố kết quả", "Hôm nay 25/6/2021", "2021-06-25"),
        ("Hôm nay (25/6), giá xăng giảm", "Hôm nay (25/6)", "2021-06-25"),
        ("chiều tối 24-6, mưa lớn gây ngập", "chiều tối 24-6", "2021-06-24"),
        ("Tối muộn 23/6, xe tải lật", "Tối muộn 23/6", "2021-06-23"),
        ("phiên giao dịch ngày thứ sáu 25-6", "ngày thứ sáu 25-6", "2021-06-25"),
    ],
)
def test_deictic_joins_absolute_date(text: str, span: str, value: str) -> None:
    assert _pairs(text, REF) == [(span, value)]


def test_compound_part_of_day_relative() -> None:
    assert _pairs("sáng sớm nay, lực lượng cứu hộ có mặt", REF) == [("sáng sớm nay", "2021-06-25")]


def test_stated_today_anchors_relative_words_without_reference() -> None:
    text = "Hôm nay 6/3/2026, giá vàng tăng 200.000 đồng so với hôm qua."
    assert _pairs(text) == [("Hôm nay 6/3/2026", "2026-03-06"), ("hôm qua", "2026-03-05")]


# --- the year of a sibling period / of the sentence ----------------------------------------------------
def test_year_less_period_takes_sibling_year() -> None:
    text = "Báo cáo 6 tháng đầu năm và kế hoạch 6 tháng cuối năm 2019 của công ty"
    assert _pairs(text) == [("6 tháng đầu năm", "2019-H1"), ("6 tháng cuối năm 2019", "2019-H2")]


def test_year_in_an_event_name_does_not_date_a_period() -> None:
    text = "Trong 6 tháng đầu năm, hội tham gia Cuộc thi Sáng tạo trẻ 2019."
    assert _pairs(text) == [("6 tháng đầu năm", "XXXX-H1"), ("2019", "2019")]


def test_year_less_day_takes_the_sentence_year_without_reference() -> None:
    text = "Đại hội cổ đông thường niên năm 2024 sẽ được tổ chức ngày 20/4."
    assert _pairs(text) == [("năm 2024", "2024"), ("20/4", "2024-04-20")]


def test_future_sentence_takes_next_occurrence() -> None:
    assert _pairs("Công ty dự kiến khánh thành nhà máy vào tháng 3.", REF) == [("tháng 3", "2022-03")]
    assert _pairs("Công ty đã khánh thành nhà máy vào tháng 3.", REF) == [("tháng 3", "2021-03")]


# --- month abbreviations, month ranges, bare years -----------------------------------------------------
@pytest.mark.parametrize(
    "text, span, value, kind",
    [
        ("doanh thu giai đoạn T5/2020 - T5/2021 tăng", "T5/2020 - T5/2021", "2020-05/2021-05", "range"),
        ("hạn chót là T12/2022.", "T12/2022", "2022-12", "date"),
        ("dự kiến kéo dài đến tháng 3 - 5/2023", "tháng 3 - 5/2023", "2023-03/2023-05", "range"),
        ("Tổng công ty trình kế hoạch 2022 với nhiều chỉ tiêu", "2022", "2022", "date"),
        ("lợi nhuận năm tài chính 2022 - 2023 giảm", "năm tài chính 2022 - 2023", "2022/2023", "range"),
        ("Đội tuyển giành chức vô địch Cúp quốc gia 2019.", "2019", "2019", "date"),
        ("Tỉnh đặt mục tiêu đến 2030 trở thành tỉnh khá", "2030", "2030", "date"),
        ("ngày cuối cùng của tháng 2/2024", "ngày cuối cùng của tháng 2/2024", "2024-02-29", "date"),
        ("sinh ngày 3/9/91", "3/9/91", "1991-09-03", "date"),
    ],
)
def test_months_and_bare_years(text: str, span: str, value: str, kind: str) -> None:
    (d,) = find_dates(text, REF)
    assert (d.text, d.value, d.kind) == (span, value, kind)


@pytest.mark.parametrize(
    "text",
    ["Căn hộ số 2021.", "Tổng số lao động tăng 1995 người", "Tỷ lệ giáo viên trên học sinh là 1:12",
     "chưa tới 1/3 số hộ dân có nước sạch", "đứng thứ Hai thế giới về xuất khẩu gạo", "lớn thứ hai cả nước"],
)
def test_more_not_dates(text: str) -> None:
    assert find_dates(text, REF) == []


# --- clock times and weekdays ----------------------------------------------------------------------------
def test_more_times_and_weekdays() -> None:
    assert _pairs("hôm nay lúc 14h, đoàn làm việc", REF) == [("hôm nay lúc 14h", "2021-06-25T14:00+07:00")]
    assert _pairs("khai mạc ba giờ rưỡi chiều", REF) == [("ba giờ rưỡi chiều", "T15:30+07:00")]
    assert _pairs("Trận chung kết diễn ra Chủ nhật, sân kín khán giả", REF) == [("Chủ nhật", "2021-06-27")]
    assert _pairs("Công văn gửi đi hôm 07/03", REF) == [("07/03", "2021-03-07")]
    assert _pairs("Dữ liệu cập nhật 07/03", REF) == [("07/03", "2021-03-07")]


def test_holiday_names_and_holiday_ranges_cue_year_less_dates() -> None:
    assert _pairs("Ngày Quốc tế Phụ nữ 8/3 sắp đến", REF) == [("8/3", "2021-03-08")]
    assert _pairs("kỳ nghỉ lễ 30/4 - 1/5 năm nay", REF) == [("30/4 - 1/5 năm nay", "2021-04-30/2021-05-01")]
    assert _pairs("Đội nhà thắng 2-1 rồi hòa 1-1", REF) == []
