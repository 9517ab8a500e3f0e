import type { Procedure } from "../catalogue/schema.js";
import { tokenize } from "../search/normalize.js";

/**
 * The civil-status procedures come in pairs: the plain one and its "có yếu tố nước ngoài" twin (a
 * foreign spouse, parent or child, or an event decided abroad). A message that names nothing foreign
 * is about the plain one; a message that names a foreigner, a nationality or abroad is about the twin.
 */

const COUNTRIES = [
  ...["hàn quốc", "nhật bản", "trung quốc", "đài loan", "thái lan", "campuchia", "singapore", "malaysia"],
  ...["philippines", "indonesia", "ấn độ", "hoa kỳ", "canada", "châu âu", "liên bang nga", "anh quốc", "hà lan"],
  ...["thụy điển", "na uy", "đan mạch", "tây ban nha", "bồ đào nha", "ba lan", "cuba", "new zealand", "brazil"],
  ...["ukraine", "nam phi", "châu phi", "ả rập", "mông cổ", "myanmar", "bangladesh"],
];
// never "anh" (a brother), "tây" (Tây Nguyên) or "đức" (a name) alone
const SHORT_COUNTRIES = ["mỹ", "nhật", "hàn", "pháp", "úc", "nga", "lào"];

/**
 * A foreign person in the message ("người Hàn Quốc", "chồng Nhật", "Việt kiều", "quốc tịch Mỹ", "a Vietnamese
 * woman", "foreigner"): a foreign element whatever else is said.
 */
const FOREIGN_PERSON = [
  ...["người nước ngoài", "quốc tịch", "việt kiều", "kiều bào", "con lai", "không quốc tịch", "yếu tố nước ngoài"],
  ...[...COUNTRIES, ...SHORT_COUNTRIES].flatMap((country) =>
    ["người", "quốc tịch", "chồng", "vợ"].map((before) => `${before} ${country}`),
  ),
  ...["foreigner", "foreigners", "foreign", "nationality", "expat", "a vietnamese", "is vietnamese"],
  ...["korean", "japanese", "chinese", "taiwanese", "american", "french", "australian", "british", "german"],
].map(tokenize);

/**
 * A foreign place ("ở nước ngoài", "bên Nhật", "sinh ở Mỹ", "abroad"): a foreign element (a child born abroad,
 * a marriage made there) unless the person is only away for work ("chồng em đi làm ở Đài Loan chưa về").
 */
const FOREIGN_PLACE = [
  "nước ngoài",
  ...COUNTRIES,
  ...SHORT_COUNTRIES.flatMap((country) => ["ở", "bên", "sang", "tại"].map((before) => `${before} ${country}`)),
  ...["abroad", "overseas", "korea", "japan", "china", "taiwan", "usa", "america", "france", "australia", "germany"],
].map(tokenize);
const AWAY = ["đi làm", "công tác", "làm việc", "đi xa", "chưa về", "xuất khẩu lao động", "working", "away"].map(
  tokenize,
);

/** Names of the foreign-element procedures, folded: the twin's own words and events decided abroad. */
const FOREIGN_ELEMENT = [tokenize("có yếu tố nước ngoài"), tokenize("ghi vào sổ hộ tịch việc")];

function containsRun(tokens: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= tokens.length; i++) {
    if (run.every((t, j) => tokens[i + j] === t)) return true;
  }
  return false;
}

/** Whether the message names a foreign element (a foreigner, a nationality, abroad). */
export function namesForeign(text: string): boolean {
  // "quốc tịch Việt Nam", "người Việt Nam định cư…": Vietnamese nationality named is none foreign
  const tokens = tokenize(text.replace(/quốc tịch việt nam|quoc tich viet nam/giu, " "));
  const says = (runs: string[][]) => runs.some((run) => run.length > 0 && containsRun(tokens, run));
  return says(FOREIGN_PERSON) || (says(FOREIGN_PLACE) && !says(AWAY));
}

/**
 * Words of staying abroad and having it done there: "bên này" (over here, said from abroad, beside a foreign
 * place), "chưa thể về nước" (alone: only someone abroad goes home to the country). Not "ở đây" (said at home as
 * well: "chồng đi làm ở Đài Loan, em làm khai sinh cho con ở đây").
 */
const OVER_HERE = ["bên này"].map(tokenize);
/** Not coming back home yet: said only from abroad ("về nước" is going home to Vietnam). */
const NOT_BACK = [
  ...["chưa thể về nước", "không thể về nước", "chưa về nước được", "không về nước được"],
  ...["chưa thể về việt nam", "không thể về việt nam", "chưa về việt nam được", "không về việt nam được"],
  ...["can't come back to vietnam", "cannot come back to vietnam", "cannot return to vietnam", "while abroad"],
].map(tokenize);

/**
 * Whether the citizen is abroad and asks to have it done there ("con vừa sinh ở Osaka, chưa thể về nước, làm
 * khai sinh ngay bên này ở đâu"): civil status for Vietnamese abroad is the embassy's or consulate's.
 */
export function staysAbroad(text: string): boolean {
  const tokens = tokenize(text);
  const says = (runs: string[][]) => runs.some((run) => run.length > 0 && containsRun(tokens, run));
  return says(NOT_BACK) || (says(FOREIGN_PLACE) && says(OVER_HERE));
}

/** Whether the message names a foreign person (not only a foreign place): "chồng tôi quốc tịch Pháp". */
export function namesForeigner(text: string): boolean {
  const tokens = tokenize(text.replace(/quốc tịch việt nam|quoc tich viet nam/giu, " "));
  return FOREIGN_PERSON.some((run) => run.length > 0 && containsRun(tokens, run));
}

/** Whether the procedure is for cases with a foreign element. */
export function isForeignElement(procedure: Procedure): boolean {
  const name = tokenize(procedure.name);
  return FOREIGN_ELEMENT.some((run) => containsRun(name, run));
}

/** The foreign-element twin of a plain procedure among `candidates`: its name is the plain name and more. */
export function foreignTwin(procedure: Procedure, candidates: readonly Procedure[]): Procedure | undefined {
  if (isForeignElement(procedure)) return undefined;
  const plain = tokenize(procedure.name).join(" ");
  return candidates.find((c) => isForeignElement(c) && tokenize(c.name).join(" ").startsWith(plain));
}
