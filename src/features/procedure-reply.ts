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

/** Sections short enough to set side by side for every listed procedure, one line each. */
const COMPARED: ReadonlySet<Section> = new Set(["fee", "time", "place", "online"]);

/**
 * A short section asked over a "which one?" list ("lệ phí bao nhiêu" after "mất giấy khai sinh"): that
 * section of each listed procedure on a line of its own, from the records as they are, then the list to
 * open one in full. Undefined for a long section (documents, steps, conditions: a list of lists helps
 * nobody) or when the lines together pass a phone screen: then the list is offered again.
 */
export function compareReply(
  ctx: FeatureContext,
  catalogue: Catalogue,
  procedures: readonly Procedure[],
  section: Section,
): Reply | undefined {
  if (!COMPARED.has(section) || procedures.length < 2) return undefined;
  const lines = procedures.map((p, i) =>
    ctx.t("compare-line", {
      index: i + 1,
      name: shorten(p.name),
      code: p.code,
      value: shortValue(ctx, catalogue, p, section),
    }),
  );
  const title = section === "online" ? ctx.t("compare-online-title") : ctx.t(`${section}-title`);
  const text = [title, ...lines, ctx.t("compare-pick")].join("\n");
  if (text.length > PART_CHARS) return undefined;
  return { text, choices: chooseReply(ctx, procedures, section).choices ?? [] };
}

/** One procedure's short section on a line: as for a visit in person, as the summary shows it (the full section has every channel). */
function shortValue(ctx: FeatureContext, catalogue: Catalogue, p: Procedure, section: Section): string {
  if (section === "place") return (catalogue.offices.get(p.office) ?? catalogue.defaultOffice).name;
  if (section === "online") {
    return p.channels.some((c) => c.kind === "online") ? ctx.t("compare-online-yes") : ctx.t("compare-online-no");
  }
  const channel = p.channels.find((c) => c.kind === "in_person") ?? p.channels[0];
  return (section === "fee" ? channel?.fee.text : channel?.time.text) ?? "";
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
