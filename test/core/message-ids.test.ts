import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../harness/common.js";

/** Message ids of every .ftl file of a language. */
function localeIds(lang: string): Set<string> {
  const dir = path.join(ROOT, "locales", lang);
  return new Set(
    readdirSync(dir).flatMap((file) =>
      [...readFileSync(path.join(dir, file), "utf8").matchAll(/^([a-z][a-z0-9_-]*) =/gm)].map((m) => m[1] as string),
    ),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The text of a call's arguments, from just after "(" to its closing ")". */
function argumentsAt(source: string, open: number): string {
  let depth = 1;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return source.slice(open, i);
  }
  return "";
}

/** Top-level arguments of a call. */
function splitArguments(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(args.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(args.slice(start));
  return parts.map((p) => p.trim());
}

/**
 * Message ids passed to a translate function anywhere in src: `t("id")`, `ctx.t("id")`,
 * `translator.t(lang, "id")`, each branch of `t(a ? "x" : "y")`, and templates such as
 * `t(\`section-${s}\`)`, which become patterns.
 */
function idsUsedInCode(srcDir: string): { file: string; id: string | RegExp }[] {
  const found: { file: string; id: string | RegExp }[] = [];
  for (const file of sourceFiles(srcDir)) {
    const source = readFileSync(file, "utf8");
    for (const call of source.matchAll(/(?<![\w$])t\(/g)) {
      const [first = "", second = ""] = splitArguments(argumentsAt(source, (call.index ?? 0) + 2));
      const idArgument = /["`]/.test(first) ? first : second;
      for (const literal of idArgument.matchAll(/"([a-z][a-z0-9_-]*)"|`([^`]*)`/g)) {
        const plain = literal[1];
        const template = literal[2];
        if (plain) found.push({ file, id: plain });
        else if (template !== undefined) {
          const pattern = template
            .split(/\$\{[^}]*\}/)
            .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
            .join("[a-z0-9_]+");
          found.push({ file, id: new RegExp(`^${pattern}$`) });
        }
      }
    }
  }
  return found;
}

/** Ids (or id patterns) used in code that the locale lacks, as "file: id". */
function missingIds(srcDir: string, known: Set<string>): string[] {
  return idsUsedInCode(srcDir)
    .filter(({ id }) => (typeof id === "string" ? !known.has(id) : ![...known].some((k) => id.test(k))))
    .map(({ file, id }) => `${path.relative(srcDir, file)}: ${String(id)}`);
}

describe("message ids used in code", () => {
  it("every id passed to a translate function exists in the Vietnamese locale", () => {
    const src = path.join(ROOT, "src");
    // The scan must see the code's messages, or this test would pass on nothing.
    expect(idsUsedInCode(src).filter((u) => typeof u.id === "string").length).toBeGreaterThan(100);
    expect(missingIds(src, localeIds("vi"))).toEqual([]);
  });

  it("reports an id the locale lacks, in every form of call it reads", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "message-ids-"));
    try {
      writeFileSync(
        path.join(dir, "planted.ts"),
        [
          'ctx.t("not-found");',
          'ctx.t("no-such-message", { a: 1 });',
          'translator.t(lang, "no-such-either");',
          't(done ? "help" : "no-such-branch");',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the planted source holds template ids.
          "t(`section-${s}`); t(`no-such-${kind}-thing`);",
        ].join("\n"),
      );
      expect(missingIds(dir, localeIds("vi"))).toEqual([
        "planted.ts: no-such-message",
        "planted.ts: no-such-either",
        "planted.ts: no-such-branch",
        "planted.ts: /^no-such-[a-z0-9_]+-thing$/",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
