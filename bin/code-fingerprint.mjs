/**
 * The code's fingerprint: a hash of the path, size and modification time of every source file under src/ (.ts, .mts,
 * .js, .mjs, .json: what a bundle or a reading of the câu mẫu is made of) and of package-lock.json's bytes.
 *
 * Two caches are named by it: bin/motcua-bot.mjs's bundle of src/main.ts (node_modules/.cache/motcua-bot) and
 * src/search/features-store.ts's câu mẫu features (node_modules/.cache/motcua-bot-features); any edit of the code
 * makes both again. Plain JavaScript, since the launcher runs it before any TypeScript is loaded; `root` is passed
 * in (a bundle of src/ moves this module's own import.meta.url). Worked out once per process and root.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The files of src/ that make the code. */
const SOURCE = /\.(ts|mts|js|mjs|json)$/;

const made = new Map();

/** The fingerprint of the code under `root` (the project's folder): 16 hex digits. */
export function codeFingerprint(root) {
  const known = made.get(root);
  if (known !== undefined) return known;
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile() && SOURCE.test(entry.name)) {
        const s = statSync(file);
        hash.update(`${path.relative(root, file)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(path.join(root, "src"));
  const lock = path.join(root, "package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock));
  const fingerprint = hash.digest("hex").slice(0, 16);
  made.set(root, fingerprint);
  return fingerprint;
}
