import type { IncomingMessage, ServerResponse } from "node:http";
import busboy from "busboy";
import type { Html } from "./html.js";

/** Every console response: no framing, no sniffing, nothing cached, no script, nothing from elsewhere. */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

export function sendHtml(res: ServerResponse, status: number, body: Html, cookies: string[] = []): void {
  const text = body.text;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...(cookies.length > 0 ? { "set-cookie": cookies } : {}),
  });
  res.end(text);
}

/** A file to save (the ratings workbook): never shown inline, never cached. */
export function sendDownload(res: ServerResponse, bytes: Buffer, type: string, fileName: string): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": type,
    "content-length": bytes.length,
    "content-disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
  });
  res.end(bytes);
}

export function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
  res.writeHead(303, {
    ...SECURITY_HEADERS,
    location,
    "content-length": 0,
    ...(cookies.length > 0 ? { "set-cookie": cookies } : {}),
  });
  res.end();
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export function cookie(
  name: string,
  value: string,
  options: { maxAge: number; secure: boolean; sameSite: "Strict" | "Lax" },
): string {
  return [
    `${name}=${value}`,
    "Path=/staff",
    "HttpOnly",
    `SameSite=${options.sameSite}`,
    `Max-Age=${options.maxAge}`,
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

export class BodyTooLarge extends Error {}

/** An application/x-www-form-urlencoded body (small forms only). */
export async function readForm(req: IncomingMessage, maxBytes = 16 * 1024): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) return new URLSearchParams();
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export interface Upload {
  fields: Map<string, string>;
  file?: { name: string; bytes: Buffer };
}

/** A multipart/form-data body with at most one file, parsed by busboy; larger than `maxFileBytes` is refused. */
export function readUpload(req: IncomingMessage, maxFileBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxFileBytes, fields: 10, fieldSize: 4096, parts: 12 },
        defParamCharset: "utf8",
      });
    } catch (err) {
      reject(err);
      return;
    }
    const upload: Upload = { fields: new Map() };
    let tooLarge = false;
    parser.on("field", (name, value) => upload.fields.set(name, value));
    parser.on("file", (_field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => {
        tooLarge = true;
      });
      stream.on("end", () => {
        if (info.filename) upload.file = { name: info.filename, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on("error", reject);
    parser.on("close", () => (tooLarge ? reject(new BodyTooLarge()) : resolve(upload)));
    req.pipe(parser);
  });
}

/** The client's address for the login limits: the socket's, since the console sits behind no trusted proxy by default. */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? "unknown";
}

/** A browser posting from another site sends its Origin: refused even before the CSRF token is read. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  // Behind a proxy that rewrites Host, the public host arrives as X-Forwarded-Host. (Either may be
  // forged by a direct client, which gains nothing: this check only adds to the CSRF token.)
  const forwarded = String(req.headers["x-forwarded-host"] ?? "")
    .split(",")[0]
    ?.trim();
  try {
    const host = new URL(origin).host;
    return host === req.headers.host || (forwarded !== undefined && forwarded !== "" && host === forwarded);
  } catch {
    return false;
  }
}
