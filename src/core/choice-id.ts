/**
 * Choice ids: what a button carries and what a channel hands back when it is pressed (Telegram
 * callback data, a numbered line on Zalo). Channels treat them as opaque; features pack and
 * unpack them here, each under its own prefix, so no module builds or splits one by hand.
 *
 * The wire form is `head:field:field…` ("p:1.000894:f", "d:s:KEY"), the form buttons already
 * sent to chats carry, so they keep working.
 */

/** Telegram refuses callback data over 64 bytes (UTF-8), and the button with it. */
export const CHOICE_ID_MAX_BYTES = 64;
const SEPARATOR = ":";

export class ChoiceIdError extends Error {
  override name = "ChoiceIdError";
}

export interface ChoiceKind<F extends string> {
  /** The feature's prefix, e.g. "d" for "d:s". */
  readonly prefix: string;
  /** The prefix and the action, e.g. "d:s"; ids minted now start with it. */
  readonly head: string;
  /** Heads this kind had before (buttons already in chats still carry them); read, never minted. */
  readonly formerHeads: readonly string[];
  /** The id for these field values; throws a ChoiceIdError when it cannot be carried. */
  pack(fields: Readonly<Record<F, string | number>>): string;
  /** The field values of an id of this kind (minted now or before), or undefined. */
  unpack(id: string): Record<F, string> | undefined;
}

/** The first segment of an id: which feature it belongs to. */
export function prefixOf(id: string): string {
  const end = id.indexOf(SEPARATOR);
  return end === -1 ? id : id.slice(0, end);
}

/**
 * Declares one kind of choice id: `choiceKind("d:s", ["key"])` packs `{ key: "ABC" }` as
 * "d:s:ABC". Field values may not hold ":" (except the last, which takes the rest of the id).
 */
export function choiceKind<const F extends string>(
  head: string,
  fields: readonly F[],
  options: { formerHeads?: readonly string[] } = {},
): ChoiceKind<F> {
  const formerHeads = options.formerHeads ?? [];
  const heads = [head, ...formerHeads];
  return {
    prefix: prefixOf(head),
    head,
    formerHeads,
    pack(values) {
      const parts = fields.map((name, i) => {
        const value = String(values[name]);
        if (value.includes(SEPARATOR) && i < fields.length - 1) {
          throw new ChoiceIdError(`choice ${head}: field "${name}" may not contain "${SEPARATOR}"`);
        }
        return value;
      });
      const id = [head, ...parts].join(SEPARATOR);
      const bytes = Buffer.byteLength(id, "utf8");
      if (bytes > CHOICE_ID_MAX_BYTES) {
        throw new ChoiceIdError(`choice id "${id}" is ${bytes} bytes; at most ${CHOICE_ID_MAX_BYTES} fit a button`);
      }
      return id;
    },
    unpack(id) {
      for (const h of heads) {
        if (fields.length === 0) {
          if (id === h) return {} as Record<F, string>;
          continue;
        }
        if (!id.startsWith(h + SEPARATOR)) continue;
        const rest = id.slice(h.length + 1).split(SEPARATOR);
        if (rest.length < fields.length) return undefined;
        const last = rest.slice(fields.length - 1).join(SEPARATOR);
        const values = [...rest.slice(0, fields.length - 1), last];
        return Object.fromEntries(fields.map((name, i) => [name, values[i] ?? ""])) as Record<F, string>;
      }
      return undefined;
    },
  };
}

/** Whether an id is one of these kinds (by its current or a former head). */
export function isKindOf(id: string, kinds: readonly ChoiceKind<string>[]): boolean {
  return kinds.some((k) => k.unpack(id) !== undefined);
}
