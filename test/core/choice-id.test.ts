import { describe, expect, it } from "vitest";
import { Assistant } from "../../src/core/assistant.js";
import { CHOICE_ID_MAX_BYTES, ChoiceIdError, choiceKind, prefixOf } from "../../src/core/choice-id.js";
import { MemoryConversationStore } from "../../src/core/types.js";
import { RATING_CHOICES } from "../../src/ratings/flow.js";

describe("choice ids", () => {
  const section = choiceKind("p", ["code", "section"]);

  it("packs and unpacks the fields of a kind, under its feature's prefix", () => {
    const id = section.pack({ code: "1.000894", section: "f" });
    expect(id).toBe("p:1.000894:f");
    expect(prefixOf(id)).toBe("p");
    expect(section.unpack(id)).toEqual({ code: "1.000894", section: "f" });
    expect(section.unpack("f:ho-tich")).toBeUndefined();
    expect(section.unpack("p:1.000894")).toBeUndefined(); // a field short
    expect(section.unpack("pp:1:2")).toBeUndefined();
  });

  it("tells kinds of one prefix apart by their action", () => {
    const cancel = choiceKind("d:x", []);
    const subscribe = choiceKind("d:s", ["key"]);
    expect(cancel.pack({})).toBe("d:x");
    expect(cancel.unpack("d:x")).toEqual({});
    expect(cancel.unpack("d:s:ABC")).toBeUndefined();
    expect(subscribe.unpack("d:s:ABC")).toEqual({ key: "ABC" });
    expect(subscribe.unpack("d:x")).toBeUndefined();
  });

  it("refuses an id over Telegram's 64 bytes of callback data, counting UTF-8 bytes", () => {
    const kind = choiceKind("d:s", ["key"]);
    const fits = "A".repeat(CHOICE_ID_MAX_BYTES - "d:s:".length);
    expect(Buffer.byteLength(kind.pack({ key: fits }))).toBe(64);
    expect(() => kind.pack({ key: `${fits}A` })).toThrow(ChoiceIdError);
    // 25 characters, but 67 bytes: "ệ" is three bytes in UTF-8.
    expect("d:s:".length + 21).toBeLessThan(CHOICE_ID_MAX_BYTES);
    expect(() => kind.pack({ key: "ệ".repeat(21) })).toThrow(/67 bytes/);
  });

  it("refuses a separator inside a field that is not the last", () => {
    expect(() => section.pack({ code: "1:2", section: "f" })).toThrow(ChoiceIdError);
  });

  it("reads ids minted under a former head, and mints only the current one", () => {
    // Rating buttons sent before ratings had their own prefix carry "d:r:KEY:LEVEL".
    expect(RATING_CHOICES.level.unpack("d:r:000312-251103-0012:3")).toEqual({ key: "000312-251103-0012", level: "3" });
    expect(RATING_CHOICES.level.pack({ key: "K1", level: 3 })).toBe("r:l:K1:3");
    expect(RATING_CHOICES.skip.unpack("d:k")).toEqual({});
  });

  it("lets no two features of one assistant own the same prefix", () => {
    const feature = (name: string) => ({ name, choicePrefixes: ["x"], onChoice: () => [] });
    const conversations = new MemoryConversationStore();
    expect(() => new Assistant({ conversations, features: [feature("a"), feature("b")] })).toThrow(/prefix "x"/);
    expect(() => new Assistant({ conversations, features: [feature("a")] })).not.toThrow();
  });
});
