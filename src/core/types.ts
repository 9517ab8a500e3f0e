import type { Language } from "./i18n.js";

/** Something the user can pick. `id` is short (Telegram callback data ≤ 64 bytes). */
export interface Choice {
  id: string;
  label: string;
}

/** One message to the user; each channel decides how to show the choices. */
export interface Reply {
  text: string;
  choices?: Choice[];
}

export type Incoming = { kind: "text"; text: string } | { kind: "choice"; id: string };

/** Per channel + chat; kept in a store so a restart doesn't lose a half-finished exchange. */
export interface ConversationState {
  lang: Language;
  /** Whether the language was picked by the user (then the client's language hint is ignored). */
  langChosen?: boolean;
  /** The choices last offered, so "2" typed on a text-only channel picks the second. */
  lastChoices?: Choice[];
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
