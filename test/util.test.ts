import { describe, expect, it } from "vitest";
import { backoffDelay } from "../src/util/backoff.js";
import { channelOf, chatIdIn, chatKey } from "../src/util/chat-key.js";
import { InFlight } from "../src/util/in-flight.js";
import { KeyedQueue } from "../src/util/keyed-queue.js";
import { RecentMap, RecentSet } from "../src/util/recent.js";

const later = () => {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe("backoffDelay", () => {
  it("doubles from the first pause up to the ceiling", () => {
    const pauses = { initialMs: 1_000, maxMs: 60_000 };
    expect([0, 1, 2, 5, 6, 50].map((retry) => backoffDelay(retry, pauses))).toEqual([
      1_000, 2_000, 4_000, 32_000, 60_000, 60_000,
    ]);
  });
});

describe("chat keys", () => {
  it("are built and read in one place", () => {
    expect(chatKey("telegram", -100123)).toBe("telegram:-100123");
    expect(channelOf("zalo:abc:def")).toBe("zalo");
    expect(channelOf("nokey")).toBeUndefined();
    expect(chatIdIn("zalo:abc:def", "zalo")).toBe("abc:def");
    expect(chatIdIn("telegram:1", "zalo")).toBeUndefined();
    expect(chatIdIn("zalo:", "zalo")).toBeUndefined();
  });
});

describe("KeyedQueue", () => {
  it("runs one key's tasks in order, other keys beside them, and a failure does not stop the next", async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const gate = later();
    const a1 = queue.run("a", async () => {
      await gate.promise;
      log.push("a1");
    });
    const a2 = queue.run("a", async () => {
      log.push("a2");
      throw new Error("a2 failed");
    });
    const a3 = queue.run("a", async () => void log.push("a3"));
    await queue.run("b", async () => void log.push("b1"));
    expect(log).toEqual(["b1"]);
    gate.resolve();
    await a1;
    await expect(a2).rejects.toThrow("a2 failed");
    await a3;
    expect(log).toEqual(["b1", "a1", "a2", "a3"]);
    await queue.idle();
    expect(queue.size).toBe(0);
  });
});

describe("RecentSet", () => {
  it("says whether a value is new and forgets the oldest past its capacity", () => {
    const seen = new RecentSet<number>(3, [1, 2, 3, 4]);
    expect(seen.toArray()).toEqual([2, 3, 4]);
    expect(seen.add(3)).toBe(false);
    expect(seen.add(5)).toBe(true);
    expect(seen.toArray()).toEqual([3, 4, 5]);
    expect(seen.has(2)).toBe(false);
    expect(seen.size).toBe(3);
  });
});

describe("InFlight", () => {
  it("drains work started before and during the drain, failures included", async () => {
    const work = new InFlight();
    const first = later();
    const second = later();
    void work.track(first.promise);
    const failing = work.track(Promise.reject(new Error("x")));
    await expect(failing).rejects.toThrow("x");
    let drained = false;
    const draining = work.drain().then(() => {
      drained = true;
    });
    void work.track(second.promise);
    first.resolve();
    await Promise.resolve();
    expect(drained).toBe(false);
    second.resolve();
    await draining;
    expect(work.size).toBe(0);
  });

  it("gives up waiting after the grace period and says so", async () => {
    const work = new InFlight();
    void work.track(new Promise(() => {}));
    expect(await work.drainWithin(1)).toBe(false);
    expect(await new InFlight().drainWithin(1)).toBe(true);
  });
});

describe("RecentMap", () => {
  it("keeps the most recently set keys; setting a key again makes it the newest", () => {
    const pages = new RecentMap<string, number>(2);
    pages.set("a", 1);
    pages.set("b", 2);
    pages.set("a", 3);
    pages.set("c", 4);
    expect(pages.keys()).toEqual(["a", "c"]);
    expect(pages.get("a")).toBe(3);
    expect(pages.has("b")).toBe(false);
  });
});
