/** The Zalo Bot API client: self-contained (axios + zod), publishable as its own package. */
export {
  type FormOptions,
  type MessageMetadata,
  type MessageType,
  ZaloBot,
  ZaloBot as default,
  type ZaloBotEvents,
  type ZaloBotOptions,
} from "./bot.js";
export { ZaloBotError, ZaloError, ZaloFatalError, ZaloParseError } from "./errors.js";
export type { PollingOptions } from "./polling.js";
export {
  parseUpdate,
  updateKey,
  ZALO_EVENTS,
  type ZaloBotInfo,
  type ZaloChat,
  type ZaloMessage,
  type ZaloSentMessage,
  type ZaloUpdate,
  ZaloUpdateSchema,
  type ZaloUser,
  type ZaloWebhookInfo,
} from "./schemas.js";
export { DEFAULT_API_ROOT, DEFAULT_RETRY, type RequestOptions, type RetryPolicy } from "./transport.js";
