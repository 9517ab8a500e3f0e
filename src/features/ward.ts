import { z } from "zod";
import type { CatalogueSnapshot, LiveCatalogue } from "../catalogue/live.js";
import { choiceKind } from "../core/choice-id.js";
import { readFeatureState, writeFeatureState } from "../core/feature-state.js";
import { officeText } from "../core/format.js";
import type { Choice, Feature, FeatureContext, Reply } from "../core/types.js";
import { type Ward, type WardDirectory, wardDirectory } from "../wards/directory.js";
import { wardView } from "../wards/view.js";
import { matchRedirect } from "./redirects.js";

const FEATURE_NAME = "ward";

/** The chat's ward, and whether it was asked for already (asked once, never again). */
const WardState = z.object({
  id: z.string().optional(),
  asked: z.boolean().optional(),
  /** The question held while the ward is asked, answered once it is picked (or skipped). */
  pending: z.string().optional(),
});
type WardState = z.infer<typeof WardState>;

/** "w:s:<ward id>" picks a ward ("w:s:" and an id of at most 60 characters fit a button's 64 bytes). */
export const WARD_CHOICE = choiceKind("w:s", ["ward"]);
const WARD_PAGE_CHOICE = choiceKind("w:p", ["page"]);
const WARD_SKIP_CHOICE = choiceKind("w:k", []);
/** Wards per list page (a Telegram keyboard or a Zalo message stays short); up to PAGE + 2 shown whole. */
const PAGE = 8;
/** A held question is cut here: it is only kept until the next message. */
const PENDING_CHARS = 500;

export type Answer = (ctx: FeatureContext, text: string) => Promise<Reply[] | undefined> | Reply[] | undefined;

export interface WardFeatureDeps {
  catalogue: LiveCatalogue;
  /** Answers a question held while the ward was asked (the answer feature's onText). */
  answer: Answer;
}

/** The id of the ward the chat picked (as stored; for reports: unanswered questions, ratings). */
export function wardIdOf(ctx: FeatureContext): string | undefined {
  return readFeatureState(ctx, FEATURE_NAME, WardState).id;
}

/** The ward the chat picked, if the deployment still serves it. */
export function chosenWard(ctx: FeatureContext, catalogue: LiveCatalogue): Ward | undefined {
  const { id } = readFeatureState(ctx, FEATURE_NAME, WardState);
  return id ? directoryOf(catalogue).byId(id) : undefined;
}

/**
 * What the chat is answered from: its ward's view (catalogue + province and ward overlays, the
 * ward's offices); the province's view before a ward is picked; the catalogue itself on a
 * single-ward install. For the answer feature (`catalogueFor`).
 */
export function snapshotFor(catalogue: LiveCatalogue): (ctx: FeatureContext) => CatalogueSnapshot {
  return (ctx) => wardView(catalogue.current(), wardIdOf(ctx));
}

/** Picks a ward by id (the Telegram deep link `/start <id>`); undefined and nothing changed when there is none. */
export function chooseWardById(ctx: FeatureContext, catalogue: LiveCatalogue, id: string): Ward | undefined {
  const ward = directoryOf(catalogue).byId(id);
  if (ward) writeFeatureState(ctx, FEATURE_NAME, { id: ward.id, asked: true });
  return ward;
}

/** The menu's ward button, when the deployment serves several wards. */
export function wardMenuChoice(ctx: FeatureContext, catalogue: LiveCatalogue): Choice[] {
  if (!directoryOf(catalogue).multi) return [];
  const label = chosenWard(ctx, catalogue) ? "menu-ward-change" : "menu-ward";
  return [{ id: WARD_PAGE_CHOICE.pack({ page: 0 }), label: ctx.t(label) }];
}

/**
 * The citizen's ward: `/phuong` lists them (buttons on Telegram, numbered lines elsewhere), a
 * typed name picks one ("phuong tan dinh", "xã Tân Phú"), and a first question before any pick
 * is held while the ward is asked, once. With one ward or none, it stays out of the way.
 */
export function createWardFeature(deps: WardFeatureDeps): Feature {
  const { catalogue } = deps;
  const list = async (ctx: FeatureContext, arg = ""): Promise<Reply[]> => {
    const directory = directoryOf(catalogue);
    if (!directory.multi) {
      const { catalogue: current } = wardView(catalogue.current(), chosenWard(ctx, catalogue)?.id);
      return [{ text: ctx.t("ward-single", { office: officeText(ctx.t, current.defaultOffice) }) }];
    }
    const found = arg ? directory.find(arg) : [];
    if (found.length === 1 && found[0]) return pick(ctx, found[0]);
    return [{ text: ctx.t("ward-choose"), choices: page(ctx, directory, 0) }];
  };

  /** Sets the ward, then answers the question held (or the one the ward was named in). */
  const pick = async (ctx: FeatureContext, ward: Ward, question?: string): Promise<Reply[]> => {
    const pending = question ?? read(ctx).pending;
    writeFeatureState(ctx, FEATURE_NAME, { id: ward.id, asked: true });
    // With a held question the answer says where to go; without, the ward's office does.
    const answered = pending ? await deps.answer(ctx, pending) : undefined;
    const set: Reply = answered
      ? { text: ctx.t("ward-set-short", { ward: ward.name }) }
      : { text: ctx.t("ward-set", { ward: ward.name, office: officeText(ctx.t, ward.defaultOffice) }) };
    return [set, ...(answered ?? [])];
  };

  return {
    name: FEATURE_NAME,
    commands: { phuong: list, xa: list, ward: list },
    choicePrefixes: [WARD_CHOICE.prefix],
    open: (ctx) => list(ctx),
    onChoice: async (ctx, id) => {
      const directory = directoryOf(catalogue);
      const picked = WARD_CHOICE.unpack(id);
      const ward = picked && directory.byId(picked.ward);
      if (ward) return pick(ctx, ward);
      const paged = WARD_PAGE_CHOICE.unpack(id);
      if (paged && directory.multi) {
        return [{ text: ctx.t("ward-choose"), choices: page(ctx, directory, Number(paged.page) || 0) }];
      }
      if (WARD_SKIP_CHOICE.unpack(id)) {
        const { pending } = read(ctx);
        writeFeatureState(ctx, FEATURE_NAME, { asked: true });
        return (pending ? await deps.answer(ctx, pending) : undefined) ?? [{ text: ctx.t("empty-message") }];
      }
      return [{ text: ctx.t("expired-choice") }];
    },
    onText: (ctx, text) => {
      const directory = directoryOf(catalogue);
      if (!directory.multi) return undefined;
      const found = directory.find(text);
      if (found.length === 1 && found[0]) return pick(ctx, found[0]);
      if (found.length > 1) {
        return [{ text: ctx.t("ward-ambiguous"), choices: found.map((w) => wardChoice(w)) }];
      }
      const st = read(ctx);
      // A ward named in a question ("tôi ở phường Tân Phú muốn làm khai sinh"): set, and the question answered.
      // Once a ward is set, only a name said as where the citizen is ("ở phường 5 …") changes it.
      const named = directory.mentioned(text);
      const [mention] = named;
      if (named.length === 1 && mention && mention.ward.id !== st.id && (!st.id || mention.said)) {
        return pick(ctx, mention.ward, text.slice(0, PENDING_CHARS));
      }
      if (st.id || st.asked) {
        // A question typed instead of a ward: it is answered; the held one is dropped.
        if (st.pending) writeFeatureState(ctx, FEATURE_NAME, { ...st, pending: undefined });
        return undefined;
      }
      // Asked only before an answer from the catalogue: a "not found" or a pointer to another agency needs no ward.
      const { catalogue: current, search } = wardView(catalogue.current());
      if (search.search(text).decision === "none" || matchRedirect(current.redirects, text)) return undefined;
      writeFeatureState(ctx, FEATURE_NAME, { asked: true, pending: text.slice(0, PENDING_CHARS) });
      const skip = { id: WARD_SKIP_CHOICE.pack({}), label: ctx.t("ward-skip") };
      return [{ text: ctx.t("ward-ask"), choices: [...page(ctx, directory, 0), skip] }];
    },
  };
}

function read(ctx: FeatureContext): WardState {
  return readFeatureState(ctx, FEATURE_NAME, WardState);
}

function directoryOf(catalogue: LiveCatalogue): WardDirectory {
  return wardDirectory(catalogue.current().catalogue);
}

function wardChoice(ward: Ward): Choice {
  return { id: WARD_CHOICE.pack({ ward: ward.id }), label: ward.name };
}

/** One page of the ward list, with "Xem thêm" to the next; a list a little longer than a page is shown whole. */
function page(ctx: FeatureContext, directory: WardDirectory, n: number): Choice[] {
  const wards = directory.list();
  if (wards.length <= PAGE + 2) return wards.map(wardChoice);
  const shown = wards.slice(n * PAGE, (n + 1) * PAGE).map(wardChoice);
  const more =
    (n + 1) * PAGE < wards.length ? [{ id: WARD_PAGE_CHOICE.pack({ page: n + 1 }), label: ctx.t("more") }] : [];
  return [...shown, ...more];
}
