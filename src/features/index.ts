import type { LiveCatalogue } from "../catalogue/live.js";
import { Assistant } from "../core/assistant.js";
import type { Translator } from "../core/i18n.js";
import type { RateLimiter } from "../core/rate-limit.js";
import type { ConversationStore, Feature } from "../core/types.js";
import type { RatingFlow } from "../ratings/flow.js";
import { type AnswerFeedbackSink, createAnswerFeature, type UnansweredSink } from "./answer.js";
import { createBrowseFeature } from "./browse.js";
import { authorisedDossier, createDossierFeature, type DossierServices } from "./dossiers.js";
import { createHelpFeature } from "./help.js";
import { createLanguageFeature } from "./language.js";
import { createRatingFeature, endRating } from "./ratings.js";
import { createSmallTalkFeature } from "./small-talk.js";
import { createWardFeature, snapshotFor } from "./ward.js";
import { createWelcomeFeature, greeting } from "./welcome.js";

export type { AnswerFeedbackSink, UnansweredSink } from "./answer.js";
export type { DossierServices } from "./dossiers.js";

export interface AssistantDeps {
  catalogue: LiveCatalogue;
  conversations: ConversationStore;
  rateLimiter?: RateLimiter;
  translator?: Translator;
  /** With the data directory: /hoso lookups, notification opt-in, /huy, /xoadulieu. */
  dossiers?: DossierServices;
  /** Ratings of handed-over dossiers (only with `dossiers`) and "helpful / not helpful" taps on answers. */
  ratings?: { flow?: RatingFlow; answerFeedback?: AnswerFeedbackSink };
  /** Where questions answered "not found" are counted for staff (scrubbed; see src/questions). */
  unanswered?: UnansweredSink;
  /** More features (tests); they see free text before the built-in dossier and search features. */
  features?: Feature[];
  /** The conversation clock (context expiry, rating steps); the dossiers' clock when they are on. */
  now?: () => number;
}

/**
 * The assistant as the service runs it: the router with every feature plugged in. Free text
 * goes to them in this order; search answers come last and take whatever is left.
 */
export function createAssistant(deps: AssistantDeps): Assistant {
  const { catalogue } = deps;
  // Answers and browsing come from the chat's ward: its offices, the province's and ward's overlays (the catalogue as is with one ward).
  const catalogueFor = snapshotFor(catalogue);
  const features: Feature[] = [
    createWelcomeFeature(catalogue),
    createHelpFeature(catalogue),
    createLanguageFeature((ctx) => greeting(ctx, catalogue)),
    createBrowseFeature(catalogue, catalogueFor),
    ...(deps.features ?? []),
  ];
  const services = deps.dossiers;
  const flow = deps.ratings?.flow;
  if (services) {
    if (flow) {
      features.push(createRatingFeature({ flow, authorised: (ctx, key) => authorisedDossier(services, ctx, key) }));
    }
    features.push(
      createDossierFeature({ ...services, catalogue, ratings: flow ? { flow, end: endRating } : undefined }),
    );
  }
  // After dossiers and ratings, so a rating comment or a dossier code is theirs, not small talk.
  features.push(createSmallTalkFeature(catalogueFor));
  const answer = createAnswerFeature({
    catalogue,
    catalogueFor,
    answerFeedback: deps.ratings?.answerFeedback,
    unanswered: deps.unanswered,
  });
  // Just before the answers: a typed ward name picks the ward, and a first question in a province of
  // several wards is held while the ward is asked, once (src/features/ward.ts; nothing with one ward).
  features.push(createWardFeature({ catalogue, answer: (ctx, text) => answer.onText?.(ctx, text) }));
  features.push(answer);
  return new Assistant({
    conversations: deps.conversations,
    features,
    translator: deps.translator,
    rateLimiter: deps.rateLimiter,
    now: deps.now ?? services?.now,
  });
}
