import type { DossierRepository } from "../dossiers/repository.js";
import { STATUS } from "../dossiers/schema.js";
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
  const today = localTime(now, deps.office.timeZone).date;
  const messages: NewMessage[] = [];
  let followed = 0;
  // Ready dossiers are few (a result waits days, not months): start from them, not from every link.
  for (const dossier of await deps.dossiers.withStatus(STATUS.ready)) {
    if (dossier.readyAt === undefined) continue;
    const age = daysBetween(localTime(dossier.readyAt, deps.office.timeZone).date, today);
    const day = Math.max(0, ...deps.days.filter((d) => d <= age));
    if (day === 0) continue;
    const chats = await deps.subscriptions.chatsOf(dossier.key);
    if (chats.length > 0) followed++;
    for (const chatKey of chats) {
      const { key, seq } = dossier;
      messages.push({ id: `r|${key}|${seq}|${day}|${chatKey}`, kind: "reminder", chatKey, key, seq });
    }
  }
  const queued = await deps.outbox.enqueue(messages);
  return { followed, queued };
}
