/**
 * A throwaway PostgreSQL cluster for the province bench, in a temp dir (initdb + pg_ctl, Debian's
 * binaries, unix socket only), like test/harness/postgres.ts but DURABLE: fsync, synchronous
 * commit and full-page writes stay on (the harness turns them off for speed), so a commit the
 * bench times is a commit that would survive a power cut, as in production. As root (initdb
 * refuses root) the cluster runs as the `postgres` user.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export interface DurablePostgres {
  /** Connection string of the `postgres` database (to create others). */
  adminUrl: string;
  /** Creates an empty database; its connection string. */
  database(name: string): Promise<string>;
  /** Stops the cluster (immediate) and deletes its directory. */
  stop(): Promise<void>;
}

export async function startDurablePostgres(settings: Record<string, string> = {}): Promise<DurablePostgres> {
  const bin = postgresBin();
  const dir = await mkdtemp(path.join(tmpdir(), "motcua-bench-pg-"));
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]) : run(path.join(bin, cmd), args);
  if (asRoot) {
    const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
    const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
    await chown(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  // A port number only names the socket file (no TCP): any number unique to this dir will do.
  const port = 5432;
  const options = Object.entries({
    listen_addresses: "",
    // Durable, as in production (the defaults, said out loud).
    fsync: "on",
    synchronous_commit: "on",
    full_page_writes: "on",
    // A modest server's settings for a 2-core machine with a few GB to spare.
    shared_buffers: "512MB",
    max_wal_size: "4GB",
    max_connections: "100",
    ...settings,
  })
    .map(([k, v]) => `-c ${k}=${v === "" ? "''" : v}`)
    .join(" ");
  try {
    await as("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"]);
    await as("pg_ctl", [
      "-D",
      data,
      "-o",
      `-p ${port} -k ${dir} ${options}`,
      "-l",
      path.join(dir, "log"),
      "-w",
      "-t",
      "120",
      "start",
    ]);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const urlOf = (db: string) => `postgresql://postgres@localhost/${db}?host=${encodeURIComponent(dir)}&port=${port}`;
  const adminUrl = urlOf("postgres");
  return {
    adminUrl,
    async database(name) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return urlOf(name);
    },
    async stop() {
      await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
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
  if (versions.length === 0) throw new Error("PostgreSQL not found: install Debian's postgresql");
  return path.join(root, versions[0] as string, "bin");
}
