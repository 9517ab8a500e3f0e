import { defineConfig } from "vitest/config";

/**
 * Tests that start whole processes or wait on real long polls: seconds each, so they run in the
 * full `npm test` only. `npm run test:unit` (the inner loop) runs everything else, except single
 * tests tagged "process" (see `tags` below).
 */
const SLOW = [
  // The deployed service as a child process for eight office days (fake Telegram and Zalo).
  "test/acceptance/**/*.test.ts",
  // The service as a child process under hostile input and forged requests.
  "test/reliability/bad-input.test.ts",
  "test/reliability/security.test.ts",
  // Telegram end to end: real long polling and webhook delivery through grammY.
  "test/**/*.e2e.test.ts",
  // Zalo long polling against the fake API, including a poll that waits its full timeout.
  "test/zalo/polling.test.ts",
  // Child processes killed with SIGKILL mid-write, several rounds each.
  "test/storage/crash.test.ts",
  "test/notifications/outbox-crash.test.ts",
  // Against a real PostgreSQL: each file starts a throwaway cluster (initdb + pg_ctl, seconds).
  "test/**/*.postgres.test.ts",
  // The CLIs and `npm start` as child processes (each loads the catalogue through tsx).
  "test/channels/terminal.test.ts",
];

export default defineConfig({
  test: {
    // A hang guard, not a budget: the probe and conversation loops play dozens of conversations through the served
    // search (9,896 câu mẫu since the nineteenth session); 14–20 s alone, 35–50 s when four workers share two cores.
    testTimeout: 90_000,
    // Hang guards, not budgets. A file's beforeAll loads the served search (the catalogue, some 9,000 câu mẫu and
    // the re-ranker): a few seconds alone, but past 30 s when several files share two busy cores.
    hookTimeout: 120_000,
    // Most unit tests wait on sockets, timers and child processes rather than the CPU: more files at
    // once than the cores (vitest's default is cores - 1, i.e. one file at a time here).
    maxWorkers: 4,
    tags: [
      {
        // One test in a file of quick ones that runs a CLI as a child process through tsx (seconds
        // each on this machine): `it("…", { tags: ["process"] }, …)`. The full run keeps it.
        name: "process",
        description: "starts a child process (a CLI through tsx); left out of npm run test:unit",
        // Its time is the child's start-up through tsx (the whole catalogue loads), which grows with the catalogue
        // and with what else runs: the timeout only guards against a hang, as the slow group's does.
        timeout: 120_000,
      },
    ],
    projects: [
      {
        extends: true,
        // Files in one worker share loaded modules (src and the bundled catalogue load once per
        // worker, not once per file): the suites keep no global state (no mocks, env edits or fake timers).
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: SLOW,
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // After the unit group, one file at a time: each starts processes that want the CPU, and
        // two at once on two shared cores made them miss their start-up deadlines.
        // Their timeout only guards against a hang: on a busy machine a run of 500 messages through
        // the whole service can take minutes, and that is no failure.
        test: {
          name: "slow",
          include: SLOW,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
