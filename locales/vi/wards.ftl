# Chọn phường/xã (src/features/ward.ts) và phần địa phương của câu trả lời (src/core/format.ts).
local-note = 📌 Lưu ý tại địa phương: { $text }
place-map = Bản đồ: { $url }
menu-ward = Chọn phường/xã
menu-ward-change = Đổi phường/xã
ward-choose = Bạn ở phường/xã nào? Chọn bên dưới hoặc gõ tên (ví dụ «phường Tân Định», «xa Tan Phu»):
ward-ask = Để chỉ đúng nơi nộp hồ sơ: bạn ở phường/xã nào? Chọn hoặc gõ tên (chỉ hỏi một lần).
ward-skip = Bỏ qua
ward-ambiguous = Có nhiều phường/xã tên như vậy, bạn chọn giúp:
ward-set-short = Đã chọn { $ward }. Đổi phường/xã: /phuong
ward-set =
    Đã chọn { $ward }. Đổi phường/xã: /phuong
    { $office }
ward-single =
    Trợ lý này phục vụ một nơi:
    { $office }
ward-province = các phường, xã thuộc { $province }
help-ward = • /phuong: chọn hoặc đổi phường/xã của bạn (hoặc gõ tên, ví dụ «phường Tân Phú»), để trợ lý chỉ đúng nơi nộp hồ sơ.
tg-command-phuong = Chọn/đổi phường, xã
