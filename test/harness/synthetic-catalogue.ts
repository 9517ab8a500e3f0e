import type { Procedure } from "../../src/catalogue/schema.js";
import { seededRandom } from "./reliability-generator.js";

/**
 * A large, realistic catalogue for benchmarks: the bundled procedures, look-alike
 * variants of them (other agencies, foreign elements, re-issues — the near-duplicates
 * that make search hard at scale), and procedures of other fields built from the
 * vocabulary of the national database. Deterministic for a given size.
 */
export function syntheticCatalogue(bundled: readonly Procedure[], size: number): Procedure[] {
  const random = seededRandom(20261128);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const out: Procedure[] = [...bundled];
  const codes = new Set(bundled.map((p) => p.code));
  const nextCode = () => {
    for (;;) {
      const code = `${1 + Math.floor(random() * 2)}.${String(Math.floor(random() * 1_000_000)).padStart(6, "0")}`;
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };
  const template = bundled[0] as Procedure;

  while (out.length < size) {
    if (random() < 0.3) {
      const base = pick(bundled);
      const [prefix, suffix] = pick(VARIANTS);
      out.push({
        ...base,
        code: nextCode(),
        name: `${prefix}${prefix ? lowerFirst(base.name) : base.name}${suffix}`,
        aliases: base.aliases.slice(0, 2).map((a) => `${a}${suffix}`),
        agency: pick(AGENCIES),
        level: pick(["Cấp tỉnh", "Cấp trung ương", "Cơ quan đại diện"]),
      });
    } else {
      const field = pick(FIELDS);
      const object = pick(field.objects);
      const name = `${pick(ACTIONS)} ${object}${pick(QUALIFIERS)}`;
      out.push({
        ...template,
        code: nextCode(),
        name,
        aliases: random() < 0.5 ? [`làm ${object}`] : [],
        field: field.name,
        agency: pick(AGENCIES),
        level: pick(["Cấp tỉnh", "Cấp xã", "Cấp trung ương"]),
        result: object,
      });
    }
  }
  return out;
}

const VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ["", " có yếu tố nước ngoài"],
  ["", " tại Cơ quan đại diện Việt Nam ở nước ngoài"],
  ["", " cho người Việt Nam định cư ở nước ngoài"],
  ["", " thuộc thẩm quyền cấp tỉnh"],
  ["", " cho người nước ngoài cư trú tại khu vực biên giới"],
  ["Cấp lại kết quả ", ""],
  ["Liên thông ", ""],
  ["Điều chỉnh nội dung ", ""],
  ["Hủy bỏ kết quả ", ""],
  ["", " trên môi trường điện tử"],
];

const ACTIONS = [
  "Cấp",
  "Cấp lại",
  "Cấp đổi",
  "Gia hạn",
  "Điều chỉnh",
  "Thu hồi",
  "Đăng ký",
  "Thẩm định",
  "Phê duyệt",
  "Xác nhận",
  "Công nhận",
  "Thông báo",
];

const QUALIFIERS = [
  "",
  "",
  " đối với tổ chức",
  " đối với cá nhân",
  " trong trường hợp bị mất, hư hỏng",
  " do thay đổi thông tin",
  " cho doanh nghiệp có vốn đầu tư nước ngoài",
  " thuộc thẩm quyền của Sở",
  " trên địa bàn tỉnh",
];

const AGENCIES = [
  "Sở Tư pháp",
  "Sở Xây dựng",
  "Sở Y tế",
  "Sở Giáo dục và Đào tạo",
  "Sở Nông nghiệp và Môi trường",
  "Sở Tài chính",
  "Công an tỉnh",
  "Bộ Ngoại giao",
  "Ủy ban nhân dân cấp tỉnh",
];

const FIELDS: ReadonlyArray<{ name: string; objects: string[] }> = [
  {
    name: "Đất đai",
    objects: [
      "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
      "quyết định giao đất, cho thuê đất",
      "trích lục bản đồ địa chính",
      "chuyển mục đích sử dụng đất",
    ],
  },
  {
    name: "Xây dựng",
    objects: [
      "giấy phép xây dựng nhà ở riêng lẻ",
      "giấy phép sửa chữa, cải tạo công trình",
      "chứng chỉ hành nghề xây dựng",
    ],
  },
  {
    name: "Y tế",
    objects: [
      "chứng chỉ hành nghề khám bệnh, chữa bệnh",
      "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
      "giấy phép hoạt động phòng khám",
    ],
  },
  {
    name: "Giáo dục và Đào tạo",
    objects: [
      "bản sao văn bằng, chứng chỉ từ sổ gốc",
      "giấy phép thành lập nhóm trẻ độc lập",
      "công nhận trường đạt chuẩn quốc gia",
      "chỉnh sửa nội dung văn bằng tốt nghiệp",
    ],
  },
  {
    name: "Giao thông vận tải",
    objects: ["giấy phép lái xe", "giấy đăng ký xe máy chuyên dùng", "phù hiệu xe kinh doanh vận tải"],
  },
  {
    name: "Lao động, việc làm",
    objects: ["giấy phép lao động cho người nước ngoài", "trợ cấp thất nghiệp", "sổ bảo hiểm xã hội"],
  },
  {
    name: "Công thương",
    objects: ["giấy phép bán lẻ rượu", "giấy phép kinh doanh xăng dầu", "giấy chứng nhận đủ điều kiện kinh doanh khí"],
  },
  {
    name: "Văn hóa, thể thao và du lịch",
    objects: ["giấy phép tổ chức lễ hội", "giấy phép kinh doanh karaoke", "thẻ hướng dẫn viên du lịch"],
  },
  {
    name: "Người có công",
    objects: ["trợ cấp ưu đãi người có công", "giấy chứng nhận thương binh", "mai táng phí cho cựu chiến binh"],
  },
  {
    name: "Tài nguyên nước",
    objects: ["giấy phép khai thác nước mặt", "giấy phép xả nước thải vào nguồn nước"],
  },
];

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
