import { LiveCatalogue } from "./catalogue/live.js";
import type { Config } from "./config.js";
import { Assistant } from "./core/assistant.js";
import { RateLimiter } from "./core/rate-limit.js";
import { MemoryConversationStore, type Sender } from "./core/types.js";
import { type Dossiers, startDossiers } from "./dossiers/start.js";
import type { Logger } from "./logger.js";
import type { HttpServer } from "./server/http.js";

export interface AppOptions {
  /** Where the dossier API is registered (when DOSSIER_API_TOKEN is set). */
  server?: HttpServer;
  /** Dossiers, reminders and ratings need the data directory (and its lock); the catalogue-only chat does not. */
  dossiers?: boolean;
}

export interface App {
  catalogue: LiveCatalogue;
  assistant: Assistant;
  dossiers?: Dossiers;
  /** Channels push their Sender here once started; notifications read it at each send. */
  senders: Sender[];
}

/** The pieces every channel shares, built once from the configuration. */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const catalogue = await LiveCatalogue.open(config.catalogueDir, {
    reloaded: (s) =>
      logger.info({ version: s.catalogue.version, procedures: s.catalogue.procedures.length }, "catalogue reloaded"),
    rejected: (problems, report) =>
      logger.warn(
        { problems: problems.length },
        `catalogue change refused, still serving the last good one\n${report}`,
      ),
  });
  const senders: Sender[] = [];
  const dossiers =
    options.dossiers === false
      ? undefined
      : await startDossiers({ config, catalogue, logger, server: options.server, senders });
  const assistant = new Assistant({
    catalogue,
    conversations: dossiers?.conversations ?? new MemoryConversationStore(),
    features: dossiers ? [dossiers.feature] : [],
    answerFeedback: dossiers?.answerFeedback,
    rateLimiter: new RateLimiter(config.RATE_LIMIT_PER_MINUTE),
  });
  return { catalogue, assistant, dossiers, senders };
}
