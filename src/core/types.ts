import { z } from "zod";
import { LANGUAGES, type Language, type Translate } from "./i18n.js";

/** Something the user can pick. `id` is short (Telegram callback data ≤ 64 bytes). */
export const ChoiceSchema = z.object({ id: z.string(), label: z.string() });
export type Choice = z.infer<typeof ChoiceSchema>;

/** One message to the user; each channel decides how to show the choices. (A schema: replies are kept on disk while being sent.) */
export const ReplySchema = z.object({ text: z.string(), choices: z.array(ChoiceSchema).optional() });
export type Reply = z.infer<typeof ReplySchema>;

export type Incoming = { kind: "text"; text: string } | { kind: "choice"; id: string };

/** Per channel + chat; kept in a store so a restart doesn't lose a half-finished exchange. */
export interface ConversationState {
  lang: Language;
  /** Whether the language was picked by the user (then the client's language hint is ignored). */
  langChosen?: boolean;
  /** The choices last offered, so "2" typed on a text-only channel picks the second. */
  lastChoices?: Choice[];
  /** Each feature's own part of the conversation (e.g. a dossier lookup waiting for digits), by feature name. */
  features?: Record<string, unknown>;
}

/** What a restart must be able to trust in a stored state (the store checks it on open); the rest is the features'. */
export const StoredConversationState = z.object({ lang: z.enum(LANGUAGES) }).loose();

/** What a feature gets for one incoming message. `state` is saved after the feature returns. */
export interface FeatureContext {
  chatKey: string;
  state: ConversationState;
  /** The chat's language at the moment (a feature may change `state.lang`; `t` follows it). */
  t: Translate;
  /** When the message came in (the service's clock). */
  now: number;
  /**
   * Set by a feature whose reply offers no choices of its own ("thanks", a pointer to another
   * agency): the chat's last choices stay, so a "2" typed next still picks from them.
   */
  keepChoices?: boolean;
}

export type FeatureCommand = (ctx: FeatureContext, arg: string) => Promise<Reply[]> | Reply[];

/**
 * A capability plugged into the core's router (welcome, browse, search answers, dossier
 * lookup, ratings…), so it works on every channel without the core knowing it.
 * Strings go in locales/<lang>/<feature>.ftl.
 */
export interface Feature {
  name: string;
  /** Slash commands it owns, without the slash: { hoso: … }. */
  commands?: Record<string, FeatureCommand>;
  /** The prefixes of the choice ids it mints (src/core/choice-id.ts); no two features share one. */
  choicePrefixes?: readonly string[];
  /** Heads of ids another feature minted before this one owned them (buttons already sent), e.g. "d:r". */
  formerChoiceHeads?: readonly string[];
  onChoice?(ctx: FeatureContext, id: string): Promise<Reply[]> | Reply[];
  /**
   * Sees free text in feature order; returns replies to take it, or undefined to pass it on.
   * The last feature (search answers) takes everything.
   */
  onText?(ctx: FeatureContext, text: string): Promise<Reply[] | undefined> | Reply[] | undefined;
  /** What a menu button naming this feature opens (see MENU_CHOICE in the router). */
  open?(ctx: FeatureContext): Promise<Reply[]> | Reply[];
}

export interface ConversationStore {
  get(key: string): Promise<ConversationState | undefined>;
  set(key: string, state: ConversationState): Promise<void>;
}

/** Default store; the storage module provides a persistent one. */
export class MemoryConversationStore implements ConversationStore {
  private readonly states = new Map<string, ConversationState>();
  async get(key: string) {
    return this.states.get(key);
  }
  async set(key: string, state: ConversationState) {
    this.states.set(key, state);
  }
}

/**
 * Sends replies to a chat on the bot's own initiative (notifications, reminders, rating
 * requests). Each channel implements it; `chatKey` is "telegram:<id>" or "zalo:<id>".
 * Resolves only once the channel's API accepted every message; rejects otherwise.
 */
export interface Sender {
  channel: string;
  send(chatKey: string, replies: Reply[], progress?: SendProgress): Promise<void>;
}

/**
 * A send resumed and tracked message by message (one API call each), so that what the channel
 * already accepted is never sent again: not after a failure part-way, not after a crash.
 */
export interface SendProgress {
  /**
   * How many of the rendered messages were accepted before: they are skipped. (Counted on the
   * replies as rendered now; a language switch in between could split them differently.)
   */
  skip: number;
  /** Called the moment the channel accepted message number `count` (1-based, skipped ones included). */
  accepted(count: number): void;
}
