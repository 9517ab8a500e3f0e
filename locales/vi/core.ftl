# Lời chào và giới thiệu
greeting =
    Xin chào! Tôi là trợ lý tự động (chatbot) của { $office }, không phải cán bộ.
    Tôi trả lời về thủ tục hành chính: cần giấy tờ gì, lệ phí, thời gian giải quyết, nộp ở đâu, nộp trực tuyến.
    Hãy gõ câu hỏi, ví dụ: «làm giấy khai sinh cần gì» hoặc «lệ phí chứng thực bản sao».
help =
    Cách dùng trợ lý tự động:
    • Gõ tên thủ tục hoặc câu hỏi, có dấu hay không dấu đều được (ví dụ: «dang ky tam tru o dau»).
    • Chọn một lựa chọn bằng nút bấm hoặc gõ số thứ tự của nó.
    • /linhvuc: xem thủ tục theo lĩnh vực · /ngonngu: đổi ngôn ngữ · /start: về đầu.
    • /hoso <mã hồ sơ>: tra cứu tình trạng hồ sơ (cần 4 số cuối điện thoại ghi trên phiếu hẹn) · /huy: ngừng nhận thông báo · /xoadulieu: xóa dữ liệu của bạn.
    Thông tin chỉ để tham khảo; kết quả chính thức do cơ quan giải quyết.
menu-browse = Xem theo lĩnh vực
menu-help = Hướng dẫn
menu-language = English
choose-field = Chọn lĩnh vực:
choose-in-field = Các thủ tục thuộc lĩnh vực { $field }:
choose-procedure = Bạn muốn hỏi về thủ tục nào? Chọn một mục (hoặc gõ số thứ tự):
compare-line = { $index }. { $name } (mã { $code }): { $value }
compare-online-title = Nộp trực tuyến:
compare-online-yes = có nhận hồ sơ trực tuyến
compare-online-no = chưa nhận trực tuyến, nộp trực tiếp
compare-pick = Bạn hỏi thủ tục nào? Chọn một mục để xem đầy đủ (hoặc gõ số thứ tự).
more = Xem thêm
not-found =
    Xin lỗi, tôi chưa tìm thấy thủ tục phù hợp. Bạn có thể hỏi ngắn gọn hơn (ví dụ: «đăng ký kết hôn», «chứng thực chữ ký») hoặc chọn «Xem theo lĩnh vực».
    Cần hỗ trợ trực tiếp, xin liên hệ:
    { $contact }
empty-message = Bạn hãy gõ câu hỏi về thủ tục, ví dụ: «đăng ký khai sinh cần giấy tờ gì».
expired-choice = Lựa chọn này đã cũ. Bạn hãy gõ lại câu hỏi nhé.
language-set = Đã chuyển sang tiếng Việt.
choose-language = Chọn ngôn ngữ / Choose a language:
unknown-command = Tôi không hiểu lệnh này. Gõ /help để xem hướng dẫn.
too-many = Bạn gửi nhanh quá, xin đợi { $seconds } giây rồi hỏi tiếp nhé.
other-sections = Xem mục khác:
data-note = Thông tin cập nhật ngày { $date }; đối chiếu với quyết định công bố thủ tục của tỉnh trước khi nộp.
answer-helpful = 👍 Hữu ích
answer-not-helpful = 👎 Chưa hữu ích
answer-thanks = Cảm ơn bạn đã góp ý! Ý kiến giúp chúng tôi trả lời tốt hơn.
unsupported-message = Tôi chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi về thủ tục nhé.

# Tên các mục
section-general = Tóm tắt
section-documents = Giấy tờ
section-fee = Lệ phí
section-time = Thời gian
section-place = Nơi nộp
section-steps = Các bước
section-online = Nộp trực tuyến

# Nội dung mục
procedure-title = 📄 { $name } (mã { $code })
documents-title = Giấy tờ cần chuẩn bị:
documents-case = Trường hợp { $case }:
document-count = { $originals ->
        [0] { $copies } bản sao
       *[other] { $originals } bản chính{ $copies ->
            [0] {""}
           *[other] , { $copies } bản sao
        }
    }
document-form = mẫu: { $form }
fee-title = Lệ phí:
time-title = Thời gian giải quyết:
place-title = Nơi nộp hồ sơ:
place-agency = Cơ quan giải quyết: { $agency }
place-office =
    { $name }
    Địa chỉ: { $address }
    Giờ làm việc: { $hours }
    Điện thoại: { $phone }
steps-title = Các bước thực hiện:
online-yes = Có thể nộp trực tuyến:
online-link = Đường dẫn: { $url }
online-no = Thủ tục này chưa nhận hồ sơ trực tuyến; bạn nộp trực tiếp tại nơi tiếp nhận.
online-post = Có thể gửi hồ sơ qua bưu chính.
summary-office = Nơi nộp: { $office }
summary-time = Thời gian: { $time }
summary-fee = Lệ phí: { $fee }
summary-documents = Cần { $count } loại giấy tờ (chọn «Giấy tờ» để xem chi tiết).
summary-result = Kết quả: { $result }
summary-conditions = Điều kiện:
legal-basis = Căn cứ pháp lý: { $laws }

channel-in_person = Nộp trực tiếp
channel-online = Trực tuyến
channel-post = Qua bưu chính

# Hội thoại: trả lời từng phần, chuyện ngoài lề, chuyển hướng
more-part = Xem tiếp
part-of = ({ $part }/{ $parts })
small-talk-thanks = Không có gì ạ! Bạn cần hỏi thêm thủ tục nào cứ gõ nhé.
small-talk-ok = 👍 Bạn cần hỏi gì thêm cứ gõ nhé.
small-talk-bye = Chào bạn! Khi cần hỏi về thủ tục, bạn cứ nhắn lại nhé.
redirect =
    ℹ️ { $topic }: việc này không làm tại bộ phận một cửa của phường/xã.
    { $answer }
redirect-link = Xem thêm: { $url }
not-this-one = Không phải thủ tục này
section-conditions = Điều kiện
conditions-title = Điều kiện:
conditions-none = Thủ tục này không ghi điều kiện riêng; các bước thực hiện như sau.
check-first = ⚠️ Lưu ý trước: { $text }
small-talk-praise = Cảm ơn bạn! Bạn cần hỏi thêm thủ tục nào cứ gõ nhé.
small-talk-identity = Tôi là trợ lý tự động (chatbot) của bộ phận một cửa, không phải cán bộ. Tôi trả lời về thủ tục hành chính: giấy tờ, lệ phí, thời gian, nơi nộp. Bạn cứ gõ câu hỏi nhé.
small-talk-offtopic = Xin lỗi, tôi chỉ trả lời về thủ tục hành chính của phường, xã (giấy tờ, lệ phí, thời gian, nơi nộp). Bạn cứ gõ tên thủ tục cần hỏi nhé.
small-talk-translate = Tôi không dịch văn bản. Nếu bạn đã có bản dịch và cần chứng thực chữ ký người dịch, hãy gõ «chứng thực chữ ký người dịch».

# Sửa lại khi trả lời nhầm
correction-choose = Xin lỗi, có thể tôi đã hiểu nhầm. Có phải bạn hỏi một trong các thủ tục dưới đây? Chọn một mục (hoặc gõ số thứ tự); nếu không có thủ tục nào đúng, chọn «Không có thủ tục nào đúng».
correction-none-right = Không có thủ tục nào đúng
correction-describe =
    Xin lỗi vì chưa tìm đúng thủ tục bạn cần. Bạn hãy mô tả lại bằng lời khác: cần làm việc gì, cho ai, giấy tờ gì (ví dụ: «xin cấp lại giấy phép bán rượu bị mất», «làm giấy khai tử cho bố»).
    Bạn cũng có thể chọn «Xem theo lĩnh vực» để tự tìm thủ tục.
