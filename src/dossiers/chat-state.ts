import { z } from "zod";
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
  /** A rating in its optional part (criteria, comment). */
  rating: z.object({ key: z.string(), step: z.number().int(), at: z.number() }).optional(),
});
export type DossierChatState = z.infer<typeof DossierChatState>;
export type PendingLookup = z.infer<typeof Pending>;

export function readState(ctx: FeatureContext): DossierChatState {
  const parsed = DossierChatState.safeParse(ctx.state.features?.[FEATURE_NAME]);
  return parsed.success ? parsed.data : {};
}

export function writeState(ctx: FeatureContext, state: DossierChatState): void {
  const features = { ...ctx.state.features };
  const empty = Object.values(state).every((v) => v === undefined);
  if (empty) delete features[FEATURE_NAME];
  else features[FEATURE_NAME] = state;
  ctx.state.features = Object.keys(features).length > 0 ? features : undefined;
}
