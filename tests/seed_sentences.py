"""Sentences of the seed article (tusta.org.vn) that several extractor tests use verbatim."""

SEED_1 = (
    "Ngày 22/6/2021, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh (Liên hiệp hội) tổ chức Hội nghị Ban Thường vụ "
    "đánh giá hoạt động công tác 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm 2021, TS. Nguyễn Văn "
    "Phát, Chủ tịch Liên hiệp hội chủ trì Hội nghị."
)
SEED_2 = (
    "Về công tác xây dựng và phát triển tổ chức: Tính đến tháng 6/2021, Liên hiệp hội có 32 hội thành viên và 06 "
    "trung tâm trực thuộc, 05 đơn vị liên kết, đến hết tháng 6/2021 tổng số hội viên là 23.628 người, tăng 114 "
    "hội viên so với năm 2020."
)
SEED_3 = (
    "Đã tư vấn pháp luật hơn 2.030 vụ việc cho hàng ngàn lượt người, giúp nhân dân giải quyết những vấn đề có liên "
    "quan đến pháp luật; tham gia tư vấn cho gần 20 đề án, dự án quy hoạch chung chi tiết xây dựng đô thị"
)
SEED_4 = (
    "Tại hội nghị, Ban Thường vụ cũng đã thảo luận đóng góp vào Chương trình hành động thực hiện Nghị quyết "
    "58-NQ/TW của Bộ Chính trị, Nghị quyết Đại hội toàn quốc lần thứ XIII của Đảng, Nghị Quyết Đại hội Đảng bộ "
    "tỉnh Thanh Hóa lần thứ XIX, nhiệm kỳ 2020-2025"
)
SEED_5 = "Giấy phép hoạt động số 04/GP-TTĐT ngày 03/6/2021 của Sở Thông tin và Truyền thông Thanh Hóa"
SEED_6 = "Số điện thoại: 02373.720.885; 02373853656"
