import iconv from "iconv-lite";

/**
 * Reading a text export whatever Excel or the one-stop system saved it as. Excel writes "CSV UTF-8"
 * with a BOM, "Unicode Text" as UTF-16 with a BOM, and plain "CSV" in the Windows code page:
 * Windows-1258 on a Vietnamese Windows, Windows-1252 on an English one (which has no room for
 * most Vietnamese letters and writes "?" instead). Reading such a file as UTF-8 stored
 * `Người nộp: L� V. E.`; here it is converted, or refused with a message saying what to do.
 *
 * Why no statistical detector (chardet, jschardet): neither knows Windows-1258, and the question
 * is always the same two code pages, which the letters themselves tell apart (see `oddCharacters`).
 */

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; error: string };

/** What to do instead, in each language: messages read "Vietnamese problem + fix | English problem + fix". */
const RESAVE_VI =
  "Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) › «CSV UTF-8 (Comma delimited)» rồi nhập lại; hoặc nhập thẳng tệp .xlsx.";
const RESAVE_EN =
  "Open the file in Excel, Save As «CSV UTF-8 (Comma delimited)» and import that, or import the .xlsx file.";
const refusal = (vi: string, en: string): Decoded => ({ ok: false, error: `${vi} ${RESAVE_VI} | ${en} ${RESAVE_EN}` });

export function decodeText(bytes: Uint8Array): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buffer, [0xff, 0xfe, 0x00, 0x00]) || startsWith(buffer, [0x00, 0x00, 0xfe, 0xff])) {
    return refusal("Tệp mã hoá UTF-32, không đọc được.", "UTF-32 files are not supported.");
  }
  if (startsWith(buffer, [0xef, 0xbb, 0xbf])) return utf8(buffer.subarray(3), "UTF-8");
  if (startsWith(buffer, [0xff, 0xfe])) return converted(buffer.subarray(2), "utf-16le", "UTF-16LE");
  if (startsWith(buffer, [0xfe, 0xff])) return converted(buffer.subarray(2), "utf-16be", "UTF-16BE");
  const utf16 = utf16WithoutBom(buffer);
  if (utf16) return converted(buffer, utf16, utf16 === "utf-16le" ? "UTF-16LE" : "UTF-16BE");
  if (isUtf8(buffer)) return utf8(buffer, "UTF-8");
  return legacy(buffer);
}

function utf8(buffer: Buffer, name: string): Decoded {
  if (!isUtf8(buffer)) {
    return refusal(
      "Tệp ghi là UTF-8 nhưng có byte không hợp lệ (tệp bị hỏng hoặc ghép từ nhiều nguồn).",
      "The file claims UTF-8 but has invalid bytes.",
    );
  }
  return { ok: true, text: buffer.toString("utf8").normalize("NFC"), encoding: name };
}

function converted(buffer: Buffer, encoding: string, name: string): Decoded {
  return { ok: true, text: iconv.decode(buffer, encoding, { stripBOM: true }).normalize("NFC"), encoding: name };
}

/** Excel's "Unicode Text" always has a BOM; a file without one is recognised by its zero bytes. */
function utf16WithoutBom(buffer: Buffer): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(buffer.length - (buffer.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buffer[i] === 0) evenZero++;
    if (buffer[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero === 0) return "utf-16le";
  if (evenZero > pairs * 0.3 && oddZero === 0) return "utf-16be";
  return undefined;
}

function isUtf8(buffer: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}

/** The two code pages Excel writes a plain "CSV" in, Vietnamese Windows' first. */
const LEGACY = [
  { encoding: "windows-1258", name: "Windows-1258" },
  { encoding: "windows-1252", name: "Windows-1252" },
] as const;

function legacy(buffer: Buffer): Decoded {
  const readings = LEGACY.map((c) => {
    const text = iconv.decode(buffer, c.encoding).normalize("NFC");
    return { ...c, text, odd: oddCharacters(text) };
  });
  // The reading with fewer characters that cannot occur in Vietnamese text; a tie goes to 1258.
  const best = readings.reduce((a, b) => (b.odd < a.odd ? b : a));
  if (best.odd > 0) {
    return refusal(
      "Tệp không phải UTF-8 và không đọc được chắc chắn theo bảng mã Windows-1258 hay Windows-1252 (có thể là bảng mã TCVN3/VNI cũ).",
      "The file is not UTF-8 and does not read cleanly as Windows-1258 or Windows-1252 (perhaps an old TCVN3/VNI file).",
    );
  }
  if (lostLetters(best.text)) {
    return refusal(
      "Tệp được lưu bằng bảng mã Windows cũ (ANSI, không phải UTF-8) và Excel đã thay các chữ có dấu bằng dấu «?» (ví dụ «Nguy?n»): không thể khôi phục.",
      'The file was saved in a Windows ANSI code page and Excel replaced Vietnamese letters with "?".',
    );
  }
  return { ok: true, text: best.text, encoding: best.name };
}

/** Every letter of Vietnamese, lower and upper case, precomposed (NFC). */
const VIETNAMESE = new Set(
  [..."aăâeêioôơuưy"].flatMap((base) =>
    ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"].flatMap((tone) => {
      const lower = (base + tone).normalize("NFC");
      return [lower, lower.toUpperCase()];
    }),
  ),
);
VIETNAMESE.add("đ").add("Đ");
/** Punctuation Excel and Word put in text: curly quotes, dashes, ellipsis, degree, currency, no-break space. */
const PUNCTUATION = new Set([..."‘’“”–—…•°€₫\u00a0«»·"]);

/**
 * Characters that cannot be right in Vietnamese data: letters outside the Vietnamese alphabet
 * (ð, þ, Ð, Þ, ß…), a tone mark left over that composed with nothing, a control character, or a
 * capital letter inside a lower-case word ("TrâÌn" is "Trần" read in the wrong code page).
 */
export function oddCharacters(text: string): number {
  let odd = 0;
  let previous = "";
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0x80) {
      if (!VIETNAMESE.has(c) && !PUNCTUATION.has(c)) odd++;
      else if (c !== c.toLowerCase() && /\p{Ll}/u.test(previous)) odd++;
    } else if (code < 0x20 && c !== "\n" && c !== "\r" && c !== "\t") odd++;
    previous = c;
  }
  return odd;
}

/**
 * "Nguy?n V?n An", "Lê Th? Hà": a question mark right after a letter is, in a code-page file, a
 * letter the code page could not hold (a question in a note is rare enough to ask for UTF-8 then).
 */
function lostLetters(text: string): boolean {
  return /\p{L}\?/u.test(text);
}

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buffer[i] === b);
}
