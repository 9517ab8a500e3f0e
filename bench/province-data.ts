/** The synthetic province of bench/province.ts: every property of dossier i is a pure function of i (seeded). */
import { readFileSync } from "node:fs";
import { codeKey } from "../src/dossiers/code.js";
import { type Hasher, maskName } from "../src/dossiers/privacy.js";
import type { DossierRecord } from "../src/dossiers/schema.js";
import { type Rating, RatingLevel } from "../src/ratings/schema.js";

/** 1-minute load average (/proc/loadavg): the machine's 2 cores are shared. */
export const loadavg = () => Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);

export const HASH_KEY = "bench-province-key-0123456789abcdef";
/** Tuesday 11/11/2025 09:00 in Vietnam: office hours, so the reminder scan runs. */
export const NOW = Date.parse("2025-11-11T09:00:00+07:00");
/** Every seeded dossier was last changed three days before NOW: ready ones are due their day-3 reminder. */
export const SEEDED_AT = NOW - 3 * 86_400_000;
export const SEED = 0x5eed_2026;

/** A 32-bit mix of (i, salt) into [0, 1): the same in every process, no state to share. */
function unit(i: number, salt: number): number {
  let h = (i ^ SEED ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** Status shares of a working year's dossiers: most handed over, a few ready and waiting. */
const STATUS_SHARES: [number, number][] = [
  [10, 0.7],
  [4, 0.15],
  [2, 0.05],
  [9, 0.03],
  [5, 0.02],
  [6, 0.02],
  [3, 0.015],
  [7, 0.01],
  [8, 0.005],
];
export function statusOf(i: number): number {
  let u = unit(i, 1);
  for (const [status, share] of STATUS_SHARES) {
    if (u < share) return status;
    u -= share;
  }
  return 10;
}
/** One dossier in ten is followed by its citizen's chat. */
export const subscribed = (i: number) => unit(i, 2) < 0.1;
/** About one handed-over dossier in seven was rated. */
export const rated = (i: number) => statusOf(i) === 10 && unit(i, 3) < 0.15;

export const WARDS = 160;
/** `000.<ward>.H49-2511DD-NNNNN`: 160 receiving units, 28 days, a sequence; unique for i < 160·28·100,000. */
export function codeOf(i: number): string {
  const ward = i % WARDS;
  const day = 1 + (Math.floor(i / WARDS) % 28);
  const seq = Math.floor(i / (WARDS * 28));
  return `000.${String(10 + (ward % 90)).padStart(2, "0")}.${20 + Math.floor(ward / 90)}.H49-2511${String(day).padStart(2, "0")}-${String(seq).padStart(5, "0")}`;
}
export const last4Of = (i: number) => String(Math.floor(unit(i, 4) * 10_000)).padStart(4, "0");
export const PROCEDURES = ["1.001193", "1.000893", "2.000908", "1.004227", "2.001157", "1.001022"];
export const NAMES = [
  "Nguyễn Văn An",
  "Trần Thị Bình",
  "Lê Hoàng Cường",
  "Phạm Thu Dung",
  "Hoàng Minh Đức",
  "Võ Thị Hạnh",
];

const MASKED = NAMES.map(maskName);

export function recordOf(i: number, hasher: Hasher): DossierRecord {
  const code = codeOf(i);
  const key = codeKey(code);
  const status = statusOf(i);
  const day = code.slice(-8, -6);
  return {
    key,
    code,
    procedureCode: PROCEDURES[i % PROCEDURES.length] as string,
    applicant: MASKED[Math.floor(unit(i, 5) * NAMES.length)] as string,
    phoneHash: hasher.phone(key, last4Of(i)),
    receivedAt: `2025-11-${day}`,
    dueAt: "2025-11-28",
    status,
    ...(status === 5 ? { statusNote: "Bổ sung bản sao giấy khai sinh" } : {}),
    office: `ubnd-${i % WARDS}`,
    ward: `phuong-${i % WARDS}`,
  };
}

export function ratingOf(i: number): Rating {
  const month = 1 + Math.floor(unit(i, 6) * 12); // Dec 2024 … Nov 2025
  const ym = month === 1 ? "2024-12" : `2025-${String(month - 1).padStart(2, "0")}`;
  return {
    key: codeKey(codeOf(i)),
    procedureCode: PROCEDURES[i % PROCEDURES.length] as string,
    level: RatingLevel.options[Math.floor(unit(i, 7) * 3)] as RatingLevel,
    scale: 3,
    criteria: { time: "on_time", visits: "1" },
    ...(unit(i, 8) < 0.2 ? { comment: "Cán bộ hướng dẫn tận tình, thủ tục nhanh gọn." } : {}),
    at: Date.parse(`${ym}-15T09:00:00+07:00`),
    month: ym,
  };
}
