import { choiceKind } from "../core/choice-id.js";
import type { Section } from "../core/format.js";

/** "Show this section of this procedure": minted by search answers and browsing, read by the answer feature. */
export const PROCEDURE_CHOICE = choiceKind("p", ["code", "section"]);
/** "Xem tiếp": part 2, 3… of a long section ("p:1.001193:d:1"). */
const PROCEDURE_PART_CHOICE = choiceKind("p", ["code", "section", "part"]);

const SECTION_KEY: Record<Section, string> = {
  general: "g",
  documents: "d",
  fee: "f",
  time: "t",
  place: "l",
  steps: "s",
  online: "o",
  conditions: "c",
};
const SECTION_BY_KEY = new Map(Object.entries(SECTION_KEY).map(([s, k]) => [k, s as Section]));

export function procedureChoiceId(code: string, section: Section, part = 0): string {
  return part > 0
    ? PROCEDURE_PART_CHOICE.pack({ code, section: SECTION_KEY[section], part })
    : PROCEDURE_CHOICE.pack({ code, section: SECTION_KEY[section] });
}

/** The procedure code, section and part of a procedure choice id; an unknown section key reads as the summary. */
export function readProcedureChoice(id: string): { code: string; section: Section; part: number } | undefined {
  const parted = PROCEDURE_PART_CHOICE.unpack(id);
  const fields = parted ?? PROCEDURE_CHOICE.unpack(id);
  if (!fields) return undefined;
  const part = parted ? Number(parted.part) : 0;
  return {
    code: fields.code,
    section: SECTION_BY_KEY.get(fields.section) ?? "general",
    part: Number.isInteger(part) && part > 0 ? part : 0,
  };
}
