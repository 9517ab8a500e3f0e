import type { Catalogue } from "../catalogue/load.js";
import type { Procedure } from "../catalogue/schema.js";
import { choiceKind } from "../core/choice-id.js";
import { BUTTON_SECTIONS, renderSection, type Section } from "../core/format.js";
import type { Choice, FeatureContext, Reply } from "../core/types.js";
import { shorten } from "./labels.js";
import { PART_CHARS, splitIntoParts } from "./parts.js";
import { procedureChoiceId } from "./procedure-choice.js";

/** "Was this answer helpful?" taps: "h:<code>:1" or ":0". */
export const FEEDBACK_CHOICE = choiceKind("h", ["code", "helpful"]);

/**
 * One section of a procedure with the other sections as choices; a long one in parts of about
 * a phone screen, each but the last with "Xem tiếp"; the last with the helpful / not helpful taps.
 */
export function procedureReply(
  ctx: FeatureContext,
  catalogue: Catalogue,
  procedure: Procedure,
  section: Section,
  options: { part?: number; feedback?: boolean } = {},
): Reply {
  const [title = "", ...body] = renderSection(ctx.t, catalogue, procedure, section).split("\n");
  // The whole message fits a phone screen: the title and its "(1/2)" count against the part.
  const parts = splitIntoParts(body.join("\n"), PART_CHARS - title.length - 10);
  const shown = Math.min(Math.max(0, options.part ?? 0), parts.length - 1);
  const heading = parts.length > 1 ? `${title} ${ctx.t("part-of", { part: shown + 1, parts: parts.length })}` : title;
  const more: Choice[] =
    shown < parts.length - 1
      ? [{ id: procedureChoiceId(procedure.code, section, shown + 1), label: ctx.t("more-part") }]
      : [];
  return {
    text: [heading, parts[shown] ?? ""].join("\n"),
    choices: [
      ...more,
      ...BUTTON_SECTIONS.filter((s) => s !== section).map((s) => ({
        id: procedureChoiceId(procedure.code, s),
        label: ctx.t(`section-${s}`),
      })),
      ...(options.feedback && more.length === 0
        ? [
            { id: FEEDBACK_CHOICE.pack({ code: procedure.code, helpful: 1 }), label: ctx.t("answer-helpful") },
            { id: FEEDBACK_CHOICE.pack({ code: procedure.code, helpful: 0 }), label: ctx.t("answer-not-helpful") },
          ]
        : []),
    ],
  };
}

/** "Which procedure do you mean?", each choice opening `section` of one. */
export function chooseReply(ctx: FeatureContext, procedures: readonly Procedure[], section: Section): Reply {
  // A section asked with the list ("lệ phí bao nhiêu" after "which one?") is named, so the citizen sees it was heard.
  const asked = section === "general" ? "" : `${ctx.t(`section-${section}`)} – `;
  return {
    text: `${asked}${ctx.t("choose-procedure")}`,
    choices: procedures.map((p) => ({ id: procedureChoiceId(p.code, section), label: shorten(p.name) })),
  };
}
