import { afterAll, beforeAll } from "vitest";
import { startPostgres, type TestPostgres } from "../harness/postgres.js";
import { describeReminders } from "./reminder-cases.js";

/** The reminder cases with dossiers, links and the outbox in PostgreSQL (a new database each test). */
let server: TestPostgres | undefined;
beforeAll(async () => {
  server = await startPostgres();
}, 180_000);
afterAll(() => server?.stop(), 120_000);

describeReminders(async () => ({ DATABASE_URL: await (server as TestPostgres).database() }));
