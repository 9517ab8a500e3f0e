import { errorSummary, type Logger } from "../../logger.js";
import { DEFAULT_MAX_BODY_BYTES, type HttpServer } from "../../server/http.js";
import { secretMatches } from "../../server/secret.js";
import { parseUpdate } from "./client/index.js";
import type { UpdateSink } from "./handler.js";

export const ZALO_WEBHOOK_PATH = "/webhook/zalo";
const SECRET_HEADER = "x-bot-api-secret-token";

export interface ZaloWebhookOptions {
  /** The secret given to setWebhook; Zalo sends it back in X-Bot-Api-Secret-Token. */
  secret: string;
  sink: UpdateSink;
  logger: Logger;
  path?: string;
  maxBodyBytes?: number;
  /** False once the channel stopped: deliveries then get 503, so Zalo keeps them for later. */
  accepting?: () => boolean;
}

/**
 * POST route for Zalo's webhook on the project's server. A missing or wrong secret gets 401
 * and nothing is handled; bodies over 1 MB get 413 (from the server); the update, wrapped or
 * flat, is claimed (de-duplicated) and answered 200 at once, and handled after the response.
 */
export function registerZaloWebhook(server: HttpServer, options: ZaloWebhookOptions): { path: string } {
  const path = options.path ?? ZALO_WEBHOOK_PATH;
  const { sink, logger } = options;
  server.route(
    "POST",
    path,
    async (req, body) => {
      if (!secretMatches(req.headers[SECRET_HEADER], options.secret)) {
        logger.warn({ path }, "zalo webhook: missing or wrong secret");
        return { status: 401, body: { ok: false, error: "unauthorized" } };
      }
      if (options.accepting && !options.accepting()) return { status: 503, body: { ok: false, error: "stopping" } };
      let json: unknown;
      try {
        json = JSON.parse(body.toString("utf8"));
      } catch {
        return { status: 400, body: { ok: false, error: "invalid JSON" } };
      }
      const update = parseUpdate(json);
      if (!update) {
        logger.warn({ path }, "zalo webhook: body is not an update");
        return { status: 400, body: { ok: false, error: "not an update" } };
      }
      if (!sink.claim(update)) return { status: 200, body: { ok: true } };
      // Written down before the 200 (with a database, the insert is awaited): from then on Zalo will
      // not post it again, and a crash of this replica leaves it to another (see UpdateInbox).
      await sink.stored?.(update);
      // Several replicas: the chat's turn is taken before Zalo gets its answer (see UpdateSink.turn).
      const turn = await sink.turn?.(update).catch((err: unknown) => {
        logger.warn({ err: errorSummary(err) }, "zalo chat turn not taken; answering anyway");
        return undefined;
      });
      return { status: 200, body: { ok: true }, after: () => sink.handle(update, turn) };
    },
    options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  );
  return { path };
}
