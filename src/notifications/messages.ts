import type { LiveCatalogue } from "../catalogue/live.js";
import type { Language, Translator } from "../core/i18n.js";
import { pickupLines, procedureName, statusDetails, type T } from "../dossiers/render.js";
import type { DossierRepository } from "../dossiers/repository.js";
import { STATUS } from "../dossiers/schema.js";
import type { SubscriptionRepository } from "../dossiers/subscriptions.js";
import type { RatingFlow } from "../ratings/flow.js";
import { displayDate, localTime } from "../time/local.js";
import type { OutboxMessage, Rendered } from "./outbox.js";

export interface RenderDeps {
  dossiers: DossierRepository;
  subscriptions: SubscriptionRepository;
  ratingFlow: RatingFlow;
  catalogue: LiveCatalogue;
  translator: Translator;
  languageOf(chatKey: string): Promise<Language>;
  timeZone: string;
  now: () => number;
}

const UNCOMMITTED_GRACE_MS = 86_400_000;

/**
 * Writes a queued message at send time, from the dossier as it is then: a notice that a newer
 * change made stale, a reminder for a result already picked up, or anything for a chat that
 * unsubscribed is dropped instead of sent.
 */
export function createRenderer(deps: RenderDeps): (message: OutboxMessage) => Promise<Rendered> {
  return async (message) => {
    const dossier = await deps.dossiers.get(message.key);
    if (!dossier || !(await deps.subscriptions.chatsOf(message.key)).includes(message.chatKey)) return { drop: true };
    const lang = await deps.languageOf(message.chatKey);
    const t: T = (id, args) => deps.translator.t(lang, id, args);
    const { catalogue } = deps.catalogue.current();
    const about = { code: dossier.code, procedure: procedureName(catalogue, dossier) };

    // Queued just before the change was stored (a crash can fall in between, and the one-stop
    // system then sends the change again): wait for it rather than send old news or drop it.
    if (dossier.seq < message.seq) {
      return deps.now() - message.createdAt < UNCOMMITTED_GRACE_MS ? { later: true } : { forget: true };
    }
    switch (message.kind) {
      case "status": {
        if (dossier.seq > message.seq) return { drop: true };
        const text = [
          t("notice-status", { ...about, status: t(`dossier-status-${dossier.status}`) }),
          ...statusDetails(t, catalogue, dossier),
          t("notice-footer", { code: dossier.code }),
        ].join("\n");
        return { replies: [{ text }] };
      }
      case "reminder": {
        if (dossier.status !== STATUS.ready || dossier.seq !== message.seq || dossier.readyAt === undefined) {
          return { drop: true };
        }
        const readyOn = displayDate(localTime(dossier.readyAt, deps.timeZone).date);
        const text = [t("reminder", { ...about, date: readyOn }), ...pickupLines(t, catalogue, dossier)].join("\n");
        return { replies: [{ text }] };
      }
      case "rating": {
        if (dossier.status !== STATUS.handedOver || (await deps.ratingFlow.isRated(dossier.key))) return { drop: true };
        return { replies: [deps.ratingFlow.question(t, dossier, t("rating-request", about))] };
      }
    }
  };
}
