import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorSummary, type Logger } from "../logger.js";
import { InFlight } from "../util/in-flight.js";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface RouteResult {
  status: number;
  /** Sent as JSON when it is not a string. */
  body?: unknown;
  /** Runs after the response is sent: webhooks answer at once and do the work right after. */
  after?: () => Promise<void>;
}

export type RouteHandler = (req: IncomingMessage, body: Buffer) => Promise<RouteResult> | RouteResult;

/** A whole sub-site (the staff console): reads its own body and answers, or returns false to leave the request alone. */
export type MountedHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

interface Route {
  handler: RouteHandler;
  maxBodyBytes: number;
}

/**
 * The one HTTP server of the service: webhooks, the dossier API and /healthz.
 * Bodies are capped (413 past the cap, nothing handled); unknown paths get 404.
 */
export class HttpServer {
  private readonly routes = new Map<string, Route>();
  private readonly mounts: MountedHandler[] = [];
  private readonly server: Server;
  private readonly inFlight = new InFlight();

  constructor(
    private readonly logger: Logger,
    health: () => object | Promise<object>,
  ) {
    this.server = createServer((req, res) => void this.dispatch(req, res));
    this.server.keepAliveTimeout = 5_000;
    this.route("GET", "/healthz", async () => ({ status: 200, body: { ok: true, ...(await health()) } }));
  }

  route(method: string, path: string, handler: RouteHandler, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): void {
    this.routes.set(`${method} ${path}`, { handler, maxBodyBytes });
  }

  /** Mounted handlers see each request before the routes, and before its body is read. */
  mount(handler: MountedHandler): void {
    this.mounts.push(handler);
  }

  async listen(port: number, host = "127.0.0.1"): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve());
    });
    return this.server.address() as AddressInfo;
  }

  /** Stops accepting connections and waits for requests and their `after` work in flight. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    await this.inFlight.drain();
    await closed;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = this.routes.get(`${req.method} ${path}`);
    if (!route && this.mounts.length === 0) return send(res, { status: 404, body: { ok: false, error: "not found" } });
    const work = (async () => {
      for (const mounted of this.mounts) {
        try {
          if (await mounted(req, res)) return;
        } catch (err) {
          this.logger.error({ err: errorSummary(err), path }, "request failed");
          return send(res, { status: 500, body: { ok: false, error: "internal error" } });
        }
      }
      if (!route) return send(res, { status: 404, body: { ok: false, error: "not found" } });
      // A client that hangs up mid-body ("aborted") left nothing to handle and nobody to answer;
      // unhandled, that rejection would end the process.
      const body = await readBody(req, route.maxBodyBytes).catch(() => "aborted" as const);
      if (body === "aborted") return;
      if (body === "too-large") return send(res, { status: 413, body: { ok: false, error: "body too large" } });
      let result: RouteResult;
      try {
        result = await route.handler(req, body);
      } catch (err) {
        this.logger.error({ err: errorSummary(err), path }, "request failed");
        return send(res, { status: 500, body: { ok: false, error: "internal error" } });
      }
      send(res, result);
      if (result.after) {
        await result
          .after()
          .catch((err: unknown) => this.logger.error({ err: errorSummary(err), path }, "work after response failed"));
      }
    })();
    await this.inFlight.track(work);
  }
}

function send(res: ServerResponse, result: RouteResult): void {
  if (res.headersSent) return;
  const text =
    typeof result.body === "string" ? result.body : JSON.stringify(result.body ?? { ok: result.status < 400 });
  res.writeHead(result.status, {
    "content-type": typeof result.body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Reads the body up to `max` bytes; past it, stops reading and reports "too-large". */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | "too-large"> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    return Promise.resolve("too-large");
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners("data");
        req.resume();
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
