import type { LiveCatalogue } from "../catalogue/live.js";
import type { Feature, FeatureContext, Reply } from "../core/types.js";
import type { Logger } from "../logger.js";
import type { RatingFlow, RatingStep } from "../ratings/flow.js";
import { type DossierChatState, FEATURE_NAME, type PendingLookup, readState, writeState } from "./chat-state.js";
import { codeKey, findCodeKeys, isCodeKey } from "./code.js";
import type { LookupGuard } from "./lockouts.js";
import { lookupDossier } from "./lookup.js";
import type { Hasher } from "./privacy.js";
import { describeDossier } from "./render.js";
import type { DossierRepository } from "./repository.js";
import { type Dossier, STATUS } from "./schema.js";
import type { SubscriptionRepository } from "./subscriptions.js";
import { displayClock } from "./time.js";

export interface DossierFeatureDeps {
  dossiers: DossierRepository;
  subscriptions: SubscriptionRepository;
  guard: LookupGuard;
  hasher: Hasher;
  ratingFlow: RatingFlow;
  catalogue: LiveCatalogue;
  /** Drops what the outbox still holds for a chat (/huy, /xoadulieu). */
  forgetChat(chatKey: string): Promise<void>;
  timeZone: string;
  logger: Logger;
  now: () => number;
}

const PENDING_TTL_MS = 10 * 60_000;
/** How long a proven lookup lets the chat see the dossier again, subscribe or rate without the digits. */
export const VERIFIED_TTL_MS = 24 * 3_600_000;
const MAX_SUBSCRIPTIONS = 20;
const MAX_REMEMBERED = 20;

/** Dossier lookup, notifications and ratings, as one plug-in of the core (choice prefix "d"). */
export function createDossierFeature(deps: DossierFeatureDeps): Feature {
  const flow = new DossierChat(deps);
  const lookup = (purpose: PendingLookup["purpose"]) => (ctx: FeatureContext, arg: string) =>
    flow.run(ctx, (st) => flow.start(ctx, st, arg, purpose));
  const stop = (ctx: FeatureContext, arg: string) => flow.run(ctx, (st) => flow.unsubscribe(ctx, st, arg));
  const erase = (ctx: FeatureContext) => flow.run(ctx, (st) => flow.deleteData(ctx, st));
  const rate = lookup("rate");
  return {
    name: FEATURE_NAME,
    commands: {
      hoso: lookup("lookup"),
      dossier: lookup("lookup"),
      danhgia: rate,
      rate,
      huy: stop,
      unsubscribe: stop,
      xoadulieu: erase,
      deletedata: erase,
    },
    choicePrefix: "d",
    onChoice: (ctx, id) => flow.run(ctx, (st) => flow.choice(ctx, st, id)),
    onText: (ctx, text) => flow.runMaybe(ctx, (st) => flow.text(ctx, st, text)),
  };
}

class DossierChat {
  constructor(private readonly deps: DossierFeatureDeps) {}

  /** Reads this feature's state, runs a step, writes the state back for the core to save. */
  async run(ctx: FeatureContext, step: (st: DossierChatState) => Promise<Reply[]>): Promise<Reply[]> {
    return (await this.runMaybe(ctx, step)) ?? [];
  }

  async runMaybe(
    ctx: FeatureContext,
    step: (st: DossierChatState) => Promise<Reply[] | undefined>,
  ): Promise<Reply[] | undefined> {
    const st = readState(ctx);
    const replies = await step(st);
    writeState(ctx, st);
    return replies;
  }

  /** /hoso [CODE] and /danhgia [CODE]. */
  async start(ctx: FeatureContext, st: DossierChatState, arg: string, purpose: PendingLookup["purpose"]) {
    const now = this.deps.now();
    st.rating = undefined;
    if (arg.trim() === "") {
      st.pending = { step: "code", purpose, at: now };
      return [{ text: ctx.t("dossier-ask-code"), choices: [this.cancel(ctx)] }];
    }
    const keys = readings(arg);
    if (keys.length === 0) {
      st.pending = { step: "code", purpose, at: now };
      return [{ text: ctx.t("dossier-bad-code"), choices: [this.cancel(ctx)] }];
    }
    return this.askDigits(ctx, st, keys, purpose);
  }

  async text(ctx: FeatureContext, st: DossierChatState, text: string): Promise<Reply[] | undefined> {
    const now = this.deps.now();
    if (st.rating && this.deps.ratingFlow.waitsForComment(st.rating, now)) {
      return this.apply(st, await this.deps.ratingFlow.comment(ctx.t, st.rating, text));
    }
    const pending = st.pending && now - st.pending.at < PENDING_TTL_MS ? st.pending : undefined;
    st.pending = pending;
    if (pending?.step === "digits" && pending.keys) {
      const digits = text.replace(/[\s.()+-]/g, "");
      if (/^\d+$/.test(digits)) {
        if (digits.length < 4) return [{ text: ctx.t("dossier-bad-digits"), choices: [this.cancel(ctx)] }];
        return this.verify(ctx, st, pending, digits.slice(-4));
      }
    }
    const keys = readings(text, pending?.step === "code");
    if (keys.length > 0) return this.askDigits(ctx, st, keys, pending?.purpose ?? "lookup");
    if (pending?.step === "code" && /\d/.test(text)) {
      return [{ text: ctx.t("dossier-bad-code"), choices: [this.cancel(ctx)] }];
    }
    // Anything else is a question for search; a half-done lookup is dropped.
    st.pending = undefined;
    return undefined;
  }

  async choice(ctx: FeatureContext, st: DossierChatState, id: string): Promise<Reply[]> {
    const [, action = "", a = "", b = ""] = id.split(":");
    const now = this.deps.now();
    switch (action) {
      case "x":
        st.pending = undefined;
        return [{ text: ctx.t("dossier-cancelled") }];
      case "s":
        return this.subscribe(ctx, st, a);
      case "u":
        return this.unsubscribe(ctx, st, a);
      case "a": {
        const dossier = await this.authorised(ctx, st, a);
        if (!dossier) return [{ text: ctx.t("dossier-verify-first") }];
        return (
          (await this.deps.ratingFlow.refusal(ctx.t, dossier)) ?? [
            this.deps.ratingFlow.question(ctx.t, dossier, ctx.t("rating-intro", { code: dossier.code })),
          ]
        );
      }
      case "r": {
        const dossier = await this.authorised(ctx, st, a);
        if (!dossier) return [{ text: ctx.t("dossier-verify-first") }];
        return this.apply(st, await this.deps.ratingFlow.chooseLevel(ctx.t, dossier, b, now));
      }
      case "c":
        return this.apply(st, await this.deps.ratingFlow.answer(ctx.t, st.rating, a, b, now));
      case "k":
        return this.apply(st, this.deps.ratingFlow.skip(ctx.t, st.rating));
    }
    return [{ text: ctx.t("expired-choice") }];
  }

  /** /huy [CODE]: stops notifications for one dossier or for all of the chat's. */
  async unsubscribe(ctx: FeatureContext, _st: DossierChatState, arg: string): Promise<Reply[]> {
    const { subscriptions } = this.deps;
    const key = arg.trim() ? codeKey(arg) : undefined;
    if (key) {
      await subscriptions.remove(ctx.chatKey, key);
      if ((await subscriptions.codesOf(ctx.chatKey)).length === 0) await this.deps.forgetChat(ctx.chatKey);
      return [{ text: ctx.t("dossier-unsubscribed") }];
    }
    const count = await subscriptions.removeChat(ctx.chatKey);
    await this.deps.forgetChat(ctx.chatKey);
    return [{ text: ctx.t("dossier-unsubscribed-all", { count }) }];
  }

  /** /xoadulieu: the chat's links, its lookup history, its queued messages, its place in a rating. */
  async deleteData(ctx: FeatureContext, st: DossierChatState): Promise<Reply[]> {
    const links = await this.deps.subscriptions.removeChat(ctx.chatKey);
    await this.deps.forgetChat(ctx.chatKey);
    for (const field of Object.keys(st) as (keyof DossierChatState)[]) delete st[field];
    return [{ text: ctx.t("dossier-data-deleted", { links }) }];
  }

  private async askDigits(
    ctx: FeatureContext,
    st: DossierChatState,
    keys: string[],
    purpose: PendingLookup["purpose"],
  ): Promise<Reply[]> {
    const now = this.deps.now();
    for (const key of keys) {
      const verdict = this.deps.guard.check(ctx.chatKey, key, now);
      if (verdict.kind !== "open") {
        st.pending = undefined;
        return [this.lockedReply(ctx, verdict)];
      }
    }
    for (const key of keys) {
      const proven = await this.verifiedDossier(st, key);
      if (proven) return this.found(ctx, st, proven, purpose);
    }
    st.pending = { step: "digits", purpose, keys, at: now };
    return [{ text: ctx.t("dossier-ask-digits", { code: keys[0] as string }), choices: [this.cancel(ctx)] }];
  }

  private async verify(ctx: FeatureContext, st: DossierChatState, pending: PendingLookup, last4: string) {
    const keys = pending.keys ?? [];
    const key = keys[0] ?? "";
    const outcome = await lookupDossier(this.deps, ctx.chatKey, keys, last4, this.deps.now());
    switch (outcome.kind) {
      case "found":
        st.pending = undefined;
        this.remember(st, outcome.dossier.key);
        return this.found(ctx, st, outcome.dossier, pending.purpose);
      case "mismatch":
        // The same words for an unknown code and for wrong digits; the chat may try again.
        st.pending = { ...pending, at: this.deps.now() };
        return [
          {
            text: ctx.t("dossier-mismatch", { code: key, remaining: outcome.remaining }),
            choices: [this.cancel(ctx)],
          },
        ];
      default:
        this.deps.logger.info({ lockout: outcome.kind }, "dossier lookups locked after repeated failures");
        st.pending = undefined;
        return [this.lockedReply(ctx, outcome)];
    }
  }

  private async found(ctx: FeatureContext, st: DossierChatState, dossier: Dossier, purpose: PendingLookup["purpose"]) {
    st.pending = undefined;
    if (purpose === "rate") {
      return (
        (await this.deps.ratingFlow.refusal(ctx.t, dossier)) ?? [
          this.deps.ratingFlow.question(ctx.t, dossier, ctx.t("rating-intro", { code: dossier.code })),
        ]
      );
    }
    const { catalogue } = this.deps.catalogue.current();
    const subscribed = (await this.deps.subscriptions.chatsOf(dossier.key)).includes(ctx.chatKey);
    const choices = [
      subscribed
        ? { id: `d:u:${dossier.key}`, label: ctx.t("dossier-unsubscribe") }
        : { id: `d:s:${dossier.key}`, label: ctx.t("dossier-subscribe") },
    ];
    if (dossier.status === STATUS.handedOver && !(await this.deps.ratingFlow.isRated(dossier.key))) {
      choices.push({ id: `d:a:${dossier.key}`, label: ctx.t("dossier-rate") });
    }
    const text = describeDossier(ctx.t, catalogue, dossier, this.deps.now(), this.deps.timeZone);
    return [{ text, choices }];
  }

  private async subscribe(ctx: FeatureContext, st: DossierChatState, key: string): Promise<Reply[]> {
    const dossier = await this.verifiedDossier(st, key);
    if (!dossier) return [{ text: ctx.t("dossier-verify-first") }];
    const { subscriptions } = this.deps;
    const mine = await subscriptions.codesOf(ctx.chatKey);
    if (mine.includes(key)) return [{ text: ctx.t("dossier-already-subscribed", { code: dossier.code }) }];
    if (mine.length >= MAX_SUBSCRIPTIONS) {
      return [{ text: ctx.t("dossier-too-many-subscriptions", { max: MAX_SUBSCRIPTIONS }) }];
    }
    await subscriptions.add(ctx.chatKey, key, this.deps.now()); // on disk before we say so
    return [{ text: ctx.t("dossier-subscribed", { code: dossier.code }) }];
  }

  /** A dossier the chat may act on: proven recently, or followed (it was proven to subscribe). */
  private async authorised(ctx: FeatureContext, st: DossierChatState, key: string): Promise<Dossier | undefined> {
    const proven = await this.verifiedDossier(st, key);
    if (proven) return proven;
    const follows = (await this.deps.subscriptions.chatsOf(key)).includes(ctx.chatKey);
    return follows ? this.deps.dossiers.get(key) : undefined;
  }

  private async verifiedDossier(st: DossierChatState, key: string): Promise<Dossier | undefined> {
    const at = st.verified?.[key];
    return at !== undefined && this.deps.now() - at < VERIFIED_TTL_MS ? this.deps.dossiers.get(key) : undefined;
  }

  private remember(st: DossierChatState, key: string): void {
    const now = this.deps.now();
    const kept = Object.entries(st.verified ?? {})
      .filter(([k, at]) => k !== key && now - at < VERIFIED_TTL_MS)
      .slice(-(MAX_REMEMBERED - 1));
    st.verified = Object.fromEntries([...kept, [key, now]]);
  }

  private apply(st: DossierChatState, step: RatingStep): Reply[] {
    st.rating = step.progress;
    return step.replies;
  }

  private lockedReply(
    ctx: FeatureContext,
    verdict: { kind: "chat-locked"; until: number } | { kind: "dossier-locked" },
  ) {
    return verdict.kind === "chat-locked"
      ? { text: ctx.t("dossier-chat-locked", { time: displayClock(verdict.until, this.deps.timeZone) }) }
      : { text: ctx.t("dossier-code-locked") };
  }

  private cancel(ctx: FeatureContext) {
    return { id: "d:x", label: ctx.t("dossier-cancel") };
  }
}

/** The readings of a code in a text; `loose` also takes a bare code of another shape (after /hoso). */
function readings(text: string, loose = true): string[] {
  const keys = findCodeKeys(text);
  if (keys.length === 0 && loose && isCodeKey(codeKey(text))) keys.push(codeKey(text));
  return keys;
}
