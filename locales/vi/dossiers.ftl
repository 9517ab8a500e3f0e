# Tra cứu hồ sơ
dossier-ask-code = Bạn hãy gửi mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (ví dụ: 000.31.20.H49-251103-0012).
dossier-bad-code = Đây chưa phải mã hồ sơ. Mã in trên giấy hẹn trả kết quả, ví dụ: 000.31.20.H49-251103-0012. Bạn gửi lại mã nhé.
dossier-ask-digits = Để bảo vệ thông tin của bạn, hãy gửi 4 số cuối của số điện thoại ghi trên giấy hẹn của hồ sơ { $code }.
dossier-bad-digits = Bạn hãy gửi 4 chữ số cuối của số điện thoại (ví dụ: 6789).
dossier-mismatch =
    Không tìm thấy hồ sơ { $code } với 4 số điện thoại này. Bạn kiểm tra lại mã và số điện thoại trên giấy hẹn nhé.
    Bạn còn { $remaining } lần thử.
dossier-chat-locked = Bạn đã nhập sai nhiều lần. Để bảo vệ thông tin, việc tra cứu hồ sơ tạm khoá đến { $time }. Cần gấp, xin liên hệ bộ phận một cửa.
dossier-code-locked = Mã hồ sơ này đã bị nhập sai nhiều lần trong hôm nay nên tạm khoá tra cứu qua tin nhắn đến hết ngày. Bạn thử lại vào ngày mai hoặc liên hệ bộ phận một cửa.
dossier-cancel = Huỷ
dossier-cancelled = Đã huỷ tra cứu hồ sơ.
dossier-verify-first = Bạn hãy tra cứu lại hồ sơ (gõ /hoso và mã hồ sơ) rồi làm lại nhé.

# Kết quả tra cứu
dossier-title = 📁 Hồ sơ { $code }
dossier-procedure = Thủ tục: { $name }
dossier-applicant = Người nộp: { $name }
dossier-received = Ngày tiếp nhận: { $date }
dossier-due = Ngày hẹn trả kết quả: { $date }
dossier-status-line = Tình trạng: { $status }
dossier-overdue = ⚠️ Hồ sơ đã quá ngày hẹn trả kết quả.
dossier-status-1 = Mới đăng ký (nộp trực tuyến), đang chờ tiếp nhận
dossier-status-2 = Đã được tiếp nhận
dossier-status-3 = Không được tiếp nhận
dossier-status-4 = Đang xử lý
dossier-status-5 = Cần bổ sung giấy tờ
dossier-status-6 = Cần thực hiện nghĩa vụ tài chính (nộp phí, lệ phí, thuế)
dossier-status-7 = Đã rút hồ sơ theo yêu cầu của người nộp
dossier-status-8 = Dừng xử lý
dossier-status-9 = Đã có kết quả, mời đến nhận
dossier-status-10 = Đã trả kết quả
dossier-note-3 = Lý do: { $note }
dossier-note-5 = Cần bổ sung: { $note }
dossier-note-6 = Cần nộp: { $note }
dossier-note-8 = Lý do: { $note }
dossier-pickup =
    Nơi nhận kết quả: { $office }
    Địa chỉ: { $address }
    Giờ làm việc: { $hours }
dossier-bring = Khi đến nhận, xin mang theo: giấy tiếp nhận hồ sơ và hẹn trả kết quả; thẻ căn cước của người nộp; nếu nhận thay thì thêm giấy uỷ quyền và căn cước của người nhận; biên lai phí, lệ phí (nếu có).

# Thông báo
dossier-subscribe = 🔔 Nhận thông báo về hồ sơ này
dossier-unsubscribe = 🔕 Tắt thông báo hồ sơ này
dossier-rate = ⭐ Đánh giá mức độ hài lòng
dossier-subscribed =
    Đã bật thông báo cho hồ sơ { $code }: tôi sẽ nhắn khi tình trạng thay đổi và nhắc bạn đến nhận kết quả.
    Để làm việc này, tôi chỉ lưu liên kết giữa cuộc trò chuyện này và mã hồ sơ. Gõ /huy để tắt thông báo, /xoadulieu để xoá dữ liệu.
dossier-already-subscribed = Thông báo cho hồ sơ { $code } đã được bật rồi.
dossier-too-many-subscriptions = Bạn đang theo dõi { $max } hồ sơ, là mức tối đa. Gõ /huy để tắt bớt.
dossier-unsubscribed = Đã tắt thông báo cho hồ sơ này.
dossier-unsubscribed-all = { $count ->
        [0] Bạn chưa bật thông báo cho hồ sơ nào.
       *[other] Đã tắt thông báo cho { $count } hồ sơ.
    }
dossier-data-deleted =
    Đã xoá liên kết với { $links } hồ sơ, lịch sử tra cứu và các tin đang chờ gửi của cuộc trò chuyện này.
    (Số lần nhập sai được giữ tối đa một ngày để chống dò mã; nó không kèm mã hồ sơ hay số điện thoại.)
notice-status = 🔔 Hồ sơ { $code } ({ $procedure }) có cập nhật: { $status }.
notice-footer = Gõ /hoso { $code } để xem chi tiết, /huy để tắt thông báo.
reminder = ⏰ Nhắc nhận kết quả: hồ sơ { $code } ({ $procedure }) đã có kết quả từ ngày { $date } nhưng chưa được nhận.

# Đánh giá
rating-request = ✅ Hồ sơ { $code } ({ $procedure }) đã trả kết quả. Cảm ơn bạn đã sử dụng dịch vụ!
rating-intro = Đánh giá việc giải quyết hồ sơ { $code }.
rating-question = Bạn có hài lòng với việc giải quyết hồ sơ không?
rating-level-very_satisfied = Rất hài lòng
rating-level-satisfied = Hài lòng
rating-level-neutral = Bình thường
rating-level-dissatisfied = Không hài lòng
rating-level-very_dissatisfied = Rất không hài lòng
rating-skip = Bỏ qua
rating-saved = Cảm ơn bạn đã đánh giá! Nếu bạn muốn, hãy trả lời thêm vài câu ngắn (không bắt buộc).
rating-criterion-time = Thời gian giải quyết so với ngày hẹn?
rating-time-on_time = Đúng hẹn hoặc sớm hơn
rating-time-late = Trễ hẹn
rating-criterion-visits = Bạn đã phải đến cơ quan mấy lần cho hồ sơ này?
rating-visits-1 = Một lần
rating-visits-2 = Hai lần
rating-visits-3 = Ba lần trở lên
rating-criterion-attitude = Thái độ của cán bộ tiếp nhận, trả kết quả?
rating-attitude-good = Tận tình, chu đáo
rating-attitude-ok = Bình thường
rating-attitude-poor = Chưa tốt
rating-ask-comment = Bạn có góp ý gì thêm không? Hãy gõ góp ý của bạn, hoặc chọn «Bỏ qua».
rating-done = Cảm ơn bạn! Ý kiến của bạn giúp bộ phận một cửa phục vụ tốt hơn.
rating-skipped = Đã bỏ qua. Bạn có thể đánh giá sau bằng lệnh /danhgia và mã hồ sơ.
rating-not-ready = Bạn có thể đánh giá sau khi đã nhận kết quả của hồ sơ.
rating-already = Hồ sơ này đã được đánh giá. Cảm ơn bạn!
rating-expired = Câu hỏi này đã cũ. Gõ /danhgia và mã hồ sơ để đánh giá.

