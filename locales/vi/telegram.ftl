# Kênh Telegram: mô tả lệnh trong menu (setMyCommands) và nút chuyển trang
tg-command-start = Bắt đầu: giới thiệu và menu chính
tg-command-help = Hướng dẫn sử dụng
tg-command-tim = Tìm thủ tục, ví dụ: /tim khai sinh
tg-command-linhvuc = Xem thủ tục theo lĩnh vực
tg-command-hoso = Tra cứu tình trạng hồ sơ
tg-command-danhgia = Đánh giá mức độ hài lòng về hồ sơ đã nhận
tg-command-huy = Ngừng nhận thông báo về hồ sơ
tg-command-xoadulieu = Xóa liên kết hồ sơ và lịch sử tra cứu của bạn
tg-command-ngonngu = Đổi ngôn ngữ (Tiếng Việt / English)
tg-page-previous = « Trang trước
tg-page-next = Trang sau »
tg-page-of = Trang { $page }/{ $pages }
tg-page-expired = Danh sách này đã cũ. Bạn hãy hỏi lại nhé.
tg-error = Xin lỗi, có lỗi khi xử lý tin nhắn của bạn. Bạn thử lại sau ít phút nhé.
