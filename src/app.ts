import { LiveCatalogue } from "./catalogue/live.js";
import type { Config } from "./config.js";
import { Assistant } from "./core/assistant.js";
import { RateLimiter } from "./core/rate-limit.js";
import { MemoryConversationStore } from "./core/types.js";
import type { Logger } from "./logger.js";

/** The pieces every channel shares, built once from the configuration. */
export async function createApp(config: Config, logger: Logger) {
  const catalogue = await LiveCatalogue.open(config.catalogueDir, {
    reloaded: (s) =>
      logger.info({ version: s.catalogue.version, procedures: s.catalogue.procedures.length }, "catalogue reloaded"),
    rejected: (problems, report) =>
      logger.warn(
        { problems: problems.length },
        `catalogue change refused, still serving the last good one\n${report}`,
      ),
  });
  const assistant = new Assistant({
    catalogue,
    conversations: new MemoryConversationStore(),
    rateLimiter: new RateLimiter(config.RATE_LIMIT_PER_MINUTE),
  });
  return { catalogue, assistant };
}
