import type { LiveCatalogue } from "../catalogue/live.js";
import { choiceKind } from "../core/choice-id.js";
import type { Choice, Feature, FeatureContext, Reply } from "../core/types.js";
import { codeKey, findCodeKeys, isCodeKey, MAX_SCAN_CHARS } from "../dossiers/code.js";
import type { LookupGuard } from "../dossiers/lockouts.js";
import { lookupDossier } from "../dossiers/lookup.js";
import type { Hasher } from "../dossiers/privacy.js";
import { describeDossier } from "../dossiers/render.js";
import type { DossierRepository } from "../dossiers/repository.js";
import { type Dossier, STATUS } from "../dossiers/schema.js";
import type { SubscriptionRepository } from "../dossiers/subscriptions.js";
import type { Logger } from "../logger.js";
import type { RatingFlow } from "../ratings/flow.js";
import { displayClock } from "../time/local.js";
import { type DossierChatState, FEATURE_NAME, type PendingLookup, readState, writeState } from "./dossier-state.js";

/** What the service opens for dossier lookups (createAssistant's `dossiers`). */
export interface DossierServices {
  dossiers: DossierRepository;
  subscriptions: SubscriptionRepository;
  guard: LookupGuard;
  hasher: Hasher;
  /** Drops what the outbox still holds for a chat (/huy, /xoadulieu). */
  forgetChat(chatKey: string): Promise<void>;
  timeZone: string;
  logger: Logger;
  now: () => number;
}

export interface DossierFeatureDeps extends DossierServices {
  catalogue: LiveCatalogue;
  /** Ratings, when on: a verified /danhgia hands the dossier over; a handed-over dossier offers its rating. */
  ratings?: {
    flow: RatingFlow;
    /** Ends the chat's place in a rating (a new lookup, /xoadulieu). */
    end(ctx: FeatureContext): void;
  };
}

/** The dossier feature's choices; dossier keys are ≤ 56 characters (CODE_KEY), so each fits a button. */
export const DOSSIER_CHOICES = {
  cancel: choiceKind("d:x", []),
  subscribe: choiceKind("d:s", ["key"]),
  unsubscribe: choiceKind("d:u", ["key"]),
};

const PENDING_TTL_MS = 10 * 60_000;
/** How long a proven lookup lets the chat see the dossier again, subscribe or rate without the digits. */
export const VERIFIED_TTL_MS = 24 * 3_600_000;
const MAX_SUBSCRIPTIONS = 20;
const MAX_REMEMBERED = 20;

/** Dossier lookup (/hoso, /danhgia first proves the dossier too), notification opt-in, /huy, /xoadulieu. */
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
    choicePrefixes: ["d"],
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
    this.deps.ratings?.end(ctx);
    if (arg.trim() === "") {
      st.pending = { step: "code", purpose, at: now };
      return [{ text: ctx.t("dossier-ask-code"), choices: [this.cancel(ctx)] }];
    }
    const keys = readings(arg);
    if (keys.length === 0) {
      st.pending = { step: "code", purpose, at: now };
      return [{ text: ctx.t("dossier-bad-code"), choices: [this.cancel(ctx)] }];
    }
    return this.askDigits(ctx, st, keys, purpose, asWritten(arg, keys[0] as string));
  }

  async text(ctx: FeatureContext, st: DossierChatState, text: string): Promise<Reply[] | undefined> {
    const now = this.deps.now();
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
    if (keys.length > 0) {
      return this.askDigits(ctx, st, keys, pending?.purpose ?? "lookup", asWritten(text, keys[0] as string));
    }
    if (pending?.step === "code" && /\d/.test(text)) {
      return [{ text: ctx.t("dossier-bad-code"), choices: [this.cancel(ctx)] }];
    }
    // Anything else is a question for search; a half-done lookup is dropped.
    st.pending = undefined;
    return undefined;
  }

  async choice(ctx: FeatureContext, st: DossierChatState, id: string): Promise<Reply[]> {
    if (DOSSIER_CHOICES.cancel.unpack(id)) {
      st.pending = undefined;
      return [{ text: ctx.t("dossier-cancelled") }];
    }
    const subscribe = DOSSIER_CHOICES.subscribe.unpack(id);
    if (subscribe) return this.subscribe(ctx, st, subscribe.key);
    const unsubscribe = DOSSIER_CHOICES.unsubscribe.unpack(id);
    if (unsubscribe) return this.unsubscribe(ctx, st, unsubscribe.key);
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
    // Every dossier the chat was linked to: those it follows and those it proved it may see.
    const linked = new Set([
      ...(await this.deps.subscriptions.codesOf(ctx.chatKey)),
      ...Object.keys(st.verified ?? {}),
    ]);
    const followed = await this.deps.subscriptions.removeChat(ctx.chatKey);
    const links = Math.max(linked.size, followed);
    await this.deps.forgetChat(ctx.chatKey);
    for (const field of Object.keys(st) as (keyof DossierChatState)[]) delete st[field];
    this.deps.ratings?.end(ctx);
    return [{ text: ctx.t("dossier-data-deleted", { links }) }];
  }

  private async askDigits(
    ctx: FeatureContext,
    st: DossierChatState,
    keys: string[],
    purpose: PendingLookup["purpose"],
    /** The code as the citizen wrote it, shown back as on the slip. */
    written: string,
  ): Promise<Reply[]> {
    const now = this.deps.now();
    for (const key of keys) {
      const verdict = await this.deps.guard.check(ctx.chatKey, key, now);
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
    return [{ text: ctx.t("dossier-ask-digits", { code: written }), choices: [this.cancel(ctx)] }];
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
    const ratings = this.deps.ratings?.flow;
    if (purpose === "rate") return ratings ? ratings.offer(ctx.t, dossier) : [{ text: ctx.t("unknown-command") }];
    const { catalogue } = this.deps.catalogue.current();
    const subscribed = (await this.deps.subscriptions.chatsOf(dossier.key)).includes(ctx.chatKey);
    const choices: Choice[] = [
      subscribed
        ? { id: DOSSIER_CHOICES.unsubscribe.pack({ key: dossier.key }), label: ctx.t("dossier-unsubscribe") }
        : { id: DOSSIER_CHOICES.subscribe.pack({ key: dossier.key }), label: ctx.t("dossier-subscribe") },
    ];
    if (ratings && dossier.status === STATUS.handedOver && !(await ratings.isRated(dossier.key))) {
      choices.push(ratings.startChoice(ctx.t, dossier.key));
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

  private verifiedDossier(st: DossierChatState, key: string): Promise<Dossier | undefined> {
    return verifiedDossier(this.deps, st, key);
  }

  private remember(st: DossierChatState, key: string): void {
    const now = this.deps.now();
    const kept = Object.entries(st.verified ?? {})
      .filter(([k, at]) => k !== key && now - at < VERIFIED_TTL_MS)
      .slice(-(MAX_REMEMBERED - 1));
    st.verified = Object.fromEntries([...kept, [key, now]]);
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
    return { id: DOSSIER_CHOICES.cancel.pack({}), label: ctx.t("dossier-cancel") };
  }
}

/**
 * The code as the citizen wrote it in `text` ("000.31.20.h49 - 251103-0012" → "000.31.20.H49-251103-0012"),
 * so the prompt shows it as on the slip, not as the folded lookup key. It is their own writing:
 * showing it back says nothing about whether such a dossier exists.
 */
function asWritten(text: string, key: string): string {
  const src = text.slice(0, MAX_SCAN_CHARS);
  for (let i = 0; i < src.length; i++) {
    if (codeKey(src[i] as string) !== key[0]) continue;
    let folded = "";
    for (let j = i; j < src.length; j++) {
      folded += codeKey(src[j] as string);
      if (!key.startsWith(folded)) break;
      if (folded === key) {
        return src
          .slice(i, j + 1)
          .toUpperCase()
          .replace(/\s*[‐-―−-]\s*/g, "-")
          .replace(/\s+/g, " ");
      }
    }
  }
  return key;
}

/** The readings of a code in a text; `loose` also takes a bare code of another shape (after /hoso). */
function readings(text: string, loose = true): string[] {
  const keys = findCodeKeys(text);
  if (keys.length === 0 && loose && isCodeKey(codeKey(text))) keys.push(codeKey(text));
  return keys;
}

function verifiedDossier(deps: DossierServices, st: DossierChatState, key: string): Promise<Dossier | undefined> {
  const at = st.verified?.[key];
  return at !== undefined && deps.now() - at < VERIFIED_TTL_MS ? deps.dossiers.get(key) : Promise.resolve(undefined);
}

/**
 * A dossier the chat may act on (rate): proven in this chat recently, or followed (it was
 * proven to subscribe). For other features; the proof stays the dossier feature's.
 */
export async function authorisedDossier(
  deps: DossierServices,
  ctx: FeatureContext,
  key: string,
): Promise<Dossier | undefined> {
  const proven = await verifiedDossier(deps, readState(ctx), key);
  if (proven) return proven;
  const follows = (await deps.subscriptions.chatsOf(key)).includes(ctx.chatKey);
  return follows ? deps.dossiers.get(key) : undefined;
}
