/**
 * Pickup reminders and the daily link upkeep through the whole service, for each store: run by
 * reminders.test.ts on the lowdb files and by reminders.postgres.test.ts on a real PostgreSQL
 * (where the scan and the upkeep are set-based queries: readyWithChats, dropFinished).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { at, Clock, dossier, type Harness, openHarness, RecordingSender, tempDir } from "../harness/dossiers.js";

const CODE = "000.31.20.H49-251103-0012";
const KEY = "0003120H49-251103-0012";
const CHAT = "telegram:100";

/** The reminder cases, on the store `storeOf` names (env added to the service's settings). */
export function describeReminders(storeOf: () => Promise<Record<string, string>>): void {
  let dir: string;
  let cleanup: () => Promise<void>;
  let clock: Clock;
  let h: Harness;
  /** The store's settings: none for the files; DATABASE_URL (a new database each test) for PostgreSQL. */
  let store: Record<string, string>;

  /** Opens the service at `when`, with the dossier in progress and CHAT subscribed; clears what was sent. */
  async function setUp(when: string, env: Record<string, string> = {}) {
    clock = new Clock(at(when));
    h = await openHarness(dir, clock, { ...store, ...env });
    await h.import([dossier()]);
    await h.say(CHAT, `/hoso ${CODE}`);
    await h.say(CHAT, "5678");
    await h.pick(CHAT, `d:s:${KEY}`);
  }

  async function markReady() {
    await h.import([dossier({ status: "9" })]);
    await h.dossiers.flushOutbox();
    h.sender.sent.length = 0;
  }

  /** Runs the scan and the outbox at a Vietnam wall-clock time; returns the reminders sent. */
  async function tick(when: string): Promise<string[]> {
    clock.set(when);
    const before = h.sender.sent.length;
    await h.dossiers.remindPendingPickups();
    await h.dossiers.flushOutbox();
    return h.sender.texts().slice(before);
  }

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    store = await storeOf();
  });
  afterEach(async () => {
    await h.dossiers.stop();
    await cleanup();
  });

  describe("pickup reminders", () => {
    it("remind on days 1, 3 and 7 after the result is ready, in office hours only, once each", async () => {
      await setUp("2025-11-03 10:00"); // a Monday
      await markReady();
      expect(await tick("2025-11-03 15:00")).toEqual([]); // day 0
      expect(await tick("2025-11-04 06:00")).toEqual([]); // day 1, before opening
      const day1 = await tick("2025-11-04 07:35");
      expect(day1).toHaveLength(1);
      expect(day1[0]).toContain("Nhắc nhận kết quả");
      expect(day1[0]).toContain("đã có kết quả từ ngày 03/11/2025");
      expect(day1[0]).toContain("Địa chỉ: Trụ sở Trung tâm Phục vụ hành chính công phường");
      expect(day1[0]).toContain("mang theo");
      expect(await tick("2025-11-04 09:00")).toEqual([]);
      expect(await tick("2025-11-04 23:00")).toEqual([]);
      expect(await tick("2025-11-05 09:00")).toEqual([]); // day 2
      expect(await tick("2025-11-06 12:00")).toEqual([]); // day 3, lunch break
      expect(await tick("2025-11-06 14:00")).toHaveLength(1);
      for (const when of ["2025-11-07 09:00", "2025-11-08 09:00", "2025-11-09 09:00", "2025-11-10 07:00"]) {
        expect(await tick(when), when).toEqual([]);
      }
      expect(await tick("2025-11-10 08:00")).toHaveLength(1); // day 7, a Monday
      expect(await tick("2025-11-11 08:00")).toEqual([]);
      expect(await tick("2025-11-17 08:00")).toEqual([]);
    });

    it("skip weekends, and do not make up a missed day with a second message", async () => {
      await setUp("2025-11-07 10:00"); // a Friday
      await markReady();
      expect(await tick("2025-11-08 09:00")).toEqual([]); // Saturday
      expect(await tick("2025-11-09 09:00")).toEqual([]); // Sunday
      expect(await tick("2025-11-10 09:00")).toHaveLength(1); // Monday: day 3, day 1 not repeated
      expect(await tick("2025-11-10 14:00")).toEqual([]);
      expect(await tick("2025-11-14 09:00")).toHaveLength(1); // day 7
    });

    it("are sent once even across restarts, including one queued but not yet sent", async () => {
      await setUp("2025-11-03 10:00");
      await markReady();
      h.sender.failures = 1;
      expect(await tick("2025-11-04 09:00")).toEqual([]);
      await h.dossiers.stop();
      h = await openHarness(dir, clock, store, new RecordingSender());
      expect(await tick("2025-11-04 09:10")).toHaveLength(1);
      await h.dossiers.stop();
      h = await openHarness(dir, clock, store, h.sender);
      expect(await tick("2025-11-04 09:20")).toEqual([]);
      expect(await tick("2025-11-05 09:20")).toEqual([]);
    });

    it("stop when the result is handed over, including one already queued", async () => {
      await setUp("2025-11-03 10:00");
      await markReady();
      expect(await tick("2025-11-04 09:00")).toHaveLength(1);
      h.sender.failures = 1;
      expect(await tick("2025-11-06 09:00")).toEqual([]); // day 3 queued, delivery failed
      await h.import([dossier({ status: "10" })]);
      clock.set("2025-11-06 10:00");
      await h.dossiers.flushOutbox();
      const after = h.sender.texts().slice(1).join("\n");
      expect(after).not.toContain("Nhắc nhận");
      expect(after).toContain("đã trả kết quả"); // the rating request instead
      expect(await tick("2025-11-10 09:00")).toEqual([]);
    });

    it("follow the configured days and holidays", async () => {
      await setUp("2025-11-03 10:00", { REMINDER_DAYS: "2", HOLIDAYS: "2025-11-05" });
      await markReady();
      expect(await tick("2025-11-04 09:00")).toEqual([]);
      expect(await tick("2025-11-05 09:00")).toEqual([]); // day 2, but a holiday
      expect(await tick("2025-11-06 09:00")).toHaveLength(1);
      expect(await tick("2025-11-10 09:00")).toEqual([]);
    });

    it("keep to office hours when a retry falls outside them", async () => {
      await setUp("2025-11-03 10:00");
      await markReady();
      h.sender.failures = 1;
      expect(await tick("2025-11-04 11:29")).toEqual([]); // queued, delivery failed
      clock.set("2025-11-04 12:00"); // lunch break
      await h.dossiers.flushOutbox();
      expect(h.sender.sent).toEqual([]);
      clock.set("2025-11-04 13:30");
      await h.dossiers.flushOutbox();
      expect(h.sender.texts()).toEqual([expect.stringContaining("Nhắc nhận")]);
    });

    it("never run two scans at once", async () => {
      await setUp("2025-11-03 10:00");
      await markReady();
      clock.set("2025-11-04 09:00");
      const [a, b] = await Promise.all([h.dossiers.remindPendingPickups(), h.dossiers.remindPendingPickups()]);
      expect(a).toBe(b);
      expect(a.queued).toBe(1);
    });
  });

  describe("links to finished dossiers", () => {
    it("are deleted 30 days after the dossier is over", async () => {
      await setUp("2025-11-03 10:00");
      await h.import([dossier({ status: "10" })]);
      await tick("2025-11-04 09:00");
      expect(h.dossiers.state()).toMatchObject({ subscriptions: 1 });
      await tick("2025-12-02 09:00");
      expect(h.dossiers.state()).toMatchObject({ subscriptions: 1 });
      await tick("2025-12-04 09:00");
      expect(h.dossiers.state()).toMatchObject({ subscriptions: 0 });
    });
  });
}
