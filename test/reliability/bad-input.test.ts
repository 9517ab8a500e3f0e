/**
 * A trimmed bad-input run (npm run reliability runs 10,000): seeded hostile messages through
 * both channels' real webhook paths, the whole service as main.ts builds it.
 */
import { describe, expect, it } from "vitest";
import { runBadInput } from "../harness/reliability-bad-input.js";

describe("bad input, trimmed", () => {
  it("answers 500 hostile messages on each channel within its limits, with no crash", async () => {
    const report = await runBadInput({ messages: 500, seed: 6 });
    expect(report.problems).toEqual([]);
    expect(report.crashes).toEqual([]);
    expect(report.telegram).toMatchObject({ delivered: 500, answered: 500, non200: 0 });
    expect(report.zalo).toMatchObject({ delivered: 500, answered: 500, non200: 0 });
    expect(report.telegram.callbacks).toBeGreaterThan(10);
    expect(report.telegram.callbacksAnswered).toBe(report.telegram.callbacks);
    expect(report.failures).toMatchObject({ telegram: 0, zalo: 0, errorLogs: 0 });
    expect(report.odd.handlerErrors).toBe(0);
    expect(report.healthAfter).toBe(200);
    expect(report.aliveAfter).toBe(true);
    // Every kind of hostile input was in the mix.
    expect(Object.keys(report.byKind).sort()).toEqual(
      ["control", "dossier", "empty", "huge", "injection", "mangled", "unicode"].sort(),
    );
  });
});
