import { type TextWord, type Word, words } from "./normalize.js";
import { PhraseMap, phrase } from "./phrases.js";

/**
 * Place names are not content: "Cơ quan nào thực hiện … (TP Hà Nội)?", "tại phường Bến Nghé",
 * "Tôi ở xã Tân Lập, huyện A". No record is named after a place, so a place name can only count
 * against the procedure the citizen asks for. What is removed:
 * - the provinces and cities of Vietnam, as named after the 2025 merger and before it, and the big
 *   cities' old districts people still write (a list: these names are multi-word, so they do not
 *   collide with content words once folded; "Tiền Giang" goes, "tiền" stays);
 * - the name after an administrative word (tỉnh, thành phố, TP, quận, huyện, thị xã, thị trấn,
 *   phường, xã, thôn, ấp, tổ, khu phố, đường): the capitalised words, numbers and single letters that
 *   follow it ("phường 12", "tỉnh A", "xã Tân Lập"). Ward and commune names are thousands and change;
 *   their capital letters are how a writer marks them. Lower-case words after "xã" stay: "xã hội".
 * The administrative word itself stays, so the place cue "ở phường" still reads as "where".
 */
const PROVINCES = [
  // after the 2025 merger (34)
  "Hà Nội",
  "Huế",
  "Lai Châu",
  "Điện Biên",
  "Sơn La",
  "Lạng Sơn",
  "Quảng Ninh",
  "Thanh Hóa",
  "Nghệ An",
  "Hà Tĩnh",
  "Cao Bằng",
  "Tuyên Quang",
  "Lào Cai",
  "Thái Nguyên",
  "Phú Thọ",
  "Bắc Ninh",
  "Hưng Yên",
  "Hải Phòng",
  "Ninh Bình",
  "Quảng Trị",
  "Đà Nẵng",
  "Quảng Ngãi",
  "Gia Lai",
  "Khánh Hòa",
  "Lâm Đồng",
  "Đắk Lắk",
  "Hồ Chí Minh",
  "Đồng Nai",
  "Tây Ninh",
  "Cần Thơ",
  "Vĩnh Long",
  "Đồng Tháp",
  "Cà Mau",
  "An Giang",
  // merged in 2025 (the other 29 of the 63)
  "Hà Giang",
  "Yên Bái",
  "Bắc Kạn",
  "Bắc Cạn",
  "Vĩnh Phúc",
  "Hòa Bình",
  "Bắc Giang",
  "Hải Dương",
  "Thái Bình",
  "Hà Nam",
  "Nam Định",
  "Quảng Bình",
  "Thừa Thiên Huế",
  "Kon Tum",
  "Quảng Nam",
  "Bình Định",
  "Phú Yên",
  "Ninh Thuận",
  "Bình Thuận",
  "Đắk Nông",
  "Đắc Nông",
  "Đắc Lắc",
  "Bình Phước",
  "Bình Dương",
  "Bà Rịa Vũng Tàu",
  "Bà Rịa",
  "Vũng Tàu",
  "Long An",
  "Tiền Giang",
  "Bến Tre",
  "Trà Vinh",
  "Hậu Giang",
  "Sóc Trăng",
  "Bạc Liêu",
  "Kiên Giang",
  // cities and districts people name
  "Sài Gòn",
  "Thủ Đức",
  "Biên Hòa",
  "Nha Trang",
  "Đà Lạt",
  "Buôn Ma Thuột",
  "Hạ Long",
  "Quy Nhơn",
  "Qui Nhơn",
  "Thủ Dầu Một",
  "Long Xuyên",
  "Rạch Giá",
  "Mỹ Tho",
  "Phan Thiết",
  "Hội An",
  "Phú Quốc",
  "Ba Đình",
  "Hoàn Kiếm",
  "Hai Bà Trưng",
  "Đống Đa",
  "Cầu Giấy",
  "Thanh Xuân",
  "Hoàng Mai",
  "Long Biên",
  "Tây Hồ",
  "Hà Đông",
  "Nam Từ Liêm",
  "Bắc Từ Liêm",
  "Từ Liêm",
  "Gia Lâm",
  "Đông Anh",
  "Sóc Sơn",
  "Bình Thạnh",
  "Gò Vấp",
  "Tân Bình",
  "Tân Phú",
  "Phú Nhuận",
  "Bình Tân",
  "Bình Chánh",
  "Hóc Môn",
  "Củ Chi",
  "Nhà Bè",
  "Cần Giờ",
  // written short
  "HCM",
  "TPHCM",
  "HN",
  "SG",
];

/** Words that open a place name; two-word ones too. */
const ADMINISTRATIVE = [
  "tỉnh",
  "thành phố",
  "tp",
  "quận",
  "q",
  "huyện",
  "thị xã",
  "thị trấn",
  "phường",
  "p",
  "xã",
  "thôn",
  "ấp",
  "tổ",
  "tổ dân phố",
  "khu phố",
  "khu dân cư",
  "đường",
  "số nhà",
];

// Read as content after an administrative word, even when capitalised: "Bảo trợ Xã hội", "Thành phố trực thuộc".
const NOT_NAMES = new Set(["hoi", "truc", "chuc"]);

const provinces = new PhraseMap();
for (const name of PROVINCES) provinces.add(phrase(name), []);
const administrative = new PhraseMap();
for (const word of ADMINISTRATIVE) administrative.add(phrase(word), phrase(word));

/**
 * Words after which a name written without capitals is where someone lives or goes ("ở cầu giấy", "về gò vấp"); elsewhere
 * its first word may finish the word before it: "ngân hàng yêu cầu giấy xác nhận …" says no "Cầu Giấy", "có cần giờ
 * hẹn không" no "Cần Giờ".
 */
const PLACE_BEFORE = new Set(
  [
    "ở",
    "tại",
    "từ",
    "về",
    "đến",
    "tới",
    "vào",
    "ra",
    "lên",
    "xuống",
    "sang",
    "qua",
    "bên",
    "gần",
    "khu",
    "in",
    "at",
    "from",
    "to",
    "near",
  ].map((w) => (words(w)[0] as Word).token),
);

/** Whether an uncapitalised name at `i` stands where a place does: opening its clause, or after `PLACE_BEFORE`. */
function placeMayStand(input: readonly TextWord[], i: number): boolean {
  const before = input[i - 1];
  const word = input[i] as TextWord;
  return before === undefined || before.clause !== word.clause || PLACE_BEFORE.has(before.token);
}

/** The query's words without place names (the administrative word before a name stays). */
export function withoutPlaces<T extends TextWord>(input: readonly T[]): T[] {
  // A message written in capitals (or Title Case) marks no names by case.
  const capitals = input.filter((w) => w.capital).length;
  const byCase = input.length < 5 || capitals < input.length * 0.6;
  const anyCapital = capitals > 0;
  const out: T[] = [];
  for (let i = 0; i < input.length; ) {
    const word = input[i] as T;
    // A listed name is a place when written as one: capitalised, unless the writer uses no capitals
    // ("yêu cầu giấy tờ" is no "Cầu Giấy").
    const known = provinces.matchAt(input, i, "typed");
    if (known > 0 && (word.capital || (!anyCapital && placeMayStand(input, i)))) {
      i += known;
      continue;
    }
    // "tp" alone is never content; the glued "tphcm" is in the list above.
    if (word.token === "tp") {
      i++;
      continue;
    }
    const opener = administrative.matchAt(input, i, "typed");
    if (opener === 0) {
      out.push(word);
      i++;
      continue;
    }
    for (let k = 0; k < opener; k++) out.push(input[i + k] as T);
    i += opener;
    i = skipName(input, i, byCase);
  }
  return out;
}

/** Past the name that starts at `at`: a known place, or capitalised words, numbers and single letters of one clause. */
function skipName(input: readonly TextWord[], at: number, byCase: boolean): number {
  const first = input[at];
  if (!first) return at;
  const known = provinces.matchAt(input, at, "typed");
  if (known > 0) return at + known;
  let i = at;
  while (i < input.length) {
    const w = input[i] as TextWord;
    if (w.clause !== first.clause || NOT_NAMES.has(w.token)) break;
    // …but a lower-case "k" that ends the message or its clause is the chat "không": "có cần báo phường k".
    const chatNo = w.token === "k" && !w.capital && (i === input.length - 1 || input[i + 1]?.clause !== w.clause);
    const nameLike =
      (byCase && w.capital) || /^\d+[a-z]?$/.test(w.token) || (w.token.length === 1 && i === at && !chatNo);
    if (!nameLike) break;
    i++;
  }
  return i;
}

/** Only for tests and diagnostics: the folded tokens left. */
export function placeFreeTokens(input: readonly TextWord[]): string[] {
  return withoutPlaces(input).map((w: Word) => w.token);
}
