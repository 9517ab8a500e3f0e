/**
 * The bad-input run's generator and reply checks (test/harness/reliability-*.ts), without the
 * service: quick, so they run in npm run test:unit; the run itself is bad-input.test.ts.
 */
import { describe, expect, it } from "vitest";
import { textProblem } from "../harness/reliability-bad-input.js";
import { forgedCallbackData, hostileMessage, Rng } from "../harness/reliability-generator.js";
import { questions } from "../harness/webhook-load.js";

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
