import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { summarize } from "../../src/ratings/report.js";
import type { Rating } from "../../src/ratings/schema.js";
import { FileRatingRepository } from "../../src/ratings/store.js";
import { readWorkbook } from "../dossiers/export-files.js";
import { runScript } from "../harness/common.js";
import { at, Clock, choiceIds, dossier, type Harness, openHarness, tempDir, text } from "../harness/dossiers.js";

const CODE = "000.31.20.H49-251103-0012";
const KEY = "0003120H49-251103-0012";
const CHAT = "telegram:100";

let dir: string;
let cleanup: () => Promise<void>;
let clock: Clock;
let h: Harness;

async function open(env: Record<string, string> = {}) {
  h = await openHarness(dir, clock, env, h?.sender);
}

async function subscribe(chat = CHAT) {
  await h.say(chat, `/hoso ${CODE}`);
  await h.say(chat, "5678");
  await h.pick(chat, `d:s:${KEY}`);
}

/** Hands the dossier over at `when` and returns what the subscribers were sent. */
async function handOver(when = "2025-11-10 09:00") {
  clock.set(when);
  await h.import([dossier({ status: "10" })]);
  await h.dossiers.flushOutbox();
  return h.sender.sent;
}

async function stored(): Promise<Rating[]> {
  return (await FileRatingRepository.open(path.join(dir, "ratings"), false)).all();
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  clock = new Clock(at("2025-11-04 09:00"));
  h = undefined as unknown as Harness;
  await open();
  await h.import([dossier()]);
});
afterEach(async () => {
  await h.dossiers.stop();
  await cleanup();
});

describe("rating at handover", () => {
  it("asks subscribed chats once, then takes a level, the criteria and a comment", async () => {
    await subscribe();
    const [request] = await handOver();
    expect(request?.chatKey).toBe(CHAT);
    expect(text(request?.replies ?? [])).toContain("đã trả kết quả");
    const choices = request?.replies[0]?.choices ?? [];
    expect(choices.map((c) => c.label)).toEqual(["Rất hài lòng", "Hài lòng", "Không hài lòng", "Bỏ qua"]);
    expect(choices.every((c) => Buffer.byteLength(c.id) <= 64)).toBe(true);

    // Asked once, whatever is re-imported, flushed again or restarted.
    await h.import([dossier({ status: "10" })]);
    await h.dossiers.stop();
    await open();
    await h.import([dossier({ status: "10" })]);
    await h.dossiers.flushOutbox();
    expect(h.sender.sent).toHaveLength(1);

    const level = await h.pick(CHAT, choices[1]?.id as string);
    expect(text(level)).toContain("Thời gian giải quyết");
    await h.pick(CHAT, "d:c:time:late");
    await h.pick(CHAT, "d:c:visits:2");
    expect(text(await h.pick(CHAT, "d:c:attitude:good"))).toContain("góp ý");
    expect(text(await h.say(CHAT, "Cán bộ nhiệt tình nhưng phải chờ lâu"))).toContain("Cảm ơn");
    expect(await stored()).toEqual([
      {
        key: KEY,
        procedureCode: "1.001193",
        office: "ubnd",
        level: "satisfied",
        scale: 3,
        criteria: { time: "late", visits: "2", attitude: "good" },
        comment: "Cán bộ nhiệt tình nhưng phải chờ lâu",
        at: at("2025-11-10 09:00"),
        month: "2025-11",
      },
    ]);
    // One rating per dossier.
    expect(text(await h.pick(CHAT, choices[0]?.id as string))).toContain("đã được đánh giá");
    expect((await stored())[0]?.level).toBe("satisfied");
  });

  it("keeps the level when the citizen skips the rest, and stores nothing when they skip at once", async () => {
    await subscribe();
    await subscribe("telegram:200");
    const sent = await handOver();
    expect(sent).toHaveLength(2);
    expect(text(await h.pick("telegram:200", "d:k"))).toContain("/danhgia");
    expect(await stored()).toEqual([]);
    await h.pick(CHAT, `d:r:${KEY}:3`);
    expect(text(await h.pick(CHAT, "d:k"))).toContain("Cảm ơn");
    expect(await stored()).toMatchObject([{ level: "dissatisfied", criteria: {} }]);
    // The comment step is over: the next message is a question again, not a comment.
    await h.say(CHAT, "đăng ký khai sinh cần gì");
    expect((await stored())[0]?.comment).toBeUndefined();
  });

  it("uses the 5-level scale when configured", async () => {
    await h.dossiers.stop();
    await open({ RATING_SCALE: "5" });
    await subscribe();
    const [request] = await handOver();
    const choices = request?.replies[0]?.choices ?? [];
    expect(choices.map((c) => c.label)).toEqual([
      "Rất hài lòng",
      "Hài lòng",
      "Bình thường",
      "Không hài lòng",
      "Rất không hài lòng",
      "Bỏ qua",
    ]);
    await h.pick(CHAT, choices[2]?.id as string);
    expect(await stored()).toMatchObject([{ level: "neutral", scale: 5 }]);
  });

  it("never asks at night: the request waits for the morning", async () => {
    await subscribe();
    expect(await handOver("2025-11-10 21:30")).toEqual([]);
    clock.set("2025-11-11 06:30");
    await h.dossiers.flushOutbox();
    expect(h.sender.sent).toEqual([]);
    clock.set("2025-11-11 07:05");
    await h.dossiers.flushOutbox();
    expect(h.sender.sent).toHaveLength(1);
  });

  it("refuses a forged rating choice from a chat that neither follows nor proved the dossier", async () => {
    await handOver();
    expect(text(await h.pick("telegram:999", `d:r:${KEY}:0`))).toContain("tra cứu lại");
    expect(await stored()).toEqual([]);
  });
});

describe("/danhgia", () => {
  it("lets a citizen without a subscription rate after the same verification", async () => {
    await handOver();
    expect(text(await h.say("zalo:1", `/danhgia ${CODE}`))).toContain("4 số cuối");
    const wrong = await h.say("zalo:1", "1111");
    expect(text(wrong)).toContain("Không tìm thấy hồ sơ");
    const question = await h.say("zalo:1", "5678");
    expect(choiceIds(question)).toContain(`r:l:${KEY}:0`);
    await h.pick("zalo:1", `r:l:${KEY}:0`);
    expect(await stored()).toMatchObject([{ level: "very_satisfied" }]);
    expect(text(await h.say("zalo:2", `/danhgia ${CODE}`))).toContain("4 số cuối");
    expect(text(await h.say("zalo:2", "5678"))).toContain("đã được đánh giá");
  });

  it("waits until the result is handed over", async () => {
    await h.say("zalo:1", `/danhgia ${CODE}`);
    expect(text(await h.say("zalo:1", "5678"))).toContain("sau khi đã nhận kết quả");
  });

  it("offers rating in a lookup once handed over", async () => {
    await handOver();
    await h.say("zalo:1", `/hoso ${CODE}`);
    const shown = await h.say("zalo:1", "5678");
    expect(text(shown)).toContain("Đã trả kết quả");
    expect(choiceIds(shown)).toContain(`r:a:${KEY}`);
    expect(choiceIds(await h.pick("zalo:1", `r:a:${KEY}`))).toContain(`r:l:${KEY}:1`);
  });

  it("still reads the rating buttons sent before ratings had their own choice prefix (d:a, d:r, d:c, d:k)", async () => {
    await handOver();
    await h.say("zalo:1", `/hoso ${CODE}`);
    await h.say("zalo:1", "5678");
    expect(choiceIds(await h.pick("zalo:1", `d:a:${KEY}`))).toContain(`r:l:${KEY}:1`);
    expect(text(await h.pick("zalo:1", `d:r:${KEY}:0`))).toContain("Cảm ơn");
    expect(await stored()).toMatchObject([{ level: "very_satisfied" }]);
    await h.pick("zalo:1", "d:c:time:late");
    expect(await stored()).toMatchObject([{ criteria: { time: "late" } }]);
    expect(text(await h.pick("zalo:1", "d:k"))).toContain("Cảm ơn");
  });
});

describe("what is kept", () => {
  it("keeps no chat id with ratings and answer feedback", async () => {
    await subscribe();
    await handOver();
    await h.pick(CHAT, `d:r:${KEY}:0`);
    await h.service.ratings?.answerFeedback.record(CHAT, "1.001193", true);
    const dirs = [path.join(dir, "ratings"), dir];
    for (const d of dirs) {
      for (const name of (await readdir(d)).filter((n) => n.endsWith(".json") && !n.startsWith("outbox"))) {
        expect(await readFile(path.join(d, name), "utf8"), name).not.toContain("100");
      }
    }
  });
});

describe("answer feedback and the report", () => {
  it("counts a chat once per procedure and month; a second tap changes its vote", { tags: ["process"] }, async () => {
    const fb = h.service.ratings?.answerFeedback;
    if (!fb) throw new Error("no ratings");
    await fb.record("telegram:1", "1.001193", true);
    await fb.record("telegram:1", "1.001193", true);
    await fb.record("telegram:2", "1.001193", true);
    await fb.record("telegram:2", "1.001193", false);
    await fb.record("telegram:3", "1.000656", false);
    await h.dossiers.stop();
    const run = await runScript("src/cli/ratings-report.ts", [], "", { DATA_DIR: dir });
    expect(run.stdout).toMatch(/2025-11 1\.001193 Đăng ký khai sinh\s+1 \/ 1/);
    expect(run.stdout).toMatch(/2025-11 1\.000656 .*\s0 \/ 1/);
    await open();
  });

  it("summarises per month and per procedure, and writes a CSV and a workbook with the comments", {
    tags: ["process"],
    timeout: 180_000,
  }, async () => {
    const make = (key: string, month: string, procedureCode: string, level: Rating["level"]): Rating => ({
      key,
      procedureCode,
      level,
      scale: 3,
      criteria: level === "dissatisfied" ? { time: "late", visits: "3" } : {},
      ...(level === "dissatisfied" ? { comment: '=HYPERLINK("x") Phải chờ <b>hai</b> tiếng' } : {}),
      at: at(`${month}-10 09:00`),
      month,
    });
    const repo = await FileRatingRepository.open(path.join(dir, "ratings"), false);
    await repo.save(make("A", "2025-10", "1.001193", "very_satisfied"));
    await repo.save(make("B", "2025-10", "1.001193", "dissatisfied"));
    await repo.save(make("C", "2025-11", "1.001193", "satisfied"));
    await repo.save(make("D", "2025-11", "1.000656", "satisfied"));

    const rows = summarize(await repo.all());
    expect(rows.find((r) => r.month === "2025-10" && r.procedureCode === "1.001193")).toMatchObject({
      count: 2,
      satisfied: 1,
      late: 1,
      repeatVisits: 1,
    });
    expect(rows.find((r) => r.month === "*" && r.procedureCode === "*")).toMatchObject({ count: 4, satisfied: 3 });

    await h.dossiers.stop();
    const csv = path.join(dir, "report.csv");
    const xlsx = path.join(dir, "bao-cao.xlsx");
    const run = await runScript("src/cli/ratings-report.ts", ["--csv", csv, "--xlsx", xlsx, "--comments"], "", {
      DATA_DIR: dir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2025-10\s+2\s+50%/);
    expect(run.stdout).toMatch(/Tổng \| Total\s+4\s+75%/);
    expect(run.stdout).toContain("Không hài lòng: =HYPERLINK");
    const lines = (await readFile(csv, "utf8"))
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    const header = (lines[0] ?? "").split(",");
    expect(new Set(header).size).toBe(header.length); // one name per column
    expect(header).toEqual([
      "month",
      "procedure_code",
      "procedure_name",
      "ratings",
      "satisfied_total",
      "percent_satisfied",
      "level_very_satisfied",
      "level_satisfied",
      "level_neutral",
      "level_dissatisfied",
      "level_very_dissatisfied",
      "late",
      "repeat_visits",
      "poor_attitude",
      "comments",
    ]);
    expect(lines).toContain("2025-10,1.001193,Đăng ký khai sinh,2,1,50,1,0,0,1,0,1,1,0,1");
    expect(lines.at(-1)).toMatch(/^all,all,,4,3,75,/);

    const book = await readWorkbook(await readFile(xlsx));
    expect(Object.keys(book)).toEqual(["Tổng hợp", "Góp ý"]);
    const summary = book["Tổng hợp"] ?? [];
    expect(new Set(summary[0]).size).toBe(summary[0]?.length);
    expect(summary).toContainEqual(["2025-10", "1.001193", "Đăng ký khai sinh", 2, 1, 50, 1, 0, 0, 1, 0, 1, 1, 0, 1]);
    expect(summary.at(-1)?.slice(0, 6)).toEqual(["Tất cả", "Tất cả", "", 4, 3, 75]);
    expect(book["Góp ý"]).toEqual([
      [
        "Tháng",
        "Thời gian",
        "Mã thủ tục",
        "Tên thủ tục",
        "Mức đánh giá",
        "Thời gian giải quyết",
        "Số lần đi lại",
        "Thái độ cán bộ",
        "Góp ý",
      ],
      // The comment stays text (a string cell), never a formula.
      [
        "2025-10",
        "10/10/2025 09:00",
        "1.001193",
        "Đăng ký khai sinh",
        "Không hài lòng",
        "Trễ hẹn",
        "Ba lần trở lên",
        "",
        '=HYPERLINK("x") Phải chờ <b>hai</b> tiếng',
      ],
    ]);
    await open();
  });
});
