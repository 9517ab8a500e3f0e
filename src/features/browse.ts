import type { CatalogueSnapshot, LiveCatalogue } from "../catalogue/live.js";
import type { Procedure } from "../catalogue/schema.js";
import { choiceKind } from "../core/choice-id.js";
import type { Choice, Feature, FeatureContext, Reply } from "../core/types.js";
import { tokenize } from "../search/normalize.js";
import { shorten } from "./labels.js";
import { procedureChoiceId } from "./procedure-choice.js";

/** A field's list; the first page's id has no page ("f:ho-tich"), as buttons already sent carry. */
const FIELD_CHOICE = choiceKind("f", ["field"]);
const FIELD_PAGE_CHOICE = choiceKind("f", ["field", "page"]);
const FIELD_PAGE = 8;

/** The procedures a chat sees: its ward's view when `catalogueFor` gives one (a ward's own procedures too). */
type ProceduresOf = (ctx: FeatureContext) => readonly Procedure[];

/** Procedures by field: /linhvuc, the menu's browse button, "Xem thêm" pages. */
export function createBrowseFeature(
  catalogue: LiveCatalogue,
  catalogueFor?: (ctx: FeatureContext) => CatalogueSnapshot,
): Feature {
  const proceduresOf: ProceduresOf = (ctx) => (catalogueFor?.(ctx) ?? catalogue.current()).catalogue.procedures;
  const fields = (ctx: FeatureContext) => listFields(ctx, proceduresOf(ctx));
  return {
    name: "browse",
    commands: { linhvuc: fields, fields },
    choicePrefixes: [FIELD_CHOICE.prefix],
    open: fields,
    onChoice: (ctx, id) => {
      const paged = FIELD_PAGE_CHOICE.unpack(id);
      const field = paged?.field ?? FIELD_CHOICE.unpack(id)?.field ?? "";
      return listField(ctx, proceduresOf(ctx), field, Number(paged?.page) || 0);
    },
  };
}

function listFields(ctx: FeatureContext, procedures: readonly Procedure[]): Reply[] {
  const fields = fieldsOf(procedures);
  return [
    {
      text: ctx.t("choose-field"),
      choices: fields.map((f) => ({ id: FIELD_CHOICE.pack({ field: slug(f) }), label: f })),
    },
  ];
}

function listField(ctx: FeatureContext, procedures: readonly Procedure[], fieldSlug: string, page: number): Reply[] {
  const field = fieldsOf(procedures).find((f) => slug(f) === fieldSlug);
  if (!field) return [{ text: ctx.t("expired-choice") }];
  const inField = procedures.filter((p) => p.field === field);
  const shown = inField.slice(page * FIELD_PAGE, (page + 1) * FIELD_PAGE);
  const choices: Choice[] = shown.map((p) => ({ id: procedureChoiceId(p.code, "general"), label: shorten(p.name) }));
  if ((page + 1) * FIELD_PAGE < inField.length) {
    choices.push({ id: FIELD_PAGE_CHOICE.pack({ field: fieldSlug, page: page + 1 }), label: ctx.t("more") });
  }
  return [{ text: ctx.t("choose-in-field", { field }), choices }];
}

function fieldsOf(procedures: readonly Procedure[]): string[] {
  return [...new Set(procedures.map((p) => p.field))].sort((a, b) => a.localeCompare(b, "vi"));
}

function slug(text: string): string {
  return tokenize(text).join("-").slice(0, 40);
}
