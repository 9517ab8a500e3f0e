import { cleanText, fold } from "../search/normalize.js";
import { KeyedQueue } from "../util/keyed-queue.js";
import { choiceKind, prefixOf } from "./choice-id.js";
import { type Language, languageFromCode, Translator } from "./i18n.js";
import type { RateLimiter } from "./rate-limit.js";
import type {
  Choice,
  ConversationState,
  ConversationStore,
  Feature,
  FeatureContext,
  Incoming,
  Reply,
} from "./types.js";

/** A menu button that opens a feature by name ("m:browse", "m:help"); unknown names open the home feature. */
export const MENU_CHOICE = choiceKind("m", ["feature"]);

export interface RouterDeps {
  conversations: ConversationStore;
  /** In order: free text goes to each until one takes it, so the catch-all (search answers) comes last. */
  features: readonly Feature[];
  translator?: Translator;
  /** Per-chat limit on incoming messages (every channel gets it, since it lives here). */
  rateLimiter?: RateLimiter;
  /** The feature a stale or unknown menu button opens (the welcome). */
  home?: string;
  now?: () => number;
}

export interface IncomingContext {
  /** The client's language (Telegram's language_code), used until the user picks one. */
  languageCode?: string;
}

/**
 * The channel-agnostic assistant: a message or a picked choice in, replies out. It is a router:
 * rate limit, one message per chat at a time, the conversation state, and dispatch of text,
 * commands and choices to the features, which do the rest. Build it with createAssistant
 * (src/features/index.ts).
 */
export class Assistant {
  readonly translator: Translator;
  private readonly features: readonly Feature[];
  private readonly byPrefix = new Map<string, Feature>();
  /** Messages of one chat are handled one after another, so its state never races. */
  private readonly queue = new KeyedQueue();
  private readonly now: () => number;

  constructor(private readonly deps: RouterDeps) {
    this.translator = deps.translator ?? new Translator();
    this.features = deps.features;
    this.now = deps.now ?? Date.now;
    for (const feature of this.features) {
      for (const prefix of feature.choicePrefixes ?? []) {
        const owner = this.byPrefix.get(prefix);
        if (owner || prefix === MENU_CHOICE.prefix) {
          throw new Error(`choice prefix "${prefix}" of ${feature.name} is taken by ${owner?.name ?? "the menu"}`);
        }
        this.byPrefix.set(prefix, feature);
      }
    }
  }

  /** `chatKey` is channel + chat id, e.g. "telegram:123". */
  handle(chatKey: string, incoming: Incoming, context: IncomingContext = {}): Promise<Reply[]> {
    return this.queue.run(chatKey, () => this.handleNow(chatKey, incoming, context));
  }

  /**
   * A message the bot sent on its own (a rating request) offered these choices: they become the
   * chat's last choices, so on a text-only channel (Zalo) "1" or a choice's words pick from them,
   * as they would after an answer. Queued behind the chat's messages; no choices change nothing.
   */
  offered(chatKey: string, replies: readonly Reply[]): Promise<void> {
    const choices = replies.flatMap((r) => r.choices ?? []);
    if (choices.length === 0) return Promise.resolve();
    return this.queue.run(chatKey, async () => {
      const state = (await this.deps.conversations.get(chatKey)) ?? { lang: "vi" };
      state.lastChoices = choices;
      await this.deps.conversations.set(chatKey, state);
    });
  }

  /** Resolves once no chat has a message (or an `offered`) in progress; for a clean shutdown. */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  /** The language a chat uses, for messages the bot sends on its own (notifications, reminders). */
  async languageOf(chatKey: string): Promise<Language> {
    return (await this.deps.conversations.get(chatKey))?.lang ?? "vi";
  }

  private async handleNow(chatKey: string, incoming: Incoming, context: IncomingContext): Promise<Reply[]> {
    const stored = await this.deps.conversations.get(chatKey);
    const state: ConversationState = stored ?? { lang: languageFromCode(context.languageCode) };
    if (!state.langChosen && context.languageCode) state.lang = languageFromCode(context.languageCode);
    const t = (id: string, args?: Record<string, string | number>) => this.translator.t(state.lang, id, args);
    const limit = this.deps.rateLimiter?.take(chatKey);
    if (limit?.verdict === "drop") return [];
    if (limit?.verdict === "warn") return [{ text: t("too-many", { seconds: limit.retryAfterSec }) }];
    const ctx: FeatureContext = { chatKey, state, t, now: this.now() };

    const replies =
      incoming.kind === "choice" ? await this.onChoice(ctx, incoming.id) : await this.onText(ctx, incoming.text);
    const offered = replies.flatMap((r) => r.choices ?? []);
    if (offered.length > 0 || !ctx.keepChoices) state.lastChoices = offered.length > 0 ? offered : undefined;
    await this.deps.conversations.set(chatKey, state);
    return replies;
  }

  private async onText(ctx: FeatureContext, raw: string): Promise<Reply[]> {
    const text = cleanText(raw);
    if (text === "") return [{ text: ctx.t("empty-message") }];
    const picked = pickFromText(text, ctx.state.lastChoices);
    if (picked) return this.onChoice(ctx, picked.id);
    if (text.startsWith("/")) return this.onCommand(ctx, text);
    for (const feature of this.features) {
      const taken = await feature.onText?.(ctx, text);
      if (taken) return taken;
    }
    return [{ text: ctx.t("empty-message") }];
  }

  private async onCommand(ctx: FeatureContext, text: string): Promise<Reply[]> {
    const [head = "", ...rest] = text.split(" ");
    const command = head.slice(1).split("@")[0]?.toLowerCase() ?? "";
    const arg = rest.join(" ").trim();
    for (const feature of this.features) {
      // Own keys only: "/constructor" or "/__proto__" must not reach Object.prototype.
      const run = feature.commands && Object.hasOwn(feature.commands, command) ? feature.commands[command] : undefined;
      if (run) return run(ctx, arg);
    }
    return [{ text: ctx.t("unknown-command") }];
  }

  private async onChoice(ctx: FeatureContext, id: string): Promise<Reply[]> {
    const menu = MENU_CHOICE.unpack(id);
    if (menu) {
      const opened =
        this.features.find((f) => f.name === menu.feature && f.open) ??
        this.features.find((f) => f.name === (this.deps.home ?? "welcome") && f.open);
      if (opened?.open) return opened.open(ctx);
    }
    const former = this.features.find((f) =>
      f.formerChoiceHeads?.some((head) => id === head || id.startsWith(`${head}:`)),
    );
    const owner = former ?? this.byPrefix.get(prefixOf(id));
    if (owner?.onChoice) return owner.onChoice(ctx, id);
    return [{ text: ctx.t("expired-choice") }];
  }
}

/** "2" picks the second choice offered; so does typing a choice's label. */
function pickFromText(text: string, choices: Choice[] | undefined): Choice | undefined {
  if (!choices || choices.length === 0) return undefined;
  const number = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text);
  if (number) return choices[Number(number[1]) - 1];
  const folded = fold(text).trim();
  return choices.find((c) => fold(c.label) === folded);
}
