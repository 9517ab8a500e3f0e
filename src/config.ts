import path from "node:path";
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

/** The environment's schema: validated once at start; nothing else reads process.env. */
export const ConfigSchema = z.object({
  CATALOGUE_DIR: z.string().default("data"),
  DATA_DIR: z.string().default("var"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TELEGRAM_BOT_TOKEN: optionalText,
  ZALO_BOT_TOKEN: optionalText,
});

export type Config = z.infer<typeof ConfigSchema> & { catalogueDir: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ | Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, catalogueDir: path.resolve(parsed.data.CATALOGUE_DIR) };
}
