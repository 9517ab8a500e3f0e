/**
 * Days at a ward's one-stop office, played against the real service (see service-harness.ts)
 * with the test clock: citizens on Telegram and Zalo ask about procedures, look their dossiers
 * up and subscribe; staff import dossiers and push status changes; results wait for pickup
 * (reminders on the right days, in office hours only), are handed over and rated; a staff member
 * edits a catalogue file (once well, once badly). Every message each citizen receives is
 * checked: exactly the expected ones, in order, nothing missing, nothing extra or repeated.
 *
 * `full: false` plays a shorter version for test/acceptance: one question per channel, a lookup
 * and subscription on each, one dossier from import to rating with a notice and a reminder, one
 * rating by numbers on Zalo.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { OfficeHarness } from "./replicas.js";
import { showTime, waitUntil } from "./service-harness.js";

/** What one message must say (and must not): substrings, and for Telegram its buttons. */
export interface Expected {
  what: string;
  has?: string[];
  not?: string[];
  /** Telegram: the labels of the buttons under it, in order. */
  buttons?: string[];
}

interface Chat {
  key: string;
  label: string;
  expected: Expected[];
}

export class StepFailure extends Error {}

/**
 * Plays steps and checks, after each, every chat's inbox against what it should hold by then.
 * A step waits for its messages (up to `timeoutMs`), then listens a little longer (`quietMs`) so
 * a repeated or stray message is caught at the step that caused it.
 */
export class Checker {
  readonly chats = new Map<string, Chat>();
  steps = 0;
  checked = 0;
  readonly timings: { title: string; ms: number }[] = [];
  private notes: string[] = [];

  constructor(
    private readonly h: OfficeHarness,
    private readonly out: (line: string) => void,
    private readonly quietMs = 150,
    private readonly timeoutMs = 10_000,
  ) {}

  chat(key: string, label: string): string {
    this.chats.set(key, { key, label, expected: [] });
    return key;
  }

  /** A line under the current step's heading. */
  note(text: string): void {
    this.notes.push(`  · ${text}`);
  }

  async step(title: string, action: () => Promise<void>, expected: Record<string, Expected[]> = {}): Promise<void> {
    this.steps++;
    const began = performance.now();
    const before = new Map([...this.chats.values()].map((c) => [c.key, this.h.received(c.key).length]));
    for (const [key, list] of Object.entries(expected)) {
      const chat = this.chats.get(key);
      if (!chat) throw new Error(`unknown chat ${key}`);
      chat.expected.push(...list);
    }
    await action();
    this.out(`▶ ${showTime(this.h.now)}  ${title}`);
    for (const line of this.notes.splice(0)) this.out(line);
    try {
      await waitUntil(
        () => [...this.chats.values()].every((c) => this.h.received(c.key).length >= c.expected.length),
        this.timeoutMs,
        "the expected messages",
      );
    } catch {
      // Reported below, chat by chat.
    }
    await sleep(this.quietMs);
    this.timings.push({ title, ms: performance.now() - began });
    const problems: string[] = [];
    for (const chat of this.chats.values()) {
      const got = this.h.received(chat.key);
      for (let i = before.get(chat.key) ?? 0; i < got.length; i++) {
        const text = got[i] ?? "";
        const want = chat.expected[i];
        const first = text.split("\n")[0] ?? "";
        const more = text.includes("\n") ? ` (+${text.split("\n").length - 1} lines)` : "";
        this.out(`      ${chat.label} ← ${clip(first, 96)}${more}`);
        if (!want) {
          problems.push(`${chat.label} got an unexpected message #${i + 1}: ${clip(text, 300)}`);
          continue;
        }
        this.checked++;
        const wrong = this.mismatch(chat.key, i, text, want);
        if (wrong) problems.push(`${chat.label} message #${i + 1} (${want.what}): ${wrong}\n--- got:\n${text}\n---`);
      }
      if (got.length < chat.expected.length) {
        const missing = chat.expected.slice(got.length).map((e) => e.what);
        problems.push(`${chat.label} is missing ${missing.length} message(s): ${missing.join("; ")}`);
      }
    }
    if (problems.length > 0) throw new StepFailure(`step "${title}" failed:\n  ${problems.join("\n  ")}`);
  }

  /** Why a message does not match, or undefined. */
  private mismatch(key: string, index: number, text: string, want: Expected): string | undefined {
    for (const s of want.has ?? []) if (!text.includes(s)) return `should contain «${s}»`;
    for (const s of want.not ?? []) if (text.includes(s)) return `should not contain «${s}»`;
    if (want.buttons && key.startsWith("telegram:")) {
      const labels = this.h.buttons(key, index);
      if (JSON.stringify(labels) !== JSON.stringify(want.buttons)) {
        return `buttons ${JSON.stringify(labels)}, expected ${JSON.stringify(want.buttons)}`;
      }
    }
    return undefined;
  }

  /** Per chat: messages expected and received (they are equal when every step passed). */
  summary(): { label: string; expected: number; received: number }[] {
    return [...this.chats.values()].map((c) => ({
      label: c.label,
      expected: c.expected.length,
      received: this.h.received(c.key).length,
    }));
  }
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\n/g, " ⏎ ");
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

// ---- the people and the paperwork ------------------------------------------------------------

const T1 = 770_001; // Chị Lan, Telegram
const T2 = 770_002; // someone trying Lan's code, Telegram
const Z1 = "zc7a0001"; // Anh Minh, Zalo

export const DOSSIERS = {
  d1: {
    code: "000.31.20.H49-251103-0012",
    procedure: "1.001193",
    name: "Trần Thị Lan",
    masked: "Trần T. L.",
    phone: "0912 345 678",
    last4: "5678",
  },
  d2: {
    code: "000.31.20.H49-251103-0013",
    procedure: "1.000894",
    name: "Lê Văn Minh",
    masked: "Lê V. M.",
    phone: "0987654321",
    last4: "4321",
  },
  d3: {
    code: "000.31.20.H49-251103-0014",
    procedure: "2.000815",
    name: "Phạm Văn Hùng",
    masked: "Phạm V. H.",
    phone: "0909111222",
    last4: "1222",
  },
} as const;
type DossierId = keyof typeof DOSSIERS;

/** The service settings this play assumes (defaults where the defaults are what it tests). */
export const OFFICE_ENV = {
  REMINDER_DAYS: "1,3,7",
  OFFICE_HOURS: "07:30-11:30,13:30-17:00",
  NOTIFY_HOURS: "07:00-21:00",
  WORKING_DAYS: "1-5",
  // Thursday is a public holiday in this play: no reminders that day.
  HOLIDAYS: "2025-11-06",
};
export const FIRST_MORNING = "2025-11-03 07:45";
/** How the play runs the service (one process or replicas): Telegram polling, Zalo webhook, from the first morning. */
export const OFFICE_DAY_OPTIONS = {
  telegramMode: "polling",
  zaloMode: "webhook",
  start: FIRST_MORNING,
  env: OFFICE_ENV,
} as const;

const STATUS: Record<number, string> = {
  2: "Đã được tiếp nhận",
  4: "Đang xử lý",
  5: "Cần bổ sung giấy tờ",
  6: "Cần thực hiện nghĩa vụ tài chính (nộp phí, lệ phí, thuế)",
  9: "Đã có kết quả, mời đến nhận",
  10: "Đã trả kết quả",
};

export interface PlayResult {
  steps: number;
  messagesChecked: number;
  summary: { label: string; expected: number; received: number }[];
  /** The slowest steps, for keeping the run short. */
  slowest: { title: string; ms: number }[];
}

/** Plays the days; throws StepFailure at the first step whose messages are not exactly the expected ones. */
export async function playOfficeDays(
  h: OfficeHarness,
  options: { full: boolean; out: (line: string) => void },
): Promise<PlayResult> {
  const { full, out } = options;
  const c = new Checker(h, out);
  const lan = c.chat(`telegram:${T1}`, "Lan (Telegram)");
  const other = c.chat(`telegram:${T2}`, "Stranger (Telegram)");
  const minh = c.chat(`zalo:${Z1}`, "Minh (Zalo)");

  const offices = JSON.parse(await readFile(path.join(h.catalogueDir, "offices.json"), "utf8")) as {
    defaultOffice: string;
    offices: { id: string; name: string; address: string; hours: string }[];
  };
  const office = offices.offices.find((o) => o.id === offices.defaultOffice) ?? offices.offices[0];
  if (!office) throw new Error("offices.json has no office");
  const birth = (await h.procedure(DOSSIERS.d1.procedure)).data;
  // Its variant (a birth registered again), offered one tap away under its answers.
  const birthAgain = (await h.procedure("1.004884")).data;
  const marriage = await h.procedure(DOSSIERS.d2.procedure);

  const tg = (chat: number, text: string) => async () =>
    void (await h.telegram.sendText(chat, text, { languageCode: "vi" }));
  const press = (chat: number, label: string) => async () =>
    void (await h.telegram.press(chat, { label }, { languageCode: "vi" }));
  const zalo = (text: string) => async () => {
    const status = await h.zaloSay(Z1, text);
    if (status !== 200) throw new StepFailure(`the Zalo webhook answered ${status}`);
  };
  const push = (rows: { id: DossierId; status: number; note?: string }[], expectNotices?: number) => async () => {
    const { status, body } = await h.postDossiers(rows.map((r) => row(r.id, r.status, r.note)));
    if (status !== 200) throw new StepFailure(`POST /api/dossiers answered ${status}`);
    if (expectNotices !== undefined && body.notices !== expectNotices) {
      throw new StepFailure(`POST /api/dossiers queued ${String(body.notices)} notices, expected ${expectNotices}`);
    }
  };
  const clock = (local: string) => () => h.setClock(local);

  // Message shapes.
  const sections = ["Giấy tờ", "Lệ phí", "Thời gian", "Nơi nộp", "Các bước", "Nộp trực tuyến", "Tóm tắt"];
  const answerButtons = (shown: string) => [...sections.filter((s) => s !== shown), "👍 Hữu ích", "👎 Chưa hữu ích"];
  const greeting: Expected = {
    what: "greeting",
    has: ["trợ lý tự động", office.name],
    buttons: ["Xem theo lĩnh vực", "Hướng dẫn", "English"],
  };
  const title = (p: { name: string; code: string }) => `📄 ${p.name} (mã ${p.code})`;
  const feeLines = (p: { channels: { fee: { text: string } }[] }) => p.channels.map((ch) => ch.fee.text);
  const d = DOSSIERS;
  const askDigits = (id: DossierId): Expected => ({
    what: "asks for the phone's last 4 digits",
    has: ["4 số cuối", `hồ sơ ${d[id].code}.`],
    buttons: ["Huỷ"],
  });
  const details = (id: DossierId, status: number, extra: string[] = []): Expected => ({
    what: `dossier ${id} details`,
    has: [
      `📁 Hồ sơ ${d[id].code}`,
      `Người nộp: ${d[id].masked}`,
      "Ngày tiếp nhận: 03/11/2025",
      `Tình trạng: ${STATUS[status]}`,
      ...extra,
    ],
    not: [d[id].name, d[id].phone],
  });
  const subscribed = (id: DossierId): Expected => ({
    what: `subscription to ${id} confirmed`,
    has: [`Đã bật thông báo cho hồ sơ ${d[id].code}`],
  });
  const pickup = ["Nơi nhận kết quả:", `Địa chỉ: ${office.address}`, "Khi đến nhận, xin mang theo"];
  const notice = (id: DossierId, procedure: string, status: number, extra: string[] = []): Expected => ({
    what: `notice: ${id} is now ${status}`,
    has: [`🔔 Hồ sơ ${d[id].code} (${procedure}) có cập nhật: ${STATUS[status]}.`, `/hoso ${d[id].code}`, ...extra],
    not: [d[id].name],
  });
  const reminder = (id: DossierId, procedure: string, readyOn: string): Expected => ({
    what: `pickup reminder for ${id}`,
    has: [`⏰ Nhắc nhận kết quả: hồ sơ ${d[id].code} (${procedure}) đã có kết quả từ ngày ${readyOn}`, ...pickup],
  });
  const ratingRequest = (id: DossierId, procedure: string): Expected => ({
    what: `rating request for ${id}`,
    has: [`✅ Hồ sơ ${d[id].code} (${procedure}) đã trả kết quả`, "Bạn có hài lòng"],
    buttons: ["Rất hài lòng", "Hài lòng", "Không hài lòng", "Bỏ qua"],
  });
  const ratingSaved: Expected = { what: "rating saved", has: ["Cảm ơn bạn đã đánh giá!"] };
  const ratingDone: Expected = { what: "rating finished", has: ["Cảm ơn bạn! Ý kiến của bạn giúp"] };
  const nothing = {};

  // ---- Monday 03/11 ---------------------------------------------------------------------------
  out("Monday 03/11/2025");
  await c.step("Lan opens the bot on Telegram", tg(T1, "/start"), { [lan]: [greeting] });
  // The list is longer than a phone screen (issue 11): it comes in two parts, "Xem tiếp" between them.
  const [firstDocument, lastDocument] = [birth.documents[0]?.name ?? "", birth.documents.at(-1)?.name ?? ""];
  await c.step("Lan asks what papers a birth registration needs", tg(T1, "làm giấy khai sinh cần giấy tờ gì"), {
    [lan]: [
      {
        what: "documents of 1.001193 from the catalogue, part 1 of 2",
        has: [`${title(birth)} (1/2)`, "Giấy tờ cần chuẩn bị:", firstDocument],
        buttons: ["Xem tiếp", ...sections.filter((s) => s !== "Giấy tờ"), `↪ ${birthAgain.name}`],
      },
    ],
  });
  await c.step("Lan taps «Xem tiếp»", press(T1, "Xem tiếp"), {
    [lan]: [
      {
        what: "documents of 1.001193, part 2 of 2",
        has: [`${title(birth)} (2/2)`, lastDocument],
        buttons: answerButtons("Giấy tờ"),
      },
    ],
  });
  if (full) {
    await c.step("Lan taps «Lệ phí»", press(T1, "Lệ phí"), {
      [lan]: [{ what: "fee of 1.001193", has: [title(birth), "Lệ phí:", ...feeLines(birth)] }],
    });
  }
  await c.step("Minh greets the bot on Zalo", zalo("xin chào"), {
    [minh]: [{ what: "greeting as numbered text", has: ["trợ lý tự động", "1. Xem theo lĩnh vực", "2. Hướng dẫn"] }],
  });
  await c.step("Minh asks the marriage registration fee", zalo("lệ phí đăng ký kết hôn"), {
    [minh]: [
      {
        what: "fee of 1.000894 from the catalogue",
        has: [title(marriage.data), "Lệ phí:", ...feeLines(marriage.data), "1. Giấy tờ"],
      },
    ],
  });

  await h.setClock("2025-11-03 08:00");
  const csv = [
    "code,procedure_code,applicant_name,phone,received_at,due_at,status,status_note,office",
    csvRow("d1", 2),
    csvRow("d2", 2),
    csvRow("d3", 2),
    "000.31.20.H49-251103-0099,1.001193,Người Sai,12,03/11/2025,,2,,",
  ].join("\n");
  const csvFile = path.join(h.root, "ho-so-2025-11-03.csv");
  await writeFile(csvFile, `${csv}\n`);
  if (full) {
    await c.step("Staff import this morning's dossiers with npm run dossiers:import (one bad row)", async () => {
      const run = await h.runScript("src/cli/dossiers-import.ts", [csvFile]);
      const wants = ["qua API của bot đang chạy", "created:             3", "rejected:         1", "dòng 5 | line 5"];
      const missing = wants.filter((w) => !run.stdout.includes(w));
      if (run.code !== 2 || missing.length > 0) {
        throw new StepFailure(`dossiers:import exited ${run.code}; missing ${JSON.stringify(missing)}:\n${run.stdout}`);
      }
      c.note("dossiers:import went through the running bot's API: 3 created, line 5 rejected (phone), exit code 2");
    });
  } else {
    await c.step(
      "The one-stop system pushes this morning's dossiers",
      push([
        { id: "d1", status: 2 },
        { id: "d2", status: 2 },
      ]),
    );
  }

  await c.step("Lan looks her dossier up", tg(T1, `/hoso ${d.d1.code}`), { [lan]: [askDigits("d1")] });
  await c.step("Lan sends the last 4 digits of her phone", tg(T1, d.d1.last4), {
    [lan]: [
      {
        ...details("d1", 2, ["Thủ tục: Đăng ký khai sinh", "Ngày hẹn trả kết quả: 05/11/2025"]),
        buttons: ["🔔 Nhận thông báo về hồ sơ này"],
      },
    ],
  });
  await c.step("Lan taps «Nhận thông báo»", press(T1, "🔔 Nhận thông báo về hồ sơ này"), { [lan]: [subscribed("d1")] });
  if (full) {
    await c.step("Someone else tries Lan's code on Telegram", tg(T2, `/hoso ${d.d1.code}`), {
      [other]: [askDigits("d1")],
    });
    await c.step("… with wrong digits", tg(T2, "1111"), {
      [other]: [
        {
          what: "the same answer as for an unknown code",
          has: ["Không tìm thấy hồ sơ", "Bạn còn 4 lần thử"],
          not: [d.d1.masked, "Đăng ký khai sinh"],
        },
      ],
    });
  }
  await c.step("Minh writes his code in a sentence on Zalo", zalo(`Hồ sơ của tôi mã ${d.d2.code} đến đâu rồi?`), {
    [minh]: [{ what: "asks for the phone's last 4 digits", has: ["4 số cuối", `hồ sơ ${d.d2.code}.`, "1. Huỷ"] }],
  });
  await c.step("Minh sends his digits", zalo(d.d2.last4), {
    [minh]: [details("d2", 2, ["Thủ tục: Đăng ký kết hôn", "1. 🔔 Nhận thông báo về hồ sơ này"])],
  });
  await c.step("Minh answers «1» (subscribe)", zalo("1"), { [minh]: [subscribed("d2")] });

  await h.setClock("2025-11-03 09:00");
  await c.step("The one-stop system: Lan's dossier is being processed (status 4)", push([{ id: "d1", status: 4 }], 1), {
    [lan]: [notice("d1", birth.name, 4)],
  });
  if (full) {
    await h.setClock("2025-11-03 10:00");
    await c.step(
      "Minh's dossier needs a document (status 5)",
      push([{ id: "d2", status: 5, note: "Giấy xác nhận tình trạng hôn nhân" }], 1),
      { [minh]: [notice("d2", marriage.data.name, 5, ["Cần bổ sung: Giấy xác nhận tình trạng hôn nhân"])] },
    );
  }
  await h.setClock("2025-11-03 14:00");
  await c.step(
    full ? "Lan's result is ready (status 9); so is Hùng's, who follows nothing" : "Lan's result is ready (status 9)",
    push(
      full
        ? [
            { id: "d1", status: 9 },
            { id: "d3", status: 9 },
          ]
        : [{ id: "d1", status: 9 }],
      1,
    ),
    { [lan]: [notice("d1", birth.name, 9, pickup)] },
  );

  if (full) {
    await h.setClock("2025-11-03 15:00");
    const original = await readFile(marriage.file, "utf8");
    const newFee = "Miễn lệ phí (biểu phí sửa ngày 03/11/2025 – kiểm thử)";
    const edited = JSON.parse(original) as typeof marriage.data;
    const oldFee = edited.channels[0]?.fee.text ?? "";
    if (edited.channels[0]) edited.channels[0].fee.text = newFee;
    const before = await catalogueVersion(h);
    await c.step("Staff correct the marriage fee in its data file", async () => {
      await writeFile(marriage.file, `${JSON.stringify(edited, null, 2)}\n`);
      await waitUntil(async () => (await catalogueVersion(h)) !== before, 10_000, "the catalogue to reload");
      c.note(`catalogue reloaded: ${before} → ${await catalogueVersion(h)}`);
    });
    await c.step("Minh asks the fee again", zalo("lệ phí đăng ký kết hôn"), {
      [minh]: [{ what: "the corrected fee", has: [title(edited), newFee], not: [oldFee] }],
    });
    const good = await catalogueVersion(h);
    const logsBefore = h.logs.length;
    await c.step("Staff save a broken file (a comma missing)", async () => {
      await writeFile(
        marriage.file,
        JSON.stringify(edited, null, 2).replace(`"name": "${edited.name}",`, `"name": "${edited.name}"`),
      );
      await waitUntil(
        () => h.logs.slice(logsBefore).some((l) => String(l.json?.msg ?? "").startsWith("catalogue change refused")),
        10_000,
        "the broken file to be refused",
      );
      if ((await catalogueVersion(h)) !== good) throw new StepFailure("a broken catalogue was taken");
      c.note("change refused (logged with the file and line); the bot keeps the last good catalogue");
    });
    await c.step("Minh asks the fee once more", zalo("lệ phí đăng ký kết hôn"), {
      [minh]: [{ what: "still the last good data", has: [title(edited), newFee] }],
    });

    await h.setClock("2025-11-03 22:30");
    await c.step("At night, Minh's dossier asks for fees (status 6): held until morning", async () => {
      await push([{ id: "d2", status: 6, note: "Lệ phí cấp bản sao trích lục 8.000 đồng" }], 1)();
      await sleep(200); // the flush after the push, which must keep it
      // One service counts it at once; with replicas behind the load balancer, the one answering
      // /healthz may not be the one that queued it, and recounts the shared queue every 5 s.
      let queued: number | undefined;
      await waitUntil(
        async () => {
          queued = ((await h.health()).storage as { notificationsQueued?: number }).notificationsQueued;
          return queued === 1;
        },
        12_000,
        "the queue count",
      ).catch(() => undefined);
      if (queued !== 1) throw new StepFailure(`${queued} notifications queued at night, expected 1`);
      c.note("1 notification queued for the morning");
    });

    // ---- Tuesday 04/11 -------------------------------------------------------------------------
    out("Tuesday 04/11/2025");
    await c.step("07:00: the night's notice goes out", clock("2025-11-04 07:00"), {
      [minh]: [notice("d2", marriage.data.name, 6, ["Cần nộp: Lệ phí cấp bản sao trích lục 8.000 đồng"])],
    });
    await c.step("07:10: before office hours, no reminder yet", clock("2025-11-04 07:10"), nothing);
  } else {
    out("Tuesday 04/11/2025");
    await c.step("07:10: before office hours, no reminder yet", clock("2025-11-04 07:10"), nothing);
  }
  await c.step("07:40: first pickup reminder (day 1)", clock("2025-11-04 07:40"), {
    [lan]: [reminder("d1", birth.name, "03/11/2025")],
  });
  await c.step("11:40: reminded already today, nothing more", clock("2025-11-04 11:40"), nothing);

  if (full) {
    // ---- Wednesday 05/11 -----------------------------------------------------------------------
    out("Wednesday 05/11/2025");
    await c.step("09:00: day 2, no reminder", clock("2025-11-05 09:00"), nothing);
    await h.setClock("2025-11-05 15:00");
    await c.step("Minh's result is ready (status 9)", push([{ id: "d2", status: 9 }], 1), {
      [minh]: [notice("d2", marriage.data.name, 9, pickup)],
    });

    // ---- Thursday 06/11: public holiday ----------------------------------------------------------
    out("Thursday 06/11/2025 (public holiday)");
    await c.step("07:40 and 13:40 on a holiday: no reminders", async () => {
      await h.setClock("2025-11-06 07:40");
      await h.setClock("2025-11-06 13:40");
    });

    // ---- Friday 07/11 ----------------------------------------------------------------------------
    out("Friday 07/11/2025");
    await c.step("07:10: before office hours", clock("2025-11-07 07:10"), nothing);
    await c.step("12:00: lunch break, the office is closed", clock("2025-11-07 12:00"), nothing);
    await c.step("13:40: Lan's day-3 reminder (held over from the holiday), Minh's day-1", clock("2025-11-07 13:40"), {
      [lan]: [reminder("d1", birth.name, "03/11/2025")],
      [minh]: [reminder("d2", marriage.data.name, "05/11/2025")],
    });
    await h.setClock("2025-11-07 15:00");
    await minhRates();

    // ---- Saturday 08/11 --------------------------------------------------------------------------
    out("Saturday 08/11/2025");
    await c.step("09:00 on a Saturday: no reminders", clock("2025-11-08 09:00"), nothing);

    // ---- Monday 10/11 ----------------------------------------------------------------------------
    out("Monday 10/11/2025");
    await c.step("07:40: Lan's day-7 reminder; none for Minh (handed over)", clock("2025-11-10 07:40"), {
      [lan]: [reminder("d1", birth.name, "03/11/2025")],
    });
    await h.setClock("2025-11-10 15:00");
  } else {
    await h.setClock("2025-11-04 15:00");
    await minhRates();
  }
  await c.step("Lan picks her result up (status 10): asked to rate", push([{ id: "d1", status: 10 }], 1), {
    [lan]: [ratingRequest("d1", birth.name)],
  });
  await c.step("Lan taps «Hài lòng»", press(T1, "Hài lòng"), {
    [lan]: [
      ratingSaved,
      {
        what: "first optional question",
        has: ["Thời gian giải quyết so với ngày hẹn?"],
        buttons: ["Đúng hẹn hoặc sớm hơn", "Trễ hẹn", "Bỏ qua"],
      },
    ],
  });
  if (full) {
    await c.step("Lan: on time", press(T1, "Đúng hẹn hoặc sớm hơn"), {
      [lan]: [{ what: "second question", has: ["mấy lần"] }],
    });
    await c.step("Lan: one visit", press(T1, "Một lần"), { [lan]: [{ what: "third question", has: ["Thái độ"] }] });
    await c.step("Lan: staff were helpful", press(T1, "Tận tình, chu đáo"), {
      [lan]: [{ what: "asks for a comment", has: ["góp ý"] }],
    });
    await c.step("Lan writes a comment", tg(T1, "Cán bộ hướng dẫn rất tận tình, cảm ơn"), { [lan]: [ratingDone] });
  } else {
    await c.step("Lan skips the rest", press(T1, "Bỏ qua"), { [lan]: [ratingDone] });
  }

  // ---- the next morning: nothing more for anyone ---------------------------------------------------
  out(full ? "Tuesday 11/11/2025" : "Wednesday 05/11/2025");
  await c.step("07:40 and 13:40: no more reminders for handed-over dossiers", async () => {
    await h.setClock(full ? "2025-11-11 07:40" : "2025-11-05 07:40");
    await h.setClock(full ? "2025-11-11 13:40" : "2025-11-05 13:40");
  });

  await c.step("Staff print the satisfaction report (npm run ratings:report) while the bot runs", async () => {
    const run = await h.runScript("src/cli/ratings-report.ts", []);
    const count = 2;
    const total = run.stdout.split("\n").find((l) => l.includes("Tổng | Total")) ?? "";
    if (run.code !== 0 || !new RegExp(`\\s${count}\\s+100%`).test(total)) {
      throw new StepFailure(
        `ratings:report (exit ${run.code}) should count ${count} rating(s), all satisfied:\n${run.stdout}`,
      );
    }
    c.note(`report: ${total.trim().replace(/\s+/g, " ")}`);
  });

  // Anything arriving late (a repeat, a stray reminder) is caught here.
  await sleep(500);
  const off = c.summary().filter((r) => r.received !== r.expected);
  if (off.length > 0) {
    throw new StepFailure(`after the play: ${off.map((r) => `${r.label} ${r.received} ≠ ${r.expected}`).join(", ")}`);
  }
  const slowest = [...c.timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  return { steps: c.steps, messagesChecked: c.checked, summary: c.summary(), slowest };

  /** Minh's dossier is handed over; he rates on Zalo by answering with numbers. */
  async function minhRates(): Promise<void> {
    await c.step("Minh picks his result up (status 10): asked to rate", push([{ id: "d2", status: 10 }], 1), {
      [minh]: [
        {
          what: "rating request as numbered text",
          has: [
            `✅ Hồ sơ ${d.d2.code}`,
            "Bạn có hài lòng",
            "1. Rất hài lòng",
            "2. Hài lòng",
            "3. Không hài lòng",
            "4. Bỏ qua",
          ],
        },
      ],
    });
    // Zalo has no buttons: "1" must pick from the rating request, the bot's last message.
    await c.step("Minh answers «1» (Rất hài lòng)", zalo("1"), {
      [minh]: [
        ratingSaved,
        { what: "first optional question", has: ["Thời gian giải quyết so với ngày hẹn?", "1. Đúng hẹn"] },
      ],
    });
    await c.step("Minh answers «3» (skip the rest)", zalo("3"), { [minh]: [ratingDone] });
  }

  function row(id: DossierId, status: number, note?: string): Record<string, unknown> {
    const x = DOSSIERS[id];
    return {
      code: x.code,
      procedure_code: x.procedure,
      applicant_name: x.name,
      phone: x.phone,
      received_at: "2025-11-03",
      due_at: id === "d1" ? "2025-11-05" : "2025-11-06",
      status,
      ...(note ? { status_note: note } : {}),
    };
  }

  function csvRow(id: DossierId, status: number): string {
    const r = row(id, status);
    return [r.code, r.procedure_code, r.applicant_name, r.phone, "03/11/2025", r.due_at, status, "", ""].join(",");
  }
}

/** The key form of a code, as the bot repeats it when asking for digits. */
function codeKey(code: string): string {
  return code.replace(/\./g, "").toUpperCase();
}

async function catalogueVersion(h: OfficeHarness): Promise<string> {
  const health = await h.health();
  return String((health.catalogue as { version?: string } | undefined)?.version);
}

/** Values that must never reach the service's logs in this play: secrets and personal data. */
export function personalValues(): string[] {
  return [
    ...Object.values(DOSSIERS).flatMap((x) => [x.code, codeKey(x.code), x.name, x.phone, x.phone.replace(/\s/g, "")]),
    String(T1),
    String(T2),
    Z1,
    "Cán bộ hướng dẫn rất tận tình",
    "Giấy xác nhận tình trạng hôn nhân",
  ];
}
