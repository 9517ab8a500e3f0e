import { z } from "zod";
import { readFeatureState, writeFeatureState } from "../core/feature-state.js";
import { SECTIONS, type Section } from "../core/format.js";
import type { FeatureContext } from "../core/types.js";

/** The answer feature's part of the conversation state. */
const FEATURE_NAME = "answer";
/** After this long without an answer, a section question no longer refers to the last procedure. */
export const CONTEXT_TTL_MS = 30 * 60_000;

/** The procedure the chat is on, so "còn lệ phí thì sao?" answers its fee. */
const AnswerContext = z.object({
  code: z.string().optional(),
  at: z.number().optional(),
  /** The section of `code` last shown ("lệ phí khai sinh": its fee), kept for the list a "không phải" offers. */
  section: z.enum(SECTIONS as [Section, ...Section[]]).optional(),
  /** The procedures of the last "which one?" list, so "lệ phí?" next asks which one's fee. */
  options: z.array(z.string()).optional(),
  /** False when the list was a weak one (nothing of a title said): a section asked next is not shown for each. */
  compare: z.boolean().optional(),
  /**
   * The other candidates of the turn that answered `code` (search's next hits, the rest of the list it was picked
   * from): what a bare "không phải" offers instead.
   */
  alternatives: z.array(z.string()).optional(),
  /**
   * The citizen's words that led to `code`, so a detail said next ("cấp lại do bị mất") is read with them; with a list
   * (`options`), the words the list was offered for.
   */
  asked: z.string().optional(),
  /** Procedures the citizen said none of is right ("không có cái nào đúng"): set aside in the next search. */
  rejected: z.array(z.string()).optional(),
  /**
   * The last turn answered no procedure (another agency's pointer): a "không phải" next says that was wrong, not the
   * procedure before it.
   */
  elsewhere: z.boolean().optional(),
  /** The procedures the chat was on before, latest first: "quay lại vụ khai sinh cho bé" goes back to one of them. */
  earlier: z.array(z.string()).optional(),
});
export type AnswerContext = z.infer<typeof AnswerContext>;

/** The conversation's context, or nothing after a quiet period. */
export function readContext(ctx: FeatureContext): AnswerContext {
  const st: AnswerContext = readFeatureState(ctx, FEATURE_NAME, AnswerContext);
  if (st.at === undefined || ctx.now - st.at >= CONTEXT_TTL_MS) {
    endAnswerContext(ctx);
    return {};
  }
  return st;
}

/** The chat is now on this procedure, this section of it shown (still on it: what led to it stays). */
export function rememberProcedure(ctx: FeatureContext, code: string, section?: Section): void {
  const st: AnswerContext = readFeatureState(ctx, FEATURE_NAME, AnswerContext);
  const kept = st.code === code ? { alternatives: st.alternatives, asked: st.asked } : {};
  writeFeatureState(ctx, FEATURE_NAME, {
    code,
    at: ctx.now,
    ...kept,
    ...(section ? { section } : {}),
    ...history(st, code),
  });
}

/** How many procedures the chat was on before are kept, for a return to one of them. */
const EARLIER_MAX = 4;

/** The procedures the chat was on before, with the one it is leaving now first (`next`: where it goes, left out). */
function history(st: AnswerContext, next?: string): Pick<AnswerContext, "earlier"> {
  const earlier = [...(st.code && st.code !== next ? [st.code] : []), ...(st.earlier ?? [])]
    .filter((c, i, all) => c !== next && all.indexOf(c) === i)
    .slice(0, EARLIER_MAX);
  return earlier.length > 0 ? { earlier } : {};
}

/** The procedures the chat was on before (latest first), the one it is on left out. */
export function earlierProcedures(st: AnswerContext): string[] {
  return (st.earlier ?? []).filter((c) => c !== st.code);
}

/** What led to the procedure the chat is on: the citizen's words and the other candidates of that turn. */
export function rememberHowAnswered(ctx: FeatureContext, alternatives: string[], asked?: string): void {
  const st: AnswerContext = readFeatureState(ctx, FEATURE_NAME, AnswerContext);
  if (!st.code) return;
  writeFeatureState(ctx, FEATURE_NAME, {
    ...st,
    alternatives: alternatives.length > 0 ? alternatives : undefined,
    asked: asked?.slice(0, ASKED_CHARS),
  });
}

/** Nothing listed or answered was right: the next search sets these aside. */
export function rememberRejected(ctx: FeatureContext, codes: string[]): void {
  const st: AnswerContext = readFeatureState(ctx, FEATURE_NAME, AnswerContext);
  writeFeatureState(ctx, FEATURE_NAME, {
    at: ctx.now,
    rejected: codes.length > 0 ? codes : undefined,
    ...history(st),
  });
}

/** The last turn answered no procedure (another agency's pointer); what the chat was on stays for a section asked next. */
export function rememberElsewhere(ctx: FeatureContext): void {
  const st: AnswerContext = readFeatureState(ctx, FEATURE_NAME, AnswerContext);
  if (st.at === undefined) return;
  writeFeatureState(ctx, FEATURE_NAME, { ...st, elsewhere: true });
}

/** How much of the citizen's words is kept to read a detail with. */
const ASKED_CHARS = 200;

/**
 * A "which one?" list is newer than the procedure before it: "mất bao lâu" next asks which one of the list. `rejected`:
 * what the citizen said is not it before this list (the answer a bare "không phải" offered it instead of), set aside
 * with the list when none of it is right, and in the next search.
 */
export function rememberOptions(
  ctx: FeatureContext,
  codes: string[],
  compare = true,
  rejected: string[] = [],
  /** The citizen's words the list was offered for: a section asked next is read with them to find the list's leader. */
  asked?: string,
): void {
  const st: AnswerContext = readFeatureState(ctx, FEATURE_NAME, AnswerContext);
  writeFeatureState(ctx, FEATURE_NAME, {
    ...history(st),
    at: ctx.now,
    options: codes,
    ...(compare ? {} : { compare }),
    ...(rejected.length > 0 ? { rejected } : {}),
    ...(asked ? { asked: asked.slice(0, ASKED_CHARS) } : {}),
  });
}

/** Ends the conversation's context (/start). */
export function endAnswerContext(ctx: FeatureContext): void {
  writeFeatureState(ctx, FEATURE_NAME, {});
}
