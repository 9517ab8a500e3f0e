import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { createPool } from "../../src/storage/postgres/database.js";
import { migrate } from "../../src/storage/postgres/migrate.js";

const run = promisify(execFile);

/**
 * A real PostgreSQL for tests. With PG_TEST_URL set (a server CI or a developer runs), each
 * `database()` is a new database on it; otherwise a throwaway cluster is made in a temp dir
 * (initdb + pg_ctl, Debian's binaries, listening only on a unix socket in that dir) and removed
 * by `stop()`. initdb refuses to run as root, so as root the cluster runs as the `postgres` user.
 */
export interface TestPostgres {
  /** A new, empty database; its connection string. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

/** A new database on the server with the schema migrated, as the service does at start; its connection string. */
export async function migratedDatabase(server: TestPostgres): Promise<string> {
  const url = await server.database();
  const setup = createPool(url, { max: 1 });
  try {
    await migrate(setup);
  } finally {
    await setup.end();
  }
  return url;
}

export async function startPostgres(): Promise<TestPostgres> {
  const given = process.env.PG_TEST_URL;
  if (given) return onServer(given, async () => undefined);

  const bin = postgresBin();
  const dir = await mkdtemp(path.join(tmpdir(), "motcua-pg-"));
  const asRoot = process.getuid?.() === 0;
  const as = async (cmd: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]) : run(path.join(bin, cmd), args);
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  try {
    await as("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-locale"]);
    // No TCP: the socket lives in the temp dir; fsync off — a test database need not survive a power cut.
    const options = `-p ${port} -k ${dir} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await as("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "120", "start"]);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`;
  return onServer(url, async () => {
    await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });
}

function onServer(adminUrl: string, shutdown: () => Promise<void>): TestPostgres {
  let n = 0;
  const made: string[] = [];
  return {
    async database() {
      const name = `motcua_test_${process.pid}_${++n}_${Math.floor(Math.random() * 1e6)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      made.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (process.env.PG_TEST_URL) {
        // Someone else's server: leave it as found.
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        for (const name of made)
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await admin.end();
      }
      await shutdown();
    },
  };
}

/** Debian's binaries: /usr/lib/postgresql/<newest>/bin. */
function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      "PostgreSQL not found: install Debian's postgresql (apt-get install postgresql) or set PG_TEST_URL",
    );
  }
  return path.join(root, versions[0] as string, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
