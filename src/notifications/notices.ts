import type { DossierChange } from "../dossiers/schema.js";
import { STATUS } from "../dossiers/schema.js";
import type { SubscriptionRepository } from "../dossiers/subscriptions.js";
import type { NewMessage } from "./outbox.js";

/**
 * The messages a batch of changes calls for: a status notice per subscribed chat, or, at
 * handover (status 10), the rating request instead — asked once per dossier and chat.
 */
export async function noticesFor(
  changes: DossierChange[],
  subscriptions: SubscriptionRepository,
): Promise<NewMessage[]> {
  const messages: NewMessage[] = [];
  for (const change of changes) {
    for (const chatKey of await subscriptions.chatsOf(change.key)) {
      const { key, seq } = change;
      messages.push(
        change.status === STATUS.handedOver
          ? { id: `a|${key}|${chatKey}`, kind: "rating", chatKey, key, seq }
          : { id: `s|${key}|${seq}|${chatKey}`, kind: "status", chatKey, key, seq },
      );
    }
  }
  return messages;
}
