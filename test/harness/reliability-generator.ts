/**
 * Deterministic hostile input for the bad-input run: a seeded generator of messages citizens
 * (or attackers posing as citizens) could send — random Unicode, huge, empty, control
 * characters, injection strings, fake dossier codes, mangled real questions — grouped into
 * chats so conversation state (a lookup waiting for digits, offered choices) is exercised too,
 * and forged callback data for Telegram buttons.
 */

export type HostileKind = "unicode" | "huge" | "empty" | "control" | "injection" | "dossier" | "mangled";

export interface HostileMessage {
  kind: HostileKind;
  text: string;
}

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Code point ranges random Unicode is drawn from, with weights. */
const RANGES: [number, number, number][] = [
  [0x20, 0x7e, 6], // ASCII
  [0xa0, 0xff, 2], // Latin-1
  [0x1ea0, 0x1ef9, 4], // Vietnamese precomposed
  [0x300, 0x36f, 3], // combining marks (stacked: "zalgo")
  [0x4e00, 0x9fff, 2], // CJK
  [0x590, 0x6ff, 2], // Hebrew, Arabic (right to left)
  [0xe00, 0xe7f, 1], // Thai
  [0x1f300, 0x1faff, 3], // emoji (astral: surrogate pairs)
  [0x1d400, 0x1d7ff, 1], // mathematical letters (astral)
  [0xe000, 0xf8ff, 1], // private use
  [0xfff0, 0xffff, 1], // specials, noncharacters
  [0xe0000, 0xe007f, 1], // tag characters
  [0x2000, 0x206f, 2], // general punctuation: zero-width, bidi marks, line separators
  [0xff00, 0xffef, 1], // full-width forms (digits, letters)
  [0xd800, 0xdfff, 1], // lone surrogate halves: ill-formed UTF-16
];
const TOTAL_WEIGHT = RANGES.reduce((sum, [, , w]) => sum + w, 0);

function randomCodePoint(rng: Rng): string {
  let roll = rng.next() * TOTAL_WEIGHT;
  for (const [from, to, weight] of RANGES) {
    roll -= weight;
    if (roll < 0) return String.fromCodePoint(rng.int(from, to));
  }
  return "?";
}

function randomUnicode(rng: Rng, length: number): string {
  let out = "";
  while (out.length < length) out += randomCodePoint(rng);
  return out;
}

const CONTROLS = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\b",
  "\t",
  "\u000b",
  "\f",
  "\r",
  "\r\n",
  "\u001b",
  "\u001b[31m",
  "\u001b]0;title\u0007",
  "\u007f",
  "\u0085",
  "\u009b",
  "\u200b",
  "\u200d",
  "\u200e",
  "\u202e",
  "\u2066",
  "\u2069",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffe",
];

const INJECTIONS = [
  "<b>bold</b>",
  "</b></i></code>",
  "<script>alert(1)</script>",
  '<a href="javascript:alert(1)">x</a>',
  "<tg-spoiler>",
  "&amp; &lt; &gt; &quot; &#0; &#x110000; &bogus;",
  "& < > \" '",
  "*bold* _italic_ `code` ```pre``` [link](http://example.test) ~strike~ ||spoiler||",
  "' OR '1'='1' --",
  "1; DROP TABLE dossiers; --",
  '{"$gt": ""}',
  '{"__proto__": {"admin": true}}',
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "{{7*7}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, sent as plain text
  "${process.env.TELEGRAM_BOT_TOKEN}",
  "#{7*7}",
  "<%= 7*7 %>",
  "{ $code }",
  "{ -brand-name }",
  "{ NUMBER($x) }",
  "%s%s%s%n%x",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "file:///etc/passwd",
  "http://127.0.0.1:8080/healthz",
  "\r\nX-Injected: 1",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "00",
  "1e309",
  "0x10",
  "99",
  "100",
  "1.5",
  "２", // full-width two
  "٣", // Arabic-Indic three
  "Ⅱ",
  "2)",
  "  3 .",
  "/start",
  "/start@motcua_test_bot",
  "/start@other_bot",
  "/help",
  "/huongdan",
  "/tim",
  "/tim <b>",
  "/search %00",
  "/linhvuc",
  "/fields extra args",
  "/ngonngu",
  "/lang",
  "/hoso",
  "/hoso ../../etc",
  "/hoso __proto__",
  "/dossier ' OR 1=1",
  "/danhgia",
  "/rate x",
  "/huy",
  "/huy __proto__",
  "/unsubscribe 000.31.20.H49-251103-0012",
  "/xoadulieu",
  "/deletedata",
  "/",
  "//",
  "/unknowncommand",
  "/constructor",
  "/__proto__",
  "/toString",
  "/hasOwnProperty x",
  "/valueOf",
  "/A",
  "/🙂",
  "english",
  "tiếng việt",
  "xin chào",
  "menu",
];

const FAKE_CODES = [
  "000.31.20.H49-251103-0012",
  "000.31.20.H49-251103-9999",
  "000 31 20 H49 - 251103 - 0012",
  "0003120H49-251103-0012",
  "000.31.20.h49‐251103‐0012", // Unicode hyphens
  "０００.３１.２０.Ｈ４９-２５１１０３-００１２", // full width
  "000.31.20.H49-251399-0012", // impossible date
  "000.31.20.H49-999999-0012",
  "H49-251103-1",
  "1-250101-1",
  `${"9".repeat(60)}-251103-0012`, // key too long for a choice id
  `${"A1".repeat(30)}-251103-0012`,
  "0912-345678-9", // a phone number
  "000.31.20.H49-251103-0012 000.31.20.H49-251103-0013 000.31.20.H49-251103-0014",
  "mã 12 000.31.20.H49-251103-0012",
  "hồ sơ số 000.31.20.H49-251103-0012 của tôi đâu?",
];
const DIGIT_REPLIES = ["1234", "0000", "5678", "12", "12345678", "+84 912 345 678", "(091) 234-5678", "abcd", "9999"];

/** A hostile message of a random kind, shaped by the questions real users ask. */
export function hostileMessage(rng: Rng, questions: readonly string[]): HostileMessage {
  const roll = rng.next();
  if (roll < 0.18) return { kind: "unicode", text: unicodeText(rng) };
  if (roll < 0.26) return { kind: "huge", text: hugeText(rng, questions) };
  if (roll < 0.33) return { kind: "empty", text: emptyText(rng) };
  if (roll < 0.45) return { kind: "control", text: controlText(rng, questions) };
  if (roll < 0.64) return { kind: "injection", text: injectionText(rng, questions) };
  if (roll < 0.84) return { kind: "dossier", text: dossierText(rng) };
  return { kind: "mangled", text: mangle(rng, rng.pick(questions)) };
}

function unicodeText(rng: Rng): string {
  const length = rng.chance(0.7) ? rng.int(1, 40) : rng.int(41, 600);
  if (rng.chance(0.15)) {
    // Zalgo: one letter under a pile of combining marks.
    return `a${Array.from({ length }, () => String.fromCodePoint(rng.int(0x300, 0x36f))).join("")}`;
  }
  return randomUnicode(rng, length);
}

function hugeText(rng: Rng, questions: readonly string[]): string {
  // Mostly at Telegram's own 4,096-character cap on what a user can send; a few far past any platform's.
  const length = rng.chance(0.9) ? rng.pick([2000, 2001, 4095, 4096, rng.int(1000, 4096)]) : rng.int(10_000, 60_000);
  const unit = rng.pick([
    () => `${rng.pick(questions)} `,
    () => "1 ",
    () => "1",
    () => "1.",
    () => "A1 ",
    () => "000.31.20.H49-251103-",
    () => "🙂",
    () => "\n",
    () => "a",
    () => "đăng ký khai sinh\n",
    () => "<b>&",
    () => randomUnicode(rng, 16),
  ])();
  let text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  if (rng.chance(0.3)) text = `/hoso ${text}`;
  return text;
}

function emptyText(rng: Rng): string {
  return rng.pick([
    "",
    " ",
    "   ",
    "\n",
    "\n\n\n",
    "\t",
    "\u00a0",
    "\u3000",
    "\u200b",
    "\ufeff",
    "\u200b\u200c\u200d\u2060",
    "\u2028\u2029",
    "\u0000",
    "\u001b",
    " \u200e \u202e ",
    ".",
    "…",
  ]);
}

function controlText(rng: Rng, questions: readonly string[]): string {
  if (rng.chance(0.3)) return Array.from({ length: rng.int(1, 30) }, () => rng.pick(CONTROLS)).join("");
  const base = rng.chance(0.5) ? rng.pick(questions) : rng.pick(INJECTIONS);
  let out = "";
  for (const char of base) {
    out += char;
    if (rng.chance(0.2)) out += rng.pick(CONTROLS);
  }
  return out;
}

function injectionText(rng: Rng, questions: readonly string[]): string {
  const first = rng.pick(INJECTIONS);
  if (rng.chance(0.5)) return first;
  const parts = [first, rng.pick(INJECTIONS)];
  if (rng.chance(0.5)) parts.push(rng.pick(questions));
  return parts.join(rng.pick([" ", "", "\n"]));
}

/** Fake codes, alone or after /hoso, and the digits a lookup then asks for (right or wrong). */
function dossierText(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.35) return rng.pick(DIGIT_REPLIES);
  const code = rng.chance(0.8) ? rng.pick(FAKE_CODES) : randomCode(rng);
  if (roll < 0.6) return `${rng.pick(["/hoso", "/dossier", "/danhgia", "/huy"])} ${code}`;
  return code;
}

function randomCode(rng: Rng): string {
  const piece = () => Array.from({ length: rng.int(1, 5) }, () => rng.pick([..."0123456789ABCHZ."])).join("");
  const unit = Array.from({ length: rng.int(1, 4) }, piece).join(rng.pick([".", " ", ""]));
  const two = (n: number) => String(n).padStart(2, "0");
  const date = `${two(rng.int(0, 99))}${two(rng.int(0, 13))}${two(rng.int(0, 32))}`;
  return `${unit}${rng.pick(["-", " - ", "–", "−"])}${date}${rng.pick(["-", "‐"])}${rng.int(0, 99999)}`;
}

/** A real question with its accents dropped, case flipped, letters doubled or invisible marks slipped in. */
function mangle(rng: Rng, question: string): string {
  let text = question;
  if (rng.chance(0.4)) text = text.normalize("NFD").replace(/\p{M}/gu, "");
  if (rng.chance(0.3)) text = text.toUpperCase();
  if (rng.chance(0.3)) text = text.normalize("NFD"); // decomposed accents
  let out = "";
  for (const char of text) {
    out += char;
    if (rng.chance(0.05)) out += rng.pick(["\u200b", "\u00ad", char, " ", "\u0301"]);
  }
  if (rng.chance(0.2)) out = `${rng.pick(["1", "/tim ", "english ", "  "])}${out}`;
  return out;
}

/**
 * Callback data a modified client can send under any button: garbage, and real prefixes with
 * unknown or hostile arguments. Up to 64 bytes as Telegram forwards it; a few longer ones too.
 */
export function forgedCallbackData(rng: Rng): string {
  const roll = rng.next();
  let data: string;
  if (roll < 0.25) data = randomUnicode(rng, rng.int(1, 40));
  else if (roll < 0.9) {
    data = rng.pick([
      () => `p:${rng.pick(["", "X", "1.001193", "__proto__", "../"])}:${rng.pick(["", "g", "d", "z", "🙂"])}`,
      () =>
        `f:${rng.pick(["", "ho-tich", "x".repeat(40), "__proto__", "../../"])}:${rng.pick(["", "-1", "1e9", "NaN", "9999999"])}`,
      () => `m:${rng.pick(["", "browse", "help", "x", "__proto__"])}`,
      () => `lang:${rng.pick(["", "zz", "en", "vi", "<b>"])}`,
      () => `h:${rng.pick(["1.001193", "X", ""])}:${rng.pick(["0", "1", "2", ""])}`,
      () =>
        `d:${rng.pick(["s", "u", "a", "r", "c", "k", "x", "z", ""])}:${rng.pick(["0003120H49-251103-0012", "X", "", "__proto__"])}:${rng.pick(["0", "1", "9", "", "-1"])}`,
      () => `tgpage:${rng.pick(["", "-1", "0", "1", "2", "99999999999999999999", "1e3", "NaN", "0x1", " 1"])}`,
      () => rng.pick(["::::", ":", "p", "d", "__proto__", "constructor", "toString", "\u0000", " ", "%00"]),
    ])();
  } else {
    // Past Telegram's 64 bytes: only a forged webhook post could carry it.
    return `p:${"X".repeat(rng.int(63, 120))}`;
  }
  return truncateBytes(data, 64);
}

/** The longest prefix of `text` within `max` UTF-8 bytes, never splitting a code point. */
export function truncateBytes(text: string, max: number): string {
  let out = "";
  for (const char of text) {
    if (Buffer.byteLength(out + char) > max) break;
    out += char;
  }
  return out === "" ? "?" : out;
}

/** Deterministic ids for the Zalo fake's updates (`message_id` is opaque hex there). */
export function hexId(n: number): string {
  return n.toString(16).padStart(12, "0");
}
