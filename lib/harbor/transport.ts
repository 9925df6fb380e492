import "server-only";
import { randomUUID } from "node:crypto";
import { request, type Dispatcher } from "undici";
import { log } from "../log";
import { classifyNetworkError, isProgrammerError, type Where } from "./error-mapping";
import { classifyStatus, describeForeignBody, parseHarborMessage } from "./status-mapping";
import { createHarborDispatcher, defined, DEFAULTS } from "./dispatcher";
import type { OutboundOptions } from "./outbound";
import { flatten, queryString, readCapped, type QueryValue } from "./wire";
import { harborFail, harborOk, type HarborResult } from "./errors";
import { apiBasePath, type ApiGeneration } from "./facts";
import { API_GENERATIONS } from "../releases";

/**
 * The one transport: builds every URL and header, Basic auth on every call, never cookies, an X-Request-Id
 * per call, per-instance TLS trust, timeouts, bounded retries for GETs, no redirects, a response size cap, and the
 * outbound address policy (lib/harbor/outbound.ts) on every connection.
 */

export interface HarborCredentials {
  username: string;
  password: string;
}

/** What detection found; cacheable per instance (harborVersion/apiGeneration columns). */
export interface DetectedVersion {
  generation: ApiGeneration;
  /** "2.11.2"; null when Harbor hid it (2.13+ answering a credential it did not accept) */
  version: string | null;
}

export interface CreateHarborClientOptions {
  /** Harbor's base URL, e.g. https://harbor.example.com (a path prefix is kept; no credentials in it) */
  baseUrl: string;
  credentials?: HarborCredentials | null;
  /** PEM CA bundle trusted for this instance, in addition to the public roots */
  ca?: string | null;
  /** Only when explicitly true: accept any certificate for this instance (never process-wide). */
  skipTlsVerify?: boolean;
  /** A previous detection, to skip re-detecting. */
  known?: DetectedVersion | null;
  connectTimeoutMs?: number;
  /** Budget for a whole call, retries included. */
  timeoutMs?: number;
  maxRetries?: number;
  retryDelayMs?: number;
  maxResponseBytes?: number;
  /**
   * Which addresses may be connected to (see lib/harbor/outbound.ts). Without it, loopback, link-local, metadata
   * and the like are refused: a caller that forgets the console's allow-list fails closed, never open.
   */
  outbound?: OutboundOptions;
  /** For tests (undici MockAgent) and pooled callers; the client then does not own or close it (its policy applies). */
  dispatcher?: Dispatcher;
}

export { createHarborDispatcher, DEFAULTS } from "./dispatcher";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
export type { QueryValue } from "./wire";

export interface SendOptions {
  method: HttpMethod;
  /** absolute path on the host, built with apiPath() (or "/api/version") */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body */
  body?: unknown;
  /** addressing a project by name: sends X-Is-Resource-Name: true (only on routes whose spec has it) */
  byName?: boolean;
  accept?: "json" | "text";
}

export interface HarborResponse {
  status: number;
  /** lower-case names; Set-Cookie is dropped */
  headers: Record<string, string>;
  text: string;
  elapsedMs: number;
}

export interface HarborClient {
  /** normalised: origin + path prefix, no trailing slash */
  readonly baseUrl: string;
  readonly username: string | null;
  /** the cached detection (set by detectVersion) */
  known: DetectedVersion | null;
  send(opts: SendOptions): Promise<HarborResult<HarborResponse>>;
  /** Closes the client's own connection pool (not an injected dispatcher). */
  close(): Promise<void>;
}

const ERROR_BODY_BYTES = 64 * 1024;

/** "/api/v2.0/projects/my%20p/webhook" from segments; every segment is encoded here and nowhere else. */
export function apiPath(generation: ApiGeneration, ...segments: (string | number)[]): string {
  const parts = segments.map((s) => {
    const v = String(s);
    if (v === "" || v === "." || v === "..") throw new Error(`apiPath: invalid segment ${JSON.stringify(v)}`);
    return encodeURIComponent(v);
  });
  return [apiBasePath(generation), ...parts].join("/");
}

export function createHarborClient(opts: CreateHarborClientOptions): HarborClient {
  const base = new URL(opts.baseUrl);
  if (base.protocol !== "https:" && base.protocol !== "http:") throw new Error("createHarborClient: baseUrl must be http(s)");
  if (base.username || base.password || base.search || base.hash)
    throw new Error("createHarborClient: baseUrl must not carry credentials, a query or a fragment");
  if (opts.known && !API_GENERATIONS.includes(opts.known.generation)) throw new Error(`createHarborClient: unknown generation ${opts.known.generation}`);
  const baseUrl = base.origin + base.pathname.replace(/\/+$/, "");
  const port = base.port || (base.protocol === "https:" ? "443" : "80");
  const cfg = { ...DEFAULTS, ...defined(opts) };
  const authorization = opts.credentials
    ? `Basic ${Buffer.from(`${opts.credentials.username}:${opts.credentials.password}`, "utf8").toString("base64")}`
    : undefined;
  const ownAgent = opts.dispatcher ? null : createHarborDispatcher({ ...cfg, ca: opts.ca, skipTlsVerify: opts.skipTlsVerify, outbound: opts.outbound });
  const dispatcher: Dispatcher = opts.dispatcher ?? ownAgent!;

  async function attempt(o: SendOptions, url: string, headers: Record<string, string>, signal: AbortSignal, w: Where, requestId: string) {
    const started = performance.now();
    const ctx = { ...w, timeoutMs: cfg.timeoutMs, connectTimeoutMs: cfg.connectTimeoutMs };
    const failNet = (err: unknown, phase: "request" | "body") => {
      if (isProgrammerError(err)) throw err;
      const c = classifyNetworkError(err, { ...ctx, phase, timedOut: signal.aborted });
      return { transient: c.transient, result: harborFail({ kind: c.kind, message: c.message, requestId, cause: err }) };
    };
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, { method: o.method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body), dispatcher, signal });
    } catch (err) {
      return failNet(err, "request");
    }
    // A body abandoned below (a redirect, an oversized answer) is destroyed, and undici's body then emits
    // "Request aborted": without a listener that is an uncaught exception (issue #14).
    res.body.on("error", () => {});
    const status = res.statusCode;
    const headersOut = flatten(res.headers);
    if (status >= 300 && status < 400) {
      res.body.destroy();
      const c = classifyStatus(status, w);
      return { transient: false, result: harborFail({ kind: c.kind, message: c.message, status, requestId }) };
    }
    const ok = status >= 200 && status < 300;
    const body = await readCapped(res, ok ? cfg.maxResponseBytes : ERROR_BODY_BYTES);
    if ("error" in body) {
      if (!ok) return statusFailure(status, "", headersOut);
      return failNet(body.error, "body");
    }
    if ("tooLarge" in body && ok) {
      const message = `The answer of ${w.hostPort} to ${w.method} ${w.path} was larger than ${Math.round(cfg.maxResponseBytes / 1024)} KiB, more than the console accepts — is the URL pointing at Harbor?`;
      return { transient: false, result: harborFail({ kind: "invalid_response", message, status, requestId }) };
    }
    const text = "text" in body ? body.text : "";
    if (!ok) return statusFailure(status, text, headersOut);
    return {
      transient: false,
      result: harborOk<HarborResponse>({ status, headers: headersOut, text, elapsedMs: Math.round(performance.now() - started) }, requestId),
    };

    function statusFailure(s: number, t: string, h: Record<string, string>) {
      const harborMessage = parseHarborMessage(t);
      const c = classifyStatus(s, w, harborMessage, harborMessage ? "" : describeForeignBody(t, h["content-type"]));
      return { transient: c.transient, result: harborFail({ kind: c.kind, message: c.message, status: s, harborMessage, requestId }) };
    }
  }

  return {
    baseUrl,
    username: opts.credentials?.username ?? null,
    known: opts.known ? { generation: opts.known.generation, version: opts.known.version ?? null } : null,
    async send(o) {
      if (!o.path.startsWith("/") || o.path.includes("//")) throw new Error(`send: invalid path ${o.path}`);
      const requestId = randomUUID();
      const url = baseUrl + o.path + queryString(o.query);
      const headers: Record<string, string> = {
        accept: o.accept === "text" ? "text/plain, */*" : "application/json",
        "user-agent": "harbor-fleet-console",
        "x-request-id": requestId,
      };
      if (authorization) headers.authorization = authorization;
      if (o.body !== undefined) headers["content-type"] = "application/json";
      if (o.byName) headers["x-is-resource-name"] = "true";
      const w: Where = { hostPort: `${base.hostname}:${port}`, hostname: base.hostname, method: o.method, path: o.path };
      const deadline = Date.now() + cfg.timeoutMs;
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), cfg.timeoutMs);
      try {
        for (let n = 0; ; n++) {
          const started = Date.now();
          const r = await attempt(o, url, headers, ac.signal, w, requestId);
          const e = r.result.ok ? null : r.result.error;
          log.debug("harbor request", {
            requestId,
            method: o.method,
            host: w.hostPort,
            path: o.path,
            attempt: n + 1,
            ms: Date.now() - started,
            status: r.result.ok ? r.result.value.status : e?.status,
            kind: e?.kind,
          });
          if (r.result.ok || !r.transient || o.method !== "GET" || n >= cfg.maxRetries) return r.result;
          const delay = cfg.retryDelayMs * 2 ** n + Math.random() * cfg.retryDelayMs;
          if (ac.signal.aborted || Date.now() + delay >= deadline) return r.result;
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await ownAgent?.close();
    },
  };
}
