import path from "node:path";
import { z } from "zod";

/** Empty strings count as unset, as in a .env file with `KEY=`. */
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const port = z.coerce.number().int().min(0).max(65535);
// Telegram allows 1–256 characters of A–Z, a–z, 0–9, _ and - in a webhook secret.
const webhookSecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A-Z, a-z, 0-9, _ or -")
  .optional();
const httpsUrl = z.url({ protocol: /^https$/, message: "must be an https:// URL" }).optional();
const apiRoot = z.url({ message: "must be a URL such as https://api.telegram.org" }).optional();
const idList = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** The environment's schema: validated once at start; nothing else reads process.env. */
export const ConfigSchema = z
  .object({
    CATALOGUE_DIR: z.string().default("data"),
    DATA_DIR: z.string().default("var"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    HOST: z.string().default("127.0.0.1"),
    PORT: port.default(8080),
    /** Incoming messages allowed per chat per minute. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),

    TELEGRAM_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456:ABC-def…")
        .optional(),
    ),
    TELEGRAM_MODE: z.enum(["polling", "webhook"]).default("polling"),
    TELEGRAM_WEBHOOK_URL: optionalText.pipe(httpsUrl),
    TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(webhookSecret),
    TELEGRAM_API_ROOT: optionalText.pipe(apiRoot),
    TELEGRAM_ADMIN_CHAT_IDS: idList,

    ZALO_BOT_TOKEN: optionalText,
    ZALO_MODE: z.enum(["polling", "webhook"]).default("polling"),
    ZALO_WEBHOOK_URL: optionalText.pipe(httpsUrl),
    ZALO_WEBHOOK_SECRET: optionalText.pipe(webhookSecret),
    ZALO_API_ROOT: optionalText.pipe(apiRoot),

    /** Bearer token of POST /api/dossiers; the endpoint is off when unset. */
    DOSSIER_API_TOKEN: optionalText.pipe(z.string().min(24, "must be at least 24 characters").optional()),
    PHONE_HASH_KEY: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),

    /** Days after a result became ready (status 9) on which subscribers are reminded to pick it up. */
    REMINDER_DAYS: z
      .string()
      .default("1,3,7")
      .transform((s) => s.split(",").map((x) => Number(x.trim())))
      .pipe(z.array(z.number().int().min(1).max(60, "at most 60 days")).min(1)),
    /** 3 levels (Rất hài lòng / Hài lòng / Không hài lòng) or 5 (adds Bình thường, Rất không hài lòng). */
    RATING_SCALE: z.enum(["3", "5"]).default("3").transform(Number),
    /** Clock of the office: reminders, working days and rating months are counted in it. */
    TIMEZONE: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "unknown time zone")
      .default("Asia/Ho_Chi_Minh"),
    /** When pickup reminders may go out: "HH:MM-HH:MM" ranges, comma-separated. */
    OFFICE_HOURS: z
      .string()
      .regex(/^\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})*$/, "must look like 07:30-11:30,13:30-17:00")
      .default("07:30-11:30,13:30-17:00"),
    /** Working days, 1 = Monday … 7 = Sunday: "1-5" or "1,2,3,4,5,6". */
    WORKING_DAYS: z
      .string()
      .regex(/^[1-7](-[1-7])?(,[1-7](-[1-7])?)*$/, "must look like 1-5 or 1,2,3,4,5,6")
      .default("1-5"),
    /** Public holidays (no reminders), YYYY-MM-DD, comma-separated. */
    HOLIDAYS: idList.pipe(z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates must be YYYY-MM-DD"))),
    /** When status notices and rating requests may go out (any day): never at night. */
    NOTIFY_HOURS: z
      .string()
      .regex(/^\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})*$/, "must look like 07:00-21:00")
      .default("07:00-21:00"),

    /**
     * The staff web console at /staff/ (needs DATA_DIR): "on", "off", or "auto" — on when a chat channel
     * has a token (the HTTP server runs anyway) or when nothing else would run (no token, no terminal).
     */
    STAFF_CONSOLE: z.enum(["auto", "on", "off"]).default("auto"),
    /** Marks the console's session cookie Secure: set it when an HTTPS proxy is in front. */
    STAFF_COOKIE_SECURE: optionalText
      .pipe(z.enum(["true", "false", "1", "0"]).optional())
      .transform((v) => v === "true" || v === "1"),

    /**
     * PostgreSQL (issue 14), e.g. postgresql://bot:secret@db.internal:5432/motcua: with it set, dossiers,
     * subscriptions, ratings and conversation states live in the database (migrated at start), not in DATA_DIR.
     */
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
        .optional(),
    ),

    /** Tests only (npm run acceptance, npm run faults): a file holding the time the service lives at; see src/clock.ts. */
    MOTCUA_FAKE_CLOCK_FILE: optionalText,
  })
  .superRefine((c, ctx) => {
    const need = (when: boolean, key: string, why: string) => {
      if (when) ctx.addIssue({ code: "custom", path: [key], message: why });
    };
    const tgWebhook = Boolean(c.TELEGRAM_BOT_TOKEN) && c.TELEGRAM_MODE === "webhook";
    need(tgWebhook && !c.TELEGRAM_WEBHOOK_URL, "TELEGRAM_WEBHOOK_URL", "required when TELEGRAM_MODE=webhook");
    need(tgWebhook && !c.TELEGRAM_WEBHOOK_SECRET, "TELEGRAM_WEBHOOK_SECRET", "required when TELEGRAM_MODE=webhook");
    const zaloWebhook = Boolean(c.ZALO_BOT_TOKEN) && c.ZALO_MODE === "webhook";
    need(zaloWebhook && !c.ZALO_WEBHOOK_URL, "ZALO_WEBHOOK_URL", "required when ZALO_MODE=webhook");
    need(zaloWebhook && !c.ZALO_WEBHOOK_SECRET, "ZALO_WEBHOOK_SECRET", "required when ZALO_MODE=webhook");
  });

export type Config = z.infer<typeof ConfigSchema> & { catalogueDir: string; dataDir: string };

export class ConfigError extends Error {}

/** Validates the environment; one line per bad or missing value, never echoing a value (it may be a token). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path[0]?.toString() ?? "?"}: ${describeIssue(i)}`);
    throw new ConfigError(`Cấu hình không hợp lệ | Invalid configuration:\n${lines.join("\n")}`);
  }
  return {
    ...parsed.data,
    catalogueDir: path.resolve(parsed.data.CATALOGUE_DIR),
    dataDir: path.resolve(parsed.data.DATA_DIR),
  };
}

/** Vietnamese for the messages written above, so staff read every problem in their language too. */
const VIETNAMESE: Record<string, string> = {
  "must be 16–256 characters of A-Z, a-z, 0-9, _ or -": "phải gồm 16–256 ký tự A-Z, a-z, 0-9, _ hoặc -",
  "must be an https:// URL": "phải là địa chỉ https://",
  "must be a URL such as https://api.telegram.org": "phải là một địa chỉ URL, ví dụ https://api.telegram.org",
  "must look like 123456:ABC-def…": "phải có dạng 123456:ABC-def… (token do BotFather cấp)",
  "must be at least 24 characters": "cần ít nhất 24 ký tự",
  "must be at least 16 characters": "cần ít nhất 16 ký tự",
  "at most 60 days": "tối đa 60 ngày",
  "unknown time zone": "múi giờ không tồn tại (ví dụ đúng: Asia/Ho_Chi_Minh)",
  "must look like 07:30-11:30,13:30-17:00": "phải có dạng 07:30-11:30,13:30-17:00",
  "must look like 1-5 or 1,2,3,4,5,6": "phải có dạng 1-5 hoặc 1,2,3,4,5,6 (1 = Thứ Hai … 7 = Chủ nhật)",
  "dates must be YYYY-MM-DD": "các ngày phải có dạng YYYY-MM-DD, cách nhau bởi dấu phẩy",
  "must look like 07:00-21:00": "phải có dạng 07:00-21:00",
  "required when TELEGRAM_MODE=webhook": "bắt buộc khi TELEGRAM_MODE=webhook",
  "required when ZALO_MODE=webhook": "bắt buộc khi ZALO_MODE=webhook",
  "must be a postgresql:// URL": "phải là địa chỉ postgresql://",
};

/** "Vietnamese | English" for one problem; which value was wrong is said, never the value itself (it may be a token). */
function describeIssue(issue: z.core.$ZodIssue): string {
  const item =
    issue.path.length > 1 ? ` (giá trị thứ ${Number(issue.path[1]) + 1} | item ${Number(issue.path[1]) + 1})` : "";
  const vi = VIETNAMESE[issue.message] ?? vietnameseOf(issue);
  return `${vi} | ${issue.message}${item}`;
}

function vietnameseOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "number" ? "phải là một số" : "sai kiểu giá trị";
    case "invalid_value":
      return `phải là một trong: ${issue.values.map(String).join(", ")}`;
    case "too_small":
      return `nhỏ nhất là ${String(issue.minimum)}`;
    case "too_big":
      return `lớn nhất là ${String(issue.maximum)}`;
    default:
      return "giá trị không hợp lệ";
  }
}
