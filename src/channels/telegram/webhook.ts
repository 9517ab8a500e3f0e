import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import { errorSummary, type Logger } from "../../logger.js";
import type { HttpServer } from "../../server/http.js";
import { secretMatches } from "../../server/secret.js";
import { InFlight } from "../../util/in-flight.js";
import { ALLOWED_UPDATES } from "./bot.js";

const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const DEFAULT_WEBHOOK_PATH = "/webhook/telegram";

/** Only the id is checked: grammY reads the rest, and an update Telegram added later must not be refused. */
const UpdateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

export interface WebhookOptions {
  path?: string;
  secret: string;
  logger: Logger;
  /**
   * Telegram gets its answer when the update has been handled, so an update lost to a crash is
   * sent again; past this delay it is answered anyway and the work finishes after the response.
   */
  answerWithinMs?: number;
}

export interface Webhook {
  path: string;
  /** Refuses new updates with 503 (Telegram sends them again later) and waits for those in flight. */
  close(): Promise<void>;
  state(): TelegramWebhookHealth;
}

export interface TelegramWebhookHealth {
  mode: "webhook";
  path: string;
  accepting: boolean;
  received: number;
  refused: number;
  inFlight: number;
}

/**
 * Serves Telegram's webhook on the project's HTTP server. A request without the right
 * X-Telegram-Bot-Api-Secret-Token gets 401 and nothing is handled. (grammY's webhookCallback
 * is not used: it compares the secret in variable time and reads the body itself.)
 */
export function registerTelegramWebhook(server: HttpServer, bot: Bot, options: WebhookOptions): Webhook {
  const path = options.path ?? DEFAULT_WEBHOOK_PATH;
  const inFlight = new InFlight();
  let closing = false;
  let received = 0;
  let refused = 0;

  const handle = (update: Update): Promise<void> => {
    const work = (async () => {
      try {
        await bot.handleUpdate(update);
      } catch (err) {
        // Same error handler as in polling mode (bot.catch): logged, the user gets an apology.
        await bot.errorHandler(err as Parameters<Bot["errorHandler"]>[0]);
      }
    })().catch((err: unknown) => options.logger.error({ err: errorSummary(err) }, "telegram error handler failed"));
    return inFlight.track(work);
  };

  server.route("POST", path, async (req, body) => {
    if (!secretMatches(req.headers[SECRET_HEADER], options.secret)) {
      refused++;
      return { status: 401, body: { ok: false, error: "unauthorized" } };
    }
    if (closing) return { status: 503, body: { ok: false, error: "shutting down" } };
    const parsed = UpdateSchema.safeParse(parseJson(body));
    if (!parsed.success) return { status: 400, body: { ok: false, error: "not an update" } };
    received++;
    const work = handle(parsed.data as unknown as Update);
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([
      work.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), options.answerWithinMs ?? 20_000);
      }),
    ]);
    clearTimeout(timer);
    return done ? { status: 200 } : { status: 200, after: () => work };
  });

  return {
    path,
    async close() {
      closing = true;
      await inFlight.drain();
    },
    state: () => ({ mode: "webhook", path, accepting: !closing, received, refused, inFlight: inFlight.size }),
  };
}

/** The public URL to give Telegram and the local path it maps to: the URL's own path, or /webhook/telegram. */
export function webhookTarget(url: string): { url: string; path: string } {
  const parsed = new URL(url);
  if (parsed.pathname !== "/") return { url: parsed.toString(), path: parsed.pathname };
  parsed.pathname = DEFAULT_WEBHOOK_PATH;
  return { url: parsed.toString(), path: DEFAULT_WEBHOOK_PATH };
}

/** Tells Telegram where to post updates, with the secret it must send back in the header. */
export async function setTelegramWebhook(bot: Bot, url: string, secret: string): Promise<void> {
  await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}
