// Child process of crash.test.ts: writes as fast as it can to every kind of store, printing
// "<kind> <id>" once each write is acknowledged, until the parent kills it with SIGKILL.
// Usage: node --import tsx crash-writer.ts DATA_DIR ROUND
import path from "node:path";
import { Hasher } from "../../src/dossiers/privacy.js";
import { FileDossierRepository } from "../../src/dossiers/repository.js";
import { FileSubscriptionRepository } from "../../src/dossiers/subscriptions.js";
import { FileRatingRepository } from "../../src/ratings/store.js";
import { FileConversationStore } from "../../src/storage/conversations.js";

const [dir = "", round = "0"] = process.argv.slice(2);
const hasher = new Hasher(Buffer.from("crash-test-key-0123456789"));
const [dossiers, subscriptions, ratings, conversations] = await Promise.all([
  FileDossierRepository.open(path.join(dir, "dossiers"), hasher.keyId),
  FileSubscriptionRepository.open(path.join(dir, "subscriptions")),
  FileRatingRepository.open(path.join(dir, "ratings")),
  FileConversationStore.open(path.join(dir, "conversations")),
]);
const ack = (line: string) => process.stdout.write(`${line}\n`);

async function lane(kind: string, write: (id: string, i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; ; i++) {
    const id = `${round}-${i}`;
    await write(id, i);
    ack(`${kind} ${id}`);
  }
}

await Promise.all([
  // Dossier batches of 40 records, statuses moving on: the big shard files get rewritten.
  lane("dossier", (id, i) =>
    dossiers.upsert(
      Array.from({ length: 40 }, (_, k) => ({
        key: `C${id}-${k}`,
        code: `C${id}-${k}`,
        procedureCode: "1.001193",
        phoneHash: hasher.phone(`C${id}-${k}`, "1234"),
        receivedAt: "2025-11-03",
        status: 1 + (i % 10),
      })),
      Date.now(),
    ),
  ),
  lane("subscription", (id) => subscriptions.add(`telegram:${id}`, `K${id}`, Date.now())),
  lane("conversation", (id) => conversations.set(`zalo:${id}`, { lang: "vi", features: { n: id } })),
  lane("rating", (id, i) =>
    ratings.save({
      key: `R${id}`,
      procedureCode: "1.001193",
      level: "satisfied",
      scale: 3,
      criteria: {},
      at: Date.now(),
      month: `2025-${String(1 + (i % 12)).padStart(2, "0")}`,
    }),
  ),
]);
