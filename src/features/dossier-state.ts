import { z } from "zod";
import { readFeatureState, writeFeatureState } from "../core/feature-state.js";
import type { FeatureContext } from "../core/types.js";

export const FEATURE_NAME = "dossiers";

const Pending = z.object({
  step: z.enum(["code", "digits"]),
  purpose: z.enum(["lookup", "rate"]),
  /** Readings of the code typed, the first shown back (see lookupDossier). */
  keys: z.array(z.string()).optional(),
  at: z.number(),
});

/** This feature's part of a chat's conversation state (saved by the core after each message). */
export const DossierChatState = z.object({
  /** A lookup waiting for the code or for the phone digits. */
  pending: Pending.optional(),
  /** Lookup history: dossier key → when the chat proved it holds the slip. */
  verified: z.record(z.string(), z.number()).optional(),
});
export type DossierChatState = z.infer<typeof DossierChatState>;
export type PendingLookup = z.infer<typeof Pending>;

export function readState(ctx: FeatureContext): DossierChatState {
  return readFeatureState(ctx, FEATURE_NAME, DossierChatState);
}

export function writeState(ctx: FeatureContext, state: DossierChatState): void {
  writeFeatureState(ctx, FEATURE_NAME, state);
}
