/**
 * npm run faults — the service killed with SIGKILL 50 times while it works, and restarted each
 * time. The real service (src/main.ts, a child process, see test/harness/service-harness.ts) runs
 * Telegram in webhook mode and Zalo in polling mode against the local fakes, with the test clock.
 *
 * While a killer SIGKILLs it at random moments (0.2–0.9 s after it is up, and only while a
 * request is in flight or a notification is on its way) and starts it again at once,
 * cohorts of dossiers live a week each: staff create them and push status changes through
 * POST /api/dossiers, citizens look them up and subscribe, get a notice for each change, pickup
 * reminders on days 1 and 3 (office hours), a rating request at handover, and rate; every citizen
 * also keeps asking questions. Whatever did not get through is retried as in life: the one-stop
 * system re-sends a push until it gets 200, Telegram re-posts an update its webhook did not
 * answer, a citizen who got no reply writes again. Cohorts start until the 50 kills are done;
 * the last one then finishes undisturbed, and the service is stopped with SIGTERM.
 *
 * Then it counts:
 *   - corrupt files: after every kill, every JSON file in DATA_DIR must parse; at the end every
 *     store must open (schema-checked) as the service opens it;
 *   - acknowledged writes lost: each push answered 200 (the dossier's last acknowledged status),
 *     each subscription and rating the bot confirmed to the citizen, must be on disk;
 *   - notifications: every notice, reminder and rating request the fake APIs received, against
 *     those due (a notice per status change of a followed dossier, a reminder on day 1 and on
 *     day 3 of each ready dossier not handed over by then, a rating request per handover):
 *     delivered twice, missing, or sent though not due.
 *
 * The outbox delivers at least once (docs/dossiers.md): a kill after Telegram or Zalo accepted a
 * message but before the outbox recorded it makes the next process send it again. Such repeats
 * are counted, with whether a kill fell between the two sends; see the closing note of issue 6.
 *
 * Env: FAULTS_KILLS (50), FAULTS_SEED (random; the kill moments also depend on timing),
 * FAULTS_KEEP=1 keeps the temp directory, FAULTS_DEBUG=1 tells why citizens retry.
 * Exits 1 when a figure is not 0 (repeats: over 1% of the notifications due, or one without a kill between its two sends) or the run could not finish.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { LookupGuard } from "../../src/dossiers/lockouts.js";
import { Hasher } from "../../src/dossiers/privacy.js";
import { FileDossierRepository } from "../../src/dossiers/repository.js";
import { FileSubscriptionRepository } from "../../src/dossiers/subscriptions.js";
import { createLogger } from "../../src/logger.js";
import { Outbox } from "../../src/notifications/outbox.js";
import { SenderRegistry } from "../../src/notifications/senders.js";
import { AnswerFeedbackStore } from "../../src/ratings/feedback.js";
import { FileRatingRepository } from "../../src/ratings/store.js";
import { FileConversationStore } from "../../src/storage/conversations.js";
import { FAULT_RUN_OPTIONS, runFaults } from "../harness/fault-run.js";
import { ServiceHarness } from "../harness/service-harness.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const KILLS = Number(process.env.FAULTS_KILLS ?? 50);
const SEED = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));

const h = await ServiceHarness.create(FAULT_RUN_OPTIONS);

await runFaults({
  h,
  kills: KILLS,
  seed: SEED,
  citizensPerChannel: 8,
  title: `npm run faults: ${KILLS} SIGKILLs during activity (seed ${SEED})`,
  figuresTitle: "Faults (SIGKILL during activity, restarted each time)",
  progressEvery: 10,
  countsTempFiles: true,
  // At-least-once (DEVELOPERS.md): a repeat with a kill between the two sends is the accepted cost, under 1%.
  repeatBound: 0.01,
  async waitToKill({ between, whenUp }) {
    await whenUp();
    await sleep(between(200, 900));
  },
  async pickVictim() {
    return { kill: () => h.kill(), start: () => h.start() };
  },
  async corruptJsonFiles() {
    const corrupt: string[] = [];
    for (const file of await h.dataFiles()) {
      if (file.endsWith(".tmp")) continue;
      if (!file.endsWith(".json")) continue;
      try {
        JSON.parse(await readFile(path.join(h.dataDir, file), "utf8"));
      } catch {
        corrupt.push(file);
      }
    }
    return corrupt;
  },
  stop: () => h.stop(),
  logRecord: (l) => ({ run: l.run, ...(l.json ?? { text: l.text }) }),
  async openStores() {
    const dir = h.dataDir;
    let corruptStores = 0;
    const open = async <T>(what: string, opener: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await opener();
      } catch (err) {
        corruptStores++;
        out(`  ✗ ${what} does not open: ${(err as Error).message}`);
        return undefined;
      }
    };
    const tempFilesLeft = (await h.dataFiles()).filter((f) => f.endsWith(".tmp")).length;
    const key = (await readFile(path.join(dir, "phone-hash.key"), "utf8")).trim();
    const hasher = new Hasher(Buffer.from(key, "hex"));
    const repo = await open("dossiers", () =>
      FileDossierRepository.open(path.join(dir, "dossiers"), hasher.keyId, false),
    );
    const subs = await open("subscriptions", () =>
      FileSubscriptionRepository.open(path.join(dir, "subscriptions"), false),
    );
    const ratings = await open("ratings", () => FileRatingRepository.open(path.join(dir, "ratings"), false));
    await open("conversations", () => FileConversationStore.open(path.join(dir, "conversations"), () => h.now, false));
    await open("lockouts", () => LookupGuard.open(dir, hasher, "Asia/Ho_Chi_Minh", false));
    await open("answer feedback", () => AnswerFeedbackStore.open(dir, (v) => v, false));
    const logger = createLogger("silent");
    const outbox = await open("outbox", () =>
      Outbox.open(
        dir,
        {
          senders: new SenderRegistry(),
          render: async () => ({ drop: true }),
          windows: {} as never,
          logger,
          now: () => h.now,
        },
        false,
      ),
    );
    return { corruptStores, repo, subs, ratings, outbox, tempFilesLeft };
  },
});
