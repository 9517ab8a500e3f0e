import type { Cue, Intent } from "./intent.js";
import { tokenize, type Word, words } from "./normalize.js";
import { type MarkMode, PhraseMap, phrase, plain } from "./phrases.js";

/**
 * Section cues read from the words around them, after the cue phrases of intent.ts are found. Nothing here cuts a
 * word out of the query: the words the search matches stay exactly as intent.ts leaves them, so these rules change
 * the section a message asks, never the procedure it finds.
 */

type Placed = Word & { sentence?: number; clause?: number };

/**
 * Phrases that ask a section but whose words also name things ("văn bản", "nội dung", "file", "report"): the
 * section is read from them and the words stay content.
 */
const KEPT: Record<Exclude<Intent, "general">, string[]> = {
  documents: [
    "văn bản gì",
    // which form is needed or handed in: "cần làm đơn gì", "nộp đơn gì", "mẫu đơn nào" (the form is among the papers;
    // "… thì làm đơn gì" after a story asks which procedure, as "phải làm giấy gì")
    ...["cần làm đơn gì", "cần viết đơn gì", "cần đơn gì", "nộp đơn gì", "viết đơn gì", "mẫu đơn gì", "mẫu đơn nào"],
    // the procedure wished for said after it ("làm đơn gì để xin hòa giải", "làm đơn nào để được xác nhận"): the form
    ...["làm đơn gì để", "làm đơn nào để", "làm đơn gì mới được", "làm tờ khai gì để"],
    // Central speech, "chi" for gì: "cần những chi", "phải đem chi", "chuẩn bị chi" (read loosely, "cần chi" alone would
    // read "cần chị"); English chat "docs"
    ...["cần những chi", "phải đem chi", "phải mang chi", "cần đem chi", "cần mang chi", "chuẩn bị chi", "docs"],
    "những văn bản gì",
    "biên bản gì",
    "những biên bản gì",
    "kèm những gì",
    "kèm gì",
    "kèm theo gì",
    "kèm theo những gì",
    "nội dung gì",
    "những nội dung gì",
    "ghi những gì",
    "lấy gì chứng minh",
    "chứng minh bằng gì",
    "chứng cứ gì",
    "giấy tờ chứng minh gì",
    "cần nhg",
    // chat "nhg j" (những gì): "hs chuyển trường cần nộp nhg j", "gồm nhg j" ("làm nhg j" asks the whole)
    // what to carry along: "em phải cầm theo những gì"
    ...["cầm theo những gì", "cầm theo gì", "cầm những gì", "cầm gì", "mang theo những gì", "mang theo gì"],
    // a record to bring: "cần biên bản ủy quyền của cả họ à"
    ...["cần biên bản", "cần có biên bản", "phải có biên bản", "mang biên bản", "kèm biên bản"],
    ...["nộp nhg gì", "gồm nhg gì", "mang nhg gì", "chuẩn bị nhg gì", "hs nhg gì", "giấy tờ nhg gì", "có nhg gì"],
    "gửi những gì",
    "gửi lên những gì",
    "những thông tin gì",
    "thông tin gì",
    "what papers",
    "what paper",
    "which papers",
    "what must we file",
    "what must i file",
    "what do we file",
    "what do i file",
    "what do we need to file",
    "what do i need to file",
    "what do we submit",
    "what do i submit",
    "what must we submit",
    "what must i submit",
    "what should we submit",
    "what should i submit",
    "what do i have to submit",
    "what do we have to submit",
    "what information",
    // "what's needed to register a death", "what is required for the transfer"
    ...["what s needed", "what is needed", "what s required", "what is required", "whats needed"],
    "what evidence",
    "what proof",
    // chat: "hs" is hồ sơ, "j" gì ("cần hs j"); a letter asked for ("gửi đơn j")
    "hs gì",
    "cần hs",
    "hs gồm",
    "hs những gì",
    "gửi đơn gì",
    "nộp đơn gì",
    "gửi gì",
    // a letter asked for: "do I need to write a letter?"
    "write a letter",
    "write an application",
    "written request",
    "written application",
    // "what should I take with me": what to bring, not "take" of time
    "should i take",
    "do i take",
    "need to take",
    "must i take",
    "should we take",
    "do we take",
    // papers said by other nouns: "gồm những tài liệu gì", "phải gửi thông báo gì" ("làm đơn gì" asks which procedure)
    ...["tài liệu gì", "những tài liệu gì", "tài liệu nào", "chứng từ gì", "giấy tờ chứng từ gì"],
    ...["gửi thông báo gì", "nộp thông báo gì", "làm thông báo gì", "mẫu đơn gì"],
    // the photo's size: "ảnh mấy x mấy", "hình cỡ nào"; a form to fill in
    ...["ảnh mấy x", "hình mấy x", "ảnh cỡ nào", "hình cỡ nào", "kích thước ảnh", "kích cỡ ảnh", "fill in", "fill out"],
    // a form asked for: "nộp mẫu j"
    "mẫu gì",
    "mẫu nào",
    "nộp mẫu",
  ],
  fee: [
    // the price compared: "is it cheaper online", "làm online có rẻ hơn không"
    ...["cheaper", "more expensive", "rẻ hơn", "đắt hơn"],
    // Central speech and chat: "có tốn chi không" (does it cost anything), "tốn nhiêu", "bnhiu"
    ...["tốn chi", "tốn nhiêu", "bnhiu", "bnhieu", "xèng", "mất xèng", "tốn xèng"],
    // "tiền" said with a Southern "x": "có mất xiền hông", "tốn xiền không"
    ...["xiền", "mất xiền", "tốn xiền", "bao nhiêu xiền", "nhiêu xiền"],
    ...["how much does it cost", "how much will it cost", "what does it cost", "any fee", "any charge"],
    // "làm cái đó tốn kém không", "phường có thu đồng nào không", "miễn phí hả"
    // (money paid: "hội đồng nào" is a council, no fee)
    ...["tốn kém", "thu đồng nào", "mất đồng nào", "tốn đồng nào", "trả đồng nào", "đóng đồng nào"],
    ...["thu phí", "miễn phí hả", "miễn phí à", "miễn phí phải không", "có miễn phí"],
    // "phí" typed as in chat ("có mất fí ko"); "will I be charged"
    ...["fí", "lệ fí", "mất fí", "tốn fí", "charged", "charge me", "charges"],
    // "giá sao vậy", "giá cả thế nào"
    ...["giá sao", "giá thế nào", "giá như thế nào"],
  ],
  // the day of the office's citizen reception: "lịch tiếp dân vào ngày nào", "when are the reception days"
  time: [
    // how long until: "răng lâu mới biết được công nhận", "bao lâu mới có", "lâu mới xong không"
    ...["lâu mới biết", "lâu mới có", "lâu mới được", "lâu mới xong", "lâu mới nhận", "lâu mới lấy", "lâu mới duyệt"],
    ...["how quickly", "how fast", "how soon", "how many working days", "vào ngày nào", "when are", "what days"],
    // "lịch tiếp dân là ngày nào trong tuần": only beside the office's reception or work (OFFICE_DAYS)
    ...["ngày nào trong tuần", "những ngày nào", "các ngày nào", "thứ mấy", "vào thứ mấy", "thứ nào"],
    // a time of day ("mấy giờ", "giờ nào", "what time"): only beside the office (its hours, printed with the place)
    // or the result (the processing time says "after 15:00"), read in hoursAsked
    ...["what time", "mấy giờ", "giờ nào"],
    // "h" for giờ in chat: "mấy h lấy dc"
    "mấy h",
    // whether it takes long: "nghe nói lâu lắm hả chị" (a complaint, "sao lâu thế", "răng mà lâu rứa", asks nothing)
    ...["the same day", "on the same day", "same day", "timeline", "time frame", "timeframe", "turnaround"],
    ...["lâu lắm hả", "lâu lắm không", "lâu lắm à"],
    // ready at once: "nộp sáng nay chiều có giấy luôn không"
    ...["có giấy luôn", "lấy giấy luôn", "nhận giấy luôn", "có kết quả luôn", "lấy được ngay"],
    // "bên phường làm xong ngay trong buổi không" ("mấy tháng mới có lương" is chit-chat too)
    ...["xong ngay trong buổi", "xong trong buổi", "ngay trong buổi", "làm xong ngay"],
  ],
  place: [
    // which office, in Central speech, after handing in: "nộp mô rứa" (read loosely: "xin mô", "tới mô" would read
    // "xin mở", "tôi mở")
    "nộp mô",
    // the office's hours are printed with the office, in the place section
    ...["opening hours", "office hours", "working hours"],
    // "giờ làm việc của phường", "giờ hành chính là mấy giờ": the office's hours
    ...["giờ làm việc", "giờ hành chính", "giờ mở cửa", "giờ tiếp dân", "lịch làm việc"],
    "cơ quan tiếp nhận",
    "nơi tiếp nhận",
    "ai ra quyết định",
    "ai quyết định",
    "ai công nhận",
    "ai phê duyệt",
    "ai xét duyệt",
    "ai sẽ ra quyết định",
    "ai sẽ quyết định",
    "ai sẽ công nhận",
    "ai sẽ cấp",
    // one office or another to send it to: "nộp cho tổ trưởng hay nộp lên UBND phường"
    "hay nộp lên",
    "hay nộp về",
    "hay gửi lên",
    "hay gửi về",
    // "ở công an phường nơi tạm trú không hay phải về nơi thường trú": one office or the other
    // "gửi đơn cho trường nào"
    "cho trường nào",
    // the school to send it to: "nộp hồ sơ ở trường ngoài đó hay trường trong này"
    ...["nộp hồ sơ ở trường", "nộp ở trường", "ở trường nào", "trường nào nhận"],
    // one office or another by its department: "nộp ở xã hay phòng lao động", "ở phòng nào"
    ...["hay phòng", "hay trung tâm", "hay chi cục", "phòng nào"],
    "cho cơ quan nào",
    "cho bên nào",
    // where, in Central speech: "làm ở mô rứa" (only this: "chỗ mô" reads "chợ mở" loosely)
    "ở mô",
    // "chỗ mô" after an act of going or sending ("nộp chỗ mô", "đi chỗ mô"), never alone ("chợ mở")
    ...["nộp chỗ mô", "làm chỗ mô", "đi chỗ mô", "đến chỗ mô", "ra chỗ mô", "lên chỗ mô", "xin chỗ mô"],
    // "đi mô làm", "nộp mô rứa": where to go or send it ("mở" typed with its accents is another word, SLIPS_NOT)
    ...["đi mô", "nộp mô", "lên mô", "đến mô"],
    // which office, in Central speech: "đăng ký tạm trú ở phường mô rứa", "lên xã mô làm" (read loosely, "báo xã mở
    // hội làng" is no question: only after an act of going or being there)
    ...["ở", "lên", "ra", "tới", "đến", "nộp ở", "làm ở"].flatMap((go) => [`${go} phường mô`, `${go} xã mô`]),
    ...["ủy ban mô", "nơi mô", "ở chỗ mô", "cơ quan mô", "bên mô"],
    // which side does it: "bên nào làm vậy ad", "bên nào cấp"
    ...["bên nào làm", "bên nào cấp", "bên nào nhận", "bên nào lo", "bên nào thụ lý"],
    // the same office as the other thing: "nhân tiện … làm chung chỗ đó luôn được không"
    ...["chung chỗ đó", "cùng chỗ đó", "chung chỗ này", "cùng chỗ này", "chỗ đó luôn", "ở đó luôn", "tại đó luôn"],
    "hay phải về",
    "hay phải lên",
    "hay phải ra",
    "hay phải đến",
    "who approves",
    "who decides",
    "who recognises",
    "who recognizes",
    "report to",
    "who at the ward",
    "who at the commune",
    "who do i contact",
    "who should i contact",
    "who do we contact",
    "đề nghị với ai",
    "báo với ai",
    "trình bày với ai",
    "liên hệ với ai",
    "who should we contact",
    "instead of a notary",
    "where do we",
    "where should i",
    "where should we",
    "where to",
    // one office or another: "của sở hay phường", "ở xã mới hay xã cũ"
    "hay phường",
    "hay xã",
    "hay sở",
    "hay huyện",
    "or the ward",
    "or the commune",
    // to whom it is sent: "who do I send my complaint to"
    "who do i send",
    "who should i send",
    "who do we send",
    "who do i submit",
    "who do i give",
    "to whom",
  ],
  // "dvc": the public service portal (dịch vụ công) as chat writes it
  online: [
    ...["can i do it online", "do it online", "apply online", "register online", "dvc", "dvcqg"],
    ...["app nào", "bằng app", "ứng dụng nào", "trang web nào", "web nào", "which app", "what app"],
    ...["qua ứng dụng", "trên ứng dụng", "bằng ứng dụng"],
    // an app asked for: "có app hay phải lên tận nơi", "có ứng dụng không", "app gì"
    ...["có app", "app gì", "ứng dụng gì", "có ứng dụng"],
    // "đt" is the phone in chat: "làm trên đt được ko"
    ...["trên đt", "qua đt", "bằng đt", "trên dt", "qua dt", "bằng dt"],
    ...["qua zalo", "qua email", "qua mail", "gửi email", "gửi mail", "by email", "via email", "via zalo"],
  ],
  steps: [
    ...["how does", "how do", "walk me through", "what are the steps", "what is the procedure"],
    // how someone else does it: "how can he extend it", "how should my mother apply"
    ...["can", "could", "should", "would"].flatMap((verb) =>
      ["he", "she", "they", "my", "his", "her", "our", "their"].map((who) => `how ${verb} ${who}`),
    ),
    ...["what happens next", "what s next", "what comes next"],
    // the next step: "tiếp theo phải làm gì", "bắt đầu từ đâu"
    ...["tiếp theo phải", "tiếp theo cần", "tiếp theo làm", "bước tiếp theo", "làm gì tiếp"],
    // how, said as in talk: "xin công nhận kiểu gì"
    ...["kiểu gì", "làm kiểu gì", "làm kiểu nào"],
  ],
  conditions: [
    // what one must meet or have before it is granted: "phải đáp ứng những gì", "phải có gì mới được cấp"
    ...["đáp ứng những gì", "đáp ứng gì", "đáp ứng những yêu cầu gì", "có gì mới được", "có những gì mới được"],
    // an office sent to the home is the mobile registration, for those who cannot come: whether one qualifies
    "đến tận nhà",
    "xuống tận nhà",
    "tới tận nhà",
    "tận nhà",
    "có đến nhà",
    "có xuống nhà",
    "cử cán bộ",
    "cử người",
    "come to our home",
    "come to my home",
    "come to our house",
    "come to my house",
    "qualify",
    "qualifies",
    "what age",
    "how many votes",
    // a deadline to submit: "hạn nộp là trước ngày nào"
    "hạn nộp",
    "trước ngày nào",
    "thuộc đối tượng",
    "thuộc diện",
    // "chuyển trường giữa kỳ được không hay phải đợi": whether it may be done now
    "được không hay",
    // an income asked is the poverty line ("thu nhập bao nhiêu một tháng mới được công nhận")
    "thu nhập bao nhiêu",
    "thu nhập dưới bao nhiêu",
    "mức thu nhập",
    "who is eligible",
    "how old",
    // who files it, how late at the latest: "ai đứng ra làm hồ sơ", "trễ nhất mấy giờ phải báo"
    "ai đứng ra",
    // when one must report, to be in time: "lên tới nơi 11h đêm thì báo lúc nào cho kịp"
    ...["báo lúc nào", "báo khi nào", "lúc nào cho kịp", "khi nào cho kịp"],
    // who may apply: "who in the family should apply for it"
    ...["who in the family", "who should apply", "who can apply", "who may apply", "who is allowed"],
    // who may be named: "ai trong nhà được đứng tên" ("ai trong nhà", "được mấy lần" alone are chit-chat too)
    ...["được đứng tên", "ai đứng tên"],
    // how many times at most: "gia hạn tối đa được mấy lần"
    ...["tối đa mấy lần", "tối đa được mấy lần", "tối đa bao nhiêu lần", "gia hạn mấy lần", "gia hạn được mấy lần"],
    "trễ nhất",
    "muộn nhất",
    "chậm nhất",
    "trước năm nào",
    "trước tháng nào",
    // a right asked: "tôi có quyền yêu cầu bồi thường không"
    "có quyền",
    // standards to meet: "cần đáp ứng tiêu chuẩn gì"
    "tiêu chuẩn gì",
    "tiêu chuẩn nào",
    "những tiêu chuẩn",
    "cần đáp ứng",
    // the level of the VNeID account asked: "cần tài khoản mức mấy" (the channel beside it is the way); an
    // allowance's "mức mấy" is its amount, general
    "tài khoản mức mấy",
    "định danh mức mấy",
    "vneid mức mấy",
    "mức 2 không",
    "mức 2 chưa",
    // someone acting for one: "nhờ con mang giấy tờ ra phường … thay tôi được không"
    "thay tôi",
    "thay mặt tôi",
    "thay cho tôi",
    "đi thay",
    "làm thay",
    "nộp thay",
    "on my behalf",
    "on his behalf",
    "on her behalf",
    // late and fined: "what happens if I register the birth late", "will I be fined"
    "what happens if",
    "be fined",
    "get fined",
    "penalty",
    "penalties",
    "register late",
    "registered late",
    "registering late",
    "late registration",
  ],
};

/**
 * Questions for the procedure as a whole that stay content ("cần làm những gì"): the yes/no beside them asks no
 * condition ("có được nhận trợ cấp gì không, cần làm những gì").
 */
const KEPT_WHOLE = [
  ...["cần làm những gì", "phải làm những gì", "cần làm những thủ tục gì", "phải làm những thủ tục gì"],
  ...["làm nhg gì", "làm những gì"],
  // whether the procedure differs in one's case: "nếu cháu mang quốc tịch Hàn thì thủ tục có khác không"
  ...["có khác không", "có khác gì không", "có gì khác không", "khác gì không", "có gì khác", "có khác nhau không"],
  // said without "có" in chat: "thì thủ tục khác ko"
  ...["thủ tục khác không", "thủ tục khác ko", "thủ tục khác k", "có khác ko", "có khác k"],
];
/**
 * Which benefits one gets ("nhà được lĩnh tiền gì không", "được hưởng chế độ gì"): the procedure as a whole, as the
 * amount of an allowance is; a yes/no beside them ("có được hưởng trợ cấp gì không") still asks whether one may.
 */
const BENEFITS_ASKED = ["tiền gì", "trợ cấp gì", "chế độ gì", "hỗ trợ gì", "quyền lợi gì", "được hưởng gì"];

/**
 * Words around a cue that make it part of the story or of a name, not a question: "mặt tiền" is no "mất tiền",
 * "làm liên thông" no "làm liền", "nghỉ một thời gian" asks no time, "rút tiền" no fee, "về quê rồi" no place.
 * Matched with the accents typed (a phrase of cues is matched loosely, one accent slip allowed; these are not).
 */
const STORY = [
  "mặt tiền",
  "liên thông",
  "một thời gian",
  "thời gian gần đây",
  "thời gian qua",
  "không còn thời gian",
  "không có thời gian",
  "rút tiền",
  "gửi tiền",
  "vay tiền",
  "tiền thuê",
  "về quê rồi",
  "về quê sinh sống",
  "về quê thì",
  "ở quê lên",
  "từ quê lên",
  // living at one address is the situation ("tách hộ nhưng vẫn ở cùng địa chỉ")
  "cùng địa chỉ",
  "ở địa chỉ đó",
  "ở địa chỉ này",
  "tại địa chỉ đó",
  "tại địa chỉ này",
  // money the citizen put in is the story ("tôi là người bỏ tiền ra xây"), no fee asked: who put it in, or what it
  // went to. "có phải bỏ tiền (ra) không" asks the fee (review s12 M1).
  ...["người bỏ tiền", "bỏ tiền ra xây", "bỏ tiền ra mua", "bỏ tiền ra sửa", "bỏ tiền ra làm nhà"],
  ...["bỏ tiền xây", "bỏ tiền mua", "bỏ tiền túi ra xây", "bỏ tiền túi ra mua"],
  // a contract's term changed is the story ("rút thời hạn từ 5 năm xuống 3 năm"); money given is received, no fee
  // ("có được nhà nước cho tiền lo cúng giỗ không")
  ...["rút thời hạn", "rút ngắn thời hạn", "thời hạn thuê", "thời hạn hợp đồng", "cho tiền"],
  // a criminal record is no money ("chủ cơ sở có tiền án"); a distance no way ("cách chừng 50 mét")
  ...["tiền án", "tiền sự", "cách chừng", "cách khoảng", "cách nhau"],
  // a gap, no way: "khoảng cách tuổi tối thiểu là bao nhiêu"
  "khoảng cách",
  // "take-away bottle shop", "take out": no "take" of time
  "take away",
  "take out",
  "chung địa chỉ",
  "một địa chỉ",
  "dịch giấy tờ",
  "khỏi bị phạt",
  "tránh bị phạt",
  "không thì bị phạt",
  // a guest's stay, not a time asked ("bạn vào chơi ở nhờ mấy hôm")
  "ở nhờ mấy hôm",
  "ở nhờ mấy ngày",
  "ở lại mấy hôm",
  "ở lại mấy ngày",
  "chơi mấy hôm",
  "chơi mấy ngày",
  // money received, not paid
  "một khoản tiền",
  "khoản tiền hỗ trợ",
  "bắt đầu từ đâu",
  "về quê hẳn",
  // being at home now is the story ("tôi đang ở quê thì làm bằng cách nào"), no place asked; someone gone nobody
  // knows where ("vắng mặt hơn 12 tháng không rõ ở đâu") asks no place
  "đang ở quê",
  ...["không rõ ở đâu", "không rõ đang ở đâu", "không biết đang ở đâu", "chưa rõ ở đâu", "không rõ tung tích"],
  // the story's funds and a paper's expiry: "thư viện không còn kinh phí", "giấy phép đã hết thời hạn" ("kinh phí
  // làm sổ đỏ" alone asks the cost)
  "hết kinh phí",
  "còn kinh phí",
  "thiếu kinh phí",
  "không có kinh phí",
  "đã hết thời hạn",
  "đã hết hạn",
  // isolating a child is the case ("cách ly cháu khỏi người đó"), no "cách" (how)
  "cách ly",
  // an address of the story ("xóa thường trú ở địa chỉ cũ")
  "địa chỉ cũ",
  "địa chỉ mới",
  // money received, not paid: "tiền chôn cất", "hưởng tiền tử tuất", "mức tiền mỗi tháng"
  "tiền chôn cất",
  "tiền lo đám",
  "tiền làm nhà",
  "tiền tử tuất",
  "hưởng tiền",
  "mức tiền",
  "how much is covered",
  "travel costs",
  "training costs",
  "burial cost",
  "burial costs",
  "funeral cost",
  "funeral costs",
  // "want to take a vocational course", "take with me": no "take" of time
  "take a",
  "take the",
  "take with",
  "take along",
  // money claimed or owed, not a fee: "đòi bồi thường tiền", "tiền người già"
  "bồi thường tiền",
  "đòi tiền",
  "tiền người già",
  // papers already made ready are the story: "tôi đã chuẩn bị hợp đồng thuê nhà, vậy nộp ở đâu"
  "đã chuẩn bị",
  "đã mang theo",
  "đã có đủ",
  // a duty of the story: "có quyết định bắt buộc phải di dời"
  "quyết định bắt buộc",
  "bị bắt buộc",
  // a paper the story's officer asked to see: "công an kiểm tra đòi xuất trình, xin lại ở đâu"
  "đòi xuất trình",
  "bắt xuất trình",
  "yêu cầu xuất trình",
  "need to do",
  ...["i live", "he lives", "she lives", "we live", "they live", "i stay"].map((who) => `where ${who}`),
  // moving to another ward is the situation ("chuyển nhà sang phường khác thì làm sao nhận tiếp")
  ...["sang", "qua", "chuyển", "chuyển đi", "chuyển đến", "chuyển về", "dời", "dời sang", "dời qua"].flatMap((move) =>
    ["phường khác", "xã khác", "nơi khác"].map((office) => `${move} ${office}`),
  ),
];

/** A channel that is also where wrong data shows ("trên VNeID ghi sai quê quán"): the data, not the channel. */
const DATA_CHANNELS = new Set(["vneid", "vn eid", "app", "tren app", "qua app"]);
const WRONG = new Set(tokenize("sai wrong incorrect mistake nhầm"));

/** A yes/no about an obligation ("có phải", "có được") that names the office to go to asks where. */
const YES_NO_CUES = new Set(
  ["có được", "có phải", "có cần phải", "có được không", "được không", "có thể", "có được làm", "làm được không"]
    // not "có bắt buộc hòa giải ở xã không": whether it is required, wherever
    .concat(["có được phép", "được phép"])
    // "xin ở phường nơi tôi đang ở được không hay phải về phường cũ"
    .concat(["được không hay"])
    .map((text) => tokenize(text).join(" ")),
);
const GO_TO = new Set(tokenize("ở tại về lên ra quay đến"));
const OFFICE = new Set(tokenize("phường xã huyện quận ubnd ủy nơi"));
const BETWEEN = new Set(tokenize("lại đúng về lên"));
/** "báo lên phường", "lưu tại phường": an office written to or where a paper is kept, not where one goes to do it. */
const NOT_GOING = new Set(tokenize("báo gửi lưu đã từ sống trú nhà"));
const TOWARD = new Set(tokenize("ở tại về lên ra quay đến với cho tới sang vào"));
const DONE_BEFORE = new Set(tokenize("đã từ"));
const MUST_CUES = new Set(["co phai", "co can phai"]);
const AT = new Set(tokenize("ở tại"));
/** Done at the office: "ra phường chứng thực chữ ký", "mang bản dịch ra phường chứng thực" (the act is what is asked). */
const ACTS = ["chứng thực", "ký", "làm chứng", "xác nhận", "nộp", "xin", "đăng ký"]
  // a duty to be done there: "có phải lên phường báo không", "có cần ra công an phường khai báo không", "có cần đưa bà
  // lên phường (để) khám không", "có cần về xã cũ cắt khẩu trước không", "có cần lên phường làm thủ tục … không": whether
  // it must be done (the conditions), not which office ("có phải về quê làm không" still asks where: "làm" is no act)
  .concat(["báo", "khai báo", "trình báo", "thông báo", "khám", "cắt khẩu", "cắt hộ khẩu", "làm thủ tục", "điểm chỉ"])
  .map(tokenize);
const OFFICE_NAME = new Set(tokenize("phường xã huyện quận ubnd ủy ban nhân dân"));
/** "công an phường", "xã cũ": words of an office's name said before the act; "để" (in order to) before it. */
const OFFICE_NAME_MORE = new Set(tokenize("công an để cũ mới"));
export function actsAfterOffice(spelled: readonly Word[], office: number): boolean {
  let k = office;
  while (OFFICE_NAME.has(spelled[k]?.token ?? "") || OFFICE_NAME_MORE.has(spelled[k]?.token ?? "")) k++;
  return ACTS.some((run) => run.every((t, j) => spelled[k + j]?.token === t));
}

/** "bao nhiêu" after a measure ("thu nhập bao nhiêu", "rộng bao nhiêu") or before a unit asks a threshold. */
const MEASURES = new Set(["nhap", "rong", "sau", "cao", "dai", "tich", "da", "thieu", "nhau", "tuoi", "lech"]);
const UNITS = new Set(["m2", "m", "met", "phieu", "tuoi", "phan", "%", "nguoi"]);

/** Who must do it: the citizen (a legal deadline, conditions) or the office (its processing time). */
const OBLIGATION = new Set(["phai"]);
const OBLIGATION_EN = ["must", "have to", "has to"].map(tokenize);
/** A modal an English question puts before its subject: "how quickly must the ward act". */
const ENGLISH_MUST = new Set(["must"]);
const OTHERWISE = new Set(tokenize("hay hoặc or"));
const WAITING = new Set(tokenize("chờ đợi mất hết"));
const WAITING_WORDS = words("chờ đợi mất hết");
/**
 * A wait said right before the days asked ("phải chờ bao lâu"), with its accents where typed: "thay đổi trong bao
 * nhiêu ngày" is no "đợi" ("phải đăng ký thay đổi trong bao nhiêu ngày" asks the legal limit), nor is an unaccented
 * "thay doi".
 */
function waitsAt(spelled: readonly Word[], k: number): boolean {
  const w = spelled[k];
  if (!w) return false;
  if (w.token === "doi" && w.marks === "" && spelled[k - 1]?.token === "thay") return false;
  return WAITING_WORDS.some((x) => x.token === w.token && (w.marks === "" || w.marks === x.marks));
}
const OFFICE_SUBJECT = new Set(tokenize("xã phường ubnd cơ quan họ commune ward they committee office authorities"));

const SLIPS_NOT = new Set(["cho", "mo", "chi"]);
const keptMap = new PhraseMap();
for (const [intent, phrases] of Object.entries(KEPT))
  for (const text of phrases) keptMap.add(phrase(text), plain([intent]));
for (const text of [...KEPT_WHOLE, ...BENEFITS_ASKED]) keptMap.add(phrase(text), plain(["general"]));
/** Told apart from a cue only by accents typed: never read as story when typed without them ("co mat tien k"). */
const EXACT_STORY = new Set(["mat tien"]);
const storyMap = new PhraseMap();
for (const text of STORY) storyMap.add(phrase(text), plain(["story"]));

/** "… nào cũng có …", "… nào cũng đều …": every one of them, told (after the phrase that starts at `at`). */
const EVERY_AFTER = [tokenize("cũng có"), tokenize("cũng đều"), tokenize("đều có")];
function saysEvery(spelled: readonly Word[], at: number): boolean {
  let k = at;
  while (k < spelled.length && spelled[k]?.token !== "nao") k++;
  return EVERY_AFTER.some((run) => run.every((t, j) => spelled[k + 1 + j]?.token === t));
}

const sentenceOf = (w: Word | undefined) => (w as Placed | undefined)?.sentence ?? 0;
const clauseOf = (w: Word | undefined) => (w as Placed | undefined)?.clause;

/**
 * Reads the cues again in their context. `cues` carry where they stand (`at`, `end`); the ones found here are
 * `kept` (their words were not cut), the ones set aside `mute` (their words stay cut, as before).
 */
export function readInContext(
  spelled: readonly Word[],
  cues: Cue[],
  mode: MarkMode,
  sentenceAt: (k: number) => number,
): void {
  const cut = new Set<number>();
  for (const c of cues) if (c.at !== undefined && c.end !== undefined) for (let k = c.at; k < c.end; k++) cut.add(k);
  for (let i = 0; i < spelled.length; i++) {
    if (cut.has(i)) continue;
    const entry = keptMap.entryAt(spelled, i, mode);
    if (!entry) continue;
    // a phrase is read loosely, but these words typed with other accents are other words: "tặng cho đó luôn" is no
    // "chỗ đó luôn", "xã mở" no "xã mô", "cần chị" no "cần chi"
    // (in a message typed with accents an unaccented word is meant as written: "cho" is "cho")
    const slips = (w: Word, typed: Word | undefined) =>
      SLIPS_NOT.has(w.token) && typed?.marks !== w.marks && (mode === "exact" || typed?.marks !== "");
    if (entry.from.some((w, j) => slips(w, spelled[i + j]))) continue;
    // "vậy giấy tờ có khác ko", "lệ phí có khác không": whether that section differs, that section
    const differs = entry.to[0]?.token === "general" && entry.from.some((w) => w.token === "khac");
    if (differs && cues.some((c) => !c.mute && c.end === i && c.intent !== "general")) continue;
    // "thì hồ sơ có khác gì ko": whether the dossier differs, the papers
    const dossier = differs && spelled[i - 2]?.token === "ho" && spelled[i - 1]?.token === "so";
    // "phòng nào cũng có máy lạnh": every room, told; no place asked
    const every = entry.to[0]?.token === "place" && entry.from.at(-1)?.token === "nao" && saysEvery(spelled, i);
    if (every) continue;
    cues.push({
      intent: dossier ? "documents" : (entry.to[0]?.token as Intent),
      tokens: entry.from.map((w) => w.token),
      sentence: sentenceAt(i),
      clause: clauseOf(spelled[i]),
      at: i,
      end: i + entry.from.length,
      kept: true,
    });
  }
  levelOfChannel(spelled, cues, sentenceAt);
  officeDaysAsked(spelled, cues, sentenceAt, cut);
  paperEnough(spelled, cues, sentenceAt, cut);
  englishPaperNeeded(spelled, cues, sentenceAt);
  // "I need to register his death online, how?", "… and how": "how" alone at the end asks how to do it
  const last = spelled.length - 1;
  if (spelled[last]?.token === "how" && spelled[last]?.marks === "" && !cut.has(last)) {
    cues.push(runCue("steps", ["how"], spelled, last, sentenceAt));
  }
  muteStory(spelled, cues);
  muteStatedMoney(spelled, cues);
  muteAcrossClauses(spelled, cues);
  opensWithDossier(spelled, cues, sentenceAt);
  needsPaper(spelled, cues, sentenceAt);
  muteMoving(spelled, cues);
  muteNegated(spelled, cues);
  muteYesNoBesideWhole(cues, spelled);
  for (const cue of cues) {
    if (cue.mute || cue.at === undefined) continue;
    // The cue's sentence's words, read only by the rules below that need them (most cues reach none).
    const at = cue.at;
    let sentenceWords: typeof spelled | undefined;
    const words = () => {
      sentenceWords ??= spelled.filter((w) => sentenceOf(w) === sentenceOf(spelled[at]));
      return sentenceWords;
    };
    const text = cue.tokens.join(" ");
    // the two words after the cue
    const next = `${spelled[cue.end ?? 0]?.token ?? ""} ${spelled[(cue.end ?? 0) + 1]?.token ?? ""}`;
    // "vo em nguoi chau phi", "nam phi": Africa typed without accents, no "phí" (review s11 M3); only as typed so
    // ("đóng phí", "năm phí" keep the fee)
    if (cue.intent === "fee" && text === "phi" && spelled[cue.at]?.marks === "") {
      const region = spelled[cue.at - 1];
      const named = region?.token === "chau" || PLACE_INTRO.has(spelled[cue.at - 2]?.token ?? "");
      if (region && region.marks === "" && AFRICA.has(region.token) && named) cue.mute = true;
    }
    // "trên VNeID quê quán ghi sai": where the wrong data shows, not how to send
    if (cue.intent === "online" && DATA_CHANNELS.has(text) && words().some((w) => WRONG.has(w.token))) cue.mute = true;
    if (cue.intent === "fee" && text === "bao nhieu" && isThreshold(spelled, cue.at)) cue.intent = "conditions";
    // "hoạt động bao nhiêu ngày" (read loosely as "đóng bao nhiêu"): days asked, not money
    if (
      cue.intent === "fee" &&
      cue.tokens.length > 2 &&
      cue.tokens.at(-1) === "nhieu" &&
      DAYS.has(spelled[cue.end ?? 0]?.token ?? "")
    ) {
      cue.intent = "time";
    }
    // "có cần giấy phép không": whether the licence (the procedure) is needed, not a paper to bring
    if (cue.paper && spelled[cue.end ?? 0]?.token === "giay" && spelled[(cue.end ?? 0) + 1]?.token === "phep") {
      cue.intent = "conditions";
      cue.paper = false;
    }
    // "làm văn bản ở phường có bắt buộc cả ba anh em phải có mặt không": the office is where it is done; the need
    // after it is asked
    const after = spelled[cue.end ?? 0];
    const needAfter = NEED_AFTER.some((n) => n.token === after?.token && (mode === "typed" || n.marks === after.marks));
    if (cue.intent === "place" && OFFICE_HAS.has(text) && needAfter) {
      cue.mute = true;
    }
    // "trong thời gian quán bị đóng, tôi mất nguồn thu": during, the story (not "trong thời gian bao lâu")
    if (
      cue.intent === "time" &&
      text === "thoi gian" &&
      spelled[cue.at - 1]?.token === "trong" &&
      !DURATION_ASKED.has(spelled[cue.end ?? 0]?.token ?? "")
    ) {
      cue.mute = true;
    }
    // "mấy giờ rồi", "trận đấu tối nay mấy giờ": a time of day asks the office's hours or the result's only beside
    // them; a time of day to meet ("báo trước mấy giờ") stays read as a deadline below
    if (cue.kept && HOURS_CUES.has(text) && !isObligation(spelled, cue) && !isAhead(spelled, cue.at)) {
      const section = hoursAsked(spelled, words(), cue, mode);
      if (section === undefined) {
        cue.mute = true;
        continue;
      }
      cue.intent = section;
    }
    // "nộp hồ sơ rồi thì bao giờ mới được cấp giấy", "khi nào mới được nhận kết quả": when the result is given, the
    // wait (not "bao giờ mới được làm lại": when one is allowed to)
    // "khi nào mới được lấy chồng", "bao giờ mới được nhận con nuôi": a person taken (marrying, adopting) is when one
    // may, a condition (review s12 L1); a paper or the result given is the wait
    if (
      cue.deadline &&
      WHEN_ALLOWED.has(text) &&
      GIVEN.has(spelled[cue.end ?? 0]?.token ?? "") &&
      !TAKEN_PERSON.has(spelled[(cue.end ?? 0) + 1]?.token ?? "")
    ) {
      cue.intent = "time";
      cue.deadline = false;
    }
    // "hôm nay thứ mấy": a day of the week asks the office's days only beside its reception or work
    // (the reception's calendar is its time; the days the office works are printed with its hours, in place)
    if (cue.kept && WEEKDAYS.has(text) && !words().some((w) => OFFICE_DAYS.has(w.token))) {
      if (!words().some((_, k) => runHas(words(), k))) {
        cue.mute = true;
        continue;
      }
      cue.intent = "place";
    }
    // "gia hạn được mấy lần, mỗi lần bao lâu": how long each extension lasts, a condition
    if (cue.intent === "time" && spelled[cue.at - 2]?.token === "moi" && spelled[cue.at - 1]?.token === "lan") {
      cue.intent = "conditions";
    }
    // "how long is the certificate valid": how long it stays valid, a condition (as "giá trị bao lâu")
    if (cue.intent === "time" && words().some((w) => VALIDITY.has(w.token))) cue.intent = "conditions";
    // only this cue: other days asked beside it may still be the office's ("tôi phải gửi trong mấy ngày và phường
    // ra quyết định trong bao lâu")
    if (
      cue.intent === "time" &&
      !cue.deadline &&
      (isObligation(spelled, cue) ||
        isAhead(spelled, cue.at) ||
        isSendingWithin(spelled, cue.at) ||
        isLimit(spelled, cue))
    ) {
      cue.intent = "conditions";
    }
    if (cue.intent === "fee" && MONTHLY.has(next)) cue.mute = true;
    // "tiền" beside an allowance is the money received ("hỗ trợ khẩn cấp tiền làm lại nhà")
    if (cue.intent === "fee" && text === "tien" && hasAllowance(words())) cue.mute = true;
    // "cần giấy xác nhận … thì xin ở đâu": a paper needed is documents only when nothing else is asked beside it
    // (not "cần giấy gì": that asks the papers)
    const which = WHICH.has(spelled[cue.end ?? 0]?.token ?? "");
    if (cue.intent === "documents" && !cue.kept && NEED_PAPER.has(text) && !which) cue.paper = true;
    // "em chỉ cần bản sao thôi, sổ gốc vẫn còn": the paper one wants, told (which record gives it), no papers asked
    if (cue.intent === "documents" && NEED_PAPER.has(text) && spelled[cue.at - 1]?.token === "chi") {
      const clause = clauseOf(spelled[cue.at]);
      let last = cue.at;
      while (last + 1 < spelled.length && clauseOf(spelled[last + 1]) === clause) last++;
      if (spelled[last]?.token === "thoi") {
        cue.intent = "general";
        cue.paper = false;
      }
    }
    // "xin giấy gì", "phải làm giấy gì", "chứng thực văn bản gì": which paper to ask for or have certified is which
    // procedure, the whole of it
    // "có cần về quê xin giấy gì trước không": "gì" inside a yes/no of needing is "any", whether a paper must be got
    // (first), the conditions
    if (cue.intent === "documents" && PAPER_ASKED.has(text) && whichPaper(spelled, cue.at)) {
      cue.intent = anyPaperNeeded(spelled, cue, mode) ? "conditions" : "general";
    }
    // "làm hồ sơ như thế nào": how to apply, the steps
    if (cue.intent === "documents" && HOW_DOSSIER.has(text) && spelled[cue.at - 1]?.token === "lam") {
      cue.intent = "steps";
    }
    // "có thời hạn gửi không", "thời hạn nộp đơn": a deadline of the citizen's, not the office's time
    if (
      cue.intent === "time" &&
      text === "thoi han" &&
      (CITIZEN_ACTS.has(spelled[cue.end ?? 0]?.token ?? "") || CITIZEN_CLAIMS.has(next))
    ) {
      // a deadline: the days asked beside it ("thời hạn khiếu nại là bao lâu") are that deadline
      cue.intent = "conditions";
      cue.deadline = true;
    }
    // "học nghề free … đăng ký ở đâu": "free" said of the thing, with the question after it
    if (cue.intent === "fee" && text === "free" && laterCue(cues, cue)) cue.mute = true;
    // "không đổi gì về địa chỉ", "không đổi tên hay địa chỉ": the address of the story, no place asked
    if (cue.intent === "place" && text === "dia chi" && changedBefore(spelled, cue.at)) cue.mute = true;

    // "xin bản sao từ sổ gốc lưu ở phường được không": the office where a book is kept, not where one asks; whether
    // the request may be made is what is asked
    if (cue.intent === "place" && OFFICE_CUED.has(cue.tokens[0] ?? "") && keptAt(spelled, cue.at)) cue.mute = true;
    // "có phải nộp lại hợp đồng thuê nhà không": a paper named as needed, as "có phải nộp hợp đồng"
    if (
      cue.intent === "conditions" &&
      YES_NO_CUES.has(text) &&
      (paperAfter(spelled, cue.end ?? 0) || (MUST_CUES.has(text) && handsInPaper(spelled, cue.end ?? 0)))
    ) {
      cue.intent = "documents";
      cue.paper = true;
    }
    // "what must I declare": what, not whether one must
    if (cue.intent === "conditions" && MUST.has(text) && spelled[cue.at - 1]?.token === "what") cue.mute = true;
    // "có phải là xã cấp … không": whether that office does it, the place
    if (cue.intent === "conditions" && text === "co phai" && isOfficeThatDoes(spelled, cue.end ?? 0)) {
      cue.intent = "place";
    }
    // "vừa xuất ngũ về quê, muốn học nghề …": the hometown in a clause before the question is the story
    // (not "hay phải về quê": whether one must go there)
    const toGo = spelled.slice(Math.max(0, cue.at - 2), cue.at).some((w) => TO_GO.has(w.token));
    if (
      cue.intent === "place" &&
      HOMETOWN.has(text) &&
      !toGo &&
      words().some((w) => (clauseOf(w) ?? 0) > (cue.clause ?? 0))
    ) {
      cue.mute = true;
    }
    // "bộ đội xuất ngũ về quê có được hỗ trợ …", "chuyển trường cho con từ Bình Dương về quê": going home is the
    // story (before whether one may, or a move from somewhere); "có phải báo tạm vắng ở quê ko": the hometown is
    // where that act is done, whether it is needed is asked (not "có phải về quê làm không", "nộp ở quê được không")
    if (cue.intent === "place" && HOMETOWN.has(text) && !toGo && hometownOfStory(spelled, cue)) cue.mute = true;
    // "ông là người Việt sống ở quê cả đời", "bà mất ở quê", "cháu sinh ở quê": a life lived or ended there, the story
    // (not "làm khai sinh ở quê được không": where the act is done)
    if (cue.intent === "place" && text === "o que" && livedThere(spelled, cue.at)) cue.mute = true;
    // "nhờ em trai đi nhận hộ tiền trợ cấp của tôi ở bưu điện": where money is received, the story (not "nộp qua
    // bưu điện", "gửi kết quả về bưu điện")
    if (cue.intent === "online" && text === "buu dien" && receivedThere(spelled, cue.at)) cue.mute = true;
    // "cách chỗ cũ hai con hẻm", "nhà tôi cách phường 5 km": how far, the story (not "cách nộp", "cách làm")
    if (cue.intent === "steps" && text === "cach" && isDistance(spelled, cue.end ?? 0)) cue.mute = true;
    // "khách dưới quê lên ngủ lại mấy hôm, có phải báo lưu trú không": "mấy" after a stay is "a few", the story,
    // when the question follows in another clause
    if (
      cue.intent === "time" &&
      cue.tokens[0] === "may" &&
      STAYS.has(spelled[cue.at - 1]?.token ?? "") &&
      words().some((w) => (clauseOf(w) ?? 0) > (clauseOf(spelled[cue.at as number]) ?? 0))
    ) {
      cue.mute = true;
    }
    // "xã trả lời trong bao lâu, quá hạn không trả lời thì sao": the office late beside its time asked, no deadline of
    // the citizen's ("quá hạn không trả lời thì làm gì" alone asks what follows: it stays the conditions)
    const timeAsked = cues.some((c) => c.intent === "time" && !c.mute);
    if (cue.deadline && timeAsked && officeLate(spelled, cue.end ?? 0)) cue.mute = true;
    // "tối đa bao nhiêu ngày thì xong", "tối đa mấy ngày là có giấy": the office's wait at most, the time
    if (cue.deadline && LIMIT.has(text.split(" ").slice(0, 2).join(" ")) && resultFollows(spelled, cue.end ?? 0)) {
      cue.intent = "time";
      cue.deadline = false;
    }
    // "I translated my own documents": papers of the story; "what documents" still asks
    if (cue.intent === "documents" && PAPER_NOUNS.has(text) && ownedPaper(spelled, cue.at)) cue.mute = true;
  }
  asksWhereToGo(spelled, cues);
  refusalAsked(spelled, cues, mode, sentenceAt);
  penaltyAsked(spelled, cues, mode, sentenceAt);
  officeOrOffice(spelled, cues, sentenceAt);
  conditionsInChat(spelled, cues, sentenceAt);
  sumAsked(spelled, cues);
  officeOpenAsked(spelled, cues, sentenceAt);
}

/** A cue read from a run of words that stay content, standing at `at` in the message read. */
function runCue(
  intent: Intent,
  run: string[],
  spelled: readonly Word[],
  at: number,
  sentenceAt: (k: number) => number,
): Cue {
  return {
    intent,
    tokens: run,
    sentence: sentenceAt(at),
    clause: clauseOf(spelled[at]),
    at,
    end: at + run.length,
    kept: true,
  };
}

/**
 * "chiều thứ 7 có làm không", "sáng chủ nhật có nhận hồ sơ ko", "có làm ngoài giờ không", "open on Sunday?": whether the
 * office works on a day or at an hour, which the place section prints with the office. Only beside the office's work
 * ("chủ nhật sinh con thì …" asks nothing of it).
 */
const OFF_DAYS = ["thứ 7", "thứ bảy", "chủ nhật", "cn", "cuối tuần", "ngoài giờ", "ngày lễ", "buổi tối", "buổi trưa"]
  .concat(["saturday", "saturdays", "sunday", "sundays", "weekend", "weekends", "holiday", "holidays"])
  .map(tokenize);
const DAY_FRAME = new Set(
  tokenize(
    "có làm việc nhận hồ sơ mở cửa tiếp không ko k vậy ạ ad nữa sáng chiều trưa tối bên mình is it open are you do",
  ).concat(tokenize("phường xã ubnd ủy ban nhân dân bộ phận một cửa the ward office commune on morning afternoon")),
);
function officeDaysAsked(
  spelled: readonly Word[],
  cues: Cue[],
  sentenceAt: (k: number) => number,
  cut: ReadonlySet<number>,
): void {
  for (let k = 0; k < spelled.length; k++) {
    const run = OFF_DAYS.find((r) => r.every((t, j) => spelled[k + j]?.token === t && !cut.has(k + j)));
    if (!run) continue;
    const sentence = sentenceOf(spelled[k]);
    let from = k;
    while (from > 0 && sentenceOf(spelled[from - 1]) === sentence) from--;
    const words = spelled.filter((w) => sentenceOf(w) === sentence);
    // nothing but the day, the work and the office ("chiều thứ 7 có làm không", "phường có làm việc thứ bảy không");
    // not another place's ("tiệm photo gần phường có mở cửa chủ nhật không"), a weekend's plans, the result's day
    const bare = words.every((w, j) => (from + j >= k && from + j < k + run.length) || DAY_FRAME.has(w.token));
    if (!bare) continue;
    cues.push(runCue("place", run, spelled, k, sentenceAt));
    return;
  }
}

/**
 * "is my old passport enough", "giấy chứng sinh là đủ chưa": whether the papers one has are enough, the papers.
 */
const ENOUGH = [["enough"], ["du", "chua"], ["du", "khong"], ["du", "roi"]];
const HELD_PAPERS = ["giấy", "bản", "hợp đồng", "sổ", "ảnh", "căn cước", "cccd", "hộ chiếu", "tờ khai", "đơn", "hồ sơ"]
  .concat(["passport", "certificate", "id", "paper", "papers", "photo", "copy", "documents"])
  .map(tokenize);
function englishPaperNeeded(spelled: readonly Word[], cues: Cue[], sentenceAt: (k: number) => number): void {
  for (let k = 0; k + 3 < spelled.length; k++) {
    const [verb, owner, paper, need] = [spelled[k], spelled[k + 1], spelled[k + 2], spelled[k + 3]];
    if (!ASKS_PAPER_VERBS.has(verb?.token ?? "") || !PAPER_OWNERS.has(owner?.token ?? "")) continue;
    if (!ENGLISH_PAPERS.has(paper?.token ?? "") || !NEEDS_EN.has(need?.token ?? "")) continue;
    if (k > 0 && clauseOf(spelled[k - 1]) === clauseOf(verb) && !OPENERS_EN.has(spelled[k - 1]?.token ?? "")) continue;
    cues.push({
      intent: "documents",
      tokens: [verb?.token ?? "", owner?.token ?? "", paper?.token ?? "", need?.token ?? ""],
      sentence: sentenceAt(k),
      clause: clauseOf(verb),
      at: k,
      end: k + 4,
      kept: true,
    });
    return;
  }
}
/** "does the translation need to be certified", "must my photos be in colour": what a paper must be, the papers. */
const ASKS_PAPER_VERBS = new Set(["does", "do", "must", "should", "will"]);
const PAPER_OWNERS = new Set(["the", "my", "our", "his", "her", "their", "a"]);
const ENGLISH_PAPERS = new Set(
  ["translation", "translations", "copy", "copies", "photo", "photos", "passport", "certificate", "document"].concat([
    "documents",
    "paper",
    "papers",
    "form",
    "application",
    "contract",
    "id",
    "letter",
    "signature",
  ]),
);
const NEEDS_EN = new Set(["need", "needs", "have", "has", "be"]);
const OPENERS_EN = new Set(["and", "so", "but", "also", "then", "ok"]);

function paperEnough(
  spelled: readonly Word[],
  cues: Cue[],
  sentenceAt: (k: number) => number,
  cut: ReadonlySet<number>,
): void {
  for (let k = 0; k < spelled.length; k++) {
    const run = ENOUGH.find((r) => r.every((t, j) => spelled[k + j]?.token === t && !cut.has(k + j)));
    if (!run) continue;
    const sentence = sentenceOf(spelled[k]);
    const paper = spelled.some(
      (w, j) =>
        j < k && sentenceOf(w) === sentence && HELD_PAPERS.some((p) => p.every((t, m) => spelled[j + m]?.token === t)),
    );
    if (!paper) continue;
    cues.push(runCue("documents", run, spelled, k, sentenceAt));
    return;
  }
}

/**
 * "cần VNeID mức mấy", "vneid mức 2 chưa": the channel's words were cut as a cue; the level asked after them is a
 * condition of using it (its words stay content).
 */
const LEVEL = new Set(tokenize("mấy 1 2"));
function levelOfChannel(spelled: readonly Word[], cues: Cue[], sentenceAt: (k: number) => number): void {
  for (const c of [...cues]) {
    const at = c.end;
    if (c.intent !== "online" || at === undefined) continue;
    if (spelled[at]?.token !== "muc" || !LEVEL.has(spelled[at + 1]?.token ?? "")) continue;
    if (cues.some((other) => other.kept && other.at !== undefined && other.at <= at && (other.end ?? 0) > at)) continue;
    cues.push({
      intent: "conditions",
      tokens: ["muc", spelled[at + 1]?.token ?? ""],
      sentence: sentenceAt(at),
      clause: clauseOf(spelled[at]),
      at,
      end: at + 2,
      kept: true,
    });
  }
}

function muteStory(spelled: readonly Word[], cues: Cue[]): void {
  for (let j = 0; j < spelled.length; j++) {
    const entry = storyMap.entryAt(spelled, j, "typed");
    // (Most words start no story phrase: passed before anything is made for them.)
    if (!entry) continue;
    // PhraseMap reads a phrase of two words or more loosely; here a word typed with accents must carry the
    // phrase's own ("mất tiền" is no "mặt tiền")
    const exact = EXACT_STORY.has(entry.from.map((w) => w.token).join(" "));
    const differs = (w: Word, k: number) =>
      (exact || spelled[j + k]?.marks !== "") && spelled[j + k]?.marks !== w.marks;
    if (entry.from.some(differs)) continue;
    const end = j + entry.from.length;
    // "bắt đầu từ đâu ad", "vậy thì bắt đầu từ đâu" said alone (after an answer) asks the first step, no story (its
    // words stay content, as before)
    if (BEGIN_ASKED.has(entry.from.map((w) => w.token).join(" ")) && saidAlone(spelled, j, end)) {
      for (const c of cues) if (!c.kept && c.at !== undefined && c.at < end && (c.end ?? 0) > j) c.mute = true;
      cues.push({ intent: "steps", tokens: [], sentence: sentenceOf(spelled[j]), at: j, end, kept: true });
      continue;
    }
    // a kept phrase already reads the words around it ("what should I take" beside "take with")
    for (const c of cues) {
      if (!c.kept && c.at !== undefined && c.end !== undefined && c.at < end && c.end > j) c.mute = true;
    }
  }
}

const BEGIN_ASKED = new Set(["bat dau tu dau"]);
const ALONE_WITH = new Set(tokenize("admin ạ à nhé nha đó rồi nên ok oke làm"));
/** Nothing but particles and the asker's words outside `from`…`end`: a phrase said alone. */
function saidAlone(spelled: readonly Word[], from: number, end: number): boolean {
  return spelled.every((w, k) => (k >= from && k < end) || ALONE_WITH.has(w.token) || ASKER.has(w.token));
}

/**
 * "hồ sơ xin hỗ trợ mai táng cho …", "hồ sơ đăng ký giám hộ": a message that opens with the dossier and asks
 * nothing else asks what it holds.
 */
const DOSSIER = phrase("hồ sơ");
function opensWithDossier(spelled: readonly Word[], cues: Cue[], sentenceAt: (k: number) => number): void {
  const opens = DOSSIER.every(
    (d, k) => spelled[k]?.token === d.token && (spelled[k]?.marks === "" || spelled[k]?.marks === d.marks),
  );
  if (!opens || cues.some((c) => !c.mute)) return;
  cues.push({ intent: "documents", tokens: ["ho", "so"], sentence: sentenceAt(0), at: 0, end: 2, kept: true });
}

/**
 * "ông bà cho 5 triệu tiền mừng, giờ làm khai sinh ở đâu", "tốn mấy trăm nghìn tiền xe về quê …, vậy giấy tờ gồm những
 * gì": money the story names (an amount said before it, or the thing it paid for after it) when another section is
 * asked in a later clause; "bao nhiêu tiền", "có mất tiền không" still ask.
 */
/** Where the story turns to the question: "… 2 tỷ tiền mặt thì chuyển hộ khẩu cần gì". */
const TURNS_TO_ASK = new Set(tokenize("thì mà giờ vậy nay"));
const MONEY_SAID = new Set(tokenize("triệu nghìn ngàn tỷ trăm chục k tr đồng"));
const ASKED_AFTER = new Set(tokenize("không ko k gì nào bao nhiêu mấy à hả vậy thế chưa nữa ạ nhỉ thì"));
function muteStatedMoney(spelled: readonly Word[], cues: Cue[]): void {
  for (const c of cues) {
    if (c.intent !== "fee" || c.mute || c.at === undefined || c.end === undefined) continue;
    const text = c.tokens.join(" ");
    const clause = clauseOf(spelled[c.at]);
    if (clause === undefined) continue;
    const before = spelled[c.at - 1]?.token ?? "";
    const after = spelled[c.end];
    const said =
      text === "tien"
        ? MONEY_SAID.has(before) ||
          /^\d+$/.test(before) ||
          (after !== undefined && clauseOf(after) === clause && !ASKED_AFTER.has(after.token))
        : ["may tram", "may chuc", "may nghin", "may ngan"].includes(text) && MONEY_SAID.has(after?.token ?? "");
    if (!said) continue;
    const later = cues.some(
      (o) =>
        o !== c &&
        !o.mute &&
        o.intent !== "fee" &&
        o.at !== undefined &&
        o.at >= (c.end ?? 0) &&
        o.sentence >= c.sentence &&
        ((clauseOf(spelled[o.at]) ?? 0) > clause || spelled.slice(c.end, o.at).some((w) => TURNS_TO_ASK.has(w.token))),
    );
    if (later) c.mute = true;
  }
}

/** A cue phrase read across a comma ("vừa mất, tiền mai táng" is no "mất tiền") asks nothing. */
function muteAcrossClauses(spelled: readonly Word[], cues: Cue[]): void {
  for (const c of cues) {
    if (c.at === undefined || c.end === undefined || c.end - c.at < 2) continue;
    const first = clauseOf(spelled[c.at]);
    if (first === undefined || clauseOf(spelled[c.end - 1]) === first) continue;
    // "giấy phép bị mất, bao lâu thì được cấp lại": the story's "mất" before the comma, "bao lâu" still asks
    const tail = c.tokens.slice(1);
    if (WAITING.has(c.tokens[0] ?? "") && clauseOf(spelled[c.at + 1]) !== first && TAIL_ASKS.has(tail.join(" "))) {
      c.at += 1;
      c.tokens = tail;
    } else c.mute = true;
  }
}
const TAIL_ASKS = new Set(["bao lau", "bao nhieu", "bao nhieu ngay", "bao nhieu tien", "may ngay", "bao nhieu lau"]);

/**
 * A channel or time said as what one did not do: "tôi không gửi đơn qua bưu điện mà muốn đến trực tiếp", "chưa
 * chứng thực bao giờ" (never).
 */
const NOT = new Set(tokenize("không chưa chẳng"));
const NOWHERE = new Set(["o dau", "di dau", "dau"]);
// "không biết …", "… ko hay làm online": no negation of the channel
const UNSURE = new Set(tokenize("biết rõ hay và hoặc"));
/** "… được không và làm trên mạng thế nào": a question's "không", no negation. */
const ASKED = new Set(tokenize("được có"));
function muteNegated(spelled: readonly Word[], cues: Cue[]): void {
  for (const cue of cues) {
    if ((cue.intent !== "online" && cue.intent !== "time") || cue.at === undefined) continue;
    const clause = clauseOf(spelled[cue.at]);
    const before = spelled.slice(Math.max(0, cue.at - 4), cue.at).filter((w) => clauseOf(w) === clause);
    // "chưa từng xin giấy này bao giờ": never, the "chưa" a few words back
    const longBefore = spelled.slice(Math.max(0, cue.at - 8), cue.at).filter((w) => clauseOf(w) === clause);
    const never =
      cue.intent === "time" && cue.tokens.join(" ") === "bao gio" && longBefore.some((w) => w.token === "chua");
    // not "không biết có làm online được không" (whether one may)
    const notSent =
      cue.intent === "online" &&
      before.some(
        (w, k) =>
          NOT.has(w.token) &&
          w.marks !== "" &&
          !UNSURE.has(before[k + 1]?.token ?? "") &&
          !ASKED.has(before[k - 1]?.token ?? ""),
      );
    if (never || notSent) cue.mute = true;
  }
  // "không có hộ khẩu ở đâu, … thì làm thế nào", "không đăng ký tạm trú được ở đâu": nowhere, the story, when the
  // question is asked after it ("không biết nộp ở đâu" asks)
  for (const cue of cues) {
    if (cue.mute || cue.intent !== "place" || cue.at === undefined || !NOWHERE.has(cue.tokens.join(" "))) continue;
    const clause = clauseOf(spelled[cue.at]);
    const before = spelled.slice(Math.max(0, cue.at - 8), cue.at).filter((w) => clauseOf(w) === clause);
    // the negation of this place, not of a clause told before "thì" ("không còn cấp huyện thì nộp ở đâu")
    const negated = before.map((w) => NOT.has(w.token)).lastIndexOf(true);
    const nowhere =
      negated >= 0 &&
      !UNSURE.has(before[negated + 1]?.token ?? "") &&
      !ASKED.has(before[negated - 1]?.token ?? "") &&
      !before.slice(negated).some((w) => w.token === "thi");
    // "không chuyển đi đâu cả", "không đăng ký được ở đâu cả": "cả" says nowhere at all, whatever is asked after
    const atAll = spelled[cue.end ?? 0]?.token === "ca";
    if (nowhere && (atAll || laterCue(cues, cue))) cue.mute = true;
  }
}

/**
 * "có phải làm gì không", "phải làm thủ tục nào": a question for the procedure as a whole, put as yes/no; the
 * yes/no words beside it ask no condition.
 */
const WHAT_TO_DO = new Set(["lam gi", "phai lam gi", "can lam gi", ...KEPT_WHOLE.map((t) => tokenize(t).join(" "))]);
function muteYesNoBesideWhole(cues: Cue[], spelled: readonly Word[]): void {
  // "có phải làm gì không" asks what to do; "có phải làm thủ tục gì không" whether a procedure is required
  // "có phải đăng ký lại không hay làm thủ tục gì khác": which procedure, not whether one must
  const other = (c: Cue) => c.end !== undefined && spelled[c.end]?.token === "khac";
  const whole = new Set(
    cues
      .filter((c) => c.intent === "general" && (WHAT_TO_DO.has(c.tokens.join(" ")) || other(c)))
      .map((c) => c.sentence),
  );
  for (const cue of cues) {
    if (cue.intent === "conditions" && whole.has(cue.sentence) && YES_NO_CUES.has(cue.tokens.join(" "))) {
      cue.mute = true;
    }
  }
}

/** Moving is the situation: "chuyển về ở với con ở phường khác thì làm sao" asks no place. */
const MOVING = new Set(tokenize("chuyển dời sang qua moved move moving"));
const ELSEWHERE = new Set(["phuong khac", "xa khac", "noi khac", "another ward", "a different ward"]);

function muteMoving(spelled: readonly Word[], cues: Cue[]): void {
  for (const cue of cues) {
    if (cue.intent !== "place" || cue.at === undefined || !ELSEWHERE.has(cue.tokens.join(" "))) continue;
    const clause = clauseOf(spelled[cue.at]);
    for (let k = Math.max(0, cue.at - 6); k < cue.at; k++) {
      if (MOVING.has(spelled[k]?.token ?? "") && clauseOf(spelled[k]) === clause) cue.mute = true;
    }
  }
}

/** "hạn bao nhiêu ngày", "gửi trước ít nhất mấy ngày": how long ahead or the limit, a legal deadline. */
function isAhead(spelled: readonly Word[], at: number): boolean {
  if (WAITING.has(spelled[at]?.token ?? "")) return false;
  const clause = clauseOf(spelled[at]);
  const near = [at - 3, at - 2, at - 1].filter((k) => k >= 0 && clauseOf(spelled[k]) === clause);
  const before = near.map((k) => spelled[k]?.token ?? "");
  // "hạn nộp khi nào": the deadline ("thời hạn giải quyết" is the office's time; "gia hạn tạm trú bao lâu thì xong"
  // names the procedure, an extension, not a limit; "hết hạn bao lâu rồi" still reads from the expiry)
  // "đóng hẳn thì mấy ngày xong", "nghỉ hẳn": "hẳn" (for good) is no "hạn" once folded; typed without accents, as typed
  const limit = (k: number) =>
    spelled[k]?.token === "han" &&
    (spelled[k]?.marks === "" || spelled[k]?.marks === HAN.marks) &&
    !NOT_A_LIMIT.has(spelled[k - 1]?.token ?? "");
  // "phải báo trước ngày mở cửa bao lâu", "trước khi khai trương mấy ngày": how long before that day
  const beforeDay = [4, 5, 6, 7].some(
    (d) =>
      clauseOf(spelled[at - d]) === clause &&
      spelled[at - d]?.token === "truoc" &&
      AHEAD_OF.has(spelled[at - d + 1]?.token ?? "") &&
      // "nộp trước ngày 15 thì bao lâu có kết quả": then the wait
      !spelled.slice(at - d, at).some((w) => w.token === "thi") &&
      // "trước khi cưới xin giấy độc thân bao lâu thì có": the day is when it is needed; asking for the paper after
      // it, or getting it after the cue, is the wait (review M2)
      !spelled.slice(at - d + 3, at).some((w) => REQUESTING.has(w.token)) &&
      !gotAfter(spelled, at),
  );
  return near.some(limit) || before.includes("truoc") || before.join(" ").includes("it nhat") || beforeDay;
}
const AHEAD_OF = new Set(tokenize("ngày khi hôm"));

const HOURS_CUES = new Set(["may gio", "gio nao", "what time", "may h"]);
/** When the result is ready: "mấy giờ lên lấy kết quả", "mấy giờ thì có giấy" (the processing time says "sau 15 giờ"). */
const RESULT_RUNS = [
  "kết quả",
  "lấy giấy",
  "nhận giấy",
  "có giấy",
  "trả giấy",
  "xong",
  // collected: "mấy giờ lấy được", "mấy h lên lấy"
  ...["lấy được", "nhận được", "lên lấy", "qua lấy", "ra lấy", "đến lấy", "tới lấy"],
  "result",
  "ready",
  "pick up",
  "collect",
];
/** The office itself, or its hours: "phường làm việc mấy giờ", "mấy giờ mở cửa" (the place section prints them). */
const OFFICE_RUNS = [
  "phường",
  "xã",
  "ubnd",
  "ủy ban",
  "một cửa",
  "bộ phận",
  "cơ quan",
  "công an",
  "ward",
  "commune",
  "office",
];
const OFFICE_ACT_RUNS = [
  "làm việc",
  "mở cửa",
  "đóng cửa",
  "nghỉ trưa",
  "tiếp dân",
  "tiếp nhận",
  "nhận hồ sơ",
  "nộp hồ sơ",
].concat(["open", "opens", "close", "closes"]);
/** Words that may stand before the office's act without naming another place: "thứ bảy mấy giờ mở cửa". */
const NO_SUBJECT = new Set(
  tokenize("mấy giờ nào thì sẽ mới bắt đầu lại nay mai sáng chiều trưa tối hôm thứ bảy ạ ơi ad vậy bên")
    // the best time to come: "mấy giờ tốt nhất để đến nộp hồ sơ", "nên đến lúc mấy giờ để nộp hồ sơ" (review I3)
    .concat(tokenize("tốt nhất để đến tới lên ra nên đi lúc")),
);
const runsOf = (texts: readonly string[]) => texts.map((text) => phrase(text));
const RESULT = runsOf(RESULT_RUNS);
const OFFICE_WORDS = runsOf(OFFICE_RUNS);
const OFFICE_ACTS_SAID = runsOf(OFFICE_ACT_RUNS);

/**
 * The section a time of day asks, from the words of its sentence: the result ready (time), the office or its hours
 * (place), or nothing of the procedure's ("mấy giờ rồi", "mấy giờ thì tan tầm", "mấy giờ chợ mở cửa": review H3).
 */
function hoursAsked(
  spelled: readonly Word[],
  words: readonly Word[],
  cue: Cue,
  mode: MarkMode,
): "time" | "place" | undefined {
  const same = (w: Word | undefined, run: Word | undefined) =>
    w !== undefined && run !== undefined && w.token === run.token && (mode === "typed" || w.marks === run.marks);
  const runAt = (k: number, run: readonly Word[]) => run.every((r, j) => same(words[k + j], r));
  const found = (runs: readonly Word[][]) => {
    const at: number[] = [];
    for (let k = 0; k < words.length; k++) if (runs.some((run) => runAt(k, run))) at.push(k);
    return at;
  };
  if (found(RESULT).length > 0) return "time";
  if (found(OFFICE_WORDS).length > 0) return "place";
  // the office's act with nothing else named between it and the time asked or the sentence's start ("mấy giờ chợ mở
  // cửa", "ngân hàng làm việc đến mấy giờ" ask of another place)
  const asked = words.findIndex((w) => w === spelled[cue.at ?? -1]);
  const own = found(OFFICE_ACTS_SAID).some((k) => {
    let j = k - 1;
    while (j >= 0 && j !== asked + 1 && NO_SUBJECT.has(words[j]?.token ?? "")) j--;
    return j < 0 || j === asked + 1;
  });
  return own ? "place" : undefined;
}
const REQUESTING = new Set(tokenize("xin"));
/** Getting it, a word or two after how long: "bao lâu thì có", "bao lâu mới lấy được", "bao lâu xong". */
const GOT = new Set(tokenize("có xong lấy nhận cấp"));
const THEN = new Set(tokenize("thì mới là sẽ được"));
function gotAfter(spelled: readonly Word[], at: number): boolean {
  const clause = clauseOf(spelled[at]);
  const word = (k: number) => (clauseOf(spelled[k]) === clause ? (spelled[k]?.token ?? "") : "");
  let k = at;
  while (k < at + 4 && word(k) !== "" && !THEN.has(word(k)) && !GOT.has(word(k))) k++;
  while (THEN.has(word(k))) k++;
  return GOT.has(word(k)) && k <= at + 5;
}
/** Words before "hạn" that make it no limit to meet: "thời hạn" (read as a cue of its own), "gia hạn" (extending). */
const NOT_A_LIMIT = new Set(tokenize("thời gia"));
const HAN = phrase("hạn")[0] as Word;
const WEEKDAYS = new Set([
  "ngay nao trong tuan",
  "nhung ngay nao",
  "cac ngay nao",
  "thu may",
  "vao thu may",
  "thu nao",
]);
/** The office's reception days: "tiếp dân", "tiếp công dân", its calendar ("lịch"); its work days (OFFICE_DAY_RUNS). */
const OFFICE_DAYS = new Set(["tiep", "lich"]);
const OFFICE_DAY_RUNS = ["làm việc", "nhận hồ sơ", "mở cửa", "một cửa"].map(tokenize);
const runHas = (words: readonly Word[], k: number) =>
  OFFICE_DAY_RUNS.some((run) => run.every((t, j) => words[k + j]?.token === t));
const WHEN_ALLOWED = new Set(["bao gio moi duoc", "khi nao moi duoc"]);
const GIVEN = new Set(tokenize("cấp nhận lấy trả giao duyệt"));
/** Before "phi" typed without accents, Africa: châu, Nam, Bắc, Tây, Đông, Trung Phi. */
const AFRICA = new Set(tokenize("chau nam bac tay trung"));
/** Before "Nam Phi", "Bắc Phi": a person or a place from there ("nguoi nam phi", "o nam phi"), not "năm phí". */
const PLACE_INTRO = new Set(tokenize("người ở từ đến sang qua bên tại"));
/** Whom one takes: "lấy vợ/chồng" marries, "nhận con nuôi" adopts (not "lấy giấy", "nhận kết quả"). */
const TAKEN_PERSON = new Set(tokenize("vợ chồng con bé cháu người"));

const ALLOWANCES = ["tro cap", "ho tro", "tro giup"];
function hasAllowance(words: readonly Word[]): boolean {
  return words.some((w, k) => ALLOWANCES.includes(`${w.token} ${words[k + 1]?.token ?? ""}`));
}

const NEED_PAPER = new Set(["can giay", "can co giay", "can co", "can ban"]);
const WHICH = new Set(tokenize("gì nào tờ j"));
const PAPER_ASKED = new Set(["giay gi", "giay to gi", "giay nao", "giay to nao", "van ban gi"]);
const HOW_DOSSIER = new Set(["ho so nhu the nao", "ho so the nao"]);
const CITIZEN_ACTS = new Set(tokenize("gửi nộp báo"));
const VALIDITY = new Set(["valid", "validity", "expire", "expires"]);
/** "thời hạn khiếu nại", "thời hạn yêu cầu bồi thường": how long one has to claim (not "thời hạn giải quyết"). */
const CITIZEN_CLAIMS = new Set(["khieu nai", "yeu cau", "to cao", "dang ki", "khai bao"]);
/** "bao nhiêu tiền 1 tháng": an amount received each month, an allowance, not a fee. */
const MONTHLY = new Set(["1 thang", "mot thang", "moi thang", "hang thang"]);
const DAYS = new Set(tokenize("ngày tháng tuần hôm năm"));
const OFFICE_HAS = new Set(["o phuong co", "o xa co"]);
/** With their accents when typed with them: "ở phường có căn nhà" is no need. */
const NEED_AFTER = phrase("cần phải bắt");
/** After "trong thời gian": the length asked ("bao lâu", "mấy ngày", "là", "nào"), or the sentence's end. */
const DURATION_ASKED = new Set(["", ...tokenize("bao mấy là nào quy định")]);
const CHANGES = new Set(tokenize("đổi sửa chuyển"));
/** "không đổi gì về địa chỉ", "chuyển cửa hàng sang địa chỉ khác", "địa chỉ cửa hàng đổi tên đường". */
function changedBefore(spelled: readonly Word[], at: number): boolean {
  const clause = clauseOf(spelled[at]);
  return spelled.slice(Math.max(0, at - 5), at + 6).some((w) => clauseOf(w) === clause && CHANGES.has(w.token));
}
/** "nộp (lại) hợp đồng", "mang theo giấy": a verb of handing in, then a paper. */
const HAND_IN = new Set(tokenize("nộp mang kèm xuất"));
const AGAIN = new Set(tokenize("lại thêm theo trình"));
const PAPER_WORDS = ["giấy", "bản", "hợp đồng", "sổ", "ảnh", "căn cước", "cccd", "hộ chiếu", "tờ khai", "đơn"].map(
  tokenize,
);
function paperAfter(spelled: readonly Word[], from: number): boolean {
  let k = from;
  if (!HAND_IN.has(spelled[k]?.token ?? "")) return false;
  k++;
  while (k < from + 3 && AGAIN.has(spelled[k]?.token ?? "")) k++;
  return PAPER_WORDS.some((run) => run.every((t, j) => spelled[k + j]?.token === t));
}
/**
 * A verb of handing in, bringing, signing or translating at `from` (or the word after: "phải đi dịch"), and a paper
 * named in the sentence before or just after it: "giấy cũ có phải nộp lại không", "có phải ký giấy ủy quyền",
 * "giấy kết hôn của Úc có phải dịch ra tiếng Việt ko". No paper, no papers question ("có phải ký tên không").
 */
export function handsInPaper(spelled: readonly Word[], from: number): boolean {
  // "ký" of "đăng ký" registers, no signing
  const verb = [from, from + 1].find(
    (k) => HANDING.has(spelled[k]?.token ?? "") && !(spelled[k]?.token === SIGN && spelled[k - 1]?.token === REG),
  );
  if (verb === undefined) return false;
  const sentence = sentenceOf(spelled[verb]);
  for (let k = Math.max(0, from - 8); k < verb + 5; k++) {
    // "nộp bằng tiền mặt": the means, no paper ("mang bằng ngoại ngữ", "nộp bằng tốt nghiệp": a diploma)
    const means = k === verb + 1 && spelled[k]?.token === "bang" && !DIPLOMAS.has(spelled[k + 1]?.token ?? "");
    if (sentenceOf(spelled[k]) !== sentence || k === verb || means) continue;
    if (HANDED_PAPERS.some((run) => run.every((t, j) => spelled[k + j]?.token === t))) return true;
  }
  return false;
}
const HANDING = new Set(tokenize("nộp mang kèm xuất dịch ký in cầm photo chụp"));
const [REG, SIGN] = tokenize("đăng ký");
const HANDED_PAPERS = [
  ...PAPER_WORDS,
  ...["bằng", "phiếu", "bản án", "lý lịch", "chứng chỉ", "học bạ", "bệnh án", "biên bản", "văn bản", "trích lục"].map(
    tokenize,
  ),
  ...["hóa đơn", "quyết định", "thẻ", "hình"].map(tokenize),
];
/** What "bằng" names after a verb of handing in when it is a diploma, not the means ("bằng tiền mặt"). */
const DIPLOMAS = new Set(tokenize("ngoại tốt đại cao trung cấp lái cử thạc tiến khen"));

/**
 * "cần nộp lại bản chính giấy cũ không", "có cần học bạ không": a paper named as needed that the cue phrases of
 * intent.ts do not read (a word between, a paper they do not list); read here, its words stay content.
 */
const NEED_VERBS = new Set(tokenize("cần phải"));
const MORE_PAPERS = [
  ...PAPER_WORDS,
  ...["học bạ", "bằng", "giấy chứng nhận", "bản chính", "bản gốc", "văn bản", "biên bản"].map(tokenize),
];
const COUNT = new Set(tokenize("một 1 hai 2 ba 3 mấy"));
function needsPaper(spelled: readonly Word[], cues: Cue[], sentenceAt: (k: number) => number): void {
  for (let k = 0; k < spelled.length; k++) {
    if (!NEED_VERBS.has(spelled[k]?.token ?? "")) continue;
    let j = k + 1;
    if (HAND_IN.has(spelled[j]?.token ?? "")) j++;
    while (j < k + 5 && AGAIN.has(spelled[j]?.token ?? "")) j++;
    // "chỉ cần một văn bản thôi hả", "cần 2 ảnh": how many of the paper
    if (COUNT.has(spelled[j]?.token ?? "")) j++;
    // "phải" alone before a paper is rarely a need ("phải giấy này không")
    if (j === k + 1 && spelled[k]?.token === "phai") continue;
    const paper = MORE_PAPERS.find((run) => run.every((t, m) => spelled[j + m]?.token === t));
    const covered = cues.some((c) => c.at !== undefined && c.end !== undefined && c.at <= j && c.end > k);
    if (!paper || covered) continue;
    cues.push({
      intent: "documents",
      tokens: spelled.slice(k, j).map((w) => w.token),
      sentence: sentenceAt(k),
      clause: clauseOf(spelled[k]),
      at: k,
      end: j,
      kept: true,
      paper: true,
    });
  }
}

/**
 * "nộp đơn trong bao lâu", "gửi hồ sơ trong mấy ngày": how long one has to send it, a deadline. So is a claim or a
 * registration the citizen makes, asked "within" a time ("khiếu nại trong bao lâu", "khiếu nại quyết định của phường
 * trong bao lâu", "khai sinh cho con trong bao nhiêu ngày", "phải đăng ký thay đổi trong bao nhiêu ngày"): the law's
 * limit for the citizen's own act. Not when the office's act stands between ("đăng ký tạm trú … được giải quyết trong
 * bao nhiêu ngày", "hòa giải trong bao lâu", "xin bản sao trong bao lâu thì có": the office's time).
 */
function isSendingWithin(spelled: readonly Word[], at: number): boolean {
  if (spelled[at - 1]?.token !== "trong") return false;
  const clause = clauseOf(spelled[at]);
  if (spelled.slice(Math.max(0, at - 5), at - 1).some((w) => clauseOf(w) === clause && CITIZEN_ACTS.has(w.token))) {
    return true;
  }
  const officeActAt = (k: number) =>
    OFFICE_ACTS_BETWEEN.some((run) => run.every((t, j) => spelled[k + j]?.token === t));
  // the office's answer awaited after the time ("khiếu nại thì trong bao lâu được trả lời", "… trong bao lâu thì có")
  const end = at + 2;
  for (let k = end; k < Math.min(spelled.length, end + 4) && sentenceOf(spelled[k]) === sentenceOf(spelled[at]); k++) {
    if (officeActAt(k) || AWAITED_AFTER.some((run) => run.every((t, j) => spelled[k + j]?.token === t))) return false;
  }
  for (let k = at - 2; k >= Math.max(0, at - 1 - CLAIM_REACH) && clauseOf(spelled[k]) === clause; k--) {
    const word = spelled[k] as Word;
    if (officeActAt(k)) return false;
    const pair = `${word.token} ${spelled[k + 1]?.token ?? ""}`;
    // "khai" typed as such (khai sinh, khai tử, khai báo), not "khải"
    if (!CITIZEN_CLAIM_ACTS.has(pair) && !(word.token === "khai" && word.marks === "")) continue;
    // the claim as what the office acts on ("giải quyết khiếu nại lần đầu trong bao lâu"): the office's time
    return ![k - 1, k - 2].some((j) => j >= 0 && officeActAt(j));
  }
  return false;
}
/** The office's answer awaited after the days asked. */
const AWAITED_AFTER = ["được trả lời", "thì có", "là có", "có kết quả", "được giải quyết", "mới có"].map(tokenize);
/** How far back the citizen's claim may stand before "trong bao lâu" ("khiếu nại quyết định của phường trong …"). */
const CLAIM_REACH = 12;
/** A claim or a registration the citizen makes: its "within" is a legal limit. */
const CITIZEN_CLAIM_ACTS = new Set(["khieu nai", "khoi kien", "dang ky", "dang ki", "khai bao", "thong bao"]);
/** The office's act between the claim and its time: the time is the office's ("được giải quyết trong bao lâu"). */
const OFFICE_ACTS_BETWEEN = [
  ...["giải quyết", "xử lý", "trả lời", "cấp", "duyệt", "xét", "công nhận", "hòa giải", "thụ lý", "xem xét", "sửa"],
  ...["làm", "có kết quả", "trả kết quả", "xong", "ra quyết định", "can thiệp", "xác nhận", "chứng thực"],
].map(tokenize);
const MUST = new Set(["must i", "do i have to", "must we"]);
/** "xin giấy gì", "phải (đi) làm giấy gì", "chứng thực văn bản gì": the paper is what one asks for. */
function whichPaper(spelled: readonly Word[], at: number): boolean {
  const before = spelled[at - 1]?.token ?? "";
  if (before === "xin") return true;
  if (`${spelled[at - 2]?.token ?? ""} ${before}` === "chung thuc") return true;
  // "thì làm giấy j" asks the papers; "bố tôi vừa mất, phải làm giấy gì", "phải đi làm giấy gì" which one, after a
  // story; with the procedure wished for said ("muốn … thì phải làm giấy gì") or nothing told before (a follow-up on
  // the procedure at hand) the papers
  const must = spelled.slice(Math.max(0, at - 3), at - 1).findIndex((w) => w.token === "phai");
  if (before !== "lam" || must < 0) return false;
  const told = spelled.slice(0, Math.max(0, at - 3) + must).filter((w) => !ASKER.has(w.token));
  // the wish in the question's own sentence ("Muốn … thì tôi phải làm giấy gì?"), not a story's ("tôi không muốn nhận
  // phần", "… nên muốn nhường phần cho em. Xin hỏi tôi phải làm văn bản gì")
  const sentence = sentenceOf(spelled[at]);
  const wished = told.some(
    (w, k) => WISH.has(w.token) && sentenceOf(w) === sentence && !NOT.has(told[k - 1]?.token ?? ""),
  );
  return told.length > 0 && !wished;
}
/**
 * "có cần về quê xin giấy gì trước không (hay làm luôn ở đây)", "có phải xin giấy gì không": a need before the paper
 * asked in its clause, and the yes/no's "không" after it in its sentence.
 */
function anyPaperNeeded(spelled: readonly Word[], cue: Cue, mode: MarkMode): boolean {
  const [at, end] = [cue.at ?? 0, cue.end ?? 0];
  const clause = clauseOf(spelled[at]);
  let need = false;
  for (let k = at - 1; k >= Math.max(0, at - 6) && clauseOf(spelled[k]) === clause; k--) {
    const w = spelled[k] as Word;
    if (NEED_AFTER.some((n) => n.token === w.token && (mode === "typed" || n.marks === w.marks))) need = true;
  }
  if (!need) return false;
  const sentence = sentenceOf(spelled[at]);
  for (let k = end; k < spelled.length && sentenceOf(spelled[k]) === sentence; k++) {
    const w = spelled[k] as Word;
    if (NO.has(w.token) && (w.marks === "" || w.marks === NO_MARKS)) return true;
  }
  return false;
}
const NO = new Set(["khong", "ko", "k"]);
const NO_MARKS = phrase("không")[0]?.marks;
/** Who asks and the particles around the question: no story told. */
const ASKER = new Set(tokenize("tôi em mình anh chị cháu con vậy thế thì còn giờ bây nay ạ ơi ad cho hỏi"));
const WISH = new Set(tokenize("muốn"));
/** Another section asked after `cue` in its sentence. */
function laterCue(cues: readonly Cue[], cue: Cue): boolean {
  return cues.some(
    (c) => c !== cue && !c.mute && c.sentence === cue.sentence && (c.at ?? -1) > (cue.at ?? 0) && c.intent !== "fee",
  );
}
/** "là xã cấp", "xã cấp": an office as the one who does it, right after "có phải". */
function isOfficeThatDoes(spelled: readonly Word[], from: number): boolean {
  let k = from;
  if (spelled[k]?.token === "la") k++;
  const two = `${spelled[k]?.token ?? ""} ${spelled[k + 1]?.token ?? ""}`;
  return (OFFICE.has(spelled[k]?.token ?? "") && spelled[k]?.token !== "noi") || AGENCIES.has(two);
}
const AGENCIES = new Set(["cong an", "co quan", "bo phan", "uy ban"]);
const HOMETOWN = new Set(["ve que", "o que"]);
/** Living, being born, growing up, dying: "sống ở quê", "mất ở quê", "lớn lên ở quê" tell the story. */
const LIVES = new Set(tokenize("sống sinh đẻ lớn mất chết đời ruộng rẫy"));
function livedThere(spelled: readonly Word[], at: number): boolean {
  // the verb right before, or before when it was ("mất năm 1998 ở quê", "lớn lên ở quê", "sống từ nhỏ ở quê")
  for (let k = at - 1; k >= Math.max(0, at - 4); k--) {
    const token = spelled[k]?.token ?? "";
    // "khai sinh ở quê", "khai tử" …: the act named, not a life
    if (LIVES.has(token)) return spelled[k - 1]?.token !== "khai";
    if (!WHEN_WORDS.has(token) && !/^\d+$/.test(token)) return false;
  }
  return false;
}
const WHEN_WORDS = new Set(tokenize("năm tháng ngày hồi vào từ nhỏ lên cả"));
const TO_GO = new Set(tokenize("phải hay có"));
const PAPER_NOUNS = new Set(["documents", "document", "papers", "paperwork"]);
const OWNERS = new Set(["my", "our", "own", "his", "her", "their", "these", "those", "an", "the"]);
// "how about the documents?", "and the documents?": the papers asked after an answer
const ASKING_WHICH = new Set(["what", "which", "about", "and"]);
function ownedPaper(spelled: readonly Word[], at: number): boolean {
  const before = spelled.slice(Math.max(0, at - 3), at);
  return OWNERS.has(spelled[at - 1]?.token ?? "") && !before.some((w) => ASKING_WHICH.has(w.token));
}

/** A bound said between the measure and "bao nhiêu": "thu nhập dưới bao nhiêu", "diện tích tối thiểu bao nhiêu". */
const BOUNDS = new Set(tokenize("dưới trên tối thiểu đa ít nhất không quá từ"));
function isThreshold(spelled: readonly Word[], at: number): boolean {
  // "tối thiểu là bao nhiêu": the bound may stand before a "là"
  const before = spelled[at - 1]?.token === "la" ? at - 2 : at - 1;
  let k = before;
  while (k > before - 2 && BOUNDS.has(spelled[k]?.token ?? "")) k--;
  if (UNITS.has(spelled[at + 2]?.token ?? "")) return true;
  // "được hỗ trợ làm nhà tối đa bao nhiêu": the most one receives, an allowance's amount (the whole), no threshold
  const bound = BOUND_ONLY.has(spelled[before]?.token ?? "");
  if (bound && spelled.slice(0, at).some((w, j) => RECEIVED.has(`${w.token} ${spelled[j + 1]?.token ?? ""}`))) {
    return false;
  }
  if (MEASURES.has(spelled[at - 1]?.token ?? "") || MEASURES.has(spelled[k]?.token ?? "")) return true;
  // "dưới bao nhiêu đối tượng", "tối đa bao nhiêu tầng": a bound, then what is counted
  const counted = `${spelled[at + 2]?.token ?? ""} ${spelled[at + 3]?.token ?? ""}`;
  if (k < before && (COUNTED_PAIRS.has(counted) || COUNTED_ONE.has(spelled[at + 2]?.token ?? ""))) return true;
  // "thu nhập bình quân mỗi người một tháng dưới bao nhiêu", "thu nhap moi nguoi 1 thang duoi bao nhieu", "thu nhập
  // phải bao nhiêu mới được": the measure some words before, in its clause, with only how it is counted and bounded
  // between
  const clause = clauseOf(spelled[at]);
  for (let j = at - 1; j >= Math.max(0, at - MEASURE_REACH) && clauseOf(spelled[j]) === clause; j--) {
    const token = spelled[j]?.token ?? "";
    if (MEASURED.has(`${spelled[j - 1]?.token ?? ""} ${token}`)) return true;
    // whose it is may stand between ("thu nhập của nhà em phải dưới mức bao nhiêu", "thu nhap ho minh duoi muc")
    if (!BOUNDS.has(token) && !COUNTED_BY.has(token) && !OWNED_BY.has(token) && !/^\d+$/.test(token)) break;
  }
  // "chênh lệch tuổi giữa người nhận nuôi và trẻ ít nhất là bao nhiêu": a bound right before, the measure named
  // earlier in its clause with who is measured between
  if (k < before && BOUNDS.has(spelled[before]?.token ?? "")) {
    for (let j = k; j > 0 && clauseOf(spelled[j]) === clause; j--) {
      if (MEASURED.has(`${spelled[j - 1]?.token ?? ""} ${spelled[j]?.token ?? ""}`)) return true;
    }
  }
  return false;
}
/** What a bound counts after "bao nhiêu": people, members, floors, households. */
const COUNTED_PAIRS = new Set(["doi tuong", "thanh vien", "hoi vien", "tin do", "ho dan"]);
const COUNTED_ONE = new Set(["tang", "tre", "ho", "nguoi", "m2", "met", "tuoi"]);
/** How far before "bao nhiêu" the measure may be named, with only counting and bounding words between. */
const MEASURE_REACH = 9;
const BOUND_ONLY = new Set(["da", "thieu"]);
const RECEIVED = new Set(["ho tro", "tro cap", "duoc huong", "duoc nhan"]);
/** "lưu ở phường", "cất tại xã", "lưu phường": a book or paper kept at the office said just before it. */
const KEPT_AT = new Set(tokenize("lưu cất giữ"));
const OFFICE_CUED = new Set(tokenize("phường xã ủy ubnd công"));
function keptAt(spelled: readonly Word[], at: number): boolean {
  if (KEPT_AT.has(spelled[at - 1]?.token ?? "")) return true;
  return AT.has(spelled[at - 1]?.token ?? "") && KEPT_AT.has(spelled[at - 2]?.token ?? "");
}
/** A measure the rules bound: income, area, age, the gap between two people. */
const MEASURED = new Set(["thu nhap", "dien tich", "do tuoi", "cach nhau", "chenh lech", "khoang cach"]);
/** How a measure is counted or bounded before its number: "bình quân", "mỗi người một tháng", "phải", "ở mức". */
const COUNTED_BY = new Set(tokenize("bình quân trung đầu người mỗi một hàng tháng năm phải cần là ở mức tối thiểu đa"));
/** Whose the measure is, said between it and its number: "của nhà em", "hộ mình", "gia đình tôi". */
const OWNED_BY = new Set(tokenize("của nhà em tôi mình hộ gia đình cháu con bọn chúng"));

/**
 * Days asked beside a duty of the citizen's ("chết bao nhiêu ngày thì phải đi khai tử", "how many days after a
 * death must it be registered") are a legal deadline; beside the office's duty ("xã phải giải quyết trong bao lâu",
 * "how long does the commune have to resolve") or a wait ("phải chờ bao lâu") they are its processing time.
 */
function isObligation(spelled: readonly Word[], cue: Cue): boolean {
  const at = cue.at as number;
  const sentence = sentenceOf(spelled[at]);
  const clause = clauseOf(spelled[at]);
  // "phải chờ bao lâu", "phải mất mấy ngày", "how long does it take": a wait, the processing time
  if (WAITING.has(cue.tokens[0] ?? "")) return false;
  for (let k = Math.max(0, at - 2); k < at; k++) if (waitsAt(spelled, k)) return false;
  const inSentence = spelled.map((w, k) => ({ w, k })).filter(({ w }) => sentenceOf(w) === sentence);
  if (inSentence.some(({ w }) => w.token === "take" || w.token === "wait")) return false;
  // "làm trong ngày được không hay phải hẹn": a duty offered as the other answer ("hay phải", "or must") is no duty of
  // the days asked
  const modal = inSentence.find(
    ({ w, k }) =>
      !OTHERWISE.has(spelled[k - 1]?.token ?? "") &&
      ((OBLIGATION.has(w.token) && (clause === undefined || clauseOf(w) === clause)) ||
        OBLIGATION_EN.some((run) => run.every((t, j) => spelled[k + j]?.token === t))),
  );
  if (!modal) return false;
  // the office's duty: "xã phải giải quyết trong bao lâu", "how long does the commune have to resolve", "… và xã
  // giải quyết trong bao lâu"; not an office one goes or writes to ("gửi lên phường trong mấy ngày"). An English
  // question puts its subject after "must": "how quickly must the commune act" (the office's time).
  const from = Math.max(0, modal.k - 3);
  const to = Math.max(modal.k, at, ENGLISH_MUST.has(modal.w.token) ? modal.k + 3 : 0);
  for (let k = from; k < to; k++) {
    const word = spelled[k]?.token ?? "";
    if (OFFICE_SUBJECT.has(word) && !TOWARD.has(spelled[k - 1]?.token ?? "") && sentenceOf(spelled[k]) === sentence) {
      return false;
    }
  }
  return true;
}

/**
 * A time that bounds what the citizen may or must do (eval/README: a legal deadline is conditions): the latest said
 * before it ("chậm nhất bao lâu", "muộn nhất là bao lâu", "nộp chậm nhất trước bao lâu"), or a duty, a right still
 * held or a penalty right after it ("người mất bao lâu thì phải xóa thường trú", "khiếu nại trong bao lâu thì còn được
 * nhận", "bao lâu thì bị phạt"), even where the cue reads as a wait ("mất bao lâu"). Not a result awaited after the
 * latest ("chậm nhất bao lâu thì có kết quả": the office's time).
 */
function isLimit(spelled: readonly Word[], cue: Cue): boolean {
  const at = cue.at as number;
  const end = cue.end ?? at + cue.tokens.length;
  const next = (k: number) => spelled[end + k]?.token ?? "";
  if (next(0) === "thi" && LIMIT_AFTER.has(next(1))) return true;
  let k = at - 1;
  while (k >= 0 && LATEST_BETWEEN.has(spelled[k]?.token ?? "")) k--;
  const latest = LATEST.has(`${spelled[k - 1]?.token ?? ""} ${spelled[k]?.token ?? ""}`);
  if (!latest) return false;
  const sentence = sentenceOf(spelled[at]);
  for (let j = end; j < spelled.length && sentenceOf(spelled[j]) === sentence; j++) {
    if (RESULT_AWAITED.has(spelled[j]?.token ?? "")) return false;
  }
  return true;
}
/** After "… bao lâu thì": a duty, a right still held, a penalty. */
const LIMIT_AFTER = new Set(tokenize("phải còn bị vẫn hết"));
const LATEST = new Set(["cham nhat", "muon nhat", "tre nhat"]);
const LATEST_BETWEEN = new Set(tokenize("là trước sau"));
/** What the office gives back: awaited after "chậm nhất bao lâu thì …", its processing time. */
const RESULT_AWAITED = new Set(tokenize("kết quả xong trả nhận có được"));

/**
 * "có được làm lại ở xã đang ở không", "có phải về xã cũ không", "có phải lên huyện nữa không": a yes/no that
 * names the office one would go to asks where it is done; not "có phải báo công an phường không" (whether).
 */
function asksWhereToGo(spelled: readonly Word[], cues: Cue[]): void {
  for (const cue of cues) {
    if (cue.mute || cue.intent !== "conditions" || cue.at === undefined || !YES_NO_CUES.has(cue.tokens.join(" "))) {
      continue;
    }
    const sentence = sentenceOf(spelled[cue.at]);
    const clause = clauseOf(spelled[cue.at]);
    // after the cue in its sentence, or before it in its clause ("làm ở xã nơi tạm trú có được không")
    let from = cue.at;
    while (from > 0 && clauseOf(spelled[from - 1]) === clause && sentenceOf(spelled[from - 1]) === sentence) from--;
    for (let k = from; k < spelled.length - 1; k++) {
      if (sentenceOf(spelled[k]) !== sentence) break;
      let next = k + 1;
      while (next < k + 3 && BETWEEN.has(spelled[next]?.token ?? "")) next++;
      // "hợp đồng đã chứng thực ở phường": where it was done ("đã" a word or two back)
      const done = [k - 1, k - 2].some(
        (j) => NOT_GOING.has(spelled[j]?.token ?? "") && (j === k - 1 || DONE_BEFORE.has(spelled[j]?.token ?? "")),
      );
      // "có phải làm thủ tục ở ủy ban không": whether it must be done, not where ("có phải về xã cũ không" goes there)
      const mustBeAt = MUST_CUES.has(cue.tokens.join(" ")) && AT.has(spelled[k]?.token ?? "");
      const going = GO_TO.has(spelled[k]?.token ?? "") && !done && !mustBeAt;
      // "có được mang bản dịch ra phường chứng thực không": whether one may have that done (the office after the
      // yes/no, an act after it); "ra phường chứng thực được không" asks whether it is done there
      const act = k > cue.at && actsAfterOffice(spelled, next);
      if (going && OFFICE.has(spelled[next]?.token ?? "") && !act) {
        cue.intent = "place";
        break;
      }
    }
  }
}

/**
 * "khai sinh muộn bị phạt bao nhiêu tiền", "mức phạt … là bao nhiêu", "nộp biên lai tiền phạt": a penalty is what
 * follows a rule broken, the conditions (eval/README), and an amount asked in its clause is the penalty's, no fee.
 * "lệ phí" named stays the fee ("lệ phí bao nhiêu, trễ thì có bị phạt không" asks both).
 */
const PENALTY = [
  "bị phạt",
  "tiền phạt",
  "mức phạt",
  "nộp phạt",
  "đóng phạt",
  "bị xử phạt",
  "mức xử phạt",
  "phạt bao nhiêu",
  "phạt nhiêu",
  // a violation dealt with: "xây nhà không xin phép thì bị xử lý thế nào", "có bị cưỡng chế không"
  ...["bị xử lý", "xử lý vi phạm", "bị cưỡng chế", "cưỡng chế tháo dỡ", "bị tháo dỡ", "bị đình chỉ"],
]
  .concat(["phạt hành chính", "phạt không", "phạt ko", "phạt k", "penalty", "penalties", "fined", "a fine", "the fine"])
  .concat(["fine for", "fine if", "any fine", "any fines"]);
const penaltyMap = new PhraseMap();
for (const text of PENALTY) penaltyMap.add(phrase(text), plain(["conditions"]));
const NAMED_FEE = new Set(["phi", "le phi", "chi phi", "fee", "fees", "charge"]);
/** "phạt" typed with its accent (not phát): a penalty when an amount or a how is asked after it in its clause. */
const PHAT = phrase("phạt")[0] as Word;
/** How, asked of a penalty: "bị xử phạt ra sao", "bị phạt thế nào" ask what the penalty is (the conditions). */
const PENALTY_HOW = new Set(["nhu the nao", "the nao", "ra sao", "nhu nao", "sao"]);
/** Whether a cue stands in the clause (either clause unknown: it may). */
function cueInClause(c: Cue, clause: number | undefined): boolean {
  return c.clause === undefined || clause === undefined || c.clause === clause;
}
function penaltyAsked(spelled: readonly Word[], cues: Cue[], mode: MarkMode, sentenceAt: (k: number) => number): void {
  for (let k = 0; k < spelled.length; k++) {
    const entry = penaltyMap.entryAt(spelled, k, mode);
    const phat = spelled[k]?.token === PHAT.token && spelled[k]?.marks === PHAT.marks;
    // (Most words start no penalty phrase and are no "phạt": passed at once, nothing made for them.)
    if (!entry && !phat) continue;
    let from = entry?.from.map((w) => w.token);
    const sentence = sentenceAt(k);
    const clause = clauseOf(spelled[k]);
    const sameClause = (c: Cue) => cueInClause(c, clause);
    // "phạt xây nhà không phép bao nhiêu": the amount asked after the penalty, in its clause (accented: "phát" is
    // another word; typed without accents, only the phrases above)
    if (!from && phat) {
      const amount = cues.some(
        (c) =>
          c.intent === "fee" &&
          !c.mute &&
          c.at !== undefined &&
          c.at > k &&
          c.sentence === sentence &&
          sameClause(c) &&
          !NAMED_FEE.has(c.tokens.join(" ")) &&
          !c.tokens.some((t) => t === "phi" || t === "fee"),
      );
      // "xây lấn thì phạt sao", "phạt thế nào": how it is punished
      const how =
        spelled[k + 1]?.token === "sao" ||
        cues.some((c) => c.intent === "steps" && c.at === k + 1 && PENALTY_HOW.has(c.tokens.join(" ")));
      if (amount || how) from = [PHAT.token];
    }
    if (!from) continue;
    const end = k + from.length;
    for (const c of cues) {
      if (c.intent !== "fee" || c.mute || c.sentence !== sentence || c.at === undefined) continue;
      const named = NAMED_FEE.has(c.tokens.join(" ")) || c.tokens.some((t) => t === "phi" || t === "fee");
      if (!named && sameClause(c)) c.mute = true;
    }
    // "bị phạt thế nào", "bị xử phạt ra sao": what the penalty is, asked right after it
    for (const c of cues) {
      if (c.intent !== "steps" || c.mute || c.at === undefined || c.at < end || c.at > end + 1) continue;
      if (c.sentence === sentence && sameClause(c) && PENALTY_HOW.has(c.tokens.join(" "))) c.mute = true;
    }
    // a penalty muted where it stands ("để khỏi bị phạt": why one does it) asks nothing; an amount asked with it
    // ("phạt bao nhiêu", muted just above) is no cover
    const covered = cues.some(
      (c) => c.at !== undefined && c.at < end && (c.end ?? c.at) > k && !(c.intent === "fee" && c.mute),
    );
    if (!covered) cues.push(runCue("conditions", from, spelled, k, sentenceAt));
    k = end - 1;
  }
}

/**
 * "gửi cho UBND phường hay phải gửi lên Sở Văn hóa?", "nộp đơn ở ủy ban xã hay thôn": which of two offices, where.
 * Only after an act of sending or doing in the sentence ("em ở xã hay phường cũng vậy" asks nothing).
 */
const OFFICES = new Set(tokenize("phường xã ubnd ủy quận huyện sở tỉnh thôn ấp tổ công an thành phố"));
const OR = new Set(tokenize("hay hoặc or"));
const BETWEEN_OFFICES = new Set(tokenize("là phải gửi nộp lên ra về ở tại cho đến tới ban nhân dân to the at"));
const SENDS = new Set(tokenize("nộp gửi làm xin đăng ký lên ra đến tới submit send file apply"));
function officeOrOffice(spelled: readonly Word[], cues: Cue[], sentenceAt: (k: number) => number): void {
  for (let k = 1; k < spelled.length; k++) {
    if (!OR.has(spelled[k]?.token ?? "") || !OFFICES.has(spelled[k - 1]?.token ?? "")) continue;
    let j = k + 1;
    while (j < k + 5 && BETWEEN_OFFICES.has(spelled[j]?.token ?? "")) j++;
    if (!OFFICES.has(spelled[j]?.token ?? "")) continue;
    const sentence = sentenceOf(spelled[k]);
    const sent = spelled.some((w, m) => m < k && sentenceOf(w) === sentence && SENDS.has(w.token));
    if (!sent || cues.some((c) => !c.mute && c.intent === "place" && c.sentence === sentenceAt(k))) continue;
    cues.push(runCue("place", [spelled[k]?.token ?? ""], spelled, k, sentenceAt));
    return;
  }
}

/**
 * "cần những đk gì để được cấp giấy phép", "cần đk gì, ai bầu": "đk gì" typed as one word, before the rest of the
 * question, asks the conditions (điều kiện gì), as it does at the end (intent.ts); "dk" stays "đăng ký" for the search.
 */
const BEFORE_DK = new Set(tokenize("cần những các có phải"));
const [DANG = "dang", KY = "ky"] = tokenize("đăng ký");
function conditionsInChat(spelled: readonly Word[], cues: Cue[], sentenceAt: (k: number) => number): void {
  for (let k = 1; k + 2 < spelled.length; k++) {
    const [dang, ky, what] = [spelled[k], spelled[k + 1], spelled[k + 2]] as (Word & { at?: number })[];
    if (!dang || !ky || dang.token !== DANG || ky.token !== KY || what?.token !== "gi") continue;
    if (dang.at === undefined || dang.at !== ky.at || !BEFORE_DK.has(spelled[k - 1]?.token ?? "")) continue;
    if (cues.some((c) => !c.mute && c.sentence === sentenceAt(k) && c.intent === "conditions")) return;
    cues.push(runCue("conditions", [DANG, KY, "gi"], spelled, k, sentenceAt));
    return;
  }
}

/**
 * "có mất 400 nghìn không", "có mất 50k ko": a sum asked whether it is paid, the fee ("có mặt" read loosely in the
 * same words asks who must be there).
 */
const MONEY_UNITS = new Set(tokenize("nghìn ngàn k triệu tr trăm đồng đ chục xu usd vnd"));
function sumAsked(spelled: readonly Word[], cues: Cue[]): void {
  for (const c of cues) {
    if (c.mute || c.intent !== "conditions" || c.end === undefined || c.tokens.join(" ") !== "co mat") continue;
    const [amount, unit] = [spelled[c.end]?.token ?? "", spelled[c.end + 1]?.token ?? ""];
    if (/^\d+k?$/.test(amount) && (amount.endsWith("k") || MONEY_UNITS.has(unit))) c.intent = "fee";
  }
}

const STAYS = new Set(tokenize("ở lại ngủ chơi nghỉ"));
const LIMIT = new Set(["toi da", "toi thieu"]);
const THEN_WORDS = new Set(tokenize("thì là mới sẽ"));
const RESULTS = [
  ...["xong", "có kết quả", "có giấy", "nhận được", "lấy được", "được cấp", "có", "nhận", "lấy", "trả kết quả"],
].map(tokenize);
/** "… thì xong", "… là có giấy", "… mới nhận được": a result follows the days asked. */
function resultFollows(spelled: readonly Word[], end: number): boolean {
  let k = end;
  while (THEN_WORDS.has(spelled[k]?.token ?? "")) k++;
  if (k === end && spelled[k]?.token !== "xong") return false;
  return RESULTS.some((run) => run.every((t, j) => spelled[k + j]?.token === t));
}
const NOT_YET = new Set(tokenize("không ko k chưa"));
const OFFICE_ANSWERS = [
  ...["trả lời", "giải quyết", "trả kết quả", "có kết quả", "cấp", "xử lý", "phản hồi", "hẹn", "duyệt"],
].map(tokenize);
/** "quá hạn (mà) không trả lời", "trễ hẹn chưa có kết quả": the office past its time. */
function officeLate(spelled: readonly Word[], end: number): boolean {
  let k = end;
  if (spelled[k]?.token === "ma") k++;
  if (!NOT_YET.has(spelled[k]?.token ?? "")) return false;
  k++;
  return OFFICE_ANSWERS.some((run) => run.every((t, j) => spelled[k + j]?.token === t));
}
const YES_NO_MODALS = [
  ["co", "duoc"],
  ["co", "phai"],
  ["co", "can"],
];
const ACTS_ANYWHERE = new Set(tokenize("nộp làm gửi xin lên ra đến tới về giải quyết"));
const FROM = new Set(tokenize("từ"));
/** Because, typed with its accent or none ("vì", "bởi", "do"; not "đó", "vi", "bói"). */
const BECAUSE = [...phrase("vì bởi"), { token: "do", marks: "" }];
const becauseAt = (w: Word | undefined) =>
  w !== undefined && BECAUSE.some((b) => b.token === w.token && (w.marks === "" || w.marks === b.marks));
function hometownOfStory(spelled: readonly Word[], cue: Cue): boolean {
  const [at, end] = [cue.at ?? 0, cue.end ?? 0];
  const clause = clauseOf(spelled[at]);
  const inClause = (k: number) => k >= 0 && k < spelled.length && clauseOf(spelled[k]) === clause;
  const modalAt = (k: number) => YES_NO_MODALS.some((run) => run.every((t, j) => spelled[k + j]?.token === t));
  if (cue.tokens[0] === "ve") {
    // a move: "từ Bình Dương về quê"
    for (let k = at - 1; k >= Math.max(0, at - 5) && inClause(k); k--)
      if (FROM.has(spelled[k]?.token ?? "")) return true;
    // a reason told: "tạm nghỉ bán vì về quê sinh con, có phải báo phường không"
    if ([at - 1, at - 2].some((k) => inClause(k) && becauseAt(spelled[k]))) return true;
    // told before the question: "xuất ngũ về quê có được …"
    return [end, end + 1].some((k) => inClause(k) && modalAt(k));
  }
  // "… có phải báo tạm vắng ở quê ko": a yes/no after a modal, the hometown after an act of its own
  if (ACTS_ANYWHERE.has(spelled[at - 1]?.token ?? "")) return false;
  let modal = false;
  for (let k = at - 1; k >= 0 && inClause(k); k--) if (modalAt(k)) modal = true;
  const last = spelled[end]?.token;
  return modal && (last === "khong" || last === "ko" || last === "k");
}

/**
 * "when does the ward office close", "what days is the ward open", "is the office open today": the office's days and
 * hours, printed with the place (eval/README); not a business opened or closed ("when can I close my shop").
 */
const OPENS = new Set(["open", "opens", "opening", "close", "closes", "closed", "closing"]);
const OPENER_OFFICE = new Set(["office", "ward", "commune", "you", "ubnd", "committee"]);
const OFFICE_FILLER = new Set(["office", "open", "still", "usually", "normally", "be"]);
const LASTS = new Set(["long", "take", "takes", "many", "soon", "quickly", "fast", "processing"]);
const ENGLISH_ASKS = new Set(["when", "what", "which", "is", "are", "does", "do", "will", "until"]);
function officeOpenAsked(spelled: readonly Word[], cues: Cue[], sentenceAt: (k: number) => number): void {
  for (let k = 0; k < spelled.length; k++) {
    if (!OPENS.has(spelled[k]?.token ?? "") || spelled[k]?.marks !== "") continue;
    const sentence = sentenceOf(spelled[k]);
    const words = spelled.filter((w) => sentenceOf(w) === sentence);
    // the office is what opens: "the ward office close", "is the ward open", "are you open" (not "before we open",
    // "closing our library … notify the ward")
    const near = spelled.slice(Math.max(0, k - 3), k);
    const subject = near.map((w) => OPENER_OFFICE.has(w.token)).lastIndexOf(true);
    if (subject < 0 || near.slice(subject + 1).some((w) => !OFFICE_FILLER.has(w.token))) continue;
    if (!words.some((w) => ENGLISH_ASKS.has(w.token))) continue;
    // "how long does it take if the ward is closed on saturday": the wait is asked
    if (cues.some((c) => c.intent === "time" && c.sentence === sentenceAt(k) && c.tokens.some((t) => LASTS.has(t)))) {
      return;
    }
    for (const c of cues) if (c.intent === "time" && !c.mute && c.sentence === sentenceAt(k)) c.intent = "place";
    if (!cues.some((c) => !c.mute && c.intent === "place" && c.sentence === sentenceAt(k))) {
      cues.push(runCue("place", [spelled[k]?.token ?? ""], spelled, k, sentenceAt));
    }
    return;
  }
}

/** After "cách": a place or a number said, how far it is ("cách chỗ cũ", "cách phường 5 km", "cách xa"). */
const FAR_FROM = new Set(
  tokenize("chỗ nhà phường xã ủy ubnd trường chợ bệnh đường thôn xóm khoảng xa gần hơn tầm chừng"),
);
function isDistance(spelled: readonly Word[], at: number): boolean {
  const next = spelled[at]?.token ?? "";
  return FAR_FROM.has(next) || /^\d/.test(next);
}

/**
 * "nhận … tiền trợ cấp … ở bưu điện", "lĩnh lương hưu tại bưu điện": money received at it, in the same clause (the
 * result received there is the delivery: "nhận kết quả ở bưu điện được không").
 */
const RECEIVING = new Set(tokenize("nhận lĩnh lãnh rút"));
const MONEY = new Set(tokenize("tiền lương hưu trợ cấp"));
const AT_PLACE = new Set(tokenize("ở tại"));
function receivedThere(spelled: readonly Word[], at: number): boolean {
  if (!AT_PLACE.has(spelled[at - 1]?.token ?? "")) return false;
  const clause = clauseOf(spelled[at]);
  let money = false;
  for (let k = at - 2; k >= 0 && clauseOf(spelled[k]) === clause; k--) {
    if (MONEY.has(spelled[k]?.token ?? "")) money = true;
    if (RECEIVING.has(spelled[k]?.token ?? "")) return money;
  }
  return false;
}

/**
 * A why asked of one's own filing refused, returned or held up ("vì sao con tôi không được cấp giấy khai sinh ở
 * phường", "tại sao hồ sơ đăng ký tạm trú của em bị trả về", "sao hồ sơ xin giấy phép xây dựng bị từ chối", "why was
 * my application for a licence rejected"): what the procedure requires of the citizen, its conditions — no reason of
 * history or custom (small-talk.ts reads those whys as trivia). The refusal must be of a filing, a paper or by the
 * office (`FILED` in the sentence): "vì sao bố mẹ không cho con gái lấy chồng xa" is a custom. "sao" alone is a why only
 * opening its sentence ("sao hồ sơ … bị trả lại"; not "làm sao", "bản sao"). Returns where the why stands, or -1.
 */
export function whyRefusedAt(said: readonly Word[], accented = said.some((w) => w.marks !== "")): number {
  for (let i = 0; i < said.length; i++) {
    const why = WHY_ASKED.find((run) => runSaid(said, i, run, accented));
    const bare =
      !why && said[i]?.token === "sao" && opensItsSentence(said, i) && !NOT_WHY_AFTER.has(said[i + 1]?.token ?? "");
    if (!why && !bare) continue;
    const sentence = sentenceOf(said[i]);
    const inSentence = said.filter((w) => sentenceOf(w) === sentence);
    const has = (runs: readonly (readonly Word[])[]) =>
      inSentence.some((_, k) => runs.some((run) => runSaid(inSentence, k, run, accented)));
    if (has(REFUSED) && has(FILED)) return i;
  }
  return -1;
}
const WHY_ASKED = ["tại sao", "vì sao", "sao lại", "lý do gì", "lí do gì", "why", "how come"].map(words);
/** "sao y", "sao lục", "sao kê": copies, no why. */
const NOT_WHY_AFTER = new Set(tokenize("y lục kê chép"));
/** What may open a sentence before its bare "sao": a greeting, an address, the asking frame. */
const SAO_OPENERS = new Set(
  tokenize("cho em tôi mình cháu con hỏi ad admin bot ơi dạ ạ à ừ mà nhưng thế vậy thì chị anh"),
);
function opensItsSentence(said: readonly Word[], at: number): boolean {
  const sentence = sentenceOf(said[at]);
  for (let k = at - 1; k >= 0 && sentenceOf(said[k]) === sentence; k--) {
    if (!SAO_OPENERS.has(said[k]?.token ?? "")) return false;
  }
  return true;
}
/** A filing refused, sent back or not (yet) granted. */
const REFUSED = [
  ...["từ chối", "trả lại", "trả về", "bác bỏ", "bị bác", "không được duyệt", "không duyệt", "chưa được duyệt"],
  ...["không được cấp", "chưa được cấp", "không cấp", "không cho", "không được chấp nhận", "không chấp nhận"],
  ...["không nhận", "không được giải quyết", "chưa được giải quyết", "không giải quyết", "không được công nhận"],
  ...["không công nhận", "chưa được công nhận", "không được hưởng", "chưa được hưởng", "không được xét"],
  ...["chưa được xét", "không đủ điều kiện", "không hợp lệ", "yêu cầu bổ sung", "bắt bổ sung", "bị loại"],
  ...["không được đăng ký", "không đăng ký được", "không làm được", "không được làm", "không được nhận"],
  ...["rejected", "refused", "denied", "returned", "turned down", "not approved", "not accepted", "declined"],
  ...["sent back", "not granted", "won t accept", "wouldn t accept", "refuse", "reject"],
].map(words);
/** A filing, a paper, or the office that refuses. */
const FILED = [
  ...["hồ sơ", "đơn", "giấy", "thủ tục", "đăng ký", "cấp", "phường", "xã", "ủy ban", "ubnd", "công an", "cán bộ"],
  ...["một cửa", "application", "request", "file", "dossier", "ward", "commune", "officer", "registration"],
  ...["licence", "license", "permit", "certificate", "paperwork"],
].map(words);
/** A run said at `k`, word for word, each word with its accents where the message is typed with them. */
function runSaid(said: readonly Word[], k: number, run: readonly Word[], accented: boolean): boolean {
  // in a message typed with accents an unaccented word is meant as written ("xa" is no "xã")
  return run.every((w, j) => {
    const typed = said[k + j];
    return (
      typed !== undefined && typed.token === w.token && (typed.marks === w.marks || (!accented && typed.marks === ""))
    );
  });
}
/** Papers named as the thing refused ("hồ sơ … bị trả lại", "tôi đã nộp đủ giấy tờ rồi"), no papers asked. */
const PAPER_NAMED = new Set(["ho so", "giay to", "giay", "ho so giay to"]);
const PAPER_ASKING = new Set(tokenize("gì nào những what which j"));
function refusalAsked(spelled: readonly Word[], cues: Cue[], mode: MarkMode, sentenceAt: (k: number) => number): void {
  // the words as typed decide how accents are read (chat spellings may have been given theirs)
  const accented = mode === "exact";
  const at = whyRefusedAt(spelled, accented);
  if (at < 0) return;
  const sentence = sentenceAt(at);
  for (const c of cues) {
    if (c.mute || c.intent !== "documents" || c.sentence !== sentence || c.at === undefined) continue;
    const asking = c.tokens.some((t) => PAPER_ASKING.has(t)) || PAPER_ASKING.has(spelled[c.end ?? 0]?.token ?? "");
    if (!asking && PAPER_NAMED.has(c.tokens.join(" "))) c.mute = true;
  }
  if (cues.some((c) => !c.mute && c.intent === "conditions" && c.sentence === sentence)) return;
  const why = WHY_ASKED.find((run) => runSaid(spelled, at, run, accented));
  cues.push(runCue("conditions", why ? why.map((w) => w.token) : ["sao"], spelled, at, sentenceAt));
}
