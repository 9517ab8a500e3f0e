import type { HttpServer, RouteResult } from "../server/http.js";
import { bearerToken, secretMatches } from "../server/secret.js";
import { decodeText } from "./import/decode.js";
import type { ImportReport } from "./ingest.js";
import { type ParsedFile, type RawRow, readExport, rowsOfJson } from "./records.js";

export const DOSSIER_API_PATH = "/api/dossiers";
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface DossierApiDeps {
  /** DOSSIER_API_TOKEN; without it the endpoint is not registered. */
  token?: string;
  ingest(rows: RawRow[]): Promise<ImportReport>;
  /** Runs after the response (e.g. sending the notices just queued). */
  afterImport?: () => Promise<void>;
}

/**
 * POST /api/dossiers: the one-stop system pushes the same records as the export, as JSON
 * (an array, or { dossiers: [...] }) or as CSV (Content-Type: text/csv). Bearer token,
 * compared in constant time. The reply comes once the changes are on disk.
 */
export function registerDossierApi(server: HttpServer, deps: DossierApiDeps): boolean {
  const { token } = deps;
  if (!token) return false;
  server.route(
    "POST",
    DOSSIER_API_PATH,
    async (req, body): Promise<RouteResult> => {
      if (!secretMatches(bearerToken(req.headers.authorization), token)) {
        return { status: 401, body: { ok: false, error: "unauthorized" } };
      }
      const parsed = parseBody(req.headers["content-type"] ?? "", body);
      if (!parsed.ok) return { status: 400, body: { ok: false, error: parsed.error } };
      const report = await deps.ingest(parsed.rows);
      return {
        status: 200,
        body: {
          ok: true,
          ...report,
          rejected: report.rejected.map((r) => ({ ...r.at, code: r.code, reason: r.reason })),
        },
        after: deps.afterImport,
      };
    },
    MAX_BODY_BYTES,
  );
  return true;
}

function parseBody(contentType: string, body: Buffer): ParsedFile {
  if (/\btext\/csv\b/i.test(contentType)) {
    // A one-stop system may push the CSV as Excel saves it (Windows-1258, UTF-16): read it as the export is.
    const decoded = decodeText(body);
    return decoded.ok ? readExport(decoded.text, "csv") : { ok: false, error: decoded.error };
  }
  try {
    return rowsOfJson(JSON.parse(body.toString("utf8")));
  } catch {
    return { ok: false, error: "invalid JSON" };
  }
}
