import { describe, expect, it } from "vitest";
import { assign, byIdNumber } from "../../eval/split.js";

type Item = { id: string; stratum: string };

function items(from: number, to: number): Item[] {
  const out: Item[] = [];
  for (let n = from; n <= to; n++) out.push({ id: `m${String(n).padStart(4, "0")}`, stratum: n % 3 === 0 ? "a" : "b" });
  return out;
}

function partOf(list: Item[]): Map<string, "tuning" | "heldout"> {
  const { tuning, heldout } = assign(list, (i) => i.stratum);
  return new Map([...tuning.map((i) => [i.id, "tuning"] as const), ...heldout.map((i) => [i.id, "heldout"] as const)]);
}

describe("the evaluation split (eval/split.ts)", () => {
  it("orders ids by their number, so five-digit ids come after four-digit ones", () => {
    const ids = ["m10000", "m1001", "m9999", "m0002", "m10001"].map((id) => ({ id }));
    expect([...ids].sort(byIdNumber).map((i) => i.id)).toEqual(["m0002", "m1001", "m9999", "m10000", "m10001"]);
  });

  it("never moves an item already split when items with higher ids are added, past m9999 too", () => {
    const before = items(995, 1200).concat(items(9990, 9999));
    const after = partOf(before.concat(items(10000, 10150)));
    const moved = [...partOf(before)].filter(([id, part]) => after.get(id) !== part);
    expect(moved).toEqual([]);
  });

  it("puts three of every five items of a stratum in tuning and two in the held-out part", () => {
    const parts = partOf(items(1, 300).map((i) => ({ ...i, stratum: "one" })));
    const tuning = [...parts.values()].filter((p) => p === "tuning").length;
    expect(tuning).toBe(180);
  });
});
