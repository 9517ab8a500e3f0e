import { z } from "zod";

/**
 * Shapes of what the Zalo Bot API sends us. Everything from outside is parsed here, leniently:
 * extra fields pass through (the API grows), and ids are opaque strings (a number is read
 * as its string) so one odd field never makes us drop a citizen's message.
 */

const Id = z.union([z.string(), z.number()]).transform(String);
/** Epoch milliseconds per the docs; a numeric string is tolerated. */
const Timestamp = z.union([z.number(), z.string()]).optional();

/** Every response: `{ ok, result?, error_code?, description? }`. */
export const ZaloEnvelopeSchema = z.looseObject({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.coerce.number().optional(),
  description: z.string().optional(),
});
export type ZaloEnvelope = z.infer<typeof ZaloEnvelopeSchema>;

export const ZaloUserSchema = z.looseObject({
  id: Id.optional(),
  display_name: z.string().optional(),
  first_name: z.string().optional(),
  is_bot: z.boolean().optional(),
});
export type ZaloUser = z.infer<typeof ZaloUserSchema>;

export const ZaloChatSchema = z.looseObject({
  id: Id,
  /** "PRIVATE" | "GROUP" today; kept open so a new kind does not break parsing. */
  chat_type: z.string().optional(),
});
export type ZaloChat = z.infer<typeof ZaloChatSchema>;

export const ZaloMessageSchema = z.looseObject({
  message_id: Id.optional(),
  date: Timestamp,
  from: ZaloUserSchema.optional(),
  chat: ZaloChatSchema.optional(),
  text: z.string().optional(),
  /** Image messages carry `photo` or `photo_url` depending on the source; we never read the content. */
  photo: z.unknown().optional(),
  photo_url: z.string().optional(),
  caption: z.string().optional(),
  sticker: z.unknown().optional(),
});
export type ZaloMessage = z.infer<typeof ZaloMessageSchema>;

/** The documented event names; any other string is accepted by the schema and ignored by handlers. */
export const ZALO_EVENTS = {
  text: "message.text.received",
  image: "message.image.received",
  sticker: "message.sticker.received",
  unsupported: "message.unsupported.received",
} as const;

export const ZaloUpdateSchema = z.looseObject({
  event_name: z.string(),
  message: ZaloMessageSchema.optional(),
});
export type ZaloUpdate = z.infer<typeof ZaloUpdateSchema>;

/** The documented webhook body wraps the update like an API response; one implementer saw it flat. */
const WrappedUpdateSchema = z.looseObject({ ok: z.boolean().optional(), result: ZaloUpdateSchema });

/** An update from a webhook body or a getUpdates result, wrapped or flat; undefined when it is neither. */
export function parseUpdate(body: unknown): ZaloUpdate | undefined {
  if (body !== null && typeof body === "object" && "result" in body) {
    const wrapped = WrappedUpdateSchema.safeParse(body);
    return wrapped.success ? wrapped.data.result : undefined;
  }
  const flat = ZaloUpdateSchema.safeParse(body);
  return flat.success ? flat.data : undefined;
}

/** The de-duplication key the contract prescribes; undefined when the update has no message id. */
export function updateKey(update: ZaloUpdate): string | undefined {
  const id = update.message?.message_id;
  return id === undefined || id === "" ? undefined : `${update.event_name}:${id}`;
}

export const ZaloBotInfoSchema = z.looseObject({
  id: Id,
  account_name: z.string().optional(),
  account_type: z.string().optional(),
  can_join_groups: z.boolean().optional(),
});
export type ZaloBotInfo = z.infer<typeof ZaloBotInfoSchema>;

export const ZaloWebhookInfoSchema = z.looseObject({
  url: z.string().default(""),
  updated_at: Timestamp,
});
export type ZaloWebhookInfo = z.infer<typeof ZaloWebhookInfoSchema>;

/** Lenient on purpose: the message was accepted once `ok` is true, whatever the result looks like. */
export const ZaloSentMessageSchema = z.looseObject({ message_id: Id.optional(), date: Timestamp }).catch(() => ({}));
export type ZaloSentMessage = z.infer<typeof ZaloSentMessageSchema>;
