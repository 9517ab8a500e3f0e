/**
 * Câu mẫu from the staff console, end to end: a citizen's message the bot does not find is kept,
 * shown on /staff/questions, labelled there by staff over real HTTP on 127.0.0.1, written to the
 * catalogue's examples.json (a private copy of the bundled data), and the live catalogue reloads
 * with it. Then the same message is asked again.
 */

import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_FILE } from "../../src/catalogue/examples.js";
import { editJson } from "../harness/common.js";
import { Client, PASSWORD, USER } from "../harness/staff.js";
import {
  BIRTH,
  codeOf,
  counted,
  type ExamplesConsole,
  MARRIAGE,
  QUESTION,
  startExamplesConsole,
  TIME_ZONE,
  WARD_USER,
} from "./examples-console.js";

let h: ExamplesConsole;
let catalogueDir: string;
let base: string;
beforeAll(async () => {
  h = await startExamplesConsole();
  ({ catalogueDir, base } = h);
}, 60_000);
afterAll(() => h.close());

const staffEntries = (text: string) => h.staffEntries(text);
const served = (text: string) => h.served(text);
const chat = () => h.chat();

const examplesPath = () => path.join(catalogueDir, EXAMPLES_FILE);
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date());
const audit = () => readFile(path.join(h.dataDir, "staff", "audit.jsonl"), "utf8");

async function signedIn(user = USER): Promise<Client> {
  const client = new Client(base);
  expect((await client.login(user)).status).toBe(303);
  return client;
}

/** The label form of a question, as the link on /staff/questions opens it. */
async function labelForm(client: Client, text: string, filter = ""): Promise<string> {
  const query = `text=${encodeURIComponent(text)}${filter ? `&tim=${encodeURIComponent(filter)}` : ""}`;
  const response = await client.request(`/staff/questions/label?${query}`);
  expect(response.status).toBe(200);
  return response.text();
}

async function label(client: Client, text: string, code: string, intent = ""): Promise<Response> {
  const csrf = Client.csrfOf(await labelForm(client, text));
  return client.request("/staff/examples", { form: { csrf, text, code, intent } });
}

/** Deletes a label as staff do: the Xoá button, then the confirmation's own form. */
async function deleteLabel(client: Client, csrf: string, text: string): Promise<Response> {
  const asked = await client.request("/staff/examples/delete", { form: { csrf, text } });
  if (asked.status !== 200) return asked;
  const page = await asked.text();
  expect(page).toContain("Xoá câu mẫu này?");
  const hidden = /name="text" value="([^"]*)"/.exec(page)?.[1] ?? "";
  return client.request("/staff/examples/delete", {
    form: { csrf: Client.csrfOf(page), text: unescapeHtml(hidden), confirm: "yes" },
  });
}

const unescapeHtml = (s: string) =>
  s.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e] ?? "",
  );

describe("labelling an unanswered question", () => {
  it("a question the bot did not find is shown, labelled, written, reloaded, and then answered", async () => {
    const say = chat();
    const first = await say(QUESTION);
    expect(codeOf(first[0]?.text)).toBeUndefined();
    expect(await counted(h.questions, QUESTION)).toBe(true);

    const client = await signedIn();
    const page = await (await client.request("/staff/questions")).text();
    const link = `/staff/questions/label?text=${encodeURIComponent(QUESTION)}`;
    expect(page).toContain(QUESTION);
    expect(page).toContain(`href="${link}">Gán thủ tục</a>`);

    // Narrowed by a few words typed without accents: the birth registration stays, marriage goes.
    const filtered = await labelForm(client, QUESTION, "khai sinh");
    expect(filtered).toContain(`<option value="${BIRTH}">`);
    expect(filtered).not.toContain(`<option value="${MARRIAGE}">`);
    expect(filtered).toContain('<option value="none">Không phải thủ tục của phường');
    const whole = await labelForm(client, QUESTION);
    expect(whole).toContain(`<option value="${MARRIAGE}">`);

    const versionBefore = h.catalogue.current().catalogue.version;
    const saved = await label(client, QUESTION, BIRTH, "documents");
    expect(saved.status).toBe(200);
    const body = await saved.text();
    expect(body).toContain("Đã lưu câu mẫu");
    expect(body).toContain("Bot đã dùng danh mục mới");

    expect(await staffEntries(QUESTION)).toEqual([
      { text: QUESTION, code: BIRTH, intent: "documents", source: `nhân viên ${USER}, ${today()}`, added: today() },
    ]);
    expect(h.catalogue.current().catalogue.version).not.toBe(versionBefore);
    expect(served(QUESTION)).toContainEqual(expect.objectContaining({ code: BIRTH, intent: "documents" }));
    expect(await audit()).toMatch(
      new RegExp(`"user":"${USER}","action":"example-added","detail":"«${QUESTION}» → ${BIRTH} \\(documents\\)"`),
    );

    const after = await (await client.request("/staff/questions")).text();
    expect(after).toMatch(/<span class="badge ok">Đã gán<\/span> Đăng ký khai sinh/);
    expect(after).toContain(`href="${link}">Gán lại</a>`);
    const list = await (await client.request("/staff/examples")).text();
    expect(list).toContain(QUESTION);

    // The bot, asked again in a new chat: the labelled procedure (src/search/examples.ts).
    const again = await chat()(QUESTION);
    expect(codeOf(again[0]?.text)).toBe(BIRTH);
  });

  it("labelling the same question again replaces the staff label; deleting it removes it from the file and the bot", async () => {
    const client = await signedIn();
    const text = "chỗ nào làm hộ chiếu gắn chip nhanh";
    expect((await label(client, text, BIRTH)).status).toBe(200);
    expect((await label(client, `  ${text.toUpperCase()} `, "none")).status).toBe(200);
    expect((await staffEntries(text)).map((e) => e.code)).toEqual(["none"]);
    expect(served(text).map((e) => e.code)).toEqual(["none"]);

    const page = await (await client.request("/staff/examples")).text();
    const csrf = Client.csrfOf(page);
    const deleted = await deleteLabel(client, csrf, text.toUpperCase());
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain("Đã xoá câu mẫu");
    expect(await staffEntries(text)).toEqual([]);
    expect(served(text)).toEqual([]);
    expect(await audit()).toContain('"action":"example-deleted"');
    const fileBefore = await stat(examplesPath());
    const gone = await client.request("/staff/examples/delete", { form: { csrf, text, confirm: "yes" } });
    expect(gone.status).toBe(404);
    // Nor is a confirmation offered for it.
    expect((await client.request("/staff/examples/delete", { form: { csrf, text } })).status).toBe(404);
    // Nothing to delete: the file is not rewritten (its inode would change with the atomic rename).
    expect((await stat(examplesPath())).ino).toBe(fileBefore.ino);
  });
  it("a question with numbers is labelled as the page shows it (scrubbed), and answered with other numbers", async () => {
    const asked = "bé nhà mình mới chào đời hôm 12/11 cần làm giấy gì";
    const first = await chat()(asked);
    expect(codeOf(first[0]?.text)).toBeUndefined();
    const shown = (await h.questions.list()).find((q) => q.text.startsWith("bé nhà mình mới chào đời hôm"))?.text;
    expect(shown).toBeDefined();
    expect(shown).not.toMatch(/\d/);
    const client = await signedIn();
    expect((await label(client, shown as string, BIRTH, "documents")).status).toBe(200);
    expect((await staffEntries(shown as string)).map((e) => e.text)).toEqual([shown]);
    const again = await chat()("bé nhà mình mới chào đời hôm 3/12 cần làm giấy gì");
    expect(codeOf(again[0]?.text)).toBe(BIRTH);
    // In the section the label gives (src/search/examples.ts): the documents list, which the
    // procedure's general answer only points to.
    const documents = /\nGiấy tờ cần chuẩn bị:/;
    expect(again[0]?.text).toMatch(documents);
    expect((await chat()("đăng ký khai sinh"))[0]?.text).not.toMatch(documents);
  });

  it("two labels saved at the same moment are both kept", async () => {
    const client = await signedIn();
    const texts = ["hỏi cách làm giấy chứng tử cho bà nội", "hỏi thủ tục nhận con nuôi trong nước"];
    const forms = await Promise.all(texts.map((t) => labelForm(client, t)));
    const responses = await Promise.all(
      texts.map((text, i) =>
        client.request("/staff/examples", { form: { csrf: Client.csrfOf(forms[i] ?? ""), text, code: "none" } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    for (const text of texts) expect((await staffEntries(text)).map((e) => e.code)).toEqual(["none"]);
    for (const text of texts) expect(served(text).map((e) => e.code)).toEqual(["none"]);
  });

  it("Xoá asks first: the confirmation shows the label (escaped), removes nothing, audits nothing; its own form deletes", async () => {
    const client = await signedIn();
    const text = 'xin giấy <b>xác nhận</b> "nuôi" chó & mèo';
    expect((await label(client, text, BIRTH, "fee")).status).toBe(200);
    const csrf = Client.csrfOf(await (await client.request("/staff/examples")).text());
    const fileBefore = await readFile(examplesPath(), "utf8");
    const auditBefore = await audit();

    const asked = await client.request("/staff/examples/delete", { form: { csrf, text } });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain("Xoá câu mẫu này?");
    expect(page).toContain(
      "<blockquote>xin giấy &lt;b&gt;xác nhận&lt;/b&gt; &quot;nuôi&quot; chó &amp; mèo</blockquote>",
    );
    expect(page).not.toContain("<b>xác nhận</b>");
    expect(page).toMatch(/Gán cho: <strong>Đăng ký khai sinh<\/strong> \(hỏi về lệ phí\) — nhân viên /);
    expect(page).toContain('<input type="hidden" name="confirm" value="yes">');
    expect(page).toContain('<a href="/staff/examples">Không xoá, quay lại</a>');
    expect(Client.csrfOf(page)).toBe(csrf);
    // Asked, not done: the file, the bot and the audit log are as they were.
    expect(await readFile(examplesPath(), "utf8")).toBe(fileBefore);
    expect(served(text).map((e) => e.code)).toEqual([BIRTH]);
    expect(await audit()).toBe(auditBefore);

    // The confirmation's form, forged or from another site: refused, nothing removed.
    const form = { csrf, text, confirm: "yes" };
    expect((await client.request("/staff/examples/delete", { form: { ...form, csrf: "forged" } })).status).toBe(403);
    const crossSite = await client.request("/staff/examples/delete", {
      form,
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    expect(await readFile(examplesPath(), "utf8")).toBe(fileBefore);

    const done = await deleteLabel(client, csrf, text);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Đã xoá câu mẫu «xin giấy &lt;b&gt;xác nhận&lt;/b&gt;");
    expect(await staffEntries(text)).toEqual([]);
    expect(served(text)).toEqual([]);
    const added = (await audit()).slice(auditBefore.length).trim().split("\n");
    expect(added).toHaveLength(1);
    expect(JSON.parse(added[0] ?? "{}")).toMatchObject({ user: USER, action: "example-deleted" });
    expect(added[0]).toContain(`→ ${BIRTH}`);
  });

  it("'Đã gán' marks a row exactly when the bot answers its text from a câu mẫu: not other accents, yes none", async () => {
    // Labelled with marriage, a procedure the rules would never give it: an answer of marriage comes from the label.
    const labelled = "nhà em vừa có em bé thì đi đâu làm giấy";
    const otherAccents = "nhà em vừa có em bẹ thì đi đâu làm giấy";
    const noAccents = "nha em vua co em be thi di dau lam giay";
    const say = chat();
    expect(codeOf((await say(labelled))[0]?.text)).toBeUndefined();
    expect(await counted(h.questions, labelled)).toBe(true);
    const client = await signedIn();
    expect((await label(client, labelled, MARRIAGE)).status).toBe(200);
    const row = async (text: string) => {
      const page = await (await client.request("/staff/questions")).text();
      const found = page.split("<tr>").find((r) => r.includes(`<td class="wide">${text}</td>`));
      expect(found, text).toBeDefined();
      return found as string;
    };
    expect(await row(labelled)).toContain("Đã gán");
    expect(codeOf((await chat()(labelled))[0]?.text)).toBe(MARRIAGE);

    // Asked with another accent: the bot does not answer it as labelled, so it is counted (the same row: questions
    // are counted together folded, the latest spelling shown) and the row offers to label it.
    expect(codeOf((await chat()(otherAccents))[0]?.text)).not.toBe(MARRIAGE);
    expect(await counted(h.questions, otherAccents)).toBe(true);
    const other = await row(otherAccents);
    expect(other).not.toContain("Đã gán");
    expect(other).toContain(`href="/staff/questions/label?text=${encodeURIComponent(otherAccents)}">Gán thủ tục</a>`);

    // Typed without accents (counted before the label, say): the bot answers it from the label, and the row says so.
    expect(codeOf((await chat()(noAccents))[0]?.text)).toBe(MARRIAGE);
    await h.questions.record(noAccents);
    expect(await row(noAccents)).toMatch(/<span class="badge ok">Đã gán<\/span> Đăng ký kết hôn/);
  });
});

describe("refusals lose nothing", () => {
  let saved: string | undefined;
  afterEach(async () => {
    if (saved !== undefined) await writeFile(examplesPath(), saved);
    saved = undefined;
    await h.catalogue.reload();
  });

  it("no procedure chosen, or one not in the catalogue: the form again, with the question and the choice kept", async () => {
    const client = await signedIn();
    const before = await readFile(examplesPath(), "utf8");
    const none = await label(client, QUESTION, "");
    expect(none.status).toBe(400);
    const page = await none.text();
    expect(page).toContain("Hãy chọn một thủ tục");
    expect(page).toContain(`<input type="hidden" name="text" value="${QUESTION}">`);
    const unknown = await label(client, QUESTION, "1.999999", "fee");
    expect(unknown.status).toBe(400);
    const unknownPage = await unknown.text();
    expect(unknownPage).toContain("Không có thủ tục mã 1.999999 trong danh mục");
    expect(unknownPage).toContain('<option value="fee" selected>');
    // A question of numbers (or emoji) alone: labelled, it would answer every message that is only a number.
    for (const bare of ["2", "0912 345 678", "👍👍"]) {
      const refused = await label(client, bare, BIRTH);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain("không có chữ nào ngoài số đã che");
    }
    expect(await readFile(examplesPath(), "utf8")).toBe(before);
  });

  it("an examples.json broken by hand is never overwritten: staff read why", async () => {
    const client = await signedIn();
    saved = await readFile(examplesPath(), "utf8");
    const broken = `${saved.slice(0, -3)},,]}`;
    await writeFile(examplesPath(), broken);
    const response = await label(client, QUESTION, BIRTH);
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toContain("Tệp examples.json đang bị lỗi");
    expect(page).toContain("Chưa có gì bị thay đổi");
    expect(page).toContain(`<input type="hidden" name="text" value="${QUESTION}">`);
    expect(await readFile(examplesPath(), "utf8")).toBe(broken);
  });

  it("a label saved while another catalogue file is broken is kept, and staff are told the bot does not use it yet", async () => {
    const client = await signedIn();
    saved = await readFile(examplesPath(), "utf8");
    const offices = path.join(catalogueDir, "offices.json");
    const goodOffices = await readFile(offices, "utf8");
    await editJson(offices, (o) => {
      o.defaultOffice = "khong-co";
    });
    try {
      const before = h.catalogue.current().catalogue;
      const text = "đăng ký cho con đi học mẫu giáo";
      const response = await label(client, text, BIRTH);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain("nhưng bot <strong>chưa dùng</strong>");
      expect(page).toContain("offices.json");
      expect((await staffEntries(text)).map((e) => e.code)).toEqual([BIRTH]);
      expect(h.catalogue.current().catalogue).toBe(before);
    } finally {
      await writeFile(offices, goodOffices);
    }
  });
});

describe("security", () => {
  it("without a session, with a forged token or from another site, nothing is written", async () => {
    const before = await readFile(examplesPath(), "utf8");
    const anonymous = new Client(base);
    expect(
      (await anonymous.request("/staff/examples", { form: { csrf: "x", text: QUESTION, code: BIRTH } })).status,
    ).toBe(403);
    expect((await anonymous.request(`/staff/questions/label?text=x`)).status).toBe(303);
    expect((await anonymous.request("/staff/examples")).status).toBe(303);

    const client = await signedIn();
    const forged = await client.request("/staff/examples", { form: { csrf: "forged", text: QUESTION, code: BIRTH } });
    expect(forged.status).toBe(403);
    const csrf = Client.csrfOf(await labelForm(client, QUESTION));
    const crossSite = await client.request("/staff/examples", {
      form: { csrf, text: QUESTION, code: BIRTH },
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    const deleteForged = await client.request("/staff/examples/delete", { form: { csrf: "forged", text: QUESTION } });
    expect(deleteForged.status).toBe(403);
    expect(await readFile(examplesPath(), "utf8")).toBe(before);
  });

  it("a label posted with a phone number, a dossier code and an e-mail is written, shown and audited scrubbed", async () => {
    // Not from the list (whose questions are scrubbed already): typed into the address or the form by hand.
    const typed =
      "con tôi sđt 0912 345 678, hồ sơ 000.31.20.H49-251103-0012, mail an.nguyen@example.com, xin trích lục";
    const client = await signedIn();
    const form = await labelForm(client, typed);
    expect(form).not.toMatch(/0912 345|251103-0012|an\.nguyen/);
    const saved = await (await label(client, typed, BIRTH)).text();
    expect(saved).not.toMatch(/0912 345|251103-0012|an\.nguyen/);
    const scrubbed = "con tôi sđt [số điện thoại], hồ sơ [mã hồ sơ], mail [email], xin trích lục";
    expect((await staffEntries(scrubbed)).map((e) => e.text)).toEqual([scrubbed]);
    const file = await readFile(examplesPath(), "utf8");
    expect(file).not.toMatch(/0912 345|251103-0012|an\.nguyen/);
    expect(served(scrubbed).map((e) => e.code)).toEqual([BIRTH]);

    const csrf = Client.csrfOf(await (await client.request("/staff/examples")).text());
    expect((await deleteLabel(client, csrf, scrubbed)).status).toBe(200);
    const trail = await audit();
    expect(trail).toContain(`«${scrubbed}» → ${BIRTH}`);
    expect(trail).not.toMatch(/0912 345|251103-0012|an\.nguyen/);
    expect(h.logs.join("")).not.toMatch(/0912 345|251103-0012|an\.nguyen/);
  });

  it("a question with markup shows as text on every page, and is saved as typed", async () => {
    const text = 'xin giấy <script>alert("x")</script> & <b>nuôi</b> chó';
    await h.questions.record(text);
    const client = await signedIn();
    const pages = [
      await (await client.request("/staff/questions")).text(),
      await labelForm(client, text),
      await (await label(client, text, "none")).text(),
      await (await client.request("/staff/examples")).text(),
    ];
    for (const page of pages) {
      expect(page).not.toContain("<script>alert");
      expect(page).not.toContain("<b>nuôi</b>");
      expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;nuôi&lt;/b&gt;");
    }
    expect((await staffEntries(text)).map((e) => e.text)).toEqual([text]);
  });

  it("a ward's staff see labels but cannot label or delete: the catalogue is the province's", async () => {
    const admin = await signedIn();
    const text = "xin giấy xác nhận độc thân đi lấy chồng";
    expect((await label(admin, text, "none")).status).toBe(200);
    await h.questions.record(text);
    const ward = await signedIn(WARD_USER);
    const page = await (await ward.request("/staff/questions")).text();
    expect(page).toContain("Đã gán");
    expect(page).not.toContain("Gán thủ tục</a>");
    expect(page).not.toContain("Gán lại</a>");
    const form = await labelForm(ward, text);
    expect(form).toContain("chỉ quản trị tỉnh gán hoặc xoá được");
    // The file's place on the server is shown to the one who writes it only.
    expect(await (await admin.request("/staff/examples")).text()).toContain(examplesPath());
    expect(await (await ward.request("/staff/examples")).text()).not.toContain(catalogueDir);
    expect(form).not.toContain('action="/staff/examples"');
    const csrf = Client.csrfOf(form);
    const before = await readFile(examplesPath(), "utf8");
    expect((await ward.request("/staff/examples", { form: { csrf, text, code: BIRTH } })).status).toBe(403);
    expect((await ward.request("/staff/examples/delete", { form: { csrf, text } })).status).toBe(403);
    expect(await readFile(examplesPath(), "utf8")).toBe(before);
    expect(h.logs.join("")).not.toContain(PASSWORD);
  });

  it("a console that does not know the catalogue's folder offers no labelling, and says so", async () => {
    const off = await startExamplesConsole((c) => ({ current: () => c.current(), warnings: () => c.warnings() }));
    try {
      await off.questions.record(QUESTION);
      const client = new Client(off.base);
      await client.login();
      const page = await (await client.request("/staff/questions")).text();
      expect(page).toContain(QUESTION);
      expect(page).not.toContain("Gán thủ tục</a>");
      const list = await (await client.request("/staff/examples")).text();
      expect(list).toContain("chưa bật gán câu mẫu");
      const file = path.join(off.catalogueDir, EXAMPLES_FILE);
      const before = await readFile(file, "utf8");
      const posted = await client.request("/staff/examples", {
        form: { csrf: Client.csrfOf(list), text: QUESTION, code: BIRTH },
      });
      expect(posted.status).toBe(403);
      expect(await readFile(file, "utf8")).toBe(before);
    } finally {
      await off.close();
    }
  });
});
