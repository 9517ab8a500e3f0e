/**
 * The play of the fault runs (npm run faults, test/runs/faults.ts; npm run faults:replicas,
 * test/runs/faults-replicas.ts): while a killer SIGKILLs the service at random moments (only
 * while a request is in flight or a notification is on its way) and starts it again, cohorts of
 * dossiers live a week each: staff create them and push status changes through POST
 * /api/dossiers, citizens look them up and subscribe, get a notice for each change, pickup
 * reminders on days 1 and 3 (office hours), a rating request at handover, and rate; every citizen
 * also keeps asking questions. Whatever did not get through is retried as in life: the one-stop
 * system re-sends a push until it gets 200, Telegram re-posts an update its webhook did not
 * answer, a citizen who got no reply writes again. Cohorts start until the kills are done; the
 * last one then finishes undisturbed, and the service is stopped with SIGTERM. Then it counts
 * corrupt files, acknowledged writes lost, and notifications delivered twice, missing or not due.
 *
 * What differs between the runs comes in a FaultRunSpec: the harness, how to kill and restart,
 * where the end state is read from, and the labels and extra figure lines.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { OfficeHarness } from "./replicas.js";
import { at, type HarnessOptions, showTime } from "./service-harness.js";

/** The service as both fault runs start it: Telegram by webhook, Zalo polled, the office's hours. */
export const FAULT_RUN_OPTIONS: HarnessOptions = {
  telegramMode: "webhook",
  zaloMode: "polling",
  start: "2025-11-03 07:50",
  env: {
    REMINDER_DAYS: "1,3,7",
    OFFICE_HOURS: "07:30-11:30,13:30-17:00",
    NOTIFY_HOURS: "07:00-21:00",
    WORKING_DAYS: "1-5",
    // Citizens here write again whenever a reply is late, faster than people do.
    RATE_LIMIT_PER_MINUTE: "1000",
  },
  zaloPollWaitMs: 1_000,
};

/** What the killer is given: the run's seeded random range and a wait for the service to be up. */
export interface KillerTools {
  between: (min: number, max: number) => number;
  whenUp: () => Promise<void>;
}

/** What is killed: the SIGKILL (resolves once the process exited) and the restart. */
export interface Victim {
  kill(): Promise<void>;
  /** Runs after the files were checked, before the restart is timed. */
  beforeRestart?(): Promise<void>;
  start(): Promise<void>;
}

/** A dossier as stored at the end. */
export interface StoredDossier {
  status: number;
  seq: number;
  statusSince: number;
}

/** The end state, read as the service reads it; undefined where a store did not open. */
export interface EndStores {
  corruptStores: number;
  repo?: { get(key: string): Promise<StoredDossier | undefined> };
  subs?: { chatsOf(key: string): Promise<string[]> };
  ratings?: { get(key: string): Promise<{ level: string } | undefined> };
  outbox?: { pending: { length: number } };
  tempFilesLeft?: number;
}

/** What the play uses of a harness: ServiceHarness and ReplicaHarness both have it. */
export type FaultHarness = OfficeHarness & {
  start(): Promise<unknown>;
  close(keep: boolean): Promise<unknown>;
  cleanUpOnSignals(): void;
};

export interface FaultRunSpec<H extends FaultHarness> {
  h: H;
  kills: number;
  seed: number;
  citizensPerChannel: number;
  /** The first line printed. */
  title: string;
  /** The heading of the figures of the faults. */
  figuresTitle: string;
  /** A progress line every so many kills. */
  progressEvery: number;
  /** Waits until the service may be killed, then the random pause before a kill. */
  waitToKill(tools: KillerTools): Promise<void>;
  /** Chooses what the next SIGKILL hits. */
  pickVictim(tools: KillerTools): Promise<Victim>;
  /** The JSON files that do not parse now (after a kill, and at the end). */
  corruptJsonFiles(): Promise<string[]>;
  /** Stops the service with SIGTERM: the exit code (0 when every process exited 0). */
  stop(): Promise<number | null>;
  /** Opens the end state (after the stop). */
  openStores(): Promise<EndStores>;
  /** One line of the kept logs (FAULTS_KEEP=1). */
  logRecord(line: H["logs"][number]): Record<string, unknown>;
  /** How the last messages a citizen got show in FAULTS_DEBUG lines. */
  lastReceived?: (texts: string[]) => string;
  /** Prints more when the run failed. */
  onFailure?(): Promise<void>;
  /** Lines printed under figuresTitle. */
  moreFaultLines?(): string[];
  /** Prints the temp files the kills left (openStores counts them). */
  countsTempFiles?: boolean;
  /** Repeats allowed, as a share of the notifications due (the at-least-once bound); none when absent. */
  repeatBound?: number;
}

const lastReceived = (texts: string[]) => texts.at(-1)?.slice(0, 80);

/** Runs the play with its killer, prints the figures and sets process.exitCode (1 when a figure is not 0). */
export async function runFaults<H extends FaultHarness>(spec: FaultRunSpec<H>): Promise<void> {
  const KILLS = spec.kills;
  const SEED = spec.seed;
  const DOSSIERS_PER_CITIZEN = 2;
  const h = spec.h;

  /** Bounds on every retry loop, so a broken service ends the run instead of hanging it. */
  const MAX_ATTEMPTS = 40;
  const REPLY_MS = 5_000;
  const PHASE_NUDGES = 18;

  const out = (line = "") => process.stdout.write(`${line}\n`);

  // ---- a seeded random source (a run can be replayed with FAULTS_SEED) ----------------------------
  let state = SEED >>> 0 || 1;
  function random(): number {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  }
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  // ---- the people ---------------------------------------------------------------------------------
  type Channel = "telegram" | "zalo";
  interface Citizen {
    key: string;
    channel: Channel;
    id: string;
    label: string;
    tasks: (() => Promise<void>)[];
    questions: number;
    answered: number;
  }
  interface Dossier {
    code: string;
    key: string;
    procedure: string;
    name: string;
    phone: string;
    last4: string;
    owner: Citizen;
    cohort: number;
    /** Last status the service acknowledged (HTTP 200). */
    acked?: number;
  }

  const QUESTIONS = [
    "lệ phí đăng ký kết hôn",
    "làm giấy khai sinh cần giấy tờ gì",
    "đăng ký tạm trú nộp ở đâu",
    "chứng thực bản sao mất bao lâu",
    "thủ tục khai tử",
    "xin chào",
  ];
  const PROCEDURES = ["1.001193", "1.000894", "2.000815", "1.004194", "1.000656", "1.004873"];
  const STATUS_LABEL: Record<string, number> = {
    "Đang xử lý": 4,
    "Cần bổ sung giấy tờ": 5,
    "Đã có kết quả, mời đến nhận": 9,
  };

  h.cleanUpOnSignals();
  const citizens: Citizen[] = [];
  for (let i = 1; i <= spec.citizensPerChannel; i++) {
    const tg = String(880_000 + i);
    citizens.push({
      key: `telegram:${tg}`,
      channel: "telegram",
      id: tg,
      label: `T${i}`,
      tasks: [],
      questions: 0,
      answered: 0,
    });
    const zl = `zf${String(i).padStart(4, "0")}`;
    citizens.push({ key: `zalo:${zl}`, channel: "zalo", id: zl, label: `Z${i}`, tasks: [], questions: 0, answered: 0 });
  }
  const dossiers: Dossier[] = [];

  /** Requests of staff and citizens waiting for the service right now. */
  let inFlight = 0;
  async function busyWith<T>(work: Promise<T>): Promise<T> {
    inFlight++;
    try {
      return await work;
    } finally {
      inFlight--;
    }
  }

  const figures = {
    kills: 0,
    killsDuringActivity: 0,
    linksPurged: 0,
    restarts: 0,
    restartMs: [] as number[],
    corruptAfterKill: 0,
    tempFilesLeft: 0,
    pushes: 0,
    pushRetries: 0,
    subscriptionsAcked: 0,
    ratingsAcked: 0,
    nudges: 0,
  };
  const corruptFiles = new Set<string>();
  const ackedSubscriptions = new Set<string>(); // `${chatKey}|${dossierKey}`
  const ackedRatings = new Map<string, string>(); // dossierKey → level label
  /** Notifications due: `notice|chat|code|status`, `reminder|chat|code|day N`, `rating|chat|code` → times. */
  const due = new Map<string, number>();
  const expect = (key: string) => due.set(key, (due.get(key) ?? 0) + 1);

  let killing = true;
  let working = true;
  const started = performance.now();

  // ---- helpers --------------------------------------------------------------------------------------
  async function whenUp(): Promise<void> {
    for (let i = 0; !h.ready; i++) {
      if (i > 3_000) throw new Error("the service stayed down for 30 s");
      await sleep(10);
    }
  }

  /** The first message from index `from` on that `match`es, waiting up to `ms`. */
  function reply(
    c: Citizen,
    from: number,
    match: (text: string) => boolean,
    ms = REPLY_MS,
  ): Promise<{ index: number; text: string } | undefined> {
    return busyWith(replyNow(c, from, match, ms));
  }

  async function replyNow(
    c: Citizen,
    from: number,
    match: (text: string) => boolean,
    ms: number,
  ): Promise<{ index: number; text: string } | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const got = h.received(c.key);
      for (let i = from; i < got.length; i++) if (match(got[i] ?? "")) return { index: i, text: got[i] ?? "" };
      if (Date.now() > deadline) return undefined;
      await sleep(15);
    }
  }

  async function say(c: Citizen, text: string): Promise<void> {
    if (c.channel === "telegram") await busyWith(h.telegram.sendText(Number(c.id), text, { languageCode: "vi" }));
    else await h.zaloSay(c.id, text);
  }

  /**
   * Telegram: presses a button under a given message; false when it has no such button. (When the
   * webhook did not answer, Telegram posts the update again later: the reply may still come.)
   */
  async function press(c: Citizen, index: number, label: string): Promise<boolean> {
    const messageId = h.telegramMessageId(c.key, index);
    if (messageId === undefined || !h.buttons(c.key, index).includes(label)) return false;
    await busyWith(h.telegram.press(Number(c.id), { label, messageId }, { languageCode: "vi" }));
    return true;
  }

  // ---- the killer -----------------------------------------------------------------------------------
  async function killer(): Promise<void> {
    while (killing && figures.kills < KILLS) {
      await spec.waitToKill({ between, whenUp });
      if (!killing) break;
      // Only while something is going on: a request in flight or a notification on its way.
      for (let i = 0; i < 500 && inFlight === 0 && shortfall().length === 0; i++) await sleep(2);
      if (inFlight > 0 || shortfall().length > 0) figures.killsDuringActivity++;
      const victim = await spec.pickVictim({ between, whenUp });
      killSentTimes.push(Date.now());
      await victim.kill();
      // When it had exited: nothing it sends can reach the fakes after this.
      killTimes.push(Date.now());
      figures.kills++;
      await checkFilesParse();
      await victim.beforeRestart?.();
      const t0 = performance.now();
      await victim.start();
      figures.restarts++;
      figures.restartMs.push(performance.now() - t0);
      if (figures.kills % spec.progressEvery === 0) {
        out(`  … ${figures.kills} kills, ${showTime(h.now)}, ${Math.round((performance.now() - started) / 1000)} s`);
      }
    }
    killing = false;
  }

  /** Telegram re-posts what its webhook did not answer with 2xx, as the real one does. */
  async function telegramRetries(): Promise<void> {
    while (working) {
      await sleep(400);
      if (h.ready && h.telegram.pendingUpdates().length > 0) await h.telegram.redeliver().catch(() => undefined);
    }
  }

  async function checkFilesParse(): Promise<void> {
    for (const file of await spec.corruptJsonFiles()) {
      figures.corruptAfterKill++;
      corruptFiles.add(file);
    }
  }

  // ---- staff ----------------------------------------------------------------------------------------
  function row(d: Dossier, status: number): Record<string, unknown> {
    return {
      code: d.code,
      procedure_code: d.procedure,
      applicant_name: d.name,
      phone: d.phone,
      received_at: "2025-11-03",
      status,
      ...(status === 5 ? { status_note: "Bản sao giấy tờ tùy thân" } : {}),
    };
  }

  /** The one-stop system pushes until it gets 200 (an unanswered push may or may not have been applied). */
  async function push(list: Dossier[], status: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`a push of status ${status} never got 200`);
      await whenUp();
      figures.pushes++;
      if (attempt > 0) figures.pushRetries++;
      const ok = await busyWith(
        h
          .postDossiers(list.map((d) => row(d, status)))
          .then((r) => r.status === 200)
          .catch(() => false),
      );
      if (ok) {
        for (const d of list) d.acked = status;
        return;
      }
      await sleep(50);
    }
  }

  async function pushAll(list: Dossier[], status: number): Promise<void> {
    const batches: Dossier[][] = [];
    for (let i = 0; i < list.length; i += 6) batches.push(list.slice(i, i + 6));
    await Promise.all(batches.map((b) => push(b, status)));
  }

  // ---- citizens -------------------------------------------------------------------------------------
  // The bot repeats the code as the slip prints it (d.code), not the normalised key.
  const askDigits = (d: Dossier) => (t: string) => t.includes("4 số cuối") && t.includes(d.code);
  const details = (d: Dossier) => (t: string) => t.startsWith(`📁 Hồ sơ ${d.code}`);

  /** /hoso, the digits if asked, then «Nhận thông báo»: until the bot confirms (or says it already is). */
  const debug = process.env.FAULTS_DEBUG === "1" ? (line: string) => out(`    [debug] ${line}`) : () => undefined;

  async function subscribe(c: Citizen, d: Dossier): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0)
        debug(
          `${c.label} subscribe attempt ${attempt + 1}; last: ${(spec.lastReceived ?? lastReceived)(h.received(c.key))}`,
        );
      await whenUp();
      let from = h.received(c.key).length;
      await say(c, `/hoso ${d.code}`);
      let r = await reply(c, from, (t) => askDigits(d)(t) || details(d)(t));
      if (!r) continue;
      if (!details(d)(r.text)) {
        from = h.received(c.key).length;
        await say(c, d.last4);
        r = await reply(c, from, details(d));
        if (!r) continue;
      }
      // Subscribed already, by an attempt whose confirmation was lost.
      const offered = c.channel === "telegram" ? h.buttons(c.key, r.index).join(" ") : r.text;
      if (offered.includes("🔕")) return;
      from = h.received(c.key).length;
      if (c.channel === "telegram") {
        if (!(await press(c, r.index, "🔔 Nhận thông báo về hồ sơ này"))) continue;
      } else {
        await say(c, "1");
      }
      const confirmed = await reply(
        c,
        from,
        (t) => t.startsWith(`Đã bật thông báo cho hồ sơ ${d.code}`) || t.startsWith(`Thông báo cho hồ sơ ${d.code} đã`),
      );
      if (!confirmed) continue;
      if (confirmed.text.startsWith("Đã bật")) {
        ackedSubscriptions.add(`${c.key}|${d.key}`);
        figures.subscriptionsAcked++;
      }
      return;
    }
    throw new Error(`${c.label} could not subscribe to a dossier in ${MAX_ATTEMPTS} attempts`);
  }

  const ratingRequest = (d: Dossier) => (t: string) => t.startsWith(`✅ Hồ sơ ${d.code} `);
  const thanks = (t: string) => t.startsWith("Cảm ơn bạn đã đánh giá!");
  const alreadyRated = (t: string) => t.startsWith("Hồ sơ này đã được đánh giá");

  /**
   * Telegram: «Hài lòng» under the rating request. Zalo: /danhgia CODE, the digits, then «2»
   * (numbers pick from the bot's last list, and questions in between would change it).
   */
  async function rate(c: Citizen, d: Dossier): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await whenUp();
      let from = h.received(c.key).length;
      if (c.channel === "telegram") {
        const request = await reply(c, 0, ratingRequest(d), 30_000);
        if (!request) throw new Error(`${c.label} never got a rating request`);
        if (!(await press(c, request.index, "Hài lòng"))) continue;
      } else {
        await say(c, `/danhgia ${d.code}`);
        const r = await reply(c, from, (t) => askDigits(d)(t) || t.includes("Bạn có hài lòng") || alreadyRated(t));
        if (!r) continue;
        if (alreadyRated(r.text)) return;
        if (askDigits(d)(r.text)) {
          from = h.received(c.key).length;
          await say(c, d.last4);
          const q = await reply(c, from, (t) => t.includes("Bạn có hài lòng") || alreadyRated(t));
          if (!q) continue;
          if (alreadyRated(q.text)) return;
        }
        from = h.received(c.key).length;
        await say(c, "2");
      }
      const done = await reply(c, from, (t) => thanks(t) || alreadyRated(t));
      if (!done) continue;
      if (thanks(done.text)) {
        ackedRatings.set(d.key, "satisfied");
        figures.ratingsAcked++;
      }
      return;
    }
    throw new Error(`${c.label} could not rate in ${MAX_ATTEMPTS} attempts`);
  }

  /** Each citizen: its tasks in order; between them, questions about procedures. */
  async function live(c: Citizen): Promise<void> {
    while (working) {
      const task = c.tasks.shift();
      if (task) {
        await task();
        continue;
      }
      await sleep(between(100, 700));
      if (!working || !h.ready) continue;
      c.questions++;
      const from = h.received(c.key).length;
      await say(c, pick(QUESTIONS)).catch(() => undefined);
      if (await reply(c, from, () => true, 3_000)) c.answered++;
    }
  }

  /** Resolves once every citizen's task list is empty and its current task done. */
  async function tasksDone(): Promise<void> {
    const idle = new Set<Citizen>();
    for (let i = 0; idle.size < citizens.length; i++) {
      if (i > 40_000) throw new Error("citizens' tasks did not finish in 10 minutes");
      await sleep(15);
      for (const c of citizens) if (c.tasks.length === 0 && !busy.has(c)) idle.add(c);
    }
  }
  const busy = new Set<Citizen>();
  function give(c: Citizen, task: () => Promise<void>): void {
    c.tasks.push(async () => {
      busy.add(c);
      try {
        await task();
      } finally {
        busy.delete(c);
      }
    });
  }

  // ---- the notifications the fakes received ---------------------------------------------------------
  const killTimes: number[] = [];
  /** When each SIGKILL was sent (killTimes: when the process had exited). */
  const killSentTimes: number[] = [];
  /** [real ms, test-clock ms] at each move of the clock, to tell on which day a reminder went out. */
  const clockLog: [number, number][] = [[Date.now(), h.now]];
  function testTimeAt(real: number): number {
    let t = clockLog[0]?.[1] ?? h.now;
    for (const [r, fake] of clockLog) if (r <= real) t = fake;
    return t;
  }
  let deliveries: { size: number; byKey: Map<string, number[]> } = { size: -1, byKey: new Map() };

  /** Notices, reminders and rating requests as the fake APIs took them: key → when (ms), in order. */
  function deliveryTimes(): Map<string, number[]> {
    const tg = h.telegram.callsTo("sendMessage");
    const size = tg.length + h.zalo.sent.length;
    if (size === deliveries.size) return deliveries.byKey;
    const byKey = new Map<string, number[]>();
    const messages = [
      ...tg.map((c) => ({ chat: `telegram:${String(c.params.chat_id)}`, text: String(c.params.text ?? ""), at: c.at })),
      ...h.zalo.sent.map((m) => ({ chat: `zalo:${m.chatId}`, text: m.text ?? "", at: m.at })),
    ];
    for (const { chat, text, at: time } of messages) {
      const key = notificationKey(chat, text.split("\n")[0] ?? "", time);
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), time]);
    }
    deliveries = { size, byKey };
    return byKey;
  }

  function notificationKey(chat: string, first: string, real: number): string | undefined {
    let m = /^🔔 Hồ sơ (\S+) \(.*\) có cập nhật: (.+)\.$/.exec(first);
    if (m) return `notice|${chat}|${m[1]}|${STATUS_LABEL[m[2] ?? ""] ?? m[2]}`;
    m = /^⏰ Nhắc nhận kết quả: hồ sơ (\S+) .* từ ngày (\d\d)\/(\d\d)\/(\d{4})/.exec(first);
    if (m) {
      // Which reminder: days from the result's date (in the text) to the day it went out.
      const day = Math.round(
        (at(`${dateOf(testTimeAt(real))} 00:00`) - at(`${m[4]}-${m[3]}-${m[2]} 00:00`)) / 86_400_000,
      );
      return `reminder|${chat}|${m[1]}|day ${day}`;
    }
    m = /^✅ Hồ sơ (\S+) /.exec(first);
    return m ? `rating|${chat}|${m[1]}` : undefined;
  }

  function received(): Map<string, number> {
    return new Map([...deliveryTimes()].map(([key, times]) => [key, times.length]));
  }

  function shortfall(): string[] {
    const seen = received();
    return [...due].filter(([key, n]) => (seen.get(key) ?? 0) < n).map(([key]) => key);
  }

  /** Moves the test clock; waits until the service (restarted if need be) ran what was due by then. */
  async function clock(local: string | number): Promise<void> {
    const t = typeof local === "number" ? local : at(local);
    for (let attempt = 0; ; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`the service never settled at ${showTime(t)}`);
      await whenUp();
      try {
        if (t > h.now) {
          clockLog.push([Date.now(), t]);
          await h.setClock(t);
        } else await h.settled(5_000);
        return;
      } catch {
        // Killed while settling: wait for the restart.
      }
    }
  }

  /**
   * Waits for every notification due so far. A kill can leave one queued for a later flush or scan
   * (the 30-s flush, the next 10-minute reminder scan): then the clock moves on 10 minutes, up to
   * `until`, as the day would.
   */
  async function delivered(until: string): Promise<void> {
    const limit = at(until);
    for (let nudge = 0; nudge <= PHASE_NUDGES; nudge++) {
      for (let i = 0; i < 200 && shortfall().length > 0; i++) await sleep(20);
      if (shortfall().length === 0) return;
      const next = h.now + 10 * 60_000;
      if (next > limit) break;
      figures.nudges++;
      await clock(next);
    }
  }

  // ---- one week of a cohort -------------------------------------------------------------------------
  async function cohort(n: number): Promise<void> {
    const monday = at("2025-11-03 00:00") + n * 7 * 86_400_000;
    const day = (offset: number, hhmm: string) => {
      const [hh = 0, mm = 0] = hhmm.split(":").map(Number);
      return monday + offset * 86_400_000 + (hh * 60 + mm) * 60_000;
    };
    const mine: Dossier[] = [];
    for (const c of citizens) {
      for (let k = 0; k < DOSSIERS_PER_CITIZEN; k++) {
        const seq = 100 + dossiers.length;
        const phone = `09${String(between(10_000_000, 99_999_999))}`;
        const d: Dossier = {
          code: `000.31.20.H49-251103-${String(seq).padStart(4, "0")}`,
          key: "",
          procedure: pick(PROCEDURES),
          name: `Nguyễn Văn Thử${seq}`,
          phone,
          last4: phone.slice(-4),
          owner: c,
          cohort: n,
        };
        d.key = d.code.replace(/\./g, "");
        mine.push(d);
        dossiers.push(d);
      }
    }
    out(`Cohort ${n + 1}: ${mine.length} dossiers, week of ${showTime(monday + 8 * 3_600_000).slice(4, 9)}`);
    const first = mine.filter((_, i) => i % DOSSIERS_PER_CITIZEN === 0);
    const second = mine.filter((_, i) => i % DOSSIERS_PER_CITIZEN === 1);

    await clock(day(0, "08:00"));
    await pushAll(mine, 2);
    for (const d of mine) give(d.owner, () => subscribe(d.owner, d));
    await tasksDone();

    for (const [time, status] of [
      ["09:00", 4],
      ["11:00", 5],
      ["14:00", 9],
    ] as const) {
      await clock(day(0, time));
      await pushAll(mine, status);
      for (const d of mine) expect(`notice|${d.owner.key}|${d.code}|${status}`);
      await delivered(`${dateOf(day(0, time))} 20:50`);
    }

    // Tuesday: day-1 reminders in office hours; the first dossier of each citizen is handed over.
    await clock(day(1, "07:40"));
    for (const d of mine) expect(`reminder|${d.owner.key}|${d.code}|day 1`);
    await delivered(`${dateOf(day(1, "00:00"))} 11:20`);
    await clock(day(1, "13:40"));
    await pushAll(first, 10);
    for (const d of first) expect(`rating|${d.owner.key}|${d.code}`);
    await delivered(`${dateOf(day(1, "00:00"))} 16:50`);
    for (const d of first) give(d.owner, () => rate(d.owner, d));
    await tasksDone();

    // Thursday: day-3 reminders for the others, then their handover.
    await clock(day(3, "07:40"));
    for (const d of second) expect(`reminder|${d.owner.key}|${d.code}|day 3`);
    await delivered(`${dateOf(day(3, "00:00"))} 11:20`);
    await clock(day(3, "13:40"));
    await pushAll(second, 10);
    for (const d of second) expect(`rating|${d.owner.key}|${d.code}`);
    await delivered(`${dateOf(day(3, "00:00"))} 16:50`);
    for (const d of second) give(d.owner, () => rate(d.owner, d));
    await tasksDone();

    // Friday: nothing more is due for this cohort.
    await clock(day(4, "07:40"));
    await clock(day(4, "13:40"));
  }

  function dateOf(ms: number): string {
    const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(ms);
    return parts; // YYYY-MM-DD
  }

  // ---- the run --------------------------------------------------------------------------------------
  let failure: unknown;
  let exitCode: number | null = null;
  const report: Record<string, number> = {};
  try {
    out(spec.title);
    await h.start();
    // A failure in any background loop (a citizen stuck, a restart refused) ends the run.
    let abort: (err: unknown) => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      abort = reject;
    });
    const background = [killer(), telegramRetries(), ...citizens.map(live)].map((p) => p.catch(abort));
    let n = 0;
    do {
      const week = cohort(n++);
      week.catch(() => undefined);
      await Promise.race([week, aborted]);
    } while (killing && n < 20);
    killing = false;
    await Promise.race([background[0], aborted, sleep(30_000, undefined, { ref: false })]);
    // A last look a week on: nothing more may go out.
    await clock(at("2025-11-03 07:40") + n * 7 * 86_400_000);
    await sleep(1_000);
    working = false;
    await Promise.allSettled(background);
    exitCode = await spec.stop();
    Object.assign(report, await verify());
  } catch (err) {
    failure = err;
    working = false;
    killing = false;
    await spec.onFailure?.();
  } finally {
    const keep = process.env.FAULTS_KEEP === "1";
    await h.close(keep).catch(() => undefined);
    if (keep) {
      // Every run's log lines, for looking into a figure that is not 0.
      const logs = h.logs.map((l) => JSON.stringify(spec.logRecord(l))).join("\n");
      await writeFile(path.join(h.root, "service-logs.ndjson"), `${logs}\n`);
      out(`(kept ${h.root}, logs in service-logs.ndjson)`);
    }
  }

  // ---- the end state --------------------------------------------------------------------------------
  async function verify(): Promise<Record<string, number>> {
    await checkFilesParse();
    const { corruptStores, repo, subs, ratings, outbox, tempFilesLeft } = await spec.openStores();
    if (tempFilesLeft !== undefined) figures.tempFilesLeft = tempFilesLeft;

    let lostDossiers = 0;
    for (const d of dossiers) {
      const stored = await repo?.get(d.key);
      // 2 → 4 → 5 → 9 → 10: four changes told to the citizen, each counted once.
      if (d.acked !== undefined && (stored?.status !== d.acked || stored.seq !== 4)) {
        lostDossiers++;
        out(`  ✗ dossier ${d.key}: acknowledged status ${d.acked}, stored ${stored?.status} (seq ${stored?.seq})`);
      }
    }
    let lostSubscriptions = 0;
    for (const link of ackedSubscriptions) {
      const [chatKey = "", dossierKey = ""] = [
        link.slice(0, link.lastIndexOf("|")),
        link.slice(link.lastIndexOf("|") + 1),
      ];
      // Links to dossiers over for 30 days are deleted on purpose (docs/dossiers.md): not a loss.
      const stored = await repo?.get(dossierKey);
      if (stored && stored.status === 10 && stored.statusSince < h.now - 30 * 86_400_000) {
        figures.linksPurged++;
        continue;
      }
      if (!(await subs?.chatsOf(dossierKey))?.includes(chatKey)) {
        lostSubscriptions++;
        out(`  ✗ acknowledged subscription missing: ${link}`);
      }
    }
    let lostRatings = 0;
    for (const [dossierKey, level] of ackedRatings) {
      if ((await ratings?.get(dossierKey))?.level !== level) {
        lostRatings++;
        out(`  ✗ acknowledged rating missing: ${dossierKey}`);
      }
    }

    const seen = received();
    let duplicates = 0;
    let duplicatesAcrossKill = 0;
    let missing = 0;
    let undue = 0;
    const byKind: Record<string, { due: number; twice: number; missing: number }> = {};
    for (const keyName of new Set([...due.keys(), ...seen.keys()])) {
      const kind = keyName.split("|")[0] ?? "";
      const want = due.get(keyName) ?? 0;
      const got = seen.get(keyName) ?? 0;
      byKind[kind] ??= { due: 0, twice: 0, missing: 0 };
      byKind[kind].due += want;
      if (want === 0) {
        undue += got;
        out(`  ✗ sent though not due: ${keyName} ×${got}`);
      } else if (got > want) {
        duplicates += got - want;
        byKind[kind].twice += got - want;
        // Was a kill between the two deliveries (the outbox's at-least-once window)?
        const times = deliveryTimes().get(keyName) ?? [];
        const acrossKill = times.slice(1).every((t, i) => killTimes.some((k) => k > (times[i] ?? 0) && k < t));
        if (acrossKill) duplicatesAcrossKill += got - want;
        // How long before the kill the first copy reached the fake API: the doubt window is the
        // HTTP round trip, so a few milliseconds means the kill caught the send in flight.
        // (Negative: the SIGKILL was on its way while the request still reached the API.)
        const first = times[0] ?? 0;
        const kill = killTimes.findIndex((k) => k > first);
        const sentAt = killSentTimes[kill];
        const gap =
          acrossKill && sentAt !== undefined
            ? `; SIGKILL sent ${sentAt - first} ms after the first reached the API`
            : "";
        out(
          `  ✗ delivered ${got} times, due ${want}: ${keyName}${acrossKill ? ` (a kill fell between the two${gap})` : ""}`,
        );
      } else if (got < want) {
        missing += want - got;
        byKind[kind].missing += want - got;
        out(`  ✗ missing: ${keyName}`);
      }
    }
    return {
      corruptFiles: corruptFiles.size + corruptStores,
      lostDossierWrites: lostDossiers,
      lostSubscriptions,
      lostRatings,
      duplicates,
      duplicatesAcrossKill,
      missing,
      undue,
      notices: byKind.notice?.due ?? 0,
      noticesTwice: byKind.notice?.twice ?? 0,
      reminders: byKind.reminder?.due ?? 0,
      remindersTwice: byKind.reminder?.twice ?? 0,
      ratingRequests: byKind.rating?.due ?? 0,
      ratingRequestsTwice: byKind.rating?.twice ?? 0,
      stillQueued: outbox?.pending.length ?? -1,
    };
  }

  // ---- the figures ----------------------------------------------------------------------------------
  const leaks = h.leaks([
    ...h.secretValues,
    ...dossiers.flatMap((d) => [d.code, d.key, d.name, d.phone]),
    ...citizens.map((c) => c.id),
  ]);
  for (const leak of leaks.slice(0, 5)) out(`  ✗ in the logs: ${leak.line.slice(0, 200)}`);
  const errorLines = h.logs.filter((l) => typeof l.json?.level === "number" && l.json.level >= 50);
  const errorsLogged = errorLines.length;
  for (const line of errorLines.slice(0, 5)) out(`  ! error logged (run ${line.run}): ${line.text.slice(0, 300)}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  out();
  if (failure) out(`RUN FAILED: ${failure instanceof Error ? failure.message : String(failure)}`);
  const restartMs = [...figures.restartMs].sort((a, b) => a - b);
  const questions = citizens.reduce((n, c) => n + c.questions, 0);
  const answered = citizens.reduce((n, c) => n + c.answered, 0);
  out(spec.figuresTitle);
  for (const line of spec.moreFaultLines?.() ?? []) out(line);
  out(`  kills / restarts                      ${figures.kills} / ${figures.restarts}`);
  out(`  kills with requests in flight         ${figures.killsDuringActivity}`);
  {
    // Kills that fell within 1 ms after a fake API took a call (the window in which a message can
    // be delivered and not yet recorded), beside the share of the run's milliseconds that are so.
    const arrivals = [...h.telegram.calls, ...h.zalo.calls].map((c) => c.at).sort((a, b) => a - b);
    const close = new Set(arrivals.flatMap((at) => [at, at + 1]));
    const span = (arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0) + 1;
    const hits = killSentTimes.filter((k) => close.has(k)).length;
    out(
      `  kills ≤ 1 ms after an API call arrived  ${hits} of ${killSentTimes.length} (such moments: ${Math.round((100 * close.size) / span)}% of the run)`,
    );
  }
  out(
    `  restart to "started" (median, max)    ${ms(restartMs[Math.floor(restartMs.length / 2)])}, ${ms(restartMs.at(-1))}`,
  );
  out(`  dossiers, cohorts                     ${dossiers.length}, ${new Set(dossiers.map((d) => d.cohort)).size}`);
  out(`  pushes (of which retries)             ${figures.pushes} (${figures.pushRetries})`);
  out(`  questions asked / answered in 3 s     ${questions} / ${answered}`);
  for (const channel of ["telegram", "zalo"] as const) {
    const mine = citizens.filter((c) => c.channel === channel);
    const asked = mine.reduce((n, c) => n + c.questions, 0);
    out(`    ${channel.padEnd(36)}${asked} / ${mine.reduce((n, c) => n + c.answered, 0)}`);
  }
  out(`  clock nudges for late deliveries      ${figures.nudges}`);
  out(`  SIGTERM at the end: exit code         ${exitCode}`);
  if (spec.countsTempFiles) out(`  temp files left by kills (harmless)   ${figures.tempFilesLeft}`);
  out(
    `  log lines with secrets/personal data  ${leaks.length} (of ${h.logs.length}, over ${figures.restarts + 1} runs)`,
  );
  out(`  errors logged                         ${errorsLogged}`);
  out(
    `  links deleted by the 30-day rule      ${figures.linksPurged} (confirmed subscriptions to dossiers over for 30 days)`,
  );
  out("Figures");
  out(
    `  corrupt files                         ${report.corruptFiles ?? "?"}${corruptFiles.size ? ` (${[...corruptFiles].join(", ")})` : ""}`,
  );
  out(
    `  acknowledged writes lost              ${sum(report.lostDossierWrites, report.lostSubscriptions, report.lostRatings)} (of ${dossiers.filter((d) => d.acked).length} dossiers' last pushes, ${figures.subscriptionsAcked} subscriptions, ${figures.ratingsAcked} ratings confirmed)`,
  );
  out(
    `  notifications due                     ${sum(report.notices, report.reminders, report.ratingRequests)} (${report.notices} notices, ${report.reminders} reminders, ${report.ratingRequests} rating requests)`,
  );
  out(
    `  delivered twice                       ${report.duplicates ?? "?"} (notices ${report.noticesTwice}, reminders ${report.remindersTwice}, rating requests ${report.ratingRequestsTwice}; ${report.duplicatesAcrossKill} with a kill between the two sends)`,
  );
  out(`  missing                               ${report.missing ?? "?"}`);
  out(`  sent though not due                   ${report.undue ?? "?"}`);
  out(`  still queued at the end               ${report.stillQueued ?? "?"}`);
  const dueTotal = sum(report.notices, report.reminders, report.ratingRequests);
  const repeatShare = dueTotal > 0 ? (report.duplicates ?? 0) / dueTotal : 1;
  if (spec.repeatBound !== undefined)
    out(
      `  repeats / due                         ${(100 * repeatShare).toFixed(2)}% (target: under ${100 * spec.repeatBound}%, each with a kill between, the at-least-once bound)`,
    );
  out(`Runtime ${seconds} s`);
  const clean =
    !failure &&
    exitCode === 0 &&
    figures.kills === KILLS &&
    report.corruptFiles === 0 &&
    sum(report.lostDossierWrites, report.lostSubscriptions, report.lostRatings) === 0 &&
    // Within the bound, and each repeat with a kill between its two sends: a repeat without one is a bug.
    (spec.repeatBound === undefined
      ? report.duplicates === 0
      : repeatShare < spec.repeatBound && report.duplicatesAcrossKill === report.duplicates) &&
    report.missing === 0 &&
    report.undue === 0 &&
    leaks.length === 0;
  process.exitCode = clean ? 0 : 1;

  function ms(value: number | undefined): string {
    return value === undefined ? "-" : `${Math.round(value)} ms`;
  }
  function sum(...values: (number | undefined)[]): number {
    return values.reduce<number>((a, b) => a + (b ?? 0), 0);
  }
}
