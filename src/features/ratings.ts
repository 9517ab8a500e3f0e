import { z } from "zod";
import { readFeatureState, writeFeatureState } from "../core/feature-state.js";
import type { Feature, FeatureContext, Reply } from "../core/types.js";
import type { Dossier } from "../dossiers/schema.js";
import { RATING_CHOICES, type RatingFlow, type RatingStep } from "../ratings/flow.js";

const FEATURE_NAME = "ratings";

const RatingState = z.object({
  /** A rating in its optional part (criteria, comment). */
  rating: z.object({ key: z.string(), step: z.number().int(), at: z.number() }).optional(),
});
type RatingState = z.infer<typeof RatingState>;
/** Where the progress was kept before ratings had their own part of the state (conversations on disk). */
const FormerState = z.object({ rating: RatingState.shape.rating });

export interface RatingFeatureDeps {
  flow: RatingFlow;
  /** A dossier this chat has proven (or follows), which it may rate; the dossier feature says. */
  authorised(ctx: FeatureContext, key: string): Promise<Dossier | undefined>;
}

/** The satisfaction rating of a handed-over dossier: a level, optional criteria, an optional comment. */
export function createRatingFeature(deps: RatingFeatureDeps): Feature {
  const { flow } = deps;
  const step = async (ctx: FeatureContext, run: (st: RatingState) => Promise<RatingStep>): Promise<Reply[]> => {
    const st = readRatingState(ctx);
    const next = await run(st);
    writeFeatureState(ctx, FEATURE_NAME, { rating: next.progress });
    return next.replies;
  };
  return {
    name: FEATURE_NAME,
    choicePrefixes: ["r"],
    formerChoiceHeads: Object.values(RATING_CHOICES).flatMap((kind) => kind.formerHeads),
    onText: async (ctx, text) => {
      const st = readRatingState(ctx);
      writeFeatureState(ctx, FEATURE_NAME, st);
      if (!flow.waitsForComment(st.rating, ctx.now)) return undefined;
      const progress = st.rating;
      return step(ctx, () => flow.comment(ctx.t, progress, text));
    },
    onChoice: async (ctx, id) => {
      const start = RATING_CHOICES.start.unpack(id);
      if (start) {
        const dossier = await deps.authorised(ctx, start.key);
        return dossier ? flow.offer(ctx.t, dossier) : [{ text: ctx.t("dossier-verify-first") }];
      }
      const level = RATING_CHOICES.level.unpack(id);
      if (level) {
        const dossier = await deps.authorised(ctx, level.key);
        if (!dossier) return [{ text: ctx.t("dossier-verify-first") }];
        return step(ctx, () => flow.chooseLevel(ctx.t, dossier, level.level, ctx.now));
      }
      const answer = RATING_CHOICES.criterion.unpack(id);
      if (answer) return step(ctx, (st) => flow.answer(ctx.t, st.rating, answer.criterion, answer.value, ctx.now));
      if (RATING_CHOICES.skip.unpack(id)) return step(ctx, async (st) => flow.skip(ctx.t, st.rating));
      return [{ text: ctx.t("expired-choice") }];
    },
  };
}

/** Forgets the chat's place in a rating (a new dossier lookup, /xoadulieu). */
export function endRating(ctx: FeatureContext): void {
  writeFeatureState(ctx, FEATURE_NAME, {});
}

function readRatingState(ctx: FeatureContext): RatingState {
  const own = readFeatureState(ctx, FEATURE_NAME, RatingState);
  if (own.rating || !ctx.state.features?.dossiers) return own;
  const former = FormerState.safeParse(ctx.state.features.dossiers);
  if (!former.success || !former.data.rating) return own;
  // Moved, not copied: a finished rating must not come back from the old place.
  const { rating, ...rest } = ctx.state.features.dossiers as Record<string, unknown>;
  writeFeatureState(ctx, "dossiers", rest);
  return { rating: former.data.rating };
}
