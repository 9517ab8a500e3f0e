import type { LiveCatalogue } from "../catalogue/live.js";
import type { Procedure } from "../catalogue/schema.js";
import { MENU_CHOICE } from "../core/assistant.js";
import { choiceKind } from "../core/choice-id.js";
import { officeText, renderSection, SECTIONS, type Section } from "../core/format.js";
import type { Feature, FeatureContext, Reply } from "../core/types.js";
import { shorten } from "./labels.js";
import { PROCEDURE_CHOICE, procedureChoiceId, readProcedureChoice } from "./procedure-choice.js";

/** "Was this answer helpful?" taps: "h:<code>:1" or ":0". */
const FEEDBACK_CHOICE = choiceKind("h", ["code", "helpful"]);

export interface AnswerFeedbackSink {
  record(chatKey: string, procedureCode: string, helpful: boolean): Promise<void>;
}

export interface AnswerFeatureDeps {
  catalogue: LiveCatalogue;
  /** Where "helpful / not helpful" taps on answers are kept; without it the buttons are not offered. */
  answerFeedback?: AnswerFeedbackSink;
}

/** Questions answered from the catalogue by search: any free text no other feature took, /tim, section buttons. */
export function createAnswerFeature(deps: AnswerFeatureDeps): Feature {
  const answer = (ctx: FeatureContext, text: string) => answerQuestion(ctx, deps, text);
  const search = (ctx: FeatureContext, arg: string) => (arg ? answer(ctx, arg) : [{ text: ctx.t("empty-message") }]);
  return {
    name: "answer",
    commands: { tim: search, search },
    choicePrefixes: [PROCEDURE_CHOICE.prefix, FEEDBACK_CHOICE.prefix],
    onChoice: async (ctx, id) => {
      const { catalogue } = deps.catalogue.current();
      const feedback = FEEDBACK_CHOICE.unpack(id);
      if (feedback) {
        if (!deps.answerFeedback || !catalogue.procedures.some((p) => p.code === feedback.code)) {
          return [{ text: ctx.t("expired-choice") }];
        }
        await deps.answerFeedback.record(ctx.chatKey, feedback.code, feedback.helpful === "1");
        return [{ text: ctx.t("answer-thanks") }];
      }
      const picked = readProcedureChoice(id);
      const procedure = picked && catalogue.procedures.find((p) => p.code === picked.code);
      return procedure && picked
        ? [procedureReply(ctx, deps, procedure, picked.section)]
        : [{ text: ctx.t("expired-choice") }];
    },
    onText: answer,
  };
}

function answerQuestion(ctx: FeatureContext, deps: AnswerFeatureDeps, text: string): Reply[] {
  const { search, catalogue } = deps.catalogue.current();
  const outcome = search.search(text);
  const [top] = outcome.hits;
  if (outcome.decision === "answer" && top) return [procedureReply(ctx, deps, top.procedure, outcome.intent)];
  if (outcome.decision === "choose") {
    return [
      {
        text: ctx.t("choose-procedure"),
        choices: outcome.hits.map((h) => ({
          id: procedureChoiceId(h.procedure.code, outcome.intent),
          label: shorten(h.procedure.name),
        })),
      },
    ];
  }
  const contact = officeText(ctx.t, catalogue.defaultOffice);
  return [
    {
      text: ctx.t("not-found", { contact }),
      choices: [{ id: MENU_CHOICE.pack({ feature: "browse" }), label: ctx.t("menu-browse") }],
    },
  ];
}

function procedureReply(ctx: FeatureContext, deps: AnswerFeatureDeps, procedure: Procedure, section: Section): Reply {
  const { catalogue } = deps.catalogue.current();
  return {
    text: renderSection(ctx.t, catalogue, procedure, section),
    choices: [
      ...SECTIONS.filter((s) => s !== section).map((s) => ({
        id: procedureChoiceId(procedure.code, s),
        label: ctx.t(`section-${s}`),
      })),
      ...(deps.answerFeedback
        ? [
            { id: FEEDBACK_CHOICE.pack({ code: procedure.code, helpful: 1 }), label: ctx.t("answer-helpful") },
            { id: FEEDBACK_CHOICE.pack({ code: procedure.code, helpful: 0 }), label: ctx.t("answer-not-helpful") },
          ]
        : []),
    ],
  };
}
