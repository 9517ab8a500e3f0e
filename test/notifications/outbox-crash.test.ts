import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runTsx, tempDir } from "../harness/common.js";
import { openTwoPartOutbox } from "./two-part-outbox.js";

const CHILD = path.join(import.meta.dirname, "outbox-crash-sender.ts");
const EXPECTED = ["A/1", "A/2", "B/1", "B/2"];

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("motcua-outbox-crash-"));
});
afterEach(() => cleanup());

/** Reopens the outbox as the next process would, and sends what is left; returns what went out. */
async function afterRestart({ failAt, later = 0 }: { failAt?: number; later?: number } = {}): Promise<string[]> {
  const accepted: string[] = [];
  const accept = (text: string) => {
    if (accepted.length + 1 === failAt) throw new Error("network down");
    accepted.push(text);
  };
  const outbox = await openTwoPartOutbox(dir, { accept }, () => Date.now() + later);
  await outbox.flush();
  await outbox.close();
  return accepted;
}

describe("outbox sent journal", () => {
  it.each([1, 2, 3, 4])("sends each message once when killed right after acceptance %i", async (killAt) => {
    const child = await runTsx(CHILD, [dir, String(killAt)], { cwd: dir, env: process.env });
    expect(child.code).toBeNull(); // killed by its signal
    const before = child.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => line.replace("accepted ", ""));
    expect(before).toEqual(EXPECTED.slice(0, killAt));
    expect([...before, ...(await afterRestart())]).toEqual(EXPECTED);
    // Everything is in outbox.json now, and the journal is empty.
    expect(await readFile(path.join(dir, "outbox.sent.log"), "utf8")).toBe("");
    expect(await afterRestart()).toEqual([]);
  });

  it("resumes a notification after the part that failed, without repeating the parts accepted", async () => {
    const killed = await runTsx(CHILD, [dir, "1"], { cwd: dir, env: process.env });
    expect(killed.stdout).toBe("accepted A/1\n");
    // The next process finishes A, then B/2 fails after B/1 went out.
    expect(await afterRestart({ failAt: 3 })).toEqual(["A/2", "B/1"]);
    expect(await afterRestart()).toEqual([]); // B waits for its retry time
    expect(await afterRestart({ later: 3_600_000 })).toEqual(["B/2"]);
    expect(await afterRestart({ later: 7_200_000 })).toEqual([]);
  });

  it("skips a torn last line (a power cut mid-write) and keeps the rest", async () => {
    await runTsx(CHILD, [dir, "2"], { cwd: dir, env: process.env });
    await appendFile(path.join(dir, "outbox.sent.log"), '{"id":"B|telegram:1","par');
    expect(await afterRestart()).toEqual(["B/1", "B/2"]);
  });
});
