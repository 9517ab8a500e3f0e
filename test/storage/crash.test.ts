import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Hasher } from "../../src/dossiers/privacy.js";
import { FileDossierRepository } from "../../src/dossiers/repository.js";
import { FileSubscriptionRepository } from "../../src/dossiers/subscriptions.js";
import { FileRatingRepository } from "../../src/ratings/store.js";
import { FileConversationStore } from "../../src/storage/conversations.js";
import { ROOT } from "../harness/common.js";
import { tempDir } from "../harness/dossiers.js";

const WRITER = path.join(ROOT, "test/storage/crash-writer.ts");
const ROUNDS = 8;
const DIRS = 3;

/** Runs the writer until it has acknowledged some writes, kills it mid-storm; returns what it acknowledged. */
function stormAndKill(dir: string, round: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, dir, String(round)], { cwd: ROOT });
    let out = "";
    let stderr = "";
    // Acknowledgements to wait for: spread over 20..300 across the rounds (no randomness, so a failure replays).
    const killAfter = 20 + Math.floor((round * 280) / (ROUNDS - 1));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.split("\n").length > killAfter) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      if (signal !== "SIGKILL") return reject(new Error(`writer ended on its own: ${stderr}`));
      // A line cut by the kill is not an acknowledgement.
      resolve(out.split("\n").slice(0, -1));
    });
  });
}

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".json")).map((e) => path.join(e.parentPath, e.name));
}

async function checkEverything(dir: string, acked: Set<string>): Promise<void> {
  for (const file of await jsonFiles(dir)) JSON.parse(await readFile(file, "utf8")); // throws if torn
  const hasher = new Hasher(Buffer.from("crash-test-key-0123456789"));
  const dossiers = await FileDossierRepository.open(path.join(dir, "dossiers"), hasher.keyId, false);
  const subscriptions = await FileSubscriptionRepository.open(path.join(dir, "subscriptions"), false);
  const ratings = await FileRatingRepository.open(path.join(dir, "ratings"), false);
  const conversations = await FileConversationStore.open(path.join(dir, "conversations"), Date.now, false);
  for (const line of acked) {
    const [kind, id] = line.split(" ") as [string, string];
    if (kind === "dossier") {
      for (let k = 0; k < 40; k++) expect(await dossiers.get(`C${id}-${k}`), line).toBeDefined();
    } else if (kind === "subscription") {
      expect(await subscriptions.chatsOf(`K${id}`), line).toEqual([`telegram:${id}`]);
    } else if (kind === "conversation") {
      expect(await conversations.get(`zalo:${id}`), line).toEqual({ lang: "vi", features: { n: id } });
    } else if (kind === "rating") {
      expect(await ratings.get(`R${id}`), line).toBeDefined();
    } else {
      throw new Error(`unexpected line: ${line}`);
    }
  }
}

describe("SIGKILL in the middle of a write storm", () => {
  it(`keeps every acknowledged write and every file readable (${ROUNDS} kills × ${DIRS} data dirs)`, async () => {
    const dirs = await Promise.all(Array.from({ length: DIRS }, () => tempDir()));
    try {
      const kinds = new Set<string>();
      await Promise.all(
        dirs.map(async ({ dir }) => {
          const acked = new Set<string>();
          for (let round = 0; round < ROUNDS; round++) {
            for (const line of await stormAndKill(dir, round)) {
              acked.add(line);
              kinds.add(line.split(" ")[0] as string);
            }
            // The next round starts from what the crash left behind, like a restarted bot.
            await checkEverything(dir, acked);
          }
          expect(acked.size).toBeGreaterThan(ROUNDS * 20);
        }),
      );
      expect([...kinds].sort()).toEqual(["conversation", "dossier", "rating", "subscription"]);
    } finally {
      await Promise.all(dirs.map((d) => d.cleanup().catch(() => undefined)));
    }
  });
});
