import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "../logger.js";
import type { Pool } from "../storage/postgres/database.js";
import { type ChatTurns, PostgresChatTurns } from "./chat-turns.js";
import { PostgresJobTicks } from "./jobs.js";
import { LeaderLease, type Leadership } from "./leader.js";

export type { ChatTurn, ChatTurns } from "./chat-turns.js";
export { inTurn } from "./chat-turns.js";
export type { LeaderRole, Leadership } from "./leader.js";

/** For /healthz: which replica answered, and whether it is the one polling Telegram and Zalo. */
export interface ReplicaHealth {
  name: string;
  role: "leader" | "follower";
  /** Times this replica became the leader since it started. */
  terms: number;
}

/**
 * What several replicas on one database (DATABASE_URL) share besides the stores: each job tick
 * run once (`ticks`), one poller at a time (`leadership`), one update of a chat at a time
 * (`turns`). Without DATABASE_URL the service opens none of this and runs as one process.
 */
export interface Replicas {
  readonly name: string;
  readonly ticks: PostgresJobTicks;
  readonly leadership: Leadership;
  readonly turns: ChatTurns;
  /** Takes part in the leader election (the first try is awaited). */
  start(): Promise<void>;
  health(): ReplicaHealth;
  /** Gives the lease up (polling stops first), closes the turns' connections. */
  close(): Promise<void>;
}

export interface ReplicaOptions {
  pool: Pool;
  /** DATABASE_URL: the chat turns get their own connections. */
  url: string;
  logger: Logger;
  /** Default: processName(). */
  name?: string;
  lease?: { ttlMs?: number; renewMs?: number };
}

/** A name for this process, unique even across restarts: host name, process id and a random suffix. */
export function processName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** `pool`'s schema must be migrated already (migration 006 holds the tables these use). */
export async function openReplicas(options: ReplicaOptions): Promise<Replicas> {
  const { pool, logger } = options;
  const name = options.name ?? processName();
  const lease = new LeaderLease(pool, { holder: name, logger, ...options.lease });
  const turns = new PostgresChatTurns(options.url, { logger });
  return {
    name,
    ticks: new PostgresJobTicks(pool, { replica: name }),
    leadership: lease,
    turns,
    start: () => lease.start(),
    health: () => ({ name, role: lease.leading ? "leader" : "follower", terms: lease.terms }),
    async close() {
      await lease.stop();
      await turns.close();
    },
  };
}
