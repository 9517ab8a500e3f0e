/**
 * The names staff see in the guide (README, "Hướng dẫn cho cán bộ"), so a problem at
 * `channels[0].fee.amountVnd` reads "cách thực hiện 1 (channels) › lệ phí (fee) › số tiền (amountVnd)".
 * The field's own name stays in brackets: it is what staff find in the file.
 */
const FIELD_LABELS: Record<string, string> = {
  code: "mã thủ tục",
  name: "tên",
  aliases: "tên gọi khác",
  field: "lĩnh vực",
  level: "cấp thực hiện",
  agency: "cơ quan thực hiện",
  office: "nơi nộp",
  applicants: "đối tượng thực hiện",
  channels: "cách thực hiện",
  kind: "hình thức nộp",
  time: "thời hạn",
  workingDays: "số ngày làm việc",
  fee: "lệ phí",
  amountVnd: "số tiền",
  text: "lời văn",
  note: "ghi chú",
  documents: "giấy tờ",
  originals: "số bản chính",
  copies: "số bản sao",
  form: "mẫu tờ khai",
  case: "trường hợp áp dụng",
  steps: "các bước",
  conditions: "điều kiện",
  result: "kết quả",
  legalBasis: "căn cứ pháp lý",
  effective: "ngày có hiệu lực",
  expires: "ngày hết hiệu lực",
  checkFirst: "lưu ý trước khi chọn",
  unconfirmed: "chưa xác nhận",
  sources: "nguồn",
  title: "tên văn bản/trang",
  issuer: "cơ quan ban hành",
  date: "ngày",
  url: "đường dẫn",
  supports: "nội dung được dẫn",
  onlineUrl: "đường dẫn nộp trực tuyến",
  lastChecked: "ngày kiểm tra",
  // offices.json
  defaultOffice: "cơ quan mặc định",
  offices: "cơ quan",
  id: "mã",
  address: "địa chỉ",
  hours: "giờ làm việc",
  phone: "điện thoại",
  email: "email",
  // synonyms.json
  groups: "nhóm từ đồng nghĩa",
  concept: "khái niệm",
  terms: "các từ",
  filler: "từ đệm",
  // redirects.json
  redirects: "chuyển hướng",
  topic: "chủ đề",
  answer: "câu trả lời",
};

/** "cách thực hiện 1 (channels) › lệ phí (fee) › số tiền (amountVnd)"; unknown keys are shown as they are. */
export function labelPath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (const part of path) {
    if (typeof part === "number") {
      // Staff count from 1: the first channel, not channel 0.
      const last = parts.length - 1;
      if (last >= 0) parts[last] = parts[last]?.replace(/^([^(]*?)( \(|$)/, `$1 ${part + 1}$2`) ?? "";
      else parts.push(`mục ${part + 1}`);
      continue;
    }
    const key = String(part);
    const label = FIELD_LABELS[key];
    parts.push(label ? `${label} (${key})` : key);
  }
  return parts.join(" › ");
}
