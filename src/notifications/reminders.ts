import type { DossierRepository } from "../dossiers/repository.js";
import type { SubscriptionRepository } from "../dossiers/subscriptions.js";
import { isWithin, type OpeningRules } from "../time/hours.js";
import { daysBetween, localTime } from "../time/local.js";
import type { NewMessage, NotificationQueue } from "./outbox.js";

export interface ReminderDeps {
  dossiers: DossierRepository;
  subscriptions: SubscriptionRepository;
  outbox: Pick<NotificationQueue, "enqueue">;
  /** Days after the result became ready, e.g. [1, 3, 7]. */
  days: number[];
  office: OpeningRules;
}

export interface ReminderScan {
  /** Why nothing was looked at. */
  closed?: true;
  /** Ready dossiers with at least one chat to remind. */
  followed: number;
  queued: number;
}

/**
 * Queues a pickup reminder for each subscribed chat of each ready dossier (status 9) that has
 * reached a reminder day — only in office hours on working days. A day that passed while the
 * bot was down is not made up for: only the latest due reminder goes out. Each (dossier,
 * readiness, day, chat) is queued once ever: the outbox refuses an id it has seen.
 */
export async function remindPendingPickups(deps: ReminderDeps, now: number): Promise<ReminderScan> {
  if (!isWithin(deps.office, now)) return { closed: true, followed: 0, queued: 0 };
  const firstDay = Math.min(...deps.days.filter((d) => d > 0));
  if (!Number.isFinite(firstDay)) return { followed: 0, queued: 0 };
  const { timeZone } = deps.office;
  const today = localTime(now, timeZone).date;
  const messages: NewMessage[] = [];
  let followed = 0;
  // Ready dossiers are few (a result waits days, not months) and followed ones fewer: the store
  // hands over only those, with their chats (one query in PostgreSQL), ready early enough to be
  // due at least the first reminder day; the exact day is reckoned here, on the local calendar.
  for (const { dossier, chats } of await deps.dossiers.readyWithChats(
    deps.subscriptions,
    readyBefore(now, timeZone, firstDay),
  )) {
    if (dossier.readyAt === undefined) continue;
    const age = daysBetween(localTime(dossier.readyAt, timeZone).date, today);
    const day = Math.max(0, ...deps.days.filter((d) => d <= age));
    if (day === 0) continue;
    if (chats.length > 0) followed++;
    for (const chatKey of chats) {
      const { key, seq } = dossier;
      messages.push({ id: `r|${key}|${seq}|${day}|${chatKey}`, kind: "reminder", chatKey, key, seq });
    }
  }
  const queued = await deps.outbox.enqueue(messages);
  return { followed, queued };
}

/**
 * An instant every result ready `days` or more local calendar days before `now`'s day became
 * ready before: local midnight starting the day `days - 1` before today, at today's UTC offset,
 * plus 3 hours for an offset change (summer time) in between. Later than the exact bound, never
 * earlier: it only spares the store dossiers that cannot be due; the caller decides exactly.
 */
export function readyBefore(now: number, timeZone: string, days: number): number {
  const { date, minutes } = localTime(now, timeZone);
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // Local wall clock (to the minute) minus the instant: the zone's offset now, less under a minute.
  const offset = Math.ceil((midnightUtc + minutes * 60_000 - now) / 60_000) * 60_000;
  return midnightUtc - offset - (days - 1) * 86_400_000 + 3 * 3_600_000;
}
