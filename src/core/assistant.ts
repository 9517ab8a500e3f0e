import type { LiveCatalogue } from "../catalogue/live.js";
import type { Procedure } from "../catalogue/schema.js";
import { cleanText, fold, tokenize } from "../search/normalize.js";
import { officeText, renderSection, SECTIONS, type Section } from "./format.js";
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

const SECTION_KEY: Record<Section, string> = {
  general: "g",
  documents: "d",
  fee: "f",
  time: "t",
  place: "l",
  steps: "s",
  online: "o",
};
const SECTION_BY_KEY = new Map(Object.entries(SECTION_KEY).map(([s, k]) => [k, s as Section]));
const FIELD_PAGE = 8;
const LABEL_MAX = 60;

const GREETINGS = new Set(["xin chao", "chao", "chao ban", "hello", "hi", "alo", "menu", "bat dau", "start"]);
const HELP_WORDS = new Set(["help", "tro giup", "huong dan", "giup"]);
const TO_ENGLISH = new Set(["english", "tieng anh"]);
const TO_VIETNAMESE = new Set(["tieng viet", "vietnamese"]);

export interface AssistantDeps {
  catalogue: LiveCatalogue;
  conversations: ConversationStore;
  translator?: Translator;
  features?: Feature[];
  /** Per-chat limit on incoming messages (every channel gets it, since it lives here). */
  rateLimiter?: RateLimiter;
  /** Where "helpful / not helpful" taps on answers are kept; without it the buttons are not offered. */
  answerFeedback?: AnswerFeedbackSink;
}

export interface AnswerFeedbackSink {
  record(chatKey: string, procedureCode: string, helpful: boolean): Promise<void>;
}

export interface IncomingContext {
  /** The client's language (Telegram's language_code), used until the user picks one. */
  languageCode?: string;
}

/** The channel-agnostic assistant: a message or a picked choice in, replies out. */
export class Assistant {
  readonly translator: Translator;
  private readonly features: Feature[];
  /** Messages of one chat are handled one after another, so its state never races. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: AssistantDeps) {
    this.translator = deps.translator ?? new Translator();
    this.features = deps.features ?? [];
  }

  /** `chatKey` is channel + chat id, e.g. "telegram:123". */
  handle(chatKey: string, incoming: Incoming, context: IncomingContext = {}): Promise<Reply[]> {
    return this.inTurn(chatKey, () => this.handleNow(chatKey, incoming, context));
  }

  /**
   * A message the bot sent on its own (a rating request) offered these choices: they become the
   * chat's last choices, so on a text-only channel (Zalo) "1" or a choice's words pick from them,
   * as they would after an answer. Queued behind the chat's messages; no choices change nothing.
   */
  offered(chatKey: string, replies: readonly Reply[]): Promise<void> {
    const choices = replies.flatMap((r) => r.choices ?? []);
    if (choices.length === 0) return Promise.resolve();
    return this.inTurn(chatKey, async () => {
      const state = (await this.deps.conversations.get(chatKey)) ?? { lang: "vi" };
      state.lastChoices = choices;
      await this.deps.conversations.set(chatKey, state);
    });
  }

  /** Runs `work` after everything already queued for the chat, so its state never races. */
  private inTurn<T>(chatKey: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(chatKey) ?? Promise.resolve();
    const run = previous.then(work);
    const settled = run.catch(() => undefined);
    this.queues.set(chatKey, settled);
    void settled.then(() => {
      if (this.queues.get(chatKey) === settled) this.queues.delete(chatKey);
    });
    return run;
  }

  /** Resolves once no chat has a message (or an `offered`) in progress; for a clean shutdown. */
  async idle(): Promise<void> {
    for (let i = 0; i < 100 && this.queues.size > 0; i++) await Promise.allSettled([...this.queues.values()]);
  }

  /** The language a chat uses, for messages the bot sends on its own (notifications, reminders). */
  async languageOf(chatKey: string): Promise<Language> {
    return (await this.deps.conversations.get(chatKey))?.lang ?? "vi";
  }

  private async handleNow(chatKey: string, incoming: Incoming, context: IncomingContext): Promise<Reply[]> {
    const stored = await this.deps.conversations.get(chatKey);
    const state: ConversationState = stored ?? { lang: languageFromCode(context.languageCode) };
    if (!state.langChosen && context.languageCode) state.lang = languageFromCode(context.languageCode);
    const limit = this.deps.rateLimiter?.take(chatKey);
    if (limit?.verdict === "drop") return [];
    if (limit?.verdict === "warn") return [{ text: this.t(state, "too-many", { seconds: limit.retryAfterSec }) }];
    const ctx: FeatureContext = { chatKey, state, t: (id, args) => this.t(state, id, args) };

    const replies =
      incoming.kind === "choice" ? await this.onChoice(ctx, incoming.id) : await this.onText(ctx, incoming.text);
    const offered = replies.flatMap((r) => r.choices ?? []);
    state.lastChoices = offered.length > 0 ? offered : undefined;
    await this.deps.conversations.set(chatKey, state);
    return replies;
  }

  private t(state: ConversationState, id: string, args?: Record<string, string | number>): string {
    return this.translator.t(state.lang, id, args);
  }

  private async onText(ctx: FeatureContext, raw: string): Promise<Reply[]> {
    const { state } = ctx;
    const text = cleanText(raw);
    if (text === "") return [{ text: this.t(state, "empty-message") }];

    const picked = pickFromText(text, state.lastChoices);
    if (picked) return this.onChoice(ctx, picked.id);

    if (text.startsWith("/")) return this.onCommand(ctx, text);

    const words = tokenize(text).join(" ");
    if (GREETINGS.has(words)) return this.greet(state);
    if (HELP_WORDS.has(words)) return [{ text: this.t(state, "help") }];
    if (TO_ENGLISH.has(words)) return this.setLanguage(state, "en");
    if (TO_VIETNAMESE.has(words)) return this.setLanguage(state, "vi");
    for (const feature of this.features) {
      const taken = await feature.onText?.(ctx, text);
      if (taken) return taken;
    }
    return this.answer(state, text);
  }

  private async onCommand(ctx: FeatureContext, text: string): Promise<Reply[]> {
    const { state } = ctx;
    const [head = "", ...rest] = text.split(" ");
    const command = head.slice(1).split("@")[0]?.toLowerCase() ?? "";
    const arg = rest.join(" ").trim();
    switch (command) {
      case "start":
        return this.greet(state);
      case "help":
      case "huongdan":
        return [{ text: this.t(state, "help") }];
      case "tim":
      case "search":
        return arg ? this.answer(state, arg) : [{ text: this.t(state, "empty-message") }];
      case "linhvuc":
      case "fields":
        return this.listFields(state);
      case "ngonngu":
      case "language":
      case "lang":
        return this.chooseLanguage(state);
    }
    for (const feature of this.features) {
      // Own keys only: "/constructor" or "/__proto__" must not reach Object.prototype.
      const run = feature.commands && Object.hasOwn(feature.commands, command) ? feature.commands[command] : undefined;
      if (run) return run(ctx, arg);
    }
    return [{ text: this.t(state, "unknown-command") }];
  }

  private async onChoice(ctx: FeatureContext, id: string): Promise<Reply[]> {
    const { state } = ctx;
    const [kind = "", a = "", b = ""] = id.split(":");
    const { catalogue } = this.deps.catalogue.current();
    switch (kind) {
      case "p": {
        const procedure = catalogue.procedures.find((p) => p.code === a);
        const section = SECTION_BY_KEY.get(b) ?? "general";
        return procedure
          ? [this.procedureReply(state, procedure, section)]
          : [{ text: this.t(state, "expired-choice") }];
      }
      case "f":
        return this.listField(state, a, Number(b) || 0);
      case "m":
        if (a === "browse") return this.listFields(state);
        if (a === "help") return [{ text: this.t(state, "help") }];
        return this.greet(state);
      case "lang":
        return this.setLanguage(state, a === "en" ? "en" : "vi");
      case "h":
        if (!this.deps.answerFeedback || !catalogue.procedures.some((p) => p.code === a)) break;
        await this.deps.answerFeedback.record(ctx.chatKey, a, b === "1");
        return [{ text: this.t(state, "answer-thanks") }];
    }
    const owner = this.features.find((f) => f.choicePrefix === kind && f.onChoice);
    if (owner?.onChoice) return owner.onChoice(ctx, id);
    return [{ text: this.t(state, "expired-choice") }];
  }

  private greet(state: ConversationState): Reply[] {
    const { catalogue } = this.deps.catalogue.current();
    return [
      {
        text: this.t(state, "greeting", { office: catalogue.defaultOffice.name }),
        choices: [
          { id: "m:browse", label: this.t(state, "menu-browse") },
          { id: "m:help", label: this.t(state, "menu-help") },
          { id: state.lang === "vi" ? "lang:en" : "lang:vi", label: this.t(state, "menu-language") },
        ],
      },
    ];
  }

  private chooseLanguage(state: ConversationState): Reply[] {
    return [
      {
        text: this.t(state, "choose-language"),
        choices: [
          { id: "lang:vi", label: "Tiếng Việt" },
          { id: "lang:en", label: "English" },
        ],
      },
    ];
  }

  private setLanguage(state: ConversationState, lang: Language): Reply[] {
    state.lang = lang;
    state.langChosen = true;
    return [{ text: this.t(state, "language-set") }, ...this.greet(state)];
  }

  private answer(state: ConversationState, text: string): Reply[] {
    const { search, catalogue } = this.deps.catalogue.current();
    const outcome = search.search(text);
    const [top] = outcome.hits;
    if (outcome.decision === "answer" && top) return [this.procedureReply(state, top.procedure, outcome.intent)];
    if (outcome.decision === "choose") {
      const key = SECTION_KEY[outcome.intent];
      return [
        {
          text: this.t(state, "choose-procedure"),
          choices: outcome.hits.map((h) => ({ id: `p:${h.procedure.code}:${key}`, label: shorten(h.procedure.name) })),
        },
      ];
    }
    const contact = officeText((id, args) => this.t(state, id, args), catalogue.defaultOffice);
    return [
      {
        text: this.t(state, "not-found", { contact }),
        choices: [{ id: "m:browse", label: this.t(state, "menu-browse") }],
      },
    ];
  }

  private procedureReply(state: ConversationState, procedure: Procedure, section: Section): Reply {
    const { catalogue } = this.deps.catalogue.current();
    return {
      text: renderSection(this.translator, state.lang, catalogue, procedure, section),
      choices: [
        ...SECTIONS.filter((s) => s !== section).map((s) => ({
          id: `p:${procedure.code}:${SECTION_KEY[s]}`,
          label: this.t(state, `section-${s}`),
        })),
        ...(this.deps.answerFeedback
          ? [
              { id: `h:${procedure.code}:1`, label: this.t(state, "answer-helpful") },
              { id: `h:${procedure.code}:0`, label: this.t(state, "answer-not-helpful") },
            ]
          : []),
      ],
    };
  }

  private listFields(state: ConversationState): Reply[] {
    const fields = fieldsOf(this.deps.catalogue.current().catalogue.procedures);
    return [
      {
        text: this.t(state, "choose-field"),
        choices: fields.map((f) => ({ id: `f:${slug(f)}`, label: f })),
      },
    ];
  }

  private listField(state: ConversationState, fieldSlug: string, page: number): Reply[] {
    const procedures = this.deps.catalogue.current().catalogue.procedures;
    const field = fieldsOf(procedures).find((f) => slug(f) === fieldSlug);
    if (!field) return [{ text: this.t(state, "expired-choice") }];
    const inField = procedures.filter((p) => p.field === field);
    const shown = inField.slice(page * FIELD_PAGE, (page + 1) * FIELD_PAGE);
    const choices: Choice[] = shown.map((p) => ({ id: `p:${p.code}:g`, label: shorten(p.name) }));
    if ((page + 1) * FIELD_PAGE < inField.length) {
      choices.push({ id: `f:${fieldSlug}:${page + 1}`, label: this.t(state, "more") });
    }
    return [{ text: this.t(state, "choose-in-field", { field }), choices }];
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

function fieldsOf(procedures: readonly Procedure[]): string[] {
  return [...new Set(procedures.map((p) => p.field))].sort((a, b) => a.localeCompare(b, "vi"));
}

function slug(text: string): string {
  return tokenize(text).join("-").slice(0, 40);
}

function shorten(label: string): string {
  return label.length <= LABEL_MAX ? label : `${label.slice(0, LABEL_MAX - 1).trimEnd()}…`;
}
