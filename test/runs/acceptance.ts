/**
 * npm run acceptance — the whole service as production runs it (`node --import tsx src/main.ts`,
 * a child process), Telegram in polling mode and Zalo in webhook mode against the local fake
 * APIs of test/harness, a temp DATA_DIR and a temp copy of data/, and the test clock. It plays
 * eight days at the office (test/harness/office-day.ts) and checks every message the citizens
 * receive; then that the logs hold no secret and no personal data, that the service stops
 * cleanly on SIGTERM (exit 0) and that every data file it left parses.
 *
 * Prints a transcript; exits 1 at the first failure. ACCEPTANCE_KEEP=1 keeps the temp directory.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { FIRST_MORNING, OFFICE_DAY_OPTIONS, personalValues, playOfficeDays } from "../harness/office-day.js";
import { printFailure, printPlaySummary, ServiceHarness, seconds } from "../harness/service-harness.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const started = performance.now();
const h = await ServiceHarness.create(OFFICE_DAY_OPTIONS);
h.cleanUpOnSignals();
let failed: unknown;
try {
  out("npm run acceptance: the service as a child process, Telegram (polling) and Zalo (webhook) on local fakes");
  await h.start();
  out(`service up on 127.0.0.1:${h.port} in ${seconds(started)} s; data in a temp dir; test clock at ${FIRST_MORNING}`);
  out();
  const result = await playOfficeDays(h, { full: true, out });

  out();
  out("Checks after the play");
  const leaks = h.leaks([...h.secretValues, ...personalValues()]);
  if (leaks.length > 0) {
    throw new Error(`logs hold secrets or personal data:\n${leaks.map((l) => `  ${l.value}: ${l.line}`).join("\n")}`);
  }
  out(`  ✓ ${h.logs.length} log lines: no token, secret, phone number, name, dossier code, chat id or message text`);
  const errors = h.logs.filter((l) => typeof l.json?.level === "number" && l.json.level >= 50);
  if (errors.length > 0) throw new Error(`errors logged:\n${errors.map((l) => `  ${l.text}`).join("\n")}`);
  out("  ✓ no error logged");
  const code = await h.stop();
  if (code !== 0) throw new Error(`the service exited with ${code} on SIGTERM`);
  out("  ✓ SIGTERM: finished its work and exited 0");
  const files = (await h.dataFiles()).filter((f) => f.endsWith(".json"));
  for (const file of files) JSON.parse(await readFile(path.join(h.dataDir, file), "utf8"));
  out(`  ✓ ${files.length} data files, all valid JSON`);
  // The journals only hold what is on its way; after a clean stop nothing is.
  for (const journal of ["outbox.sent.log", "zalo-inbox.log"]) {
    const size = (await stat(path.join(h.dataDir, journal))).size;
    if (size !== 0) throw new Error(`${journal} holds ${size} bytes after a clean stop`);
  }
  out("  ✓ outbox.sent.log and zalo-inbox.log empty after the stop");

  printPlaySummary(result, out);
  out(
    `PASSED: ${result.steps} steps, ${result.messagesChecked} messages checked, none missing or extra, in ${seconds(started)} s`,
  );
} catch (err) {
  failed = err;
} finally {
  if (failed) {
    printFailure(
      failed,
      h.logs.slice(-15).map((l) => `  ${l.text}`),
      out,
    );
  }
  const keep = process.env.ACCEPTANCE_KEEP === "1";
  await h.close(keep);
  if (keep) out(`(kept ${h.root})`);
}
process.exitCode = failed ? 1 : 0;
