import { choiceKind } from "../core/choice-id.js";
import type { Section } from "../core/format.js";

/** "Show this section of this procedure": minted by search answers and browsing, read by the answer feature. */
export const PROCEDURE_CHOICE = choiceKind("p", ["code", "section"]);

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

export function procedureChoiceId(code: string, section: Section): string {
  return PROCEDURE_CHOICE.pack({ code, section: SECTION_KEY[section] });
}

/** The procedure code and section of a procedure choice id; an unknown section key reads as the summary. */
export function readProcedureChoice(id: string): { code: string; section: Section } | undefined {
  const fields = PROCEDURE_CHOICE.unpack(id);
  return fields && { code: fields.code, section: SECTION_BY_KEY.get(fields.section) ?? "general" };
}
