/**
 * A trimmed bad-input run (npm run reliability runs 10,000): seeded hostile messages through
 * both channels' real webhook paths, the whole service as main.ts builds it.
 */
import { describe, expect, it } from "vitest";
import { runBadInput, textProblem } from "../harness/reliability-bad-input.js";
import { forgedCallbackData, hostileMessage, Rng } from "../harness/reliability-generator.js";
import { questions } from "../harness/webhook-load.js";

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

describe("the generator and the checks", () => {
  it("is deterministic for a seed", () => {
    const asked = questions();
    const run = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 200 }, () => hostileMessage(rng, asked).text);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it("forges callback data of 1–64 bytes, and a few longer", () => {
    const rng = new Rng(1);
    const sizes = Array.from({ length: 2_000 }, () => Buffer.byteLength(forgedCallbackData(rng)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(sizes.filter((n) => n > 64).length).toBeGreaterThan(0);
    expect(sizes.filter((n) => n > 64).length).toBeLessThan(sizes.length / 5);
  });

  it("flags what a reply must not be", () => {
    expect(textProblem("Xin chào\n\tbạn", 4096)).toBeUndefined();
    expect(textProblem("", 4096)).toBe("empty text");
    expect(textProblem(" \n ", 4096)).toBe("empty text");
    expect(textProblem("x".repeat(2001), 2000)).toMatch(/2001 characters/);
    expect(textProblem("a\u0007b", 4096)).toBe("raw control character");
    expect(textProblem("a\u202eb", 4096)).toBe("raw control character");
    expect(textProblem("a\ud800b", 4096)).toMatch(/lone surrogate/);
    expect(textProblem("🙂", 4096)).toBeUndefined();
    expect(textProblem(42, 4096)).toBe("no text");
  });
});
