import { describe, expect, it } from "vitest";
import { UnansweredQuestionStore } from "../../src/questions/store.js";
import { runScript, tempDir } from "../harness/common.js";

describe("npm run questions:report", () => {
  it("lists the questions answered 'not found', most asked first", { tags: ["process"] }, async () => {
    const data = await tempDir("motcua-questions-");
    try {
      const store = await UnansweredQuestionStore.open(data.dir, { fsync: false });
      for (const text of ["làm sổ đỏ", "Làm sổ đỏ?", "nuôi chó cần giấy gì", "lam so do 0912345678"])
        await store.record(text);
      const { code, stdout } = await runScript("src/cli/questions-report.ts", [], "", { DATA_DIR: data.dir });
      expect(code).toBe(0);
      const lines = stdout.split("\n").filter((l) => /^\s+\d+\s/.test(l));
      expect(lines[0]).toMatch(/^\s+2\s+\d{4}-\d\d-\d\d\s+Làm sổ đỏ\?$/);
      expect(lines.slice(1).map((l) => l.trim().replace(/^\d+\s+\S+\s+/, ""))).toEqual(
        expect.arrayContaining(["nuôi chó cần giấy gì", "lam so do [số điện thoại]"]),
      );
      expect(stdout).not.toContain("0912345678");
    } finally {
      await data.cleanup();
    }
  });
});
