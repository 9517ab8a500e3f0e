import { actsAfterOffice, handsInPaper, readInContext } from "./intent-context.js";
import { tokenize, type Word } from "./normalize.js";
import { PhraseMap, phrase, plain, typedWithAccents } from "./phrases.js";
import { unchat } from "./spelling.js";

export const INTENTS = ["documents", "fee", "time", "place", "steps", "online", "conditions", "general"] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * Phrases that say which part of a procedure the citizen asks about, written with their accents:
 * a word typed with accents must carry the same ones (tiền ≠ tiện, phí ≠ phi), a word typed
 * without accents matches (see MarkMode). They are cut out of the query before matching:
 * "bao nhiêu tiền" names no procedure. Never a lone word that collides with content once folded
 * (cần/căn, bán/bản) unless its accents are typed.
 */
/** Counted things whose number is a threshold to meet, not an amount of money: "mấy thành viên", "ít nhất bao nhiêu người". */
const THRESHOLDS = ["người", "thành viên", "hội viên", "chữ ký", "phiếu", "tín đồ", "người tham gia", "hộ dân"];

const CUES: Record<Exclude<Intent, "general">, string[]> = {
  time: [
    "bao lâu",
    "mấy ngày",
    "bao nhiêu ngày",
    "mất mấy ngày",
    "mất bao lâu",
    "mất bao nhiêu ngày",
    "mất bao nhiêu thời gian",
    "hết bao nhiêu ngày",
    "bao nhiêu thời gian",
    "bao nhiêu lâu",
    "mấy hôm",
    "mấy tuần",
    "mấy tiếng",
    "bao nhiêu tiếng",
    "nhiêu ngày",
    "nhiêu lâu",
    "mất bao nhiêu lâu",
    "hết bao nhiêu lâu",
    "bao nhiêu ngày làm việc",
    "thời gian",
    "thời gian giải quyết",
    "thời gian xử lý",
    "thời hạn giải quyết",
    "thời hạn",
    "khi nào có",
    "khi nào lấy",
    "khi nào nhận",
    "khi nào thì có",
    "bao giờ có",
    "bao giờ lấy",
    "bao giờ nhận",
    "bao giờ xong",
    "bao giờ thì có",
    "khi nào thì nhận",
    "khi nào nhận được",
    "khi nào thì lấy",
    "khi nào có kết quả",
    "bao giờ có kết quả",
    "bao giờ nhận được",
    "ngày nào có",
    "ngày nào lấy",
    // the day it is ready, said as "hôm"/"bữa" (Southern) or "lúc": "nộp hôm nay thì hôm nào lấy được"
    "hôm nào lấy",
    "hôm nào có",
    "hôm nào nhận",
    "hôm nào xong",
    "hôm nào thì",
    "hôm nào được",
    "bữa nào lấy",
    "bữa nào có",
    "mấy bữa",
    "bao nhiêu bữa",
    "lúc nào lấy",
    "lúc nào có",
    "lúc nào nhận",
    "ngày nào có kết quả",
    // "sinh con được bao nhiêu ngày thì phải đi khai sinh": days, not the amount of an allowance (NEUTRAL)
    "được bao nhiêu ngày",
    "được mấy ngày",
    "được bao nhiêu tháng",
    "hẹn mấy ngày",
    "hẹn ngày",
    "khi nào xong",
    "lâu không",
    "lâu ko",
    "có lâu không",
    "có nhanh không",
    "nhanh không",
    "lấy ngay",
    "lấy liền",
    "có liền",
    "làm liền",
    "trong ngày",
    "how long",
    // fast or slow, in English: "is it quick?", "how quickly can I get it"
    ...["is it quick", "is it fast", "how quickly", "how fast"],
    // "how much time?" (no money), "what about time?", "and the time?"
    ...["how much time", "what about time", "what about the time", "and the time", "time needed", "time required"],
    "how many days",
    // the same day, asked after an answer ("can I get it on the same day?"): names nothing, cut so nothing is left
    ...["on the same day", "the same day", "same day", "same-day"],
    "processing time",
    "when can i pick up",
    "when can i get",
    "when will i get",
    "how soon",
    "when will",
    "when can",
    "when do i get",
    "be ready",
    "bao giờ",
    "khi nào",
    "take",
    // when, in Southern and Central speech: "chừng nào có", "chừng nào lấy được", "khi mô có", "bữa mô xong"
    ...["chừng nào", "khi mô", "bữa mô", "lúc mô", "hôm mô"],
    // the wait at most, not a limit of the rules (DEADLINE "tối đa bao lâu")
    ...["mất tối đa bao lâu", "chờ tối đa bao lâu", "đợi tối đa bao lâu", "hết tối đa bao lâu", "mất tối đa mấy"],
    ...["chờ tối đa mấy", "đợi tối đa mấy", "mất tối đa bao nhiêu ngày", "chờ tối đa bao nhiêu ngày"],
    ...["giải quyết", "xử lý", "trả kết quả", "làm"].flatMap((act) =>
      ["bao lâu", "mấy ngày", "bao nhiêu ngày"].map((asked) => `${act} tối đa ${asked}`),
    ),
  ],
  fee: [
    // a sum paid, said "khoản" after a verb of paying ("xã có thu khoản nào không", "có khoản thu nào không", "tốn
    // những khoản gì", "phải trả khoản gì không"); not one received ("được hưởng những khoản gì": an allowance), nor
    // "khoản thu nhập" (income)
    ...["thu khoản", "khoản thu nào", "khoản thu gì", "tốn những khoản", "tốn khoản", "đóng những khoản"],
    ...["đóng khoản", "trả khoản", "trả những khoản"],
    "bao nhiêu tiền",
    "mất bao nhiêu",
    "hết bao nhiêu",
    "hết nhiêu",
    "nhiêu tiền",
    "tốn bao nhiêu",
    "phí bao nhiêu",
    "bao nhiêu",
    "lệ phí",
    "chi phí",
    "phí",
    "tiền",
    "giá bao nhiêu",
    // money in slang: "mất xèng ko ad", "tốn bao nhiêu xèng"
    "xèng",
    // whether it is dear or cheap: "có mắc không", "mắc hông" (Southern), "rẻ không", "tốn kém không", "is it expensive?"
    ...["có mắc không", "mắc không", "mắc hông", "mắc ko", "mắc lắm không", "có rẻ không", "rẻ không", "rẻ hông"],
    ...["tốn kém không", "có tốn kém", "tốn kém lắm", "expensive", "cheap", "pricey", "costly"],
    // an amount said in its unit: "mấy nghìn một trang", "bao nhiêu đồng", "giá nhiêu"
    "mấy nghìn",
    "mấy ngàn",
    "mấy trăm",
    "bao nhiêu nghìn",
    "bao nhiêu ngàn",
    "bao nhiêu đồng",
    "mấy đồng",
    "giá nhiêu",
    "giá mấy",
    "mất đồng nào",
    "có mất đồng nào",
    "có mất xu nào",
    "tốn đồng nào",
    "đóng đồng nào",
    "mất xu nào",
    "tốn xu nào",
    "có miễn phí",
    "được miễn phí",
    "miễn phí không",
    "miễn phí ko",
    "miễn phí k",
    "is it free",
    "free of charge",
    "có mất phí",
    "có mất tiền",
    "mất phí",
    "mất tiền",
    "tốn tiền",
    "tốn phí",
    "đóng bao nhiêu",
    "nộp bao nhiêu",
    "fee",
    "fees",
    "cost",
    "costs",
    "how much",
    "pay",
    "price",
    "charge",
    "free",
  ],
  documents: [
    "giấy tờ gì",
    "giấy tờ nào",
    "giấy tờ thế nào",
    "giấy tờ như thế nào",
    "giấy tờ ra sao",
    "có những gì",
    "có những giấy tờ gì",
    "những giấy tờ nào",
    "cần những giấy tờ gì",
    "cần những giấy tờ nào",
    "giấy tờ cần",
    "cần giấy tờ",
    "cần gì",
    "cần những gì",
    "cần mang",
    "mang theo gì",
    "mang gì",
    "mang theo",
    "chuẩn bị gì",
    "chuẩn bị những gì",
    "cần chuẩn bị",
    "chuẩn bị",
    "hồ sơ gồm",
    "hồ sơ cần",
    "hồ sơ gì",
    "hồ sơ những gì",
    "cần hồ sơ",
    "cần hồ sơ gì",
    "bộ hồ sơ",
    "thành phần hồ sơ",
    "gồm những gì",
    "gồm những giấy tờ gì",
    "gồm những giấy tờ nào",
    "gồm những gì",
    "gồm gì",
    "gồm có những gì",
    "gồm có gì",
    "gồm có những giấy tờ gì",
    "mấy bản",
    "bao nhiêu bản",
    "cần mấy bản",
    "nộp mấy bản",
    "hồ sơ như thế nào",
    "hồ sơ thế nào",
    "mẫu đơn",
    "tờ khai",
    "mẫu tờ khai",
    "biểu mẫu",
    "tải mẫu",
    "có mẫu",
    "mẫu giấy",
    "mẫu đơn ở đâu",
    "form",
    "forms",
    "documents",
    "document",
    "papers",
    "paperwork",
    "what do i need",
    // said of others than "I": "what do we need to make it official?", "what does my mother need", "what do they need"
    ...["what do we need", "what does she need", "what does he need", "what do they need", "what do you need"],
    ...["what does my mother need", "what does my father need", "what does my wife need", "what does my husband need"],
    // the portals' "Số lượng hồ sơ": how many sets of the dossier ("hồ sơ mấy bộ" is read from "hồ sơ")
    ...["số lượng hồ sơ", "mấy bộ hồ sơ", "bao nhiêu bộ hồ sơ"],
    // how many copies or photos, in English: "how many copies?", "how many photos do I bring"
    ...["how many copies", "how many photos", "how many sets", "how many pictures"],
    // what more is needed: "anything else I need?", "what else do I bring". Not "cần thêm gì": as a cue it left a
    // what-if's case to search alone ("nếu một bên đã ly hôn thì cần thêm gì" after kết hôn went to 2.000554, s13-follow)
    ...["anything else i need", "what else do i need"],
    ...["anything else to bring", "what else should i bring", "what else do i bring"],
    "what do i bring",
    "bring",
    "need to bring",
    "required documents",
    "should i bring",
    "must i bring",
    "have to bring",
    "what do i have to prepare",
    "what should i prepare",
    "prepare",
    "nộp gì",
    "cần nộp gì",
    "phải nộp gì",
    "nộp những gì",
    "cần nộp những gì",
    "cần có giấy",
    // a paper named as needed: "có cần hộ chiếu không", "cần cccd và hợp đồng thuê nhà"
    "cần cccd",
    "cần căn cước",
    "cần cmnd",
    "cần chứng minh thư",
    "cần hộ chiếu",
    "cần sổ hộ khẩu",
    "cần hộ khẩu",
    "cần ảnh",
    "cần giấy khai sinh",
    "cần sổ đỏ",
    "có cần cccd",
    "có cần căn cước",
    "có cần hộ chiếu",
    "cần làm giấy tờ gì",
    "làm giấy tờ gì",
    "làm những giấy tờ gì",
    "cần có",
    "có cần có",
    "cần giấy",
    "nộp bản gốc",
    "nộp lại bản gốc",
    "mang bản gốc",
    "mang bản chính",
    "xuất trình",
    "hồ sơ cần những gì",
    "hồ sơ gồm những gì",
    "cần những hồ sơ gì",
    "những hồ sơ gì",
    "hồ sơ nào",
    "giấy gì",
    "giấy nào",
    "cần đem",
    "đem theo",
    "đem gì",
    "mang những gì",
    "chuẩn bị hồ sơ",
    "cần bản",
    "cần hợp đồng",
    "cần xét nghiệm",
    // witnesses brought along are among what one brings ("có phải mang theo người làm chứng không"); witnesses needed
    // are a condition of the act (conditions: "có cần người làm chứng không")
    ...["mang theo người làm chứng", "đem theo người làm chứng", "mang người làm chứng", "đem người làm chứng"],
  ],
  online: [
    // an app or a website asked for, in English: "is there an app?", "any website for it?"
    ...["an app", "any app", "the app", "a website", "any website", "the website", "a web portal"],
    // the channels it is done through, as the portals ask: "thực hiện qua những kênh nào", "qua những cách thức nào"
    // ("Cách thức thực hiện thủ tục …" alone is how it is done, the steps)
    ...["qua những kênh nào", "qua kênh nào", "những kênh nào", "kênh nào", "qua những cách thức nào"],
    ...["qua cách thức nào", "qua những hình thức nào", "qua hình thức nào", "bằng hình thức nào", "hình thức nộp"],
    ...["which channels", "what channels", "which channel"],
    "online",
    "onl",
    "trực tuyến",
    "qua mạng",
    "trên mạng",
    "dịch vụ công",
    "cổng dịch vụ công",
    "vneid",
    "vn eid",
    "qua điện thoại",
    "trên điện thoại",
    "qua app",
    "trên app",
    "nộp mạng",
    "internet",
    "qua bưu điện",
    "bưu điện",
    "bưu chính",
    "qua bưu chính",
    "nộp từ xa",
    "public service portal",
    "portal",
    "electronically",
    "by post",
    "by mail",
    "via post",
    "post office",
    "e-government",
    // the app as the channel: "notify a guest's stay through the app"
    ...["through", "via", "on", "in", "using", "with"].flatMap((by) => [`${by} the app`, `${by} an app`]),
    "on my phone",
    // in person asked as the other channel: "ra phường làm trực tiếp được hông", "nộp trực tiếp hay online" ("do I
    // have to come in person" is who must be there: the conditions)
    ...["trực tiếp được không", "trực tiếp được ko"],
    ...["trực tiếp được hông", "trực tiếp hay online", "trực tiếp hay qua mạng"],
    "from my phone",
  ],
  place: [
    "ở đâu",
    "đâu",
    "chỗ nào",
    "nơi nào",
    "nộp ở đâu",
    "nộp đâu",
    "làm ở đâu",
    "đến đâu",
    "đi đâu",
    "địa chỉ",
    "nơi nộp",
    "nộp cho ai",
    "nộp hồ sơ cho ai",
    "cơ quan nào",
    "cơ quan nào thực hiện",
    "cơ quan nào giải quyết",
    "cơ quan nào cấp",
    "cơ quan thực hiện",
    "cơ quan giải quyết",
    "cơ quan có thẩm quyền",
    "thẩm quyền",
    "ai giải quyết",
    "ai cấp",
    "bộ phận nào",
    "where",
    "which office",
    "phường được không",
    "xã được không",
    "ủy ban được không",
    "ubnd được không",
    "công an được không",
    "phường có được không",
    "xã có được không",
    "phường nào",
    "xã nào",
    "xã khác",
    "phường khác",
    "nơi khác",
    "gửi ai",
    "gửi đến đâu",
    "nộp tại đâu",
    "nộp ở",
    "nộp tại",
    "hay ủy ban",
    "hay ubnd",
    "hay công an",
    "hay nơi",
    "hay tại",
    "hay ở",
    "bộ phận một cửa",
    "làm tại đâu",
    "nơi làm",
    "về quê",
    "ở quê",
    "làm ở đó",
    "làm ở đây",
    "nộp ở đó",
    "cấp ở đâu",
    "xin ở đâu",
    "liên hệ ai",
    // whom to tell or see is where it is handled: "thôi hưởng trợ cấp thì báo ai"
    "báo ai",
    "gặp ai",
    "tìm ai",
    "liên hệ ở đâu",
    "liên hệ cơ quan nào",
    "cơ quan nào có thẩm quyền",
    "ở cơ quan nào",
    "tại cơ quan nào",
    "nộp ở cơ quan nào",
    "who issues",
    "which authority",
    // whether it is the right office: "Is the ward the right place to certify a land sale contract?"
    ...["the right place", "the right office", "the correct office", "the right authority", "the right agency"],
    "where do i",
    "where can i",
    "gọi số nào",
    "số nào để",
    "gọi cho ai",
    "báo cho ai",
    "báo ở đâu",
    "liên hệ số nào",
    "số điện thoại nào",
    "which number",
    "any ward",
    "any commune",
    "another ward",
    "a different ward",
    "which ward",
    "which commune",
    "ở xã của",
    "ở phường của",
    "tại xã của",
    "tại phường của",
    "hay ra",
    "hay lên",
    "hay đến",
    "ở phường có",
    "ở xã có",
    "phường có làm",
    "xã có làm",
    "phường có nhận",
    "xã có nhận",
    "phường làm được không",
    "xã làm được không",
    // who decides or approves is the authority that handles it ("ai duyệt", "ai cấp", "ai ra quyết định")
    ...["ai duyệt", "ai xét duyệt", "ai phê duyệt", "ai cấp", "ai quyết định", "ai ra quyết định", "ai giải quyết"],
    ...["ai xử lý", "ai thụ lý", "ai có thẩm quyền", "who approves", "who decides", "who handles", "who processes"],
  ],
  conditions: [
    // a person needed beside the act, a witness or an interpreter: "có cần người làm chứng không", "lập di chúc có cần
    // ng làm chứng k", "có bắt buộc mang theo người phiên dịch không"
    ...[
      "cần người làm chứng",
      "cần ng làm chứng",
      "cần người phiên dịch",
      "theo người phiên dịch",
      "có người phiên dịch",
    ],
    ...["mang theo người phiên dịch", "đem theo người phiên dịch", "mang người phiên dịch", "need an interpreter"],
    // the office sent to the home is the mobile registration, for those who cannot come: "Ủy ban có đến tận nơi làm
    // khai tử lưu động không" ("nơi làm" is no place asked there)
    ...["đến tận nơi", "xuống tận nơi", "tới tận nơi", "về tận nơi"],
    // a threshold to reach, said with "được" (NEUTRAL reads "được bao nhiêu" as an allowance's amount): "bầu tổ
    // trưởng tổ hòa giải thì phải được bao nhiêu phiếu"
    ...["phiếu", "thành viên", "hội viên", "chữ ký", "phần trăm"].flatMap((counted) => [
      `được bao nhiêu ${counted}`,
      `được mấy ${counted}`,
    ]),
    // How long a paper stays valid is no processing time: the records state it among the conditions ("Giấy có
    // giá trị … 06 tháng kể từ ngày cấp"), as the law they quote does.
    "có thời hạn bao lâu",
    // when a procedure applies at all ("đăng ký lại khai tử áp dụng khi nào"): the case it is for
    "áp dụng khi nào",
    "có giá trị bao lâu",
    "giá trị bao lâu",
    "giá trị trong bao lâu",
    "có hiệu lực bao lâu",
    "hiệu lực bao lâu",
    "hiệu lực trong bao lâu",
    "thời hạn sử dụng",
    "dùng được bao lâu",
    "dùng được trong bao lâu",
    "sử dụng được bao lâu",
    "sử dụng được trong bao lâu",
    // the span counted in months or years: "giấy này dùng được mấy tháng", "có hiệu lực mấy năm", "xài được bao lâu"
    ...["có giá trị", "giá trị", "có hiệu lực", "hiệu lực", "dùng được", "sử dụng được", "xài được", "có thời hạn"]
      .flatMap((valid) =>
        ["mấy tháng", "mấy năm", "mấy ngày", "bao nhiêu tháng", "bao nhiêu năm"].map((n) => `${valid} ${n}`),
      )
      .concat(["xài được bao lâu", "xài được trong bao lâu"]),
    "bao lâu thì hết hạn",
    "bao lâu hết hạn",
    "bao lâu thì hết hiệu lực",
    "khi nào hết hạn",
    "khi nào thì hết hạn",
    "how long is it valid",
    "how long does it stay valid",
    "valid for how long",
    "điều kiện",
    "đủ điều kiện",
    "điều kiện gì",
    "yêu cầu gì",
    "ai được",
    "ai có quyền",
    "ai có thể",
    "đối tượng nào",
    "đối tượng thực hiện",
    "đối tượng áp dụng",
    "đối tượng được hưởng",
    "những ai",
    "có được không",
    "có được phép",
    "được phép",
    "có bắt buộc",
    "bắt buộc",
    "có phải",
    "có cần phải",
    "ai làm",
    "ai đi",
    "ai phải",
    "ai là người",
    "ai có trách nhiệm",
    "ai đứng tên",
    "ai được làm",
    "có mặt",
    "cần có mặt",
    "phải có mặt",
    "trực tiếp có mặt",
    "người nào được",
    "trường hợp nào",
    "những trường hợp nào",
    "có đủ điều kiện",
    "bao nhiêu tuổi",
    // a threshold of capital or turnover asks when one must register, not a fee
    "vốn bao nhiêu",
    "bao nhiêu vốn",
    "doanh thu bao nhiêu",
    "mấy tuổi",
    "đủ tuổi",
    "đủ bao nhiêu tuổi",
    "cần điều kiện gì",
    "có được làm",
    "làm được không",
    "quá hạn có bị phạt",
    "có bị phạt",
    "có sao không",
    "có sao ko",
    "bị phạt",
    "có được",
    "eligible",
    "eligibility",
    "conditions",
    "requirements",
    "who can",
    "am i allowed",
    "is it allowed",
    "do i have to",
    "must i",
    "mandatory",
    "compulsory",
    "obligatory",
    "required to",
    "is it required",
    "allowed",
    "permitted",
    "who may",
    // a threshold asked in number of people, members, votes or age: "cần mấy thành viên", "ít nhất bao nhiêu người"
    // (cut, so "cần mấy thành viên" after an answer asks nothing more; "bao nhiêu người" alone is read in readAround)
    ...["mấy", "ít nhất mấy", "ít nhất bao nhiêu", "tối thiểu mấy", "tối thiểu bao nhiêu", "tối thiểu là bao nhiêu"]
      .flatMap((asked) => THRESHOLDS.map((counted) => `${asked} ${counted}`))
      .filter((text) => text !== "mấy tuổi"),
    // what the office judges by: "tiêu chí thế nào", "xét theo tiêu chuẩn gì" (over the "thế nào" of the steps)
    ...["tiêu chí", "tiêu chuẩn", "tiêu chí gì", "tiêu chuẩn gì", "tiêu chí nào", "tiêu chuẩn nào"],
    // a penalty in English (eval/README: the conditions, no fee): "is there a fine if …", "any penalty if I'm late?",
    // "will I be fined?" ("fine" alone is "ok", bareSection; "is it fine if …" asks whether it is allowed)
    ...["a fine", "any fine", "the fine", "fined", "be fined", "get fined", "fine if", "penalty", "penalties"],
    ...["penalised", "penalized", "punished", "punishment"],
    // a limit the rules set, in English: "any age limit?", "is there an income limit?"
    ...["age limit", "age requirement", "minimum age", "income limit", "income threshold", "limit", "limits"],
    ...["minimum income", "maximum income", "income requirement", "income requirements", "income ceiling"],
    // a number of people the rules set, in English: "how many residents can a facility have", "how many members do we
    // need" (as "mấy thành viên")
    ...["people", "persons", "residents", "members", "signatures", "households", "participants", "believers"].map(
      (counted) => `how many ${counted}`,
    ),
    // who must, in English: "who has to declare?", "who needs to do this?"
    ...["who has to", "who needs to", "who must", "who should", "who is required", "who are required"],
    // whether one may stay unnamed (a denunciation): "có được giấu tên không", "có được giữ bí mật danh tính không"
    ...["giấu tên", "giữ bí mật", "bí mật danh tính", "giữ kín", "giấu danh tính", "ẩn danh", "anonymous"],
    ...["giữ bí mật danh tính", "giữ bí mật tên", "giữ kín danh tính", "giữ kín tên", "bảo mật danh tính"],
    ...["bảo vệ bí mật", "lộ danh tính", "lộ tên", "biết tên người tố cáo"],
    ...["anonymously", "keep my name secret", "keep my identity secret"],
    // who may, asked with "thì"/"mới"/"cũng" between: "ai thì được hỗ trợ", "người nào mới được hưởng"
    ...["ai thì được", "ai mới được", "ai cũng được", "ai sẽ được", "người nào thì được", "người nào mới được"],
  ],
  steps: [
    "như thế nào",
    "thế nào",
    "làm thế nào",
    "ra sao",
    "các bước",
    "trình tự",
    "quy trình",
    "cách làm",
    "cách thức",
    "cách",
    "hướng dẫn",
    "đặt lịch",
    "đặt lịch hẹn",
    "hẹn trước",
    "lấy số thứ tự",
    "làm như thế nào",
    "như nào",
    "làm như nào",
    "thực hiện như thế nào",
    "thủ tục như thế nào",
    "những bước nào",
    "bước nào",
    "mấy bước",
    "gồm những bước",
    "những bước",
    "bước gì",
    "lần lượt",
    // "làm từng bước sao": step by step
    "từng bước",
    // the first or next step: "xong rồi làm gì tiếp", "bước đầu tiên là gì", "trước tiên phải làm gì"
    ...["làm gì tiếp", "làm gì tiếp theo", "bước đầu tiên", "bước tiếp theo", "trước tiên phải làm gì"],
    ...["đầu tiên phải làm gì", "đầu tiên cần làm gì", "trước tiên cần làm gì"],
    "bằng cách nào",
    "cách nào",
    // where to begin is the first step: "where do I start?" (not the place; "bắt đầu từ đâu" is read in context)
    ...["where do i start", "where should i start", "where to start", "where do we start", "where do i begin"],
    ...["where should i begin", "where to begin", "where do we begin", "how do i start", "how to start"],
    "tiến hành",
    "what is the process",
    "how to",
    "how do i",
    "how can i",
    "how do we",
    "how can we",
    "how should i",
    "steps",
    "procedure",
    "process",
  ],
};

/**
 * A legal deadline asked ("thời hạn đăng ký khai tử là bao nhiêu ngày", "trong bao lâu phải khai sinh"):
 * conditions, and the days asked beside it in the same sentence are that deadline, not the office's time.
 */
const DEADLINE = [
  "trong bao nhiêu ngày phải",
  "trong bao lâu phải",
  "thời hạn phải",
  "hạn chót",
  "thời hạn đăng ký",
  "thời hạn đi đăng ký",
  "thời hạn đi",
  "thời hạn khai",
  "thời hạn làm",
  "kể từ khi",
  "kể từ ngày",
  "trước bao nhiêu ngày",
  // how long in advance ("nộp trước bao lâu", "báo trước mấy ngày"): a legal deadline, not the processing time
  "trước bao lâu",
  "trước mấy ngày",
  "trước mấy tháng",
  "trước bao nhiêu tháng",
  "how far in advance",
  "how long before",
  "trong thời hạn nào",
  "thời hạn nào",
  "trong vòng bao nhiêu ngày",
  "đi muộn",
  "đăng ký muộn",
  "làm muộn",
  "quá hạn",
  "trễ hạn",
  "bị phạt",
  "có bị phạt",
  "deadline",
  "khi nào phải",
  "bao lâu phải",
  "bao nhiêu ngày phải",
  "mấy ngày phải",
  "trong thời hạn bao lâu",
  "khi nào mới được",
  "khi nào mới làm",
  "bao giờ mới được",
  "bao giờ phải",
  "lúc nào phải",
  ...["chừng nào phải", "khi mô phải", "chừng nào thì phải"],
  // the time limit to complain or sue ("thời hiệu khiếu nại là bao lâu"): a legal deadline
  "thời hiệu",
  // when the office reviews or takes them ("mỗi năm xét lúc nào", "nộp lúc nào cũng được hay phải đợi đợt rà soát"):
  // the rules' time for it, not the office's wait
  ...["xét lúc nào", "xét khi nào", "xét vào lúc nào", "xét vào khi nào", "khi nào xét", "lúc nào xét", "bao giờ xét"],
  ...["lúc nào cũng được", "khi nào cũng được", "bất cứ lúc nào", "bất kỳ lúc nào", "đợt nào", "mấy đợt"],
  // late by some days, in English: "any penalty if I'm a few days late?"
  ...["a few days late", "few days late", "days late", "a day late", "weeks late", "months late", "a bit late"],
  ...["too late", "late registration"],
  // late, in English: "how late can I register?", "what if I'm late?"
  ...[
    "how late can",
    "if i'm late",
    "if we're late",
    "if i am late",
    "if we are late",
    "if it's late",
    "register late",
  ],
  // when to hand it in ("mỗi năm xét mấy lần, bao giờ thì nộp"): the rules' time for it, not the office's wait
  ...["bao giờ thì nộp", "khi nào thì nộp", "khi nào nộp", "bao giờ nộp", "lúc nào nộp", "lúc nào thì nộp"],
  ...["when should i submit", "when do i have to submit", "when must i submit", "when should we submit"],
  // how long at most or at least ("nghỉ tối đa được bao lâu", "tạm trú tối đa mấy năm"): a limit the rules set, the
  // conditions; the office's wait is asked with "mất"/"chờ" ("mất tối đa bao lâu" stays the time, WAITING_WORDS)
  ...["tối đa bao lâu", "tối đa được bao lâu", "tối đa là bao lâu", "được tối đa bao lâu", "tối thiểu bao lâu"],
  ...["tối thiểu là bao lâu", "tối đa mấy", "tối đa bao nhiêu ngày", "tối đa bao nhiêu tháng", "tối đa bao nhiêu năm"],
  ...["tối thiểu mấy", "tối thiểu bao nhiêu ngày", "tối thiểu bao nhiêu tháng", "tối thiểu bao nhiêu năm"],
  ...["how long at most", "maximum how long", "for how long can", "how long can i", "how long can we"],
];

/**
 * A question that asks for the procedure as a whole ("phải làm thủ tục gì", "cần làm gì"): the sentence
 * that says it is the question, so a paper named in the story before it ("cần giấy tờ chứng minh") is no
 * documents question.
 */
const ASKS_WHOLE = [
  "làm thủ tục gì",
  "phải làm thủ tục gì",
  "thủ tục gì",
  "thủ tục nào",
  "làm gì",
  "phải làm gì",
  "cần làm gì",
  "phải làm sao",
  "làm sao",
  "làm thế nào để có",
  "what should i do",
];

/**
 * A paper the citizen lacks ("không có giấy chứng sinh thì … được không"): asks whether it is needed,
 * unless the sentence asks something else ("chưa có giấy khai sinh … đăng ký ở đâu").
 */
const LACKS_PAPER = ["không có giấy", "chưa có giấy", "thiếu giấy", "không có bản", "chưa có bản"];

/** "giấy tờ" alone is often a thing in the story ("cấp sai giấy tờ"): it asks documents only when nothing else is asked. */
const WEAK_DOCUMENTS = ["giấy tờ"];

/**
 * A paper named after a word of needing or bringing ("có phải nộp ảnh thẻ không", "phải có hợp đồng thuê
 * nhà không", "kèm bản sao căn cước"): a documents question even when put as yes/no, but not when the
 * sentence asks another section ("phải nộp giấy đó ở đâu"). Only the need word is cut: the paper stays content.
 */
const NEEDS = [
  ...["cần", "có cần", "phải", "phải có", "cần có", "nộp", "phải nộp", "cần nộp", "mang", "kèm", "kèm theo", "đem"],
  ...["need", "bring", "need to bring", "need to show"],
  // a paper lacked, in English: "what if I don't have a birth certificate" (not "I don't have a job")
  ...["don't have", "do not have", "haven't got"],
];
const PAPERS = [
  "giấy",
  "bản chính",
  "bản gốc",
  "bản sao",
  "bản photo",
  "photo",
  "sao y",
  "bản dịch",
  "sổ hộ khẩu",
  "sổ đỏ",
  "sổ hồng",
  "sổ hộ tịch",
  "ảnh",
  "hình thẻ",
  "hợp đồng",
  "căn cước",
  "cccd",
  "cmnd",
  "hộ chiếu",
  "chứng minh",
  "tờ khai",
  "biên lai",
  // English, after "need", "bring": a licence or permit needed is a condition, not a paper to bring
  ...["my", "a", "an", "the", "our"].flatMap((article) =>
    [
      "passport",
      "photo",
      "photos",
      "copy",
      "copies",
      "original",
      "id",
      "certificate",
      "birth certificate",
      "witness",
    ].map((paper) => `${article} ${paper}`),
  ),
];

/**
 * An English paper named a few words after a need ("do I need my landlord's paper?", "do I need a letter from my
 * employer?", "do we need a written agreement …"): the papers, as "need a passport" is. Not a fee, a person or an
 * act needed ("need to pay", "need my wife to come"), nor a licence or permit (a condition: PAPERS).
 */
const ENGLISH_PAPERS = new Set(
  ["paper", "papers", "letter", "consent", "contract", "form", "proof", "declaration", "statement", "confirmation"]
    .concat(["certificate", "translation", "receipt", "agreement", "document", "documents", "id", "passport"])
    .concat(["copy", "copies", "photo", "photos", "card", "book", "deed"])
    // a third party's signature or stamp on a paper: "do I need the hospital's signature?", "do we need the landlord's stamp"
    .concat(["signature", "signatures", "stamp", "seal"]),
);
const NEED_SAID = new Set(["need", "bring", "show"]);
/** A mark a third party puts on a paper, whose name may run longer ("the village head's stamp"). */
const MARKS_ON_PAPER = new Set(["signature", "signatures", "stamp", "seal"]);

/**
 * Lateness supposed in English: "if I'm a few days late", "if we register after 60 days", "if we miss the deadline",
 * "if it's overdue": a deadline missed (the conditions, eval/README), cut whole so that "any penalty if I'm a few days
 * late?" after an answer asks nothing more. Returns how many words it spans from `at` ("if"), or 0.
 */
/**
 * A deadline passed by some days, told as the case: "quá 60 ngày mới đi khai thì sao", "trễ 5 ngày có sao không",
 * "muộn hai tháng": the conditions (eval/README), cut whole. The office late after it ("quá 5 ngày mà chưa có kết
 * quả") is turned into the time by readAround, as "quá hạn không trả lời" is. Returns the words it spans, or 0.
 */
const OVER = phrase("quá trễ muộn");
const COUNTS = new Set(tokenize("mấy vài hai ba bốn năm sáu bảy tám chín mười mươi một"));
const SPANS = new Set(tokenize("ngày tháng năm tuần hôm bữa"));
function overdueBy(spelled: readonly Word[], at: number, mode: "exact" | "typed"): number {
  const w = spelled[at];
  if (!w || !OVER.some((o) => o.token === w.token && (w.marks === o.marks || (mode === "typed" && w.marks === ""))))
    return 0;
  // "chờ quá 2 tuần rồi": the wait, not a deadline
  if (WAITING_WORDS.has(spelled[at - 1]?.token ?? "")) return 0;
  let k = at + 1;
  while (k < at + 3 && (/^\d+$/.test(spelled[k]?.token ?? "") || COUNTS.has(spelled[k]?.token ?? ""))) k++;
  if (k === at + 1 || !SPANS.has(spelled[k]?.token ?? "")) return 0;
  return k + 1 - at;
}

/**
 * "đắt không", "có đắt lắm không": whether it is dear, the fee. Only "đắt" typed with its accents ("đất không" is land).
 */
const DAT = phrase("đắt")[0] as Word;
const DEAR_AFTER = new Set(tokenize("không ko hông lắm quá"));
function dearAsked<T extends Word>(
  spelled: readonly Word[],
  cues: Cue[],
  rest: T[],
  sentenceAt: (k: number) => number,
): void {
  for (let k = 0; k < spelled.length; k++) {
    const w = spelled[k] as Word;
    if (w.token !== DAT.token || w.marks !== DAT.marks || !DEAR_AFTER.has(spelled[k + 1]?.token ?? "")) continue;
    cues.push({
      intent: "fee",
      tokens: [w.token],
      sentence: sentenceAt(k),
      clause: clauseAt(spelled, k),
      at: k,
      end: k + 1,
    });
    const at = rest.indexOf(w as T);
    if (at >= 0) rest.splice(at, 1);
  }
}

/**
 * One paper or another ("photo công chứng được không hay phải bản chính", "bản gốc hay bản sao"): which paper will do,
 * the papers. The second paper within three words after "hay"/"hoặc".
 */
const OR = new Set(tokenize("hay hoặc"));
/** Words between the first paper and "hay": how it is made or whether it will do ("photo công chứng được không hay"). */
const WHETHER_USED = new Set(tokenize("công chứng thực sao y được không ko k có dùng thay là thôi cũng nộp"));
/** Words between "hay" and the second paper: "hay phải bản chính", "hay cần bản gốc". */
const NEEDED_INSTEAD = new Set(tokenize("phải cần là nộp mang dùng bắt buộc"));
function paperOrPaper(
  spelled: readonly Word[],
  cues: Cue[],
  mode: "exact" | "typed",
  sentenceAt: (k: number) => number,
): void {
  for (let k = 0; k < spelled.length; k++) {
    const first = paperMap.entryAt(spelled, k, mode);
    if (!first) continue;
    const sentence = sentenceNo(spelled, k);
    let or = k + first.from.length;
    while (or < k + 8 && WHETHER_USED.has(spelled[or]?.token ?? "")) or++;
    if (!OR.has(spelled[or]?.token ?? "") || sentenceNo(spelled, or) !== sentence) continue;
    let j = or + 1;
    while (j < or + 3 && NEEDED_INSTEAD.has(spelled[j]?.token ?? "")) j++;
    const second = paperMap.entryAt(spelled, j, mode);
    if (!second || second.from.map((w) => w.token).join(" ") === first.from.map((w) => w.token).join(" ")) continue;
    // "… được không hay phải …": the whether is the choice of paper, not a condition of its own
    for (const c of cues)
      if (!c.paper && c.intent === "conditions" && (c.at ?? -1) > k && (c.at ?? -1) < j) c.mute = true;
    cues.push({ intent: "documents", tokens: [], sentence: sentenceAt(j), paper: true, at: j, end: j });
    return;
  }
}

/**
 * "who has to declare?", "who needs to register it?", "who can apply for this": the act asked after "who must" (a verb,
 * a pronoun at most, then the sentence ends) is the procedure at hand's own, asked whole; it names nothing to search.
 */
const WHO_MUST = new Set(
  ["who has to", "who needs to", "who must", "who should", "who can", "who may", "who is required", "who are required"]
    .concat(["who is eligible to", "who is allowed to"])
    .map((text) => tokenize(text).join(" ")),
);
const POINTED = new Set(["it", "this", "that", "one", "for", "to", "so", "do", "the", "procedure"]);
function whoMustAct<T extends Word>(spelled: readonly Word[], cues: readonly Cue[], rest: T[]): void {
  for (const cue of cues) {
    if (cue.mute || cue.end === undefined || !WHO_MUST.has(cue.tokens.join(" "))) continue;
    const sentence = sentenceNo(spelled, cue.end - 1);
    const after: Word[] = [];
    for (let k = cue.end; k < spelled.length && sentenceNo(spelled, k) === sentence; k++)
      after.push(spelled[k] as Word);
    if (after.length === 0 || after.length > 4 || after.some((w) => w.marks !== "")) continue;
    const verbs = after.filter((w) => !POINTED.has(w.token));
    if (verbs.length > 1) continue;
    for (let k = rest.length - 1; k >= 0; k--) if (after.includes(rest[k] as Word)) rest.splice(k, 1);
  }
}

/** Where a "not doing it" said after "if <someone>" ends ("don't register", "never go", "forget to"), or 0. */
const NOT_DONE = new Set(["never", "forget", "forgot", "fail", "failed", "miss", "missed"]);
const LACKS = new Set(["have", "has", "own", "hold"]);
function notDoing(spelled: readonly Word[], from: number): number {
  let k = from;
  if (["do", "did", "does"].includes(spelled[k]?.token ?? "") && spelled[k + 1]?.token === "not") k += 2;
  else if (["don", "didn", "doesn"].includes(spelled[k]?.token ?? "") && spelled[k + 1]?.token === "t") k += 2;
  else if (NOT_DONE.has(spelled[k]?.token ?? "")) k += 1;
  else return 0;
  if (spelled[k]?.token === "to") k++;
  const verb = spelled[k];
  if (verb?.marks !== "" || LACKS.has(verb.token) || clauseAt(spelled, k) !== clauseAt(spelled, from)) return 0;
  return k + 1;
}
const SUPPOSERS = new Set(["i", "we", "you", "he", "she", "they", "it", "my", "our", "someone"]);
const LATE_ENDS = new Set(["late", "later", "overdue", "deadline", "expired", "expires"]);
const PERIODS = new Set(["day", "days", "week", "weeks", "month", "months", "year", "years"]);
function lateSupposed(spelled: readonly Word[], at: number): number {
  const first = spelled[at];
  if (first?.token !== "if" || first.marks !== "" || !SUPPOSERS.has(spelled[at + 1]?.token ?? "")) return 0;
  // "what if I don't register at all?", "if we never do it": not doing it, a condition (not "don't have" a paper)
  const not = notDoing(spelled, at + 2);
  if (not > 0) return not - at;
  for (let k = at + 2; k < at + 9 && k < spelled.length; k++) {
    const w = spelled[k] as Word;
    if (w.marks !== "" || clauseAt(spelled, k) !== clauseAt(spelled, at)) return 0;
    if (LATE_ENDS.has(w.token)) return k - at + 1;
    // "after 60 days", "after two weeks", "after the 60 days"
    if (PERIODS.has(w.token) && spelled.slice(at + 2, k).some((b) => b.token === "after")) return k - at + 1;
  }
  return 0;
}
/**
 * A case supposed in English: "what happens if we report it late?", "what if the father is away working abroad?",
 * "what if my fiancée can't come?": what follows in the rules is the conditions (eval/README: "what if we miss the
 * deadline?"). The frame ("what happens if", "what if") names nothing and is cut; the case after it stays content
 * (a lateness after it is cut by lateSupposed, read next). "what happens after we submit (it)?", "what happens once I
 * apply?": the steps, cut whole when only the act of applying follows. Returns the section and the words it spans
 * from `at`, or undefined.
 */
const AFTER_WORDS = new Set(["after", "once", "when"]);
const APPLYING = new Set(
  ["i", "we", "you", "they", "it", "that", "this", "the", "my", "our", "have", "ve", "submit", "submitted", "apply"]
    .concat(["applied", "file", "filed", "send", "sent", "hand", "handed", "in", "application", "papers", "documents"])
    .concat(["form", "dossier", "request", "register", "registered", "pay", "paid", "do", "done", "everything"]),
);
const NOT_SO = new Set(
  ["not", "t", "no", "never", "cannot", "without", "away", "absent", "abroad", "late", "before", "lost", "missing"]
    .concat([
      "refuse",
      "refuses",
      "refused",
      "disagree",
      "disagrees",
      "object",
      "objects",
      "dead",
      "died",
      "sick",
      "ill",
    ])
    .concat(["bedridden", "unable", "only", "alone", "miss", "missed", "expired", "forget", "forgot", "fail", "failed"])
    // nobody there, a state that lasts or comes late: "what if nobody in the family can go?", "what if my fiancé is
    // still married on paper?", "what if the mother comes back later?"
    .concat(["nobody", "noone", "neither", "nor", "still", "later", "yet", "unknown", "wrong", "mistake"])
    // someone living or registered elsewhere: "what if the guardian lives in another province?"
    .concat(["another", "elsewhere", "different", "outside"]),
);
function supposedFrame(spelled: readonly Word[], at: number): { intent: Intent; span: number } | undefined {
  // (Read at every word of every message: a plain function, no closure made per call.)
  if (!englishAt(spelled, at, "what")) return undefined;
  const happens = englishAt(spelled, at + 1, "happens") || englishAt(spelled, at + 1, "happen");
  const next = at + (happens ? 2 : 1);
  const word = spelled[next];
  if (word?.marks !== "" || clauseAt(spelled, next) !== clauseAt(spelled, at)) return undefined;
  if (word.token === "if") {
    // "what if I'm late": the lateness is read (and cut) from "if" on
    if (lateSupposed(spelled, next) > 0) return { intent: "conditions", span: next - at };
    // something not done, missing or out of turn is what the rules say (the conditions); a state of the case
    // ("what if my wife is Korean") asks the procedure for that case as a whole, as "nếu … thì sao" does
    let lacking = false;
    for (let k = next + 1; k < spelled.length && sentenceNo(spelled, k) === sentenceNo(spelled, at); k++) {
      if (spelled[k]?.marks === "" && NOT_SO.has(spelled[k]?.token ?? "")) lacking = true;
    }
    return { intent: lacking ? "conditions" : "general", span: next - at + 1 };
  }
  // "what happens next?": the steps, nothing left
  if (happens && word.token === "next") return { intent: "steps", span: next - at + 1 };
  if (!happens || !AFTER_WORDS.has(word.token)) return undefined;
  let end = next + 1;
  while (end < spelled.length && clauseAt(spelled, end) === clauseAt(spelled, at) && spelled[end]?.marks === "") {
    if (!APPLYING.has(spelled[end]?.token ?? "")) return { intent: "steps", span: next - at + 1 };
    end++;
  }
  return { intent: "steps", span: end - at };
}
/** Whether the word at `k` is `token` typed without accents (an English word). */
function englishAt(spelled: readonly Word[], k: number, token: string): boolean {
  return spelled[k]?.token === token && spelled[k]?.marks === "";
}
/**
 * "what if my landlord still refuses to sign the form?": a paper named inside a case supposed (its clause, after "what
 * if") is part of the case, not a papers question; the case is what the rules answer (the conditions).
 */
function caseSupposed(spelled: readonly Word[], cues: Cue[]): void {
  for (const frame of cues) {
    if (frame.mute || frame.intent !== "conditions" || frame.tokens[0] !== "what" || frame.at === undefined) continue;
    const clause = clauseAt(spelled, frame.at);
    for (const c of cues) {
      if (c.intent !== "documents" || c.at === undefined || c.at < (frame.end ?? frame.at)) continue;
      if (clauseAt(spelled, c.at) !== clause || sentenceNo(spelled, c.at) !== sentenceNo(spelled, frame.at)) continue;
      // someone acting on the paper ("refuses to sign the form", "won't stamp the letter"); a paper one lacks ("what if
      // I don't have a birth certificate") still asks the papers
      const acted = spelled.slice(frame.end ?? frame.at, c.at).some((w) => ACTS_ON_PAPER.has(w.token));
      if (acted) c.mute = true;
    }
  }
}
const ACTS_ON_PAPER = new Set(
  ["sign", "signs", "stamp", "stamps", "approve", "approves", "accept", "accepts", "certify", "certifies"].concat([
    "fill",
    "fills",
  ]),
);
/**
 * "tiệm em ở đầu chợ", "nhà em ở đầu ngõ": "đầu" typed with its grave is the head of a street, no "đâu" (the chat
 * spellings read "ở dau" loosely as "ở đâu": the word as typed decides; a slip "ở đau" still asks where).
 */
const DAU_HEAD = phrase("đầu")[0] as Word;
function headOfStreet(spelled: readonly Word[], input: readonly Word[], cues: Cue[]): void {
  for (const cue of cues) {
    if (cue.mute || cue.intent !== "place" || cue.at === undefined || !cue.tokens.includes("dau")) continue;
    const said = spelled[cue.at + cue.tokens.indexOf("dau")] as (Word & { at?: number }) | undefined;
    // a phrase the chat spellings rewrote carries its first word's place: the typed "dau" is at most a word after it
    const from = said?.at ?? -1;
    const typed = input.find((w) => {
      const at = (w as Word & { at?: number }).at ?? -2;
      return w.token === "dau" && at >= from && at <= from + 1;
    });
    if (typed && typed.marks === DAU_HEAD.marks) cue.mute = true;
  }
}
function namesPaperSoon(spelled: readonly Word[], from: number): boolean {
  const start = spelled[from - 1];
  if (start?.marks !== "" || !NEED_SAID.has(start.token)) return false;
  // "do we need the village head's stamp …": a third party's name may run to five words before the paper
  for (let k = from; k < from + 6 && k < spelled.length; k++) {
    const w = spelled[k] as Word;
    if (w.marks !== "" || clauseAt(spelled, k) !== clauseAt(spelled, from - 1) || w.token === "to") return false;
    if (ENGLISH_PAPERS.has(w.token) && (k < from + 4 || MARKS_ON_PAPER.has(w.token))) return true;
  }
  return false;
}

/** One English word said alone for a section: "place?", "what about the address?", "and the hours?" ("fine" alone is "ok"). */
const BARE_SECTIONS: Record<string, Intent> = {
  place: "place",
  location: "place",
  address: "place",
  hours: "place",
  time: "time",
};
const BARE_FRAME = new Set(["and", "the", "what", "about", "its", "it", "s", "any", "a", "is", "there", "so"]);
function bareSection(spelled: readonly Word[]): Intent | undefined {
  const said = spelled.filter((w) => !BARE_FRAME.has(w.token));
  const word = said[0];
  if (said.length !== 1 || !word || word.marks !== "") return undefined;
  // "what time is it": the hour of the day, no section
  if (spelled[spelled.indexOf(word) - 1]?.token === "what") return undefined;
  return Object.hasOwn(BARE_SECTIONS, word.token) ? BARE_SECTIONS[word.token] : undefined;
}

/**
 * "What time does the ward office open on Saturday? I need a copy certified from the original.": a sentence that
 * states what one needs ("I need a copy …", told, no question word) after a sentence that asks is the errand, not a
 * papers question; "Do I need a copy?", "What do I need?" still ask.
 */
const STATING = new Set(["i", "we"]);
function statedNeed(spelled: readonly Word[], cues: Cue[]): void {
  for (const cue of cues) {
    if (!cue.paper || cue.tokens.join(" ") !== "need" || cue.at === undefined) continue;
    const sentence = sentenceNo(spelled, cue.at);
    let start = cue.at;
    while (start > 0 && sentenceNo(spelled, start - 1) === sentence) start--;
    if (start === 0 || cue.at - start !== 1 || !STATING.has(spelled[start]?.token ?? "")) continue;
    if (cues.some((c) => c !== cue && !c.mute && c.at !== undefined && sentenceNo(spelled, c.at) < sentence))
      cue.mute = true;
  }
}

/** "nộp cho ai", "gửi hồ sơ cho ai" ask where; "trợ cấp cho ai" asks who may have it. */
const FOR_WHOM = ["cho ai"];
const SENDING = new Set(tokenize("nộp gửi đưa chuyển báo"));
/** Forms named by their noun: what is sent when a place to send it is asked right after. */
const FORM_NOUNS = new Set(["to khai", "mau don", "mau to khai", "bieu mau", "form", "forms"]);

/**
 * A yes/no question that names an office ("có thể xin giấy xác nhận cư trú tại công an phường không") asks
 * whether it is done there: place. Not a place where something was done before ("đã chứng thực ở xã",
 * "từ bản lưu ở xã").
 */
const AT_OFFICE = [
  "phường",
  "xã",
  "ủy ban",
  "ubnd",
  "công an",
  "bộ phận",
  "nơi",
  "quận",
  "huyện",
  "thị trấn",
  "trung tâm",
  // "ra ubnd xã chứng thực đc ko": going there to have it done
].flatMap((office) => [`ở ${office}`, `tại ${office}`, `ra ${office}`]);
// "bản lưu ở xã": where a paper is kept
const BEFORE_DONE = phrase("đã từ lưu");
/** One of BEFORE_DONE as typed: with accents, its own ("khai tử ở phường" is no "từ"). */
function doneBefore(w: Word, mode: "exact" | "typed"): boolean {
  return BEFORE_DONE.some((d) => d.token === w.token && (mode === "typed" || w.marks === "" || w.marks === d.marks));
}

/**
 * Polite closings of a letter ("anh chị hướng dẫn giúp em với", "mong được giải đáp"): they ask for steps
 * only when nothing before them asks anything more specific.
 */
const CLOSINGS = [
  "hướng dẫn giúp",
  "hướng dẫn giúp em",
  "hướng dẫn giúp tôi",
  "hướng dẫn giúp mình",
  "hướng dẫn giùm",
  "xin hướng dẫn",
  "mong được hướng dẫn",
  "mong được giải đáp",
  "xin giải đáp",
  "giải đáp giúp",
  "tư vấn giúp",
  "mong được tư vấn",
  "xin tư vấn",
  // asked for help or advice with no section named ("nhờ tư vấn giúp", "tôi muốn được hướng dẫn về thủ tục …", "xin
  // hướng dẫn về việc …"), in English too ("could you explain …", "tell me about that procedure"): the whole of it
  ...["nhờ hướng dẫn", "nhờ tư vấn", "tư vấn giùm", "được hướng dẫn", "hướng dẫn về", "được tư vấn", "tư vấn về"],
  ...["tell me about", "explain"],
];

// Look like cues but name the thing asked about: "đổi địa chỉ hộ kinh doanh" is not "where",
// "lần đầu" is not "đâu", "chuyển đi nơi khác" is residence, "bản sao giấy tờ" is a copy.
const NOT_CUES = [
  // words of procedures' own names: "giấy chứng nhận đủ điều kiện về an ninh, trật tự", "… cửa hàng bán lẻ LPG chai",
  // "xác nhận về điều kiện diện tích bình quân nhà ở", "tiếp tục kinh doanh trước thời hạn đã thông báo": said as the
  // name they ask nothing ("điều kiện gì", "cần điều kiện gì" beside them still ask)
  ...["chứng nhận đủ điều kiện", "chứng nhận đủ đk", "xác nhận điều kiện", "xác nhận về điều kiện"],
  ...["kinh doanh trước thời hạn"],
  // "bây giờ" (now) is not "bao giờ" (when): known as written, so it is never repaired into the cue
  "bây giờ",
  "giờ đây",
  // a workplace is no place asked: "đăng ký tạm trú ở nơi làm việc"
  "nơi làm việc",
  "chỗ làm",
  "copies of documents",
  "copy of documents",
  "certify documents",
  "đổi địa chỉ",
  "thay đổi địa chỉ",
  "chuyển địa chỉ",
  "sửa địa chỉ",
  "lần đầu",
  "đầu tiên",
  "ban đầu",
  "mai táng phí",
  "giá thú",
  "đóng dấu",
  "con dấu",
  "bắt đầu",
  "bản sao giấy tờ",
  "chứng thực giấy tờ",
  "công chứng giấy tờ",
  "sao y giấy tờ",
  "giấy tờ cá nhân",
  "giấy tờ tùy thân",
  "giấy tờ nhà đất",
  "giấy tờ đất",
  "mất giấy tờ",
  "mất cả giấy tờ",
  "mất hết giấy tờ",
  "giấy tờ gốc",
  "bị mất giấy tờ",
  "chứng thực bản chính",
  "sao từ bản chính",
  "từ bản chính",
  "chưa bao giờ",
  "sai dấu",
  "ghi sai dấu",
  "làm giấy tờ",
  "bán hàng online",
  "bán online",
  "học phí",
  "viện phí",
  "tiền thờ cúng",
  "chi phí mai táng",
  "hỗ trợ chi phí",
  "nhận tiền",
  // money the citizen receives (an allowance, a support) is what is asked for, not a fee to pay
  "hỗ trợ tiền",
  "tiền hỗ trợ",
  "tiền trợ cấp",
  "lãnh tiền",
  "lĩnh tiền",
  "xin tiền",
  "được tiền",
  "tiền tuất",
  "tiền học",
  "tiền hương khói",
  "tiền mai táng",
  "tiền hưu",
  "tiền lương",
  "tiền thưởng",
  "tiền điện",
  "tiền nước",
  "tiền thuê",
  "tiền sử dụng đất",
  "miễn phí",
  // a thing left undone for long is the story, not the wait asked: "có bị phạt vì để lâu không"
  "để lâu",
  "để quá lâu",
  // money lacked or borrowed is the story: "chưa khởi công được vì thiếu tiền", "vay tiền mở quán"
  "thiếu tiền",
  "không đủ tiền",
  "không có tiền",
  "vay tiền",
  "mượn tiền",
];

/** Removed from the query but naming no section: the amount of an allowance is the allowance itself. */
const NEUTRAL = [
  // "bằng cách từ chối nhận di sản" (by), "cách đây hai năm" (ago), "cách xa": no "cách" (how)
  "bằng cách",
  "cách đây",
  "cách xa",
  "cách nhau",
  // "còn kết hôn thì sao": asks about it, and "sao" is no copy (bản sao).
  "thì sao",
  "thế thì sao",
  "vậy thì sao",
  "được bao nhiêu",
  "được hưởng bao nhiêu",
  "hưởng bao nhiêu",
  "bao nhiêu một tháng",
  "mỗi tháng bao nhiêu",
  "mức hỗ trợ là bao nhiêu",
  "hỗ trợ bao nhiêu tiền",
  "trợ cấp bao nhiêu tiền",
  "được bao nhiêu tiền",
  "mức hỗ trợ bao nhiêu",
  "hỗ trợ bao nhiêu",
  "hỗ trợ là bao nhiêu",
  "mức trợ cấp là bao nhiêu",
  "mức trợ cấp bao nhiêu",
  "trợ cấp bao nhiêu",
  "mức hỗ trợ",
  "mức trợ cấp",
  "mức hưởng",
  "how much money",
  "how much support",
  // what is sent says nothing of the section: "submit the documents by post" asks the channel
  "submit the documents",
  "send the documents",
  "submit documents",
  "send documents",
  "submit my documents",
];

const DEADLINE_MARK = "conditions-deadline";
const PAPER_MARK = "documents-paper";
const FOR_WHOM_MARK = "for-whom";
const CLOSING_MARK = "steps-closing";
const LACKS_MARK = "documents-lacking";
const ASK_MARK = "ask";
/** Where a letter turns to its question; removed like the filler they are. */
const ASKING = [
  "xin hỏi",
  "cho hỏi",
  "cho tôi hỏi",
  "cho em hỏi",
  "cho mình hỏi",
  "cho cháu hỏi",
  "xin cho hỏi",
  "muốn hỏi",
  "tôi muốn hỏi",
];
const MARKED: Record<string, Intent> = {
  [DEADLINE_MARK]: "conditions",
  [CLOSING_MARK]: "steps",
  [LACKS_MARK]: "documents",
};

// When a question carries several cues, the more specific section wins; "thế nào" beside a yes/no or a
// "who" in one sentence asks how (the yes/no is often the story: "ai làm chủ hộ mới, thủ tục thế nào").
const PRIORITY: Intent[] = ["time", "fee", "documents", "online", "place", "steps", "conditions"];

const cueMap = new PhraseMap();
for (const text of NOT_CUES) cueMap.add(phrase(text), []);
for (const text of NEUTRAL) cueMap.add(phrase(text), plain(["-"]));
for (const [intent, phrases] of Object.entries(CUES)) {
  for (const text of phrases) cueMap.add(phrase(text), plain([intent]));
}
for (const text of DEADLINE) cueMap.add(phrase(text), plain([DEADLINE_MARK]));
for (const text of ASKS_WHOLE) cueMap.add(phrase(text), plain(["general"]));
for (const text of CLOSINGS) cueMap.add(phrase(text), plain([CLOSING_MARK]));
for (const text of LACKS_PAPER) cueMap.add(phrase(text), plain([LACKS_MARK]));
for (const text of WEAK_DOCUMENTS) cueMap.add(phrase(text), plain([LACKS_MARK]));
for (const text of FOR_WHOM) cueMap.add(phrase(text), plain([FOR_WHOM_MARK]));
const needMap = new PhraseMap();
for (const text of NEEDS) needMap.add(phrase(text), plain([PAPER_MARK]));
const paperMap = new PhraseMap();
for (const text of PAPERS) paperMap.add(phrase(text), plain(["paper"]));
const officeMap = new PhraseMap();
for (const text of AT_OFFICE) officeMap.add(phrase(text), plain(["office"]));
for (const text of ASKING) cueMap.add(phrase(text), plain([ASK_MARK]));

/**
 * A section cue found in a message: the section, its words (folded) and the sentence it stands in.
 * `general` marks a question for the procedure as a whole; `deadline` a legal deadline asked (conditions);
 * `closing` a polite closing that asks for steps only when nothing else is asked.
 */
export interface Cue {
  intent: Intent;
  tokens: string[];
  sentence: number;
  deadline?: boolean;
  closing?: boolean;
  /** Counts only when its sentence asks nothing else. */
  weak?: boolean;
  /** A paper named as needed: documents over a yes/no (conditions), not over another section. */
  paper?: boolean;
  /** The clause it stands in, when the words carry one (running text). */
  clause?: number;
  /** Where its words stand in the message read (first, past the last). */
  at?: number;
  end?: number;
  /** Read from words that stay content (intent-context.ts): no word of it was cut from the query. */
  kept?: boolean;
  /** Part of the story or of a name in its context ("mặt tiền", "sang phường khác"): asks nothing. */
  mute?: boolean;
  /** Followed by its own question word ("cần giấy tờ gì"): it asks, whatever else is asked beside it. */
  asks?: boolean;
}

/**
 * Detects the section asked and returns the words with the cue phrases removed.
 * Reads chat spellings first ("cần j" → "cần gì"). In a message typed with accents, an
 * unaccented word is taken as written ("phi" is not "phí").
 */
export function extractIntent<T extends Word>(
  input: readonly T[],
  /** `inContext: false` skips intent-context.ts: the words left and `cued` must not depend on it (tested). */
  options: { inContext?: boolean } = {},
): { intent: Intent; rest: T[]; cued: boolean; cues: Cue[] } {
  const spelled = unchat(input);
  const mode = typedWithAccents(spelled) ? "exact" : "typed";
  const rest: T[] = [];
  const cues: Cue[] = [];
  // "Nay làm hồ sơ cần giấy khai sinh, xin hỏi tôi có thể … không?": what follows "xin hỏi" is the question.
  let asking: { sentence: number; at: number } | undefined;
  const sentenceAt = (k: number) => {
    const sentence = (spelled[k] as Word & { sentence?: number }).sentence ?? 0;
    return asking && asking.sentence === sentence && k > asking.at ? sentence + 0.5 : sentence;
  };
  for (let i = openingWords(spelled); i < spelled.length; ) {
    const entry = cueMap.entryAt(spelled, i, mode);
    const need = entry ? undefined : needMap.entryAt(spelled, i, mode);
    const supposed = entry || need ? undefined : supposedFrame(spelled, i);
    if (supposed) {
      cues.push({
        intent: supposed.intent,
        tokens: spelled.slice(i, i + supposed.span).map((w) => w.token),
        sentence: sentenceAt(i),
        clause: clauseAt(spelled, i),
        at: i,
        end: i + supposed.span,
      });
      i += supposed.span;
      continue;
    }
    const late = entry || need ? 0 : lateSupposed(spelled, i) || overdueBy(spelled, i, mode);
    if (late > 0) {
      cues.push({
        intent: "conditions",
        tokens: spelled.slice(i, i + late).map((w) => w.token),
        sentence: sentenceAt(i),
        clause: clauseAt(spelled, i),
        deadline: true,
        at: i,
        end: i + late,
      });
      i += late;
      continue;
    }
    if (
      need &&
      (paperMap.entryAt(spelled, i + need.from.length, mode) || namesPaperSoon(spelled, i + need.from.length))
    ) {
      cues.push({
        intent: "documents",
        tokens: need.from.map((w) => w.token),
        sentence: sentenceAt(i),
        paper: true,
        at: i,
        end: i + need.from.length,
      });
      i += need.from.length;
      continue;
    }
    if (!entry) {
      rest.push(spelled[i] as T);
      i++;
      continue;
    }
    const matched = spelled.slice(i, i + entry.from.length);
    const mark = entry.to[0]?.token;
    if (mark === "-") {
      i += entry.from.length;
      continue;
    }
    if (mark === ASK_MARK) {
      asking = { sentence: (matched[0] as Word & { sentence?: number }).sentence ?? 0, at: i };
      i += entry.from.length;
      continue;
    }
    if (mark === FOR_WHOM_MARK) {
      const sentence = (matched[0] as Word & { sentence?: number }).sentence ?? 0;
      const sent = spelled
        .slice(0, i)
        .some((w) => ((w as Word & { sentence?: number }).sentence ?? 0) === sentence && SENDING.has(w.token));
      cues.push({
        intent: sent ? "place" : "conditions",
        tokens: matched.map((w) => w.token),
        sentence: sentenceAt(i),
        at: i,
        end: i + entry.from.length,
      });
      i += entry.from.length;
      continue;
    }
    // "chuyển điểm sinh hoạt sang xã khác": where one moves to is what is asked about (the record of a move to
    // another commune), no place asked; its words stay content for the search
    if (mark === "place" && movesElsewhere(spelled, i, matched)) {
      rest.push(...matched);
      i += entry.from.length;
      continue;
    }
    if (mark) {
      const cue: Cue = {
        intent: MARKED[mark] ?? (mark as Intent),
        tokens: matched.map((w) => w.token),
        sentence: sentenceAt(i),
        clause: (matched[0] as Word & { clause?: number }).clause,
        at: i,
        end: i + entry.from.length,
      };
      if (mark === DEADLINE_MARK) cue.deadline = true;
      if (mark === CLOSING_MARK) cue.closing = true;
      if (mark === LACKS_MARK) cue.weak = true;
      cues.push(cue);
    } else rest.push(...matched); // a look-alike of a cue: content, as typed
    i += entry.from.length;
  }
  for (const cue of cues) {
    if (cue.end !== undefined && WHICH_WORDS.has(spelled[cue.end]?.token ?? "")) cue.asks = true;
  }
  // "mức trợ cấp cho người khuyết tật là bao nhiêu": the amount of an allowance is the allowance itself.
  const allowance = new Set(
    spelled
      .filter((w, k) => ALLOWANCE.has(`${w.token} ${spelled[k + 1]?.token ?? ""}`) || w.token === "muc")
      .map((w) => (w as Word & { sentence?: number }).sentence ?? 0),
  );
  // Whether a section was cut from the words, read as before the cues read in context: the search's input
  // (and its section-only answer) stays as it was.
  const cued = cues.some(
    (c) =>
      c.tokens.length > 0 &&
      c.intent !== "general" &&
      !(c.tokens.join(" ") === "bao nhieu" && allowance.has(Math.floor(c.sentence))),
  );
  // "đk gì", "cần đk gì ạ" said alone (after an answer): no procedure is named, so "đk" is no "đăng ký" to search
  const dkHolds = dkHoldsAlone(spelled);
  const bareDk = (asksConditionsInChat(spelled, input) && asksNothingElse(spelled)) || dkHolds !== undefined;
  if (bareDk) {
    const [dang, ky] = dkHolds ?? chatDkAtEnd(spelled);
    for (let k = rest.length - 1; k >= 0; k--) if (rest[k] === dang || rest[k] === ky) rest.splice(k, 1);
  }
  if (options.inContext !== false) {
    readInContext(spelled, cues, mode, sentenceAt);
    readAround(spelled, cues, mode, sentenceAt);
    // "xin hộ nghèo thì dk gì vậy ad": typed at the end of a chat, "dk gì" asks the conditions (điều kiện gì),
    // though "dk" stays "đăng ký" for the search
    if (asksConditionsInChat(spelled, input))
      cues.push({ intent: "conditions", tokens: [], sentence: sentenceAt(spelled.length - 1) });
    // "đủ đk tách chưa", "dk gì mới được hỗ trợ": "dk" typed in chat for điều kiện inside the message
    const dkAt = conditionsDkInside(spelled);
    if (dkAt !== undefined) cues.push({ intent: "conditions", tokens: [], sentence: sentenceAt(dkAt) });
  }
  paperOrPaper(spelled, cues, mode, sentenceAt);
  caseSupposed(spelled, cues);
  headOfStreet(spelled, input, cues);
  dearAsked(spelled, cues, rest, sentenceAt);
  statedNeed(spelled, cues);
  // "who has to declare?", "who needs to do this?": the act after "who must" at the end is the procedure at hand's
  whoMustAct(spelled, cues, rest);
  // "place?", "location?", "address?", "hours?", "time?", "fine?" said alone (after an answer): that section
  // (the word names no procedure: nothing is left to search)
  const bare = bareSection(spelled);
  if (bare && !cues.some((c) => !c.mute)) {
    cues.push({ intent: bare, tokens: [], sentence: sentenceAt(0) });
    rest.splice(0, rest.length, ...rest.filter((w) => !Object.hasOwn(BARE_SECTIONS, w.token)));
  }
  for (let k = cues.length - 1; k >= 0; k--) {
    const cue = cues[k] as Cue;
    if (cue.intent === "fee" && AMOUNT.has(cue.tokens.join(" ")) && allowance.has(Math.floor(cue.sentence))) {
      cues.splice(k, 1);
    }
  }
  // A yes/no question with no section cue asks whether something is allowed or required:
  // "mở tiệm tóc cần đăng ký hộ kinh doanh không", "đổi tên cho con được không".
  // The question word before the closing particles: "… có cần hộ chiếu không ạ".
  let end = spelled.length - 1;
  // "cả hai vợ chồng đều phải đi à": a yes/no asked with à/hả after a modal verb
  let askedParticle = false;
  // "chủ trọ đăng ký giúp cả dãy được không anh": a vocative after the yes/no's "không" is a trailing word too
  if (end > 0 && VOCATIVES.has(spelled[end]?.token ?? "") && YES_NO.has(spelled[end - 1]?.token ?? "")) end--;
  while (end > 0 && TRAILING.has((spelled[end] as Word).token)) {
    // typed without accents, "a"/"ha" stand for à/hả ("2 vo chong deu phai co mat a")
    askedParticle ||= QUESTION_PARTICLES.some(
      (p) => p.token === spelled[end]?.token && (p.marks === spelled[end]?.marks || mode === "typed"),
    );
    end--;
  }
  // "tui 78 tuổi mắt kém, đọc không được thì làm sao": "thì làm sao" after something not done or not possible asks what
  // the rules say then (as "… thì sao"), not how to do the whole
  const howThen = cues.find(
    (c) =>
      !c.mute &&
      c.intent === "general" &&
      ["lam sao", "phai lam sao"].includes(c.tokens.join(" ")) &&
      c.end === end + 1,
  );
  if (howThen && whatIfNot(spelled, end) && unableBefore(spelled, howThen.at ?? 0)) howThen.intent = "conditions";
  if (options.inContext !== false)
    end = alternativeEnd(spelled, toldAfterYesNo(spelled, questionEnd(spelled, end, cues), cues), cues);
  const last = spelled[end];
  const lastSentence = last ? sentenceAt(end) : 0;
  const asked = cues.some((c) => c.sentence === lastSentence && !c.mute);
  const yesNo =
    (last !== undefined && YES_NO.has(last.token) && (last.marks === "" || last.marks === KHONG.marks)) ||
    (askedParticle && spelled.slice(0, end + 1).some((w) => MODALS.has(w.token))) ||
    allowedYet(spelled, end) ||
    confirmAsked(spelled, end, mode);
  if (!asked && last && yesNo) {
    // "xin bản sao được không", "có thể xin … không": a request for the service itself; "xã có hòa giải không":
    // whether the office does it. Both ask the procedure as a whole, not whether one is allowed.
    const whole = requestsService(spelled, end) || asksWhetherOfficeDoes(spelled, end, mode);
    // "có cần ra phường chứng thực chữ ký không": whether it is needed, wherever it is done
    // "phải xin xác nhận ở phường trước đúng không": whether a step comes first, wherever it is done
    // (an office named in a clause before is still asked: "phải đến UBND xã nào, và có cần xin giấy độc thân trước không")
    const first = [end - 1, end - 2].some(
      (k) =>
        spelled[k]?.token === "truoc" &&
        spelled.slice(k + 1, end).every((w) => w.token === "dung") &&
        !spelled.some((w, j) => j < k && clauseAt(spelled, j) !== clauseAt(spelled, k) && OFFICE_GONE.has(w.token)) &&
        !cues.some((c) => c.intent === "place" && !c.mute && (c.clause ?? 0) < (clauseAt(spelled, k) ?? 0)),
    );
    const office =
      !first &&
      (namesOffice(spelled, end, mode) || goesToOffice(spelled, end, mode)) &&
      !needsBeforeOffice(spelled, end, mode);
    // "giấy cũ có phải nộp lại không", "có phải ký giấy ủy quyền không": a paper to bring or sign is the papers
    const section = office
      ? "place"
      : whole
        ? "general"
        : paperToHandIn(spelled, end, mode) || paperUsable(spelled, end, mode) || paperCertified(spelled, end, mode)
          ? "documents"
          : "conditions";
    cues.push({ intent: section, tokens: [], sentence: lastSentence });
  } else if (!asked && last && askedParticle && endsAtOffice(spelled, end, mode) && actsBefore(spelled, end)) {
    // "nộp hồ sơ cái này ở phường hả": whether it is the ward's, asked with à/hả, is where it is done (an act of the
    // office's before it: "đi chợ ở phường hả" asks nothing of a procedure)
    cues.push({ intent: "place", tokens: [], sentence: lastSentence });
  } else if (!asked && last && endsAtOffice(spelled, end, mode)) {
    // "sao y bằng tốt nghiệp ở phường": may ask whether the ward does it or where; the procedure as a whole
    // answers both (where is in it), and a bare name said with its office is often just that ("tiếp công dân tại
    // ủy ban xã")
    cues.push({ intent: "general", tokens: [], sentence: lastSentence });
  } else if (!asked && last && whatIfNot(spelled, end)) {
    // "hàng xóm ko chịu đến buổi hòa giải thì sao", "lỡ đợt rồi thì sao": what happens when something is not done or
    // missed asks the conditions; a wish ("muốn làm lại thì sao") or a name ("còn kết hôn thì sao") asks the whole
    cues.push({ intent: "conditions", tokens: [], sentence: lastSentence });
  } else if (!asked && last && waysOffered(spelled, end)) {
    // "có cần xin phép hay chỉ cần báo xã là được", "phải làm trước khi chia hay sau cũng được", "chứng thực chữ ký được
    // hay phải làm hợp đồng ủy quyền": which of two ways is allowed or required, the conditions; "phải về quê xin hay
    // xin ở phường nơi tạm trú được": which office, the place
    const where = namesOffice(spelled, end, mode);
    cues.push({ intent: where ? "place" : "conditions", tokens: [], sentence: lastSentence });
  } else if (!asked && last && whoMay(spelled, end)) {
    // "ai thì được hỗ trợ", "ai trong nhà đứng tên nộp được": who may, the conditions
    cues.push({ intent: "conditions", tokens: [], sentence: lastSentence });
  } else if (!asked && asksYesNoInEnglish(spelled, lastSentence)) {
    // "Can we register his birth at the ward?", "Can we do this at the ward?": whether the ward is where it is done,
    // as "ở phường được không" is (eval/README); "at our home", "from the ward" stay the conditions
    cues.push({
      intent: endsAtWardInEnglish(spelled, end) ? "place" : "conditions",
      tokens: [],
      sentence: lastSentence,
    });
  }
  officesOwnTime(spelled, cues);
  valueConfirmed(spelled, cues, sentenceAt);
  return { intent: chooseIntent(cues), rest, cued, cues };
}

/**
 * "phường phải hòa giải xong trong thời hạn bao lâu", "phường có trách nhiệm xem xét, xử lý đơn trong bao nhiêu ngày",
 * "đơn của tôi sẽ được phường xử lý trong thời hạn bao lâu", "chính quyền phải can thiệp trong bao lâu", "xã giải quyết
 * hỗ trợ trong bao lâu": the office's own act is what the days are asked of, its processing time, not a deadline the
 * citizen must meet. The office is the doer (said before its act, after at most a duty word, or after "được"); the
 * days asked follow within its sentence, with no "thì" between (a new clause of the citizen's).
 */
const OFFICE_DOERS = new Set(["phuong", "xa", "ubnd", "uy ban", "chinh quyen", "co quan", "can bo", "thi tran"]);
const DUTY = [["phai"], ["co", "trach", "nhiem"], ["se"], ["can"], ["duoc"], ["se", "phai"]];
const OWN_ACTS = [
  "hòa giải",
  "can thiệp",
  "xem xét",
  "xác minh",
  "thụ lý",
  "duyệt",
  "phê duyệt",
  "trả lời",
  "giải quyết",
]
  .concat([
    "xử lý",
    "ra quyết định",
    "trả kết quả",
    "cấp",
    "công nhận",
    "chi trả",
    "tiếp nhận",
    "kiểm tra",
    "thẩm định",
  ])
  .map(tokenize);
const TIME_ASKED = new Set([
  "bao lau",
  "bao nhieu ngay",
  "may ngay",
  "bao nhieu thoi gian",
  "thoi han",
  "trong bao lau",
]);
function officesOwnTime(spelled: readonly Word[], cues: Cue[]): void {
  const doerAt = (k: number) =>
    OFFICE_DOERS.has(spelled[k]?.token ?? "") || OFFICE_DOERS.has(`${spelled[k - 1]?.token} ${spelled[k]?.token}`);
  for (const cue of cues) {
    if (cue.mute || cue.at === undefined || !(cue.intent === "conditions" || cue.intent === "time")) continue;
    const text = cue.tokens.join(" ");
    if (LATE.has(text) || ![...TIME_ASKED].some((t) => ` ${text} `.includes(` ${t} `))) continue;
    const at = cue.at;
    const sentence = sentenceNo(spelled, at);
    let own = false;
    for (let k = at - 1; k >= Math.max(0, at - 12) && sentenceNo(spelled, k) === sentence; k--) {
      if (spelled[k]?.token === "thi" && spelled[k]?.marks !== "") break;
      if (!doerAt(k)) continue;
      // "<office> (phải | có trách nhiệm | sẽ) <act>", "(sẽ) được <office> <act>"
      const duty = [0, ...DUTY.map((d) => (d.every((t, j) => spelled[k + 1 + j]?.token === t) ? d.length : -1))]
        .filter((n) => n >= 0)
        .some((n) => [k + 1 + n, k + 2 + n].some((j) => j < at && runAt(spelled, j, OWN_ACTS)));
      if (duty) own = true;
    }
    if (own) {
      cue.intent = "time";
      cue.deadline = false;
      // "kể từ ngày nhận đơn": where the office's days are counted from, no deadline of its own
      for (const c of cues) {
        if (c.deadline && c.tokens[0] === "ke" && c.tokens[1] === "tu" && c.sentence === cue.sentence) c.mute = true;
      }
    }
  }
}

/**
 * English agreement and thanks said before a question after an answer ("ok cool, any fine if I'm late?", "great, who
 * is eligible?", "got it. and how long?"): they name nothing, so they leave nothing to search. Counted only when a
 * question follows them; "fine" and "right" only when their clause ends there ("fine if …" asks).
 */
const INTERJECTIONS = new Set(
  [
    "ok",
    "okay",
    "cool",
    "great",
    "alright",
    "awesome",
    "perfect",
    "nice",
    "thanks",
    "understood",
    "sure",
    "gotcha",
  ].concat(["good", "wonderful", "excellent", "thx", "ty"]),
);
const INTERJECTION_PAIRS = new Set(["thank you", "got it", "i see", "all right", "sounds good", "many thanks"]);
const CLAUSE_ENDED = new Set(["fine", "right"]);
function openingWords(spelled: readonly Word[]): number {
  let k = 0;
  for (;;) {
    const w = spelled[k];
    const next = spelled[k + 1];
    if (!w || !next || w.marks !== "" || next.token.startsWith("grand")) break;
    if (next.marks === "" && INTERJECTION_PAIRS.has(`${w.token} ${next.token}`)) {
      if (!spelled[k + 2]) break;
      k += 2;
    } else if (INTERJECTIONS.has(w.token)) k++;
    else if (CLAUSE_ENDED.has(w.token) && clauseAt(spelled, k) !== clauseAt(spelled, k + 1)) k++;
    else break;
  }
  return k;
}

type Placed = Word & { sentence?: number; clause?: number };
const clauseAt = (spelled: readonly Word[], k: number) => (spelled[k] as Placed | undefined)?.clause;
const sentenceNo = (spelled: readonly Word[], k: number) => (spelled[k] as Placed | undefined)?.sentence ?? 0;

/**
 * Questions whose words also name the procedure ("ai xử lý" beside "xử lý đơn", "who do I report this to" beside
 * a report): the section is read from them and their words stay content for the search.
 */
const KEPT_HERE: Partial<Record<Intent, string[]>> = {
  place: [
    // who handles it is where it is handled: "gửi đơn lên phường thì ai xử lý"
    ...["ai xử lý", "ai tiếp nhận", "ai thụ lý", "ai phụ trách", "bên nào xử lý", "bên nào giải quyết"],
    ...["who handles", "who deals with", "who processes", "who is responsible for"],
    // "who do I contact", "who should I complain to", "who do we notify": whom one turns to
    ...["do", "should", "can", "must", "will"].flatMap((verb) => ["i", "we"].map((self) => `who ${verb} ${self}`)),
    "to whom",
  ],
};
const keptHere = new PhraseMap();
for (const [intent, phrases] of Object.entries(KEPT_HERE)) {
  for (const text of phrases ?? []) keptHere.add(phrase(text), plain([intent]));
}

/** Who receives an allowance: money after them is what is received, not a fee ("được hỗ trợ kinh phí nuôi dưỡng"). */
const RECEIVES = new Set(["ho tro", "tro cap", "tro giup", "huong", "nhan", "lanh", "linh"]);
const RECEIVED_MONEY = new Set(["phi", "tien", "chi phi"]);
/** Something already done in the story: "đã đóng 200 nghìn phí", "đóng tiền thẩm định rồi". */
const DONE = phrase("đã")[0] as Word;
const ROI = phrase("rồi")[0] as Word;
const XONG = phrase("xong")[0] as Word;
const THI = phrase("thì")[0] as Word;
const IF = new Set(tokenize("nếu if"));
/** The office's own act after a deadline phrase: "bao lâu phải có kết quả", "trong bao lâu phải trả lời". */
const OFFICE_ACTS = ["có kết quả", "trả kết quả", "giải quyết", "trả lời", "xử lý", "ra quyết định"].map(tokenize);
/** Whether one of `runs` (folded words) starts at `k`. */
function runAt(spelled: readonly Word[], k: number, runs: readonly string[][]): boolean {
  return runs.some((run) => run.every((t, j) => spelled[k + j]?.token === t));
}
const OFFICE_DUTY = new Set(tokenize("phường xã ubnd quan"));
/** Deadline cues that say a deadline missed, not how long one has. */
const LATE = new Set(["qua han", "tre han", "di muon", "dang ky muon", "lam muon", "bi phat", "co bi phat"]);
/** Going to an office or in person, after a channel: "… thì có phải lên công an nữa không", "có cần ra phường không". */
const GOES = new Set(tokenize("lên ra đến tới về qua"));
const IN_PERSON_AT = new Set(tokenize("phường xã ubnd ủy công huyện quận trụ bộ"));
function goesInPersonAfter(spelled: readonly Word[], from: number): boolean {
  const sentence = sentenceNo(spelled, from - 1);
  for (let k = from; k < spelled.length && sentenceNo(spelled, k) === sentence; k++) {
    if (spelled[k]?.token === "truc" && spelled[k + 1]?.token === "tiep") return true;
    if (GOES.has(spelled[k]?.token ?? "") && IN_PERSON_AT.has(spelled[k + 1]?.token ?? "")) return true;
  }
  return false;
}
/**
 * "3 ngày là có hả", "1 tuần là xong à": a wait told to be confirmed, the time; "nộp online mất 10 nghìn đúng ko", "phí
 * 20k phải không": an amount paid told to be confirmed, the fee (over the channel it is paid by). Words stay content.
 */
const READY = new Set(tokenize("có xong lấy nhận"));
const PAYING = new Set(tokenize("mất tốn hết phí đóng nộp"));
function valueConfirmed(spelled: readonly Word[], cues: Cue[], sentenceAt: (k: number) => number): void {
  for (let k = 0; k + 3 < spelled.length; k++) {
    const count = spelled[k]?.token ?? "";
    if (!/^\d+$/.test(count) && !COUNTS.has(count)) continue;
    if (
      SPANS.has(spelled[k + 1]?.token ?? "") &&
      spelled[k + 2]?.token === "la" &&
      READY.has(spelled[k + 3]?.token ?? "")
    ) {
      if (!cues.some((c) => !c.mute && c.intent === "time")) {
        cues.push({ intent: "time", tokens: [], sentence: sentenceAt(k), kept: true, at: k, end: k + 4 });
      }
      return;
    }
  }
  const asks = CONFIRMING.some((run) => run.every((t, j) => spelled.at(j - run.length)?.token === t));
  if (!asks) return;
  for (let k = 1; k < spelled.length; k++) {
    if (!PAYING.has(spelled[k - 1]?.token ?? "") || !toldSum(spelled, k, k)) continue;
    if (!cues.some((c) => !c.mute && c.intent === "fee")) {
      cues.push({ intent: "fee", tokens: [], sentence: sentenceAt(k), kept: true, at: k, end: k + 2 });
    }
    return;
  }
}
const CONFIRMING = [["dung", "khong"], ["phai", "khong"], ["ha"], ["dung", "chua"], ["dung"]];
/** An amount said within a few words after `from` in its clause: "tiền nhà 3 triệu", "tiền cọc 500k". */
const SUM_UNITS = new Set(tokenize("triệu tr nghìn ngàn k đồng trăm củ"));
function toldSum(spelled: readonly Word[], from: number, at: number): boolean {
  for (let k = from; k < from + 4 && clauseAt(spelled, k) === clauseAt(spelled, at); k++) {
    const w = spelled[k]?.token ?? "";
    if (/^\d+([.,]\d+)?(k|tr)?$/.test(w) && (/[a-z]$/.test(w) || SUM_UNITS.has(spelled[k + 1]?.token ?? "")))
      return true;
  }
  return false;
}
/** Another section asked after `cue`, in a later clause of the message. */
function laterOther(cues: readonly Cue[], cue: Cue): boolean {
  return cues.some(
    (c) =>
      c !== cue &&
      !c.mute &&
      c.intent !== cue.intent &&
      (c.at ?? -1) > (cue.at ?? 0) &&
      (c.clause ?? 0) > (cue.clause ?? 0),
  );
}
/** "… không/chưa/lỡ … thì sao" ending the message, no wish in its clause. */
const WHAT_IF_NOT = new Set(tokenize("không ko chẳng lỡ chưa"));
const WISHES = new Set(tokenize("muốn định"));
function whatIfNot(spelled: readonly Word[], end: number): boolean {
  if (spelled[end]?.token !== "sao") return false;
  // "… thì sao", and "… thì làm sao" ("đọc không được thì làm sao": what one does when one cannot)
  const then =
    spelled[end - 1]?.token === "thi"
      ? end - 1
      : spelled[end - 1]?.token === "lam" && spelled[end - 2]?.token === "thi"
        ? end - 2
        : spelled[end - 1]?.token === "lam" && spelled[end - 2]?.token === "phai" && spelled[end - 3]?.token === "thi"
          ? end - 3
          : -1;
  if (then < 0) return false;
  const clause = clauseAt(spelled, then);
  // "nếu em nghỉ luôn ko mở lại nữa thì sao", "thôi không làm hòa giải viên nữa thì sao": no longer doing it is another
  // matter (closing, stopping: its own record), the whole
  if (spelled[then - 1]?.token === NUA.token && [NUA.marks, ""].includes(spelled[then - 1]?.marks ?? "-")) return false;
  let k = then - 1;
  let negated = false;
  // "nếu không làm con nuôi mà chỉ nhận chăm sóc thì sao": not this but that, another way asked (the whole)
  let instead = false;
  for (; k >= 0 && clauseAt(spelled, k) === clause; k--) {
    const w = spelled[k]?.token ?? "";
    if (WISHES.has(w)) return false;
    if (w === MA.token && (spelled[k]?.marks === MA.marks || spelled[k]?.marks === "")) instead = true;
    // "chưa từng được khai tử", "chưa bao giờ làm": never done at all is the case of another record (a first
    // registration), not a step of this one left undone
    const never =
      w === "chua" &&
      (["tung", "he"].includes(spelled[k + 1]?.token ?? "") ||
        (spelled[k + 1]?.token === "bao" && spelled[k + 2]?.token === "gio"));
    if (
      WHAT_IF_NOT.has(w) &&
      !never &&
      !(w === "khong" && spelled[k + 1]?.token === "co" && spelled[k + 2]?.token === "giay")
    ) {
      if (instead) return false;
      negated = true;
    }
  }
  return negated;
}
const MA = phrase("mà")[0] as Word;
const NUA = phrase("nữa")[0] as Word;
/**
 * "đọc không được", "ký không được", "không biết chữ", "không đi được" in the clause before "thì làm sao": one cannot (not
 * "chưa có trong văn bản … thì làm sao": something missing, which procedure adds it, the whole).
 */
const UNABLE_NOT = new Set(tokenize("không ko chẳng"));
function unableBefore(spelled: readonly Word[], at: number): boolean {
  const clause = clauseAt(spelled, at);
  for (let k = at - 1; k >= 0 && clauseAt(spelled, k) === clause; k--) {
    if (!UNABLE_NOT.has(spelled[k]?.token ?? "")) continue;
    if ([k + 1, k + 2, k + 3].some((j) => j < at && spelled[j]?.token === "duoc")) return true;
    if (spelled[k + 1]?.token === "biet") return true;
    // someone who will not come, sign or agree ("hàng xóm không chịu ký", "bên kia không đến buổi hòa giải", "chủ nhà
    // không đồng ý", "người làm chứng không có mặt"): what the rules say then
    const next = spelled[k + 1]?.token ?? "";
    if (k + 1 < at && (WONT.has(next) || (next === "co" && spelled[k + 2]?.token === "mat"))) return true;
  }
  return false;
}
/** Not coming, signing or agreeing, after "không". */
const WONT = new Set(tokenize("chịu đến tới ký kí đồng hợp nhận"));
/** Late: "trễ mấy ngày", "muộn bao lâu", "chậm mấy hôm". */
const LATE_WORDS = new Set(tokenize("trễ muộn chậm"));
const OFFICE_RETURNS = new Set(tokenize("trả giải xử"));
/** Writing a form: "viết đơn", "ghi tờ khai", "điền mẫu". */
const WRITING = new Set(tokenize("viết ghi điền"));
const FORMS_WRITTEN = new Set(["don", "to khai", "mau", "mau don", "ban cam ket"]);
/** "hồ sơ điều chỉnh giấy phép thế nào": what the dossier holds; "nộp hồ sơ thế nào" is how to send it. */
const HOW_ASKED = new Set(["nhu the nao", "the nao", "ra sao", "nhu nao"]);
/** Measures the rules bound: "thu nhập", "diện tích", "độ tuổi", "mức sống". */
const MEASURE_NOUNS = new Set(["thu nhap", "dien tich", "do tuoi", "muc song"]);
const pairAt = (spelled: readonly Word[], k: number) => `${spelled[k]?.token ?? ""} ${spelled[k + 1]?.token ?? ""}`;
const DOSSIER_ACTS = new Set(
  ["nộp", "gửi", "làm", "lập", "xử lý", "giải quyết", "đi", "chuyển", "tiến hành", "thực hiện", "trả"].map((t) =>
    tokenize(t).join(" "),
  ),
);
/**
 * "dk gì", "đk j" as the last words typed (before "vậy", "ạ", "ad"): điều kiện gì. The chat spellings have made
 * "dk" "đăng ký" by then: two words from one typed word (the same place in the text), not "đăng ký" typed out.
 */
const REGISTER = tokenize("đăng ký");
function asksConditionsInChat(spelled: readonly Word[], input: readonly Word[]): boolean {
  const [dang, ky, what] = chatDkAtEnd(spelled);
  if (!dang || !ky || what?.token !== "gi" || dang.token !== REGISTER[0] || ky.token !== REGISTER[1]) return false;
  if (dang.at !== undefined) return dang.at === ky.at;
  // words read without their places (follow-up.ts reads "đk gì" so): "dk"/"đk" typed as one word before the "gì"
  const [typed] = chatDkAtEnd(input, 2);
  return typed?.token === "dk";
}

/**
 * "em 24t, chồng 27t thì đủ đk tách chưa", "dk gì mới được hỗ trợ", "cần dk gì để được công nhận": "dk" typed as one
 * word (chat spellings made it "đăng ký") after "đủ", or before "gì" and a purpose ("mới", "để", "thì"), is điều kiện.
 * Returns where it stands, or undefined.
 */
const DK_PURPOSE = new Set(tokenize("mới để thì"));
const ENOUGH = phrase("đủ")[0] as Word;
function conditionsDkInside(spelled: readonly Word[]): number | undefined {
  for (let k = 0; k + 1 < spelled.length; k++) {
    const dang = spelled[k] as Word & { at?: number };
    const ky = spelled[k + 1] as Word & { at?: number };
    if (dang.token !== REGISTER[0] || ky.token !== REGISTER[1] || dang.at === undefined || dang.at !== ky.at) continue;
    const before = spelled[k - 1];
    if (before?.token === ENOUGH.token && (before.marks === "" || before.marks === ENOUGH.marks)) return k;
    if (spelled[k + 2]?.token === "gi" && DK_PURPOSE.has(spelled[k + 3]?.token ?? "")) return k;
  }
  return undefined;
}
/** "dk gồm những gì", "đk gồm gì ạ" said alone (after an answer): the conditions, "dk" typed as one word. */
function dkHoldsAlone(spelled: readonly Word[]): Word[] | undefined {
  let end = spelled.length - 1;
  while (end > 0 && TRAILING.has(spelled[end]?.token ?? "")) end--;
  for (const holds of GENERIC_HOLDS) {
    const n = holds.split(" ").length;
    if (
      spelled
        .slice(end - n + 1, end + 1)
        .map((w) => w.token)
        .join(" ") !== holds
    )
      continue;
    const dang = spelled[end - n - 1] as (Word & { at?: number }) | undefined;
    const ky = spelled[end - n] as (Word & { at?: number }) | undefined;
    if (!dang || !ky || dang.token !== REGISTER[0] || ky.token !== REGISTER[1]) continue;
    if (dang.at === undefined || dang.at !== ky.at) continue;
    return spelled.slice(0, end - n - 1).every((w) => ONLY_ASKING.has(w.token)) ? [dang, ky] : undefined;
  }
  return undefined;
}
/** Words that ask nothing of their own beside "đk gì": "cần những đk gì vậy", "thế còn đk gì". */
const ONLY_ASKING = new Set(tokenize("cần những các có phải thì còn là vậy thế cho hỏi ạ à"));
function asksNothingElse(spelled: readonly Word[]): boolean {
  let end = spelled.length - 1;
  while (end > 0 && TRAILING.has(spelled[end]?.token ?? "")) end--;
  return spelled.slice(0, end - 2).every((w) => ONLY_ASKING.has(w.token));
}

/** The last three words before the trailing particles (the last two with `n` 2): "… đăng ký gì ạ". */
function chatDkAtEnd(spelled: readonly Word[], n = 3): (Word & { at?: number })[] {
  let end = spelled.length - 1;
  while (end > 0 && TRAILING.has(spelled[end]?.token ?? "")) end--;
  return spelled.slice(Math.max(0, end - n + 1), end + 1) as (Word & { at?: number })[];
}

/** Things counted after "bao nhiêu" that are no money: a threshold to meet. */
const COUNTED = new Set(
  tokenize("người thành viên hội viên hộ học sinh trẻ cháu mét m2 km tuổi lần chữ ký phiếu đại biểu chỗ ghế"),
);
const BAN = phrase("bản")[0] as Word;

/** Time cues that ask the wait itself ("mất bao lâu", "chờ mấy ngày"): never how long an allowance lasts. */
const WAITING_WORDS = new Set(tokenize("mất hết chờ đợi"));
const ALLOWANCE_WORDS = new Set(["ho tro", "tro cap", "tro giup", "huong"]);
/** "được hỗ trợ trong bao lâu", "hưởng trợ cấp mấy tháng": the allowance right before the days asked. */
function receivedBefore(spelled: readonly Word[], at: number): boolean {
  let k = at - 1;
  if (spelled[k]?.token === "trong") k--;
  return k >= 0 && clauseAt(spelled, k) === clauseAt(spelled, at) && hasAt(spelled, k, ALLOWANCE_WORDS);
}

/** "xin hỗ trợ bao lâu thì có tiền", "… mấy ngày mới nhận được": the days until it is paid, the wait. */
const THEN = new Set(tokenize("thì mới là sẽ"));
const GETS = new Set(tokenize("có nhận lấy lĩnh được"));
function getsAfter(spelled: readonly Word[], end: number | undefined): boolean {
  if (end === undefined) return false;
  let k = end;
  while (k < end + 2 && THEN.has(spelled[k]?.token ?? "")) k++;
  return k > end && GETS.has(spelled[k]?.token ?? "");
}

/** Whether one of `set` (phrases of one or two folded words) ends at or starts at `k`. */
function hasAt(spelled: readonly Word[], k: number, set: ReadonlySet<string>): boolean {
  const one = spelled[k]?.token ?? "";
  return (
    set.has(one) || set.has(`${spelled[k - 1]?.token ?? ""} ${one}`) || set.has(`${one} ${spelled[k + 1]?.token ?? ""}`)
  );
}

/**
 * Cues read from the words around them, after intent-context.ts: nothing here cuts a word (the search's words stay
 * as they were); a cue is set aside (`mute`), its section changed, or a section read from kept words.
 */
function readAround(
  spelled: readonly Word[],
  cues: Cue[],
  mode: "exact" | "typed",
  sentenceAt: (k: number) => number,
): void {
  for (let i = 0; i < spelled.length; i++) {
    const entry = keptHere.entryAt(spelled, i, mode);
    if (!entry) continue;
    const end = i + entry.from.length;
    // the cue phrases cut inside it ("who can") stay cut but ask nothing of their own
    for (const c of cues) if (c.at !== undefined && c.end !== undefined && c.at < end && c.end > i) c.mute = true;
    cues.push({
      intent: entry.to[0]?.token as Intent,
      tokens: entry.from.map((w) => w.token),
      sentence: sentenceAt(i),
      clause: clauseAt(spelled, i),
      at: i,
      end,
      kept: true,
    });
    i = end - 1;
  }
  const sameClause = (k: number, at: number) => clauseAt(spelled, k) === clauseAt(spelled, at);
  const isWord = (w: Word | undefined, like: Word) =>
    w !== undefined && w.token === like.token && (mode === "typed" || w.marks === like.marks);
  for (const cue of cues) {
    if (cue.mute || cue.at === undefined || cue.end === undefined) continue;
    const at = cue.at;
    const text = cue.tokens.join(" ");
    const before = [at - 3, at - 2, at - 1].filter((k) => k >= 0 && sameClause(k, at));
    // "cần bao nhiêu thành viên", "bao nhiêu người làm chứng": a number that must be met, a condition; "bao nhiêu
    // bản sao": how many copies to bring, the papers
    if (cue.intent === "fee" && text === "bao nhieu") {
      const next = spelled[cue.end];
      if (next && COUNTED.has(next.token) && !(next.token === "nguoi" && spelled[cue.end + 1]?.token === "thi")) {
        cue.intent = "conditions";
        continue;
      }
    }
    // "bao nhiêu bản", "nộp bao nhiêu bản hồ sơ", "can nop bao nhieu ban", "mấy bộ hồ sơ": how many copies or sets to
    // hand in, the papers, whatever the verb before ("bao nhiêu một bản" is a price)
    if (cue.intent === "fee" && cue.tokens.at(-1) === "nhieu" && cue.tokens.at(-2) === "bao") {
      const next = spelled[cue.end];
      const set = next?.token === "bo" && spelled[cue.end + 1]?.token === "ho" && spelled[cue.end + 2]?.token === "so";
      if (isWord(next, BAN) || set) {
        cue.intent = "documents";
        continue;
      }
    }
    // "tiền nhà 3 triệu, đăng ký tạm trú ở đâu": a sum told is the story when another section is asked after it
    if (cue.intent === "fee" && text === "tien" && toldSum(spelled, cue.end, at) && laterOther(cues, cue)) {
      cue.mute = true;
      continue;
    }
    // "được hỗ trợ kinh phí nuôi dưỡng", "hưởng tiền": money received, no fee
    if (cue.intent === "fee" && RECEIVED_MONEY.has(text) && before.some((k) => hasAt(spelled, k, RECEIVES))) {
      cue.mute = true;
      continue;
    }
    // "năm ngoái đã đóng 200 nghìn phí …, giờ … cần giấy tờ gì", "đã nộp online nhưng bị trả lại, giờ nộp trực
    // tiếp ở đâu": money paid or a channel used before is the story when the message asks something else after it;
    // "đk online xong thì ra phường nào bấm biển": done ("xong", "rồi"), then ("thì") the question
    if (cue.intent === "fee" || cue.intent === "online") {
      const doneAt = [cue.end, cue.end + 1, cue.end + 2].find(
        (k) => sameClause(k, at) && (isWord(spelled[k], ROI) || isWord(spelled[k], XONG)),
      );
      // "nếu gửi qua bưu điện mà quá hạn xã không trả lời thì có được coi là đồng ý không": a channel or money
      // supposed ("nếu", "if") is the case the question after it is about
      const supposed = [1, 2, 3, 4, 5, 6].some((d) => sameClause(at - d, at) && IF.has(spelled[at - d]?.token ?? ""));
      const paid =
        [at - 5, at - 4, ...before].some((k) => k >= 0 && sameClause(k, at) && isWord(spelled[k], DONE)) ||
        doneAt !== undefined ||
        supposed;
      // "… xong thì …", "… rồi thì …", "nếu … thì …": what follows "thì" in the same clause is asked after it
      let then: number | undefined;
      for (let k = cue.end; k < cue.end + 10 && sameClause(k, at); k++) {
        if (isWord(spelled[k], THI) && (supposed || (doneAt !== undefined && k === doneAt + 1))) {
          then = k;
          break;
        }
      }
      const asksLater = cues.some(
        (c) =>
          c !== cue &&
          !c.mute &&
          c.intent !== cue.intent &&
          (c.at ?? -1) >= (cue.end ?? at) &&
          ((c.clause ?? 0) > (cue.clause ?? 0) || (then !== undefined && (c.at ?? -1) > then)),
      );
      // "nếu nộp qua cổng dịch vụ công thì có phải lên công an nữa không": whether one still goes in person is what the
      // online section says (whether it is done wholly online)
      const onlyWhether = cues.every(
        (c) => c === cue || c.mute || (c.at ?? -1) < (cue.end ?? at) || c.intent === "conditions",
      );
      const inPerson = cue.intent === "online" && onlyWhether && goesInPersonAfter(spelled, cue.end ?? at);
      if (paid && asksLater && !inPerson) {
        cue.mute = true;
        continue;
      }
    }
    // "được hỗ trợ trong bao lâu", "hưởng trợ cấp mấy tháng": how long one receives it, a condition of the allowance
    if (
      cue.intent === "time" &&
      !cue.deadline &&
      !WAITING_WORDS.has(cue.tokens[0] ?? "") &&
      receivedBefore(spelled, at) &&
      !getsAfter(spelled, cue.end)
    ) {
      cue.intent = "conditions";
      continue;
    }
    // "trễ mấy ngày có bị phạt không", "khai muộn bao lâu thì bị phạt": how late, a legal deadline missed
    // (not the office late: "trả chậm mấy ngày", "trễ hẹn mấy ngày")
    // ("khai sinh muộn mất mấy ngày": how long it takes, the office's time)
    const late =
      sameClause(at - 1, at) &&
      LATE_WORDS.has(spelled[at - 1]?.token ?? "") &&
      cue.tokens[0] !== "hen" &&
      !WAITING_WORDS.has(cue.tokens[0] ?? "");
    if (cue.intent === "time" && !cue.deadline && late && !OFFICE_RETURNS.has(spelled[at - 2]?.token ?? "")) {
      cue.intent = "conditions";
      cue.deadline = true;
      continue;
    }
    // "how long before she starts getting it?", "how long before I receive the money": the wait until one gets it,
    // the time ("how long before the deadline must I apply" stays a deadline)
    if (cue.deadline && text === "how long before" && ENGLISH_SUBJECT.has(spelled[cue.end]?.token ?? "")) {
      const gets = [1, 2, 3, 4].some((d) => ENGLISH_GETS.has(spelled[(cue.end as number) + d]?.token ?? ""));
      if (gets) {
        cue.intent = "time";
        cue.deadline = false;
        continue;
      }
    }
    // "bao lâu phải có kết quả", "phường phải xử lý trong thời hạn bao lâu": the office's duty, its processing time
    // (not a deadline already missed: "quá hạn xã không trả lời thì có được coi là đồng ý không")
    if (cue.deadline && !LATE.has(text)) {
      const acts = [cue.end, cue.end + 1, cue.end + 2].some((k) => runAt(spelled, k, OFFICE_ACTS));
      const sentence = sentenceNo(spelled, at);
      let duty = false;
      for (let k = at - 1; k >= 0 && sentenceNo(spelled, k) === sentence; k--) {
        // "phường phải xử lý … trong thời hạn bao lâu" (not "lễ hội của xã phải thông báo trước": the organiser's)
        if (
          OFFICE_DUTY.has(spelled[k]?.token ?? "") &&
          spelled[k + 1]?.token === "phai" &&
          [k + 2, k + 3].some((j) => j < at && runAt(spelled, j, OFFICE_ACTS))
        ) {
          duty = true;
        }
      }
      if (acts || duty) {
        cue.intent = "time";
        cue.deadline = false;
        continue;
      }
    }
    // "phải làm tờ khai nộp ở đâu": the form named is what is sent; where to send it is asked
    if (cue.intent === "documents" && FORM_NOUNS.has(text)) {
      const end = cue.end;
      const sent = cues.some(
        (c) => c.intent === "place" && !c.mute && (c.at === end || c.at === end + 1) && SENDING.has(c.tokens[0] ?? ""),
      );
      if (sent) {
        cue.mute = true;
        continue;
      }
    }
    // "có cách nào làm lại giấy kết hôn không", "có cách nào để khai báo nơi đang sống": whether it can be done at
    // all, the procedure as a whole (not "bằng cách nào", "làm cách nào": how)
    if (cue.intent === "steps" && text === "cach nao" && isWord(spelled[at - 1], CO)) {
      cue.intent = "general";
      continue;
    }
    // "hồ sơ điều chỉnh giấy phép xây dựng thế nào": what the dossier holds
    if (cue.intent === "steps" && HOW_ASKED.has(text)) {
      for (let k = at - 2; k >= Math.max(0, at - 10) && sameClause(k, at); k--) {
        if (spelled[k]?.token !== "ho" || spelled[k + 1]?.token !== "so") continue;
        const acts = [k - 1, ...Array.from({ length: at - k - 2 }, (_, j) => k + 2 + j)].some((j) =>
          hasAt(spelled, j, DOSSIER_ACTS),
        );
        if (!acts) cue.intent = "documents";
        break;
      }
    }
    // "lịch tiếp dân thế nào", "lịch tiếp công dân của chủ tịch phường ra sao": the reception's calendar, its days
    // (eval/README: general|time), not how to do it
    if (cue.intent === "steps" && HOW_ASKED.has(text)) {
      const calendar = [at - 6, at - 5, at - 4, at - 3, at - 2].some(
        (k) => k >= 0 && sameClause(k, at) && spelled[k]?.token === "lich" && spelled[k + 1]?.token === "tiep",
      );
      if (calendar) {
        cue.intent = "time";
        continue;
      }
    }
    // "thu nhập thế nào mới được công nhận", "diện tích nhà ra sao thì được nhập khẩu": a measure the rules bound, and
    // what one may after it, asks the threshold (the conditions), not how to apply
    if (cue.intent === "steps" && HOW_ASKED.has(text)) {
      const measured = [at - 3, at - 2].some(
        (k) => k >= 0 && sameClause(k, at) && MEASURE_NOUNS.has(pairAt(spelled, k)),
      );
      const may = [cue.end ?? at, (cue.end ?? at) + 1].some((k) => spelled[k]?.token === "duoc" && sameClause(k, at));
      if (measured && may) {
        cue.intent = "conditions";
        continue;
      }
    }
    // "viết đơn ra sao", "tờ khai điền như thế nào": what the form says, the papers (the form is among them)
    if (cue.intent === "steps" && HOW_ASKED.has(text)) {
      const clause = [at - 4, at - 3, at - 2, at - 1].filter((k) => k >= 0 && sameClause(k, at));
      const writes = clause.some((k) => WRITING.has(spelled[k]?.token ?? ""));
      const form = clause.some((k) => hasAt(spelled, k, FORMS_WRITTEN));
      if (writes && form) {
        cue.intent = "documents";
        continue;
      }
    }
    // "Điều kiện cấp giấy phép bán lẻ rượu … gồm những gì", "tiêu chuẩn gồm những gì": what the conditions hold (the
    // noun decides, not "gồm"); "hồ sơ gồm những gì" stays the papers
    if (cue.intent === "documents" && GENERIC_HOLDS.has(text)) {
      const judged = cues.find(
        (c) =>
          c !== cue &&
          !c.mute &&
          c.intent === "conditions" &&
          c.end !== undefined &&
          c.end <= at &&
          // the same sentence, a place in brackets between ("… tại xã Đức Hòa (Tây Ninh) gồm những gì")
          sentenceNo(spelled, c.end - 1) === sentenceNo(spelled, at) &&
          !cues.some((o) => o !== c && o !== cue && !o.mute && (o.at ?? -1) >= (c.end ?? at) && (o.at ?? -1) < at) &&
          JUDGED_BY.some((w) => c.tokens.join(" ").includes(w)) &&
          // "Hồ sơ cấp đổi giấy chứng nhận đủ điều kiện … gồm những gì": the papers, a name holding "điều kiện"
          !spelled.some(
            (_w, j) => j < at && sentenceNo(spelled, j) === sentenceNo(spelled, at) && hasAt(spelled, j, PAPER_NOUNS),
          ),
      );
      // "dk gồm những gì", "đk gom nhung gi": "dk" typed in chat before it is điều kiện (as "dk gì" is), when no paper
      // noun stands before it ("hs dk gồm những gì" is the papers of the registration)
      const dang = spelled[at - 2] as (Word & { at?: number }) | undefined;
      const ky = spelled[at - 1] as (Word & { at?: number }) | undefined;
      const chatDk =
        dang !== undefined &&
        ky !== undefined &&
        dang.token === REGISTER[0] &&
        ky.token === REGISTER[1] &&
        dang.at !== undefined &&
        dang.at === ky.at &&
        !spelled.some(
          (_w, j) => j < at - 2 && sentenceNo(spelled, j) === sentenceNo(spelled, at) && hasAt(spelled, j, PAPER_NOUNS),
        ) &&
        !spelled.slice(0, at - 2).some((w) => w.token === "hs");
      if (judged || chatDk) {
        cue.intent = "conditions";
        continue;
      }
    }
    // "các bước nộp hồ sơ thế nào", "trình tự làm hồ sơ như thế nào": the steps named, then how the dossier is sent
    // (not "hồ sơ thế nào" alone: what the dossier holds)
    if (cue.intent === "documents" && cue.tokens[0] === "ho" && cue.tokens[1] === "so" && cue.tokens.length > 2) {
      const named = cues.find(
        (c) =>
          c !== cue &&
          !c.mute &&
          c.intent === "steps" &&
          NAMED_STEPS.has(c.tokens.join(" ")) &&
          c.end !== undefined &&
          c.end <= at &&
          at - c.end <= 2 &&
          sameClause(c.end - 1, at) &&
          spelled.slice(c.end, at).every((_w, j) => hasAt(spelled, (c.end as number) + j, DOSSIER_ACTS)),
      );
      if (named) {
        cue.mute = true;
        continue;
      }
    }
    // "có phải về quê cắt khẩu trước không", "có phải về quê làm gì trước không, các bước ra sao": going home is a
    // step asked to come first (its conditions, or the steps asked beside), not where it is done
    if (cue.intent === "place" && cue.tokens[0] === "ve") {
      const first = [1, 2, 3, 4, 5, 6].some(
        (d) => sameClause((cue.end ?? at) + d - 1, at) && spelled[(cue.end ?? at) + d - 1]?.token === "truoc",
      );
      if (first) {
        cue.mute = true;
        continue;
      }
    }
    // "địa chỉ" asks where only when nothing else is asked beside it ("làm gì để giấy phép ghi đúng địa chỉ")
    if (cue.intent === "place" && text === "dia chi") cue.weak = true;
  }
  // "cần giấy xác nhận 8m2/người để đăng ký thường trú, làm sao": the paper is the story of a question asked after it
  for (const whole of cues) {
    if (whole.mute || whole.intent !== "general" || whole.clause === undefined || whole.tokens.length === 0) continue;
    for (const c of cues) {
      if (c.paper && !c.mute && c.sentence === whole.sentence && c.clause !== undefined && c.clause < whole.clause) {
        c.mute = true;
      }
    }
  }
}

/**
 * "Can I change my son's name …? He's 7, Vietnamese.": a short statement after a yes/no question that asks no
 * section is the story's last detail; the question before it is what is asked. Returns where that question ends
 * (its trailing particles skipped), or `end` as it was.
 */
function questionEnd(spelled: readonly Word[], end: number, cues: readonly Cue[]): number {
  const sentence = sentenceNo(spelled, end);
  if (cues.some((c) => !c.mute && c.at !== undefined && sentenceNo(spelled, c.at) === sentence)) return end;
  let start = end;
  while (start > 0 && sentenceNo(spelled, start - 1) === sentence) start--;
  if (start === 0 || end - start + 1 > 8 || YES_NO.has(spelled[end]?.token ?? "")) return end;
  let before = start - 1;
  while (before > 0 && TRAILING.has(spelled[before]?.token ?? "")) before--;
  const word = spelled[before];
  const yesNo = word !== undefined && YES_NO.has(word.token) && (word.marks === "" || word.marks === KHONG.marks);
  return yesNo || asksYesNoInEnglish(spelled, sentenceNo(spelled, before)) ? before : end;
}

/**
 * "làm khai sinh cho cháu tại nhà được không, mẹ cháu đang nằm viện": a yes/no of being allowed ("được không", "đc
 * ko"), then a short clause that only tells why; the yes/no ends the question.
 */
const TOLD_CLAUSE_WORDS = 8;
function toldAfterYesNo(spelled: readonly Word[], end: number, cues: readonly Cue[]): number {
  if (YES_NO.has(spelled[end]?.token ?? "")) return end;
  const clause = clauseAt(spelled, end);
  const sentence = sentenceNo(spelled, end);
  if (cues.some((c) => !c.mute && c.at !== undefined && clauseAt(spelled, c.at) === clause)) return end;
  let start = end;
  while (start > 0 && clauseAt(spelled, start - 1) === clause && sentenceNo(spelled, start - 1) === sentence) start--;
  if (start === 0 || end - start + 1 > TOLD_CLAUSE_WORDS || sentenceNo(spelled, start - 1) !== sentence) return end;
  let before = start - 1;
  while (before > 0 && TRAILING.has(spelled[before]?.token ?? "")) before--;
  const word = spelled[before];
  const yesNo = word !== undefined && YES_NO.has(word.token) && (word.marks === "" || word.marks === KHONG.marks);
  return yesNo && spelled[before - 1]?.token === "duoc" ? before : end;
}

/**
 * "có cần đưa bà lên phường khám không, hay cán bộ xuống nhà?", "có cần lên phường làm thủ tục … không hay cứ nghỉ là
 * được": a yes/no offered with its other answer after "hay"; the yes/no is the question, its "không" where it ends
 * (when nothing after it asks a section: "… được không hay phải lên xã" keeps its own cue).
 */
function alternativeEnd(spelled: readonly Word[], end: number, cues: readonly Cue[]): number {
  const sentence = sentenceNo(spelled, end);
  for (let k = end - 1; k > 0 && sentenceNo(spelled, k) === sentence; k--) {
    const word = spelled[k] as Word;
    if (!YES_NO.has(word.token) || (word.marks !== "" && word.marks !== KHONG.marks)) continue;
    if (!OR.has(spelled[k + 1]?.token ?? "") || sentenceNo(spelled, k + 1) !== sentence) continue;
    if (cues.some((c) => !c.mute && c.at !== undefined && c.at > k && sentenceNo(spelled, c.at) === sentence))
      return end;
    return k;
  }
  return end;
}

/** "sang xã khác", "dời qua phường khác", "moved to another ward": the place moved to, content. */
const ELSEWHERE = new Set(["phuong khac", "xa khac", "noi khac", "another ward", "a different ward"]);
const MOVES = new Set(tokenize("chuyển dời sang qua moved move moving"));
function movesElsewhere(spelled: readonly Word[], at: number, matched: readonly Word[]): boolean {
  if (!ELSEWHERE.has(matched.map((w) => w.token).join(" "))) return false;
  const clause = (spelled[at] as Word & { clause?: number }).clause;
  return spelled
    .slice(Math.max(0, at - 6), at)
    .some((w) => MOVES.has(w.token) && (w as Word & { clause?: number }).clause === clause);
}

/** Words after "xin" that make it politeness, not a request for a paper ("xin hỏi", "xin chào", "xin lỗi"). */
const POLITE_AFTER_XIN = new Set(tokenize("hỏi chào lỗi cảm cám phép cho mời ý"));
/** On one's behalf: "xin hộ", "xin giùm", "xin thay". */
const FOR_ONE = new Set(tokenize("hộ giùm dùm thay"));
const PAPER_BEFORE_XIN = new Set(tokenize("đơn sơ giấy"));
/** Words of needing: "xin chuyển đất … có cần đo đạc lại không" asks a need, not for the service. */
const NEED_WORDS = new Set(tokenize("cần phải bắt buộc"));
/** "có được xin … không", "được xin … không": whether one may ask for it, a condition. */
const MAY = new Set(tokenize("được phép"));

/** The words of the sentence that ends at `end`, from its start. */
function sentenceOf(spelled: readonly Word[], end: number): Word[] {
  const sentence = (spelled[end] as Word & { sentence?: number }).sentence ?? 0;
  let start = end;
  while (start > 0 && ((spelled[start - 1] as Word & { sentence?: number }).sentence ?? 0) === sentence) start--;
  return spelled.slice(start, end + 1);
}

/**
 * "xin bản sao hợp đồng được không", "có thể xin cấp lại … không": a yes/no whose verb is a request for a paper
 * or a service asks for the service itself (as English "can I get a copy"), unless it asks whether one may
 * ("có được xin … không").
 */
function requestsService(spelled: readonly Word[], end: number): boolean {
  const words = sentenceOf(spelled, end);
  // "có cần đo đạc lại không": a need asked beside the request is the question
  if (words.some((w) => NEED_WORDS.has(w.token))) return false;
  // "… rồi xin chứng thực chữ ký thì được không": whether it is allowed so, not a request
  if (words.at(-2)?.token === "duoc" && words.at(-3)?.token === THI.token) return false;
  // "ra quân 2 năm rồi còn xin tiền học nghề được nữa ko": whether one still may, the conditions
  if (words.at(-2)?.token === "nua" && words.some((w, k) => w.token === "con" && words[k + 1]?.token === "xin"))
    return false;
  // "bản chính bị cháy rồi, xin cấp lại bản sao được không": a case told in a clause before, whether one may then
  const asking = clauseAt(spelled, end);
  if (words.some((_w, k) => k > 0 && clauseAt(words, k) !== asking && caseTold(words, k))) return false;
  return words.some(
    (w, k) =>
      w.token === "xin" &&
      !POLITE_AFTER_XIN.has(words[k + 1]?.token ?? "") &&
      // "đơn xin việc", "hồ sơ xin giấy" are papers' names
      !PAPER_BEFORE_XIN.has(words[k - 1]?.token ?? "") &&
      // "có xin được giấy phép không": whether one can obtain it
      words[k + 1]?.token !== "duoc" &&
      // "ủy quyền cho mẹ đi xin hộ được không": whether another may ask for one, the conditions
      !FOR_ONE.has(words[k + 1]?.token ?? "") &&
      // "có xin con nuôi được không": whether one may ("có thể xin … không" still asks for it)
      !(words[k - 1]?.token === "co" && (words[k - 1]?.marks === "" || words[k - 1]?.marks === CO.marks)) &&
      !words.slice(Math.max(0, k - 2), k).some((before) => MAY.has(before.token)),
  );
}

/** A state told: something done, lost, undergone or going on ("rồi", "đã", "bị", "mất", "đang", "chưa"). */
const CASE_TOLD = phrase("rồi đã bị mất đang chưa");
function caseTold(said: readonly Word[], k: number): boolean {
  const w = said[k] as Word;
  // "dang ky" typed without accents is đăng ký
  if (w.token === "dang" && ["ky", "ki"].includes(said[k + 1]?.token ?? "")) return false;
  return CASE_TOLD.some((t) => t.token === w.token && (w.marks === "" || w.marks === t.marks));
}
/** An office said as the one who acts: "xã có hòa giải không", "ủy ban phường có chứng thực hợp đồng không". */
const OFFICES = ["phường", "xã", "ủy ban", "ubnd", "bộ phận một cửa", "thị trấn"].map(tokenize);
const OFFICE_PARTS = new Set(tokenize("ủy ban nhân dân ubnd phường xã thị trấn"));
const LOCATED = new Set(tokenize("ở tại"));
const BENEFIT = new Set(["ho tro", "tro cap", "tro giup", "cap tien", "mien giam"]);
const PERSON_OF = new Set(tokenize("cán bộ người công chức"));

function asksWhetherOfficeDoes(spelled: readonly Word[], end: number, mode: "exact" | "typed"): boolean {
  const words = sentenceOf(spelled, end);
  // "… làm được không" asks whether it can be done (there): not this frame.
  if ((words[words.length - 2]?.token ?? "") === "duoc") return false;
  for (let k = 0; k < words.length; k++) {
    const office = OFFICES.find((run) => run.every((t, j) => words[k + j]?.token === t));
    if (!office) continue;
    let after = k + office.length;
    while (OFFICE_PARTS.has(words[after]?.token ?? "")) after++;
    const has = words[after];
    const isCo = has?.token === "co" && (mode === "typed" || has.marks === CO.marks);
    // "xã có hỗ trợ tiền mai táng không" asks whether one gets the benefit (a condition); "cán bộ xã có đến nhà
    // không" whether someone comes in one's case
    const benefit = BENEFIT.has(`${words[after + 1]?.token ?? ""} ${words[after + 2]?.token ?? ""}`);
    const person = PERSON_OF.has(words[k - 1]?.token ?? "");
    if (isCo && !benefit && !person && !LOCATED.has(words[k - 1]?.token ?? "") && after + 1 < words.length - 1) {
      return true;
    }
  }
  return false;
}

/** Whether the sentence ending at `end` names an office the thing would be done at (not one where it was done). */
function namesOffice(spelled: readonly Word[], end: number, mode: "exact" | "typed"): boolean {
  const sentence = (spelled[end] as Word & { sentence?: number }).sentence ?? 0;
  // "em thuê phòng trọ ở quận 7, chủ nhà ko chịu ký thì có đk được ko": an office in a clause told before a question
  // that says more than "được không" is where the story is
  const clause = clauseAt(spelled, end);
  let opens = end;
  while (opens > 0 && clauseAt(spelled, opens - 1) === clause) opens--;
  const ownQuestion = clause !== undefined && end - opens + 1 > 3;
  for (let k = end; k >= 0; k--) {
    const word = spelled[k] as Word & { sentence?: number };
    if ((word.sentence ?? 0) !== sentence) break;
    if (ownQuestion && clauseAt(spelled, k) !== clause) break;
    const office = officeMap.entryAt(spelled, k, mode);
    if (!office) continue;
    // in a message typed with accents the office's own word must carry its accents ("ra quân" is leaving the army,
    // "ở xa" living far: no "ra quận", no "ở xã"), as one word of a cue must
    if (mode === "exact" && office.from.slice(1).some((w, j) => spelled[k + 1 + j]?.marks !== w.marks)) continue;
    // "văn bản từ chối ở UBND phường": "từ chối" (refuse) is no "từ" (from)
    const before = spelled.slice(Math.max(0, k - 3), k);
    if (!before.some((w, j) => doneBefore(w, mode) && before[j + 1]?.token !== "choi")) return true;
  }
  return false;
}

/**
 * A yes/no whose need is to hand in, bring, sign or translate a paper named in its sentence: "giấy cũ cần nộp lại
 * không", "có cần in ra nộp kèm không" beside "bằng chứng là tin nhắn". Not a need with no paper ("có cần mang theo
 * người phiên dịch không", "có phải ký tên không": whether).
 */
function paperToHandIn(spelled: readonly Word[], end: number, mode: "exact" | "typed"): boolean {
  const sentence = sentenceNo(spelled, end);
  for (let k = end; k >= 0 && sentenceNo(spelled, k) === sentence; k--) {
    const w = spelled[k] as Word;
    // "em có ghi âm thì nộp kèm đơn được ko": what may go with the application, the papers
    if (w.token === "kem" && ATTACHING.has(spelled[k - 1]?.token ?? "")) return true;
    if (NEEDING.some((n) => n.token === w.token && (mode === "typed" || w.marks === n.marks))) {
      return handsInPaper(spelled, k + 1);
    }
  }
  return false;
}
const ATTACHING = new Set(tokenize("nộp gửi đính"));

/**
 * "nhà còn giữ được bản photo giấy chứng tử thì có dùng được ko", "hợp đồng thuê nhà thay được không": whether a paper
 * one has will do, the papers. The use is said last ("dùng được", "thay được", "thay thế được") and a paper before it.
 */
function paperUsable(spelled: readonly Word[], end: number, mode: "exact" | "typed"): boolean {
  const sentence = sentenceNo(spelled, end);
  let k = end - 1;
  if (spelled[k]?.token !== "duoc") return false;
  k--;
  if (spelled[k]?.token === "the" && spelled[k - 1]?.token === "thay") k--;
  if (!USES.has(spelled[k]?.token ?? "")) return false;
  for (let j = k - 1; j >= 0 && sentenceNo(spelled, j) === sentence; j--) {
    if (paperMap.entryAt(spelled, j, mode)) return true;
  }
  return false;
}
const USES = new Set(tokenize("dùng thay"));

/**
 * "bản sao có cần chứng thực không", "giấy khai sinh có phải dịch không": how a paper named before must be made,
 * the papers (not "có cần công chứng không" alone: whether the service is needed).
 */
function paperCertified(spelled: readonly Word[], end: number, mode: "exact" | "typed"): boolean {
  const sentence = sentenceNo(spelled, end);
  let need = -1;
  for (let k = end - 1; k >= 0 && sentenceNo(spelled, k) === sentence; k--) {
    const w = spelled[k] as Word;
    if (NEEDING.some((n) => n.token === w.token && (mode === "typed" || w.marks === n.marks))) {
      need = k;
      break;
    }
  }
  // the making right after the need, nothing after it but the question ("có cần chứng thực không"; not "… chứng thực
  // chữ ký không": the service asked)
  if (need < 0 || !hasAt(spelled, need + 1, MADE_SO) || end - need > 3) return false;
  for (let k = need - 1; k >= 0 && clauseAt(spelled, k) === clauseAt(spelled, need); k--) {
    if (paperMap.entryAt(spelled, k, mode)) return true;
  }
  return false;
}
const MADE_SO = new Set(["cong chung", "chung thuc", "sao y", "dich", "hop phap", "dich thuat"]);

/** An act done at the office said in the sentence before `end`: "nộp hồ sơ …", "chứng thực …", "làm giấy …". */
function actsBefore(spelled: readonly Word[], end: number): boolean {
  const sentence = sentenceNo(spelled, end);
  return spelled.slice(0, end).some((w, k) => sentenceNo(spelled, k) === sentence && OFFICE_ACTS_SAID.has(w.token));
}
const OFFICE_ACTS_SAID = new Set(tokenize("nộp làm xin chứng thực đăng ký khai hồ sơ cấp"));

/**
 * Going to an office, with nothing to have done there after it: "có cần về phường cũ không", "có phải lên huyện
 * không" ask where it is done; not an office written or reported to ("có cần báo lên phường không": whether).
 */
function goesToOffice(spelled: readonly Word[], end: number, mode: "exact" | "typed"): boolean {
  const sentence = sentenceNo(spelled, end);
  for (let k = end - 1; k >= 0 && sentenceNo(spelled, k) === sentence; k--) {
    const w = spelled[k] as Word;
    if (!GOING.some((g) => g.token === w.token && (mode === "typed" || w.marks === g.marks))) continue;
    // the going is what the yes/no asks: right after its need ("có cần về …"), not who goes ("cả hai cùng đến xã")
    // nor a going told before it ("muốn lên xã gặp lãnh đạo thì có cần đăng ký trước ko")
    const need = spelled[k - 1];
    if (!NEEDING.some((n) => n.token === need?.token && (mode === "typed" || need.marks === n.marks))) continue;
    let next = k + 1;
    if (spelled[next]?.token === "lai") next++;
    if (!OFFICE_GONE.has(spelled[next]?.token ?? "") || REPORTED.has(spelled[k - 1]?.token ?? "")) continue;
    if (!actsAfterOffice(spelled, next)) return true;
  }
  return false;
}
const GOING = phrase("về lên ra đến tới");
const OFFICE_GONE = new Set(tokenize("phường xã ubnd ủy huyện quận"));
const REPORTED = new Set(tokenize("báo gửi lưu đã từ sống trú nhà"));

/**
 * A word of needing before the office the yes/no names, and the act to have done there after it: "có cần ra phường
 * chứng thực chữ ký không" asks whether it is needed ("phải ra phường nơi có đất à" still asks where to go).
 */
function needsBeforeOffice(spelled: readonly Word[], end: number, mode: "exact" | "typed"): boolean {
  const sentence = sentenceNo(spelled, end);
  let office = -1;
  for (let k = end; k >= 0 && sentenceNo(spelled, k) === sentence; k--) {
    if (officeMap.entryAt(spelled, k, mode)) office = k;
  }
  if (office < 0 || !actsAfterOffice(spelled, office + 1)) return false;
  // with its accents when typed with them: "để lại căn nhà" is no "cần"
  const need = (w: Word | undefined) =>
    w !== undefined && NEEDING.some((n) => n.token === w.token && (mode === "typed" || w.marks === n.marks));
  for (let k = office - 1; k >= 0 && sentenceNo(spelled, k) === sentence; k--) if (need(spelled[k])) return true;
  return false;
}
const NEEDING = phrase("cần phải bắt buộc");

/** Whether the message ends with an office ("… ở phường", "… tại UBND xã"), not one where something was done. */
function endsAtOffice(spelled: readonly Word[], end: number, mode: "exact" | "typed"): boolean {
  for (let k = Math.max(0, end - 4); k < end; k++) {
    const entry = officeMap.entryAt(spelled, k, mode);
    if (!entry) continue;
    const after = spelled.slice(k + entry.from.length, end + 1);
    const rest = after.filter((w) => !OFFICE_WORDS.has(w.token));
    if (rest.length === 0 && !spelled.slice(Math.max(0, k - 6), k).some((w) => KEPT_THERE.has(w.token))) return true;
  }
  return false;
}
/** "vì mất cả sổ gốc ở xã", "đã chứng thực tại phường": where a paper is kept or a thing was done. */
const KEPT_THERE = new Set(tokenize("đã từ mất vì do bị lưu"));
const OFFICE_WORDS = new Set(tokenize("ủy ban nhân dân ubnd phường xã thị trấn công an này đó mình"));

/** "can I …", "is it …", "do we …": an English yes/no question with no section cue asks whether it is allowed. */
const ENGLISH_YES_NO = new Set(["can", "may", "could", "am", "is", "are", "must", "should", "do", "does"]);
const ENGLISH_SUBJECT = new Set([
  "a",
  "an",
  "i",
  "we",
  "it",
  "he",
  "she",
  "they",
  "my",
  "our",
  "the",
  "foreigners",
  "someone",
  "anyone",
  // "do both parents have to come", "does everyone need to sign"
  "both",
  "all",
  "everyone",
  "you",
  "parents",
  // "can his father be recognised …", "can she get the pension"
  "his",
  "her",
  "their",
  "your",
  "this",
  "foreigner",
]);
/** Getting the result or the money, in English: "how long before she starts getting it". */
const ENGLISH_GETS = new Set([
  "get",
  "gets",
  "getting",
  "receive",
  "receives",
  "receiving",
  "paid",
  "approved",
  "ready",
  "issued",
  "hear",
]);
/** Only one who asks for himself requests the service ("can I get a copy"); "can she get it" asks whether she may. */
const SELF = new Set(["i", "we"]);
/** "can I get a copy …" asks for the service itself, not whether it is allowed. */
const REQUESTS = new Set(["get", "have", "obtain", "request", "order", "ask", "apply", "meet", "see"]);
const OPENERS = new Set(["and", "so", "but", "also", "hi", "hello", "ok", "then"]);

/** The words that end an English question "… at the (local) ward (office)?", "… at the commune People's Committee?". */
const AT_WARD_TAIL = new Set(["the", "local", "ward", "commune", "office", "people", "s", "committee", "level"]);
const WARDS = new Set(["ward", "commune"]);
function endsAtWardInEnglish(spelled: readonly Word[], end: number): boolean {
  let k = end;
  while (k >= 0 && spelled[k]?.marks === "" && AT_WARD_TAIL.has(spelled[k]?.token ?? "")) k--;
  const tail = spelled.slice(k + 1, end + 1);
  if (spelled[k]?.token !== "at" || !tail.some((w) => WARDS.has(w.token))) return false;
  // the question is only the act at the ward, said short: not "… together at the ward?" nor "can the father be named
  // on it when we register the birth at the ward?" (what is asked is something else about the act)
  let start = k;
  while (start > 0 && clauseAt(spelled, start - 1) === clauseAt(spelled, k)) start--;
  const question = spelled.slice(start, k);
  return question.length <= 7 && !question.some((w) => ASIDE_OF_ACT.has(w.token));
}
const ASIDE_OF_ACT = new Set(["together", "when", "if", "both", "alone", "named", "without", "also", "same"]);
function asksYesNoInEnglish(spelled: readonly Word[], sentence: number): boolean {
  type Placed = Word & { sentence?: number; clause?: number };
  const inSentence = (spelled as readonly Placed[]).filter((w) => Math.floor(w.sentence ?? 0) === Math.floor(sentence));
  // At the start of the sentence or of one of its clauses: "my house was flooded, can the commune help?"
  return inSentence.some((w, at) => {
    if (at > 0 && (inSentence[at - 1] as Placed).clause === w.clause) return false;
    let k = at;
    while (k < inSentence.length && OPENERS.has((inSentence[k] as Word).token)) k++;
    const [verb, subject, action, next] = [inSentence[k], inSentence[k + 1], inSentence[k + 2], inSentence[k + 3]];
    // "have to" is an obligation, not "can I have a copy"
    const request =
      REQUESTS.has(action?.token ?? "") &&
      !(action?.token === "have" && next?.token === "to") &&
      SELF.has(subject?.token ?? "");
    return (
      verb !== undefined &&
      subject !== undefined &&
      !request &&
      verb.marks === "" &&
      ENGLISH_YES_NO.has(verb.token) &&
      ENGLISH_SUBJECT.has(subject.token)
    );
  });
}

const ALLOWANCE = new Set(["tro cap", "ho tro", "luong huu", "tien tuat"]);
/** Fee cues that ask an amount: beside an allowance, the amount received ("hỗ trợ mai táng bao nhiêu tiền"). */
const AMOUNT = new Set(["bao nhieu", "bao nhieu tien", "nhieu tien"]);

/**
 * "ai thì được hỗ trợ", "ai trong nhà đứng tên nộp được": "ai" (who) asked, and "được" after it in its clause. Not
 * nobody or anyone told ("không còn ai trông"), nor whom one turns to ("nộp cho ai", "báo ai": the place).
 */
function whoMay(spelled: readonly Word[], end: number): boolean {
  const sentence = sentenceNo(spelled, end);
  for (let k = end; k >= 0 && sentenceNo(spelled, k) === sentence; k--) {
    const w = spelled[k] as Word;
    // "khuyết tật mức nào thì được trợ cấp", "diện nào mới được hưởng": which level or kind of case may, the same
    const which = w.token === "nao" && WHICH_CASE.has(spelled[k - 1]?.token ?? "");
    if (which) {
      for (let j = k + 1; j <= end && clauseAt(spelled, j) === clauseAt(spelled, k); j++) {
        if (spelled[j]?.token === "duoc") return true;
      }
      continue;
    }
    if (w.token !== "ai" || w.marks !== "" || NOT_WHO.has(spelled[k - 1]?.token ?? "")) continue;
    if (NOBODY.has(spelled[k - 2]?.token ?? "") && clauseAt(spelled, k - 2) === clauseAt(spelled, k)) continue;
    for (let j = k + 1; j <= end && clauseAt(spelled, j) === clauseAt(spelled, k); j++) {
      if (spelled[j]?.token === "duoc") return true;
    }
  }
  return false;
}
/**
 * Two ways offered with "hay" in the question's sentence, and whether one is allowed: the sentence ends with "được"
 * ("… hay chồng đi một mình đc"), or "được hay phải …" weighs one way against a duty.
 */
function waysOffered(spelled: readonly Word[], end: number): boolean {
  const sentence = sentenceNo(spelled, end);
  let or = -1;
  for (let k = end - 1; k > 0 && sentenceNo(spelled, k) === sentence; k--) if (OR.has(spelled[k]?.token ?? "")) or = k;
  if (or < 0) return false;
  // a duty or a way on the first side ("phải", "cần", "được" before "hay"), so two names offered are not read so
  const before = spelled.slice(0, or).filter((_, k) => sentenceNo(spelled, k) === sentence);
  if (!before.some((w) => MODALS.has(w.token))) return false;
  // "phải làm hai thủ tục riêng hay gộp lại được": which procedures, the whole
  const words = spelled.filter((_, k) => sentenceNo(spelled, k) === sentence);
  if (words.some((w, k) => w.token === "thu" && words[k + 1]?.token === "tuc")) return false;
  if (spelled[end]?.token === "duoc") return true;
  return spelled[or - 1]?.token === "duoc" && MODALS.has(spelled[or + 1]?.token ?? "");
}
const NOT_WHO = new Set(tokenize("không chẳng chả cho báo gặp tìm hỏi với nhờ"));
const WHICH_CASE = new Set(tokenize("mức độ diện loại"));
const NOBODY = new Set(tokenize("không chẳng chả chưa"));

const KHONG = phrase("không")[0] as Word;
const CHUA = phrase("chưa")[0] as Word;
/** What "… chưa" asks whether one may or can yet: "tách được chưa", "gia hạn kịp chưa", "đủ chưa". */
const YET = new Set(tokenize("được kịp đủ"));
/** "con em 25 tuổi có vợ rồi thì tách được chưa": a yes/no asked with "chưa" after "được"/"kịp"/"đủ". */
function allowedYet(spelled: readonly Word[], end: number): boolean {
  const last = spelled[end];
  if (!last || last.token !== CHUA.token || (last.marks !== "" && last.marks !== CHUA.marks)) return false;
  return YET.has(spelled[end - 1]?.token ?? "");
}
/** "vẫn xin ở phường mình đc chứ", "làm ở đây được chứ": a yes/no asked for confirmation with "chứ" after "được". */
const CHU = phrase("chứ")[0] as Word;
function confirmAsked(spelled: readonly Word[], end: number, mode: "exact" | "typed"): boolean {
  const last = spelled[end];
  if (last?.token !== CHU.token || (last.marks !== CHU.marks && !(mode === "typed" && last.marks === ""))) return false;
  return spelled[end - 1]?.token === "duoc";
}
const CO = phrase("có")[0] as Word;
const QUESTION_PARTICLES = [phrase("à")[0], phrase("hả")[0]] as Word[];
const MODALS = new Set(tokenize("phải được cần bắt buộc"));
const YES_NO = new Set(["khong"]);
const VOCATIVES = new Set(tokenize("anh chị em cô chú bác"));
// "ad" is read as "admin" by the chat spellings
const TRAILING = new Set(tokenize("ạ à nhé nha nhỉ vậy ha hả ad admin shop bạn"));

/**
 * The section a message asks: a letter tells its story first and asks last, so the cues of
 * the last sentence that has any decide (a polite closing only when no other sentence asks);
 * among them the more specific section wins, and a legal deadline asked makes the days beside
 * it that deadline.
 */
export function chooseIntent(
  all: readonly Cue[],
  /**
   * `channelIsProcedure`: the procedure found is itself done online (its name says "trực tuyến toàn trình", "liên
   * thông điện tử"), so "đăng ký xe online trên VNeID ntn" asks how to do it, the steps: the channel names it.
   */
  options: { channelIsProcedure?: boolean } = {},
): Intent {
  const cues = all.filter((c) => !c.mute && !namesAfterClosing(c, all));
  // A letter that only asks for help ("nhờ tư vấn giúp", "could you explain …") asks about the whole procedure: no
  // section is named, so none is chosen (the labelled sets read it `general`).
  // (a paper said lacking beside it is the story: "chưa có giấy chứng nhận …, nhờ hướng dẫn")
  const strong = cues.filter((c) => !c.weak);
  if (strong.length > 0 && strong.every((c) => c.closing)) return "general";
  const asking = cues.filter((c) => !c.closing);
  const last = Math.max(-1, ...asking.map((c) => c.sentence));
  const inLast = asking.filter((c) => c.sentence === last);
  let there = inLast.some((c) => !c.weak) ? inLast.filter((c) => !c.weak) : inLast;
  // A paper named as needed is documents over a yes/no, never over another section asked beside it, nor over a
  // condition said in words ("có cần người dịch có mặt không hay tôi tự mang bản dịch đến", "nhờ con mang giấy tờ
  // ra phường … thay tôi được không"): who must come or may act for one.
  if (there.some((c) => c.paper)) {
    const other = there.some(
      (c) =>
        !c.paper &&
        c.intent !== "general" &&
        (c.intent !== "conditions" || c.kept || c.deadline || PRESENCE.has(c.tokens.join(" "))),
    );
    there = there.filter((c) => (other ? !c.paper : c.intent !== "conditions"));
  }
  // "Nay cần giấy khai sinh để bổ túc hồ sơ thì tôi phải làm thủ tục gì": a paper needed told before the question
  // for the whole is the case, not a papers question (a cue that asks "gì"/"nào" itself still asks)
  const whole = there.find((c) => c.intent === "general" && c.tokens.length > 0 && !c.kept && c.at !== undefined);
  if (whole) {
    there = there.filter(
      (c) =>
        c.intent !== "documents" ||
        c.at === undefined ||
        c.at >= (whole.at as number) ||
        c.asks ||
        c.tokens.some((t) => ASKING_WORDS.has(t)),
    );
  }
  const deadline = there.some((c) => c.deadline);
  // "nộp trực tuyến … cần tài khoản mức mấy": the account's level is asked, the channel is the way
  const level = there.some((c) => c.intent === "conditions" && asksLevel(c.tokens));
  // ("khai tử quá hạn thì mất bao lâu": how long it takes, said with "mất", is still the office's time)
  const found = new Set<Intent>(
    there
      .filter((c) => !(deadline && c.intent === "time" && !WAITING_WORDS.has(c.tokens[0] ?? "")))
      .map((c) => c.intent),
  );
  // "đăng ký biển số online ntn", "how do I get it corrected" beside "on the VNeID app": how to do it, by that
  // channel, asks the steps; the channel is the way, not the question.
  // Only when the channel is said in a clause before the question ("… on the VNeID app, how do I fix it"): "khai
  // sinh online ntn" asks how to do it online, the online section.
  const how = there.find((c) => c.intent === "steps" && HOW.has(c.tokens.join(" ")));
  const channels = there.filter((c) => c.intent === "online");
  const before = channels.every((c) => c.clause !== undefined && c.clause < (how?.clause ?? 0));
  if (how && channels.length > 0 && (before || options.channelIsProcedure)) {
    found.delete("online");
  }
  if (level) found.delete("online");
  // "các bước làm online", "quy trình làm trên cổng dịch vụ công gồm những bước nào": the steps named, by that channel
  if (there.some((c) => c.intent === "steps" && NAMED_STEPS.has(c.tokens.join(" ")))) found.delete("online");
  // "như thế nào" asks how, over a yes/no or a who beside it; but "điều kiện … như thế nào" asks the conditions.
  // So do "tiêu chí thế nào", "tiêu chuẩn ra sao": what the office judges by.
  if (there.some((c) => c.intent === "conditions" && JUDGED_BY.some((w) => c.tokens.join(" ").includes(w)))) {
    found.delete("steps");
  }
  return PRIORITY.find((i) => found.has(i)) ?? "general";
}

/** The procedure as a noun, in English ("tell me about the procedure for …"): names what is asked about. */
const PROCEDURE_NOUNS = new Set(["procedure", "process"]);
/**
 * "Tell me about the procedure for …", "could you explain the temporary residence registration procedure": the noun
 * after a request for an explanation in its sentence names the procedure; it asks no steps.
 */
function namesAfterClosing(cue: Cue, all: readonly Cue[]): boolean {
  if (cue.intent !== "steps" || cue.tokens.length !== 1 || !PROCEDURE_NOUNS.has(cue.tokens[0] ?? "")) return false;
  return all.some((c) => c.closing && c.sentence === cue.sentence && (c.at ?? 0) < (cue.at ?? 0));
}

/** Documents cues that say only "what it holds", whose noun is said before them. */
const GENERIC_HOLDS = new Set(["gom nhung gi", "gom gi", "bao gom nhung gi", "bao gom gi", "gom nhung"]);
/** Nouns of papers: "điều kiện và hồ sơ gồm những gì" asks the papers too. */
const PAPER_NOUNS = new Set(["ho so", "giay to", "thanh phan"]);
/** Conditions said by what they judge: "điều kiện", "tiêu chí", "tiêu chuẩn" (folded). */
const JUDGED_BY = ["dieu kien", "tieu chi", "tieu chuan"];

/** Words of a cue that ask which papers themselves ("cần những giấy tờ gì"), or the word right after one. */
const ASKING_WORDS = new Set(["gi", "nao", "nhung", "what", "which"]);
const WHICH_WORDS = new Set(["gi", "nao"]);
/** Who must be there: a condition said in words, over a paper named beside it. */
const PRESENCE = new Set(["co mat", "can co mat", "phai co mat", "truc tiep co mat"]);
/** "mức mấy", "mức 2 không", "tài khoản định danh mức mấy": the level of the account asked. */
function asksLevel(tokens: readonly string[]): boolean {
  const at = tokens.indexOf("muc");
  return at >= 0 && ["may", "1", "2"].includes(tokens[at + 1] ?? "");
}

/** Cues that name the steps themselves. */
const NAMED_STEPS = new Set(
  ["các bước", "trình tự", "quy trình", "những bước nào", "bước nào", "mấy bước", "gồm những bước", "những bước"]
    .concat(["steps", "what are the steps", "what is the procedure", "what is the process"])
    .map((text) => tokenize(text).join(" ")),
);
/** Cues that ask how ("như thế nào", "ntn", "how do I"), as opposed to naming the steps ("các bước"). */
const HOW = new Set(
  ["như thế nào", "thế nào", "làm thế nào", "làm như thế nào", "như nào", "ra sao", "how to", "how do i", "how can i"]
    .concat(["how do we", "how can we", "how should i", "ntn", "làm sao", "how"])
    .map((text) => tokenize(text).join(" ")),
);

/** Every phrase the cues use (folded tokens): known words, never "corrected" into catalogue words. */
export function cuePhrases(): string[][] {
  return [...Object.values(CUES), DEADLINE, LACKS_PAPER, NOT_CUES].flatMap((phrases) => phrases.map(tokenize));
}
