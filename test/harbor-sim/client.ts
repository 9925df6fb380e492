/**
 * A minimal HTTP(S) client for talking to the simulator from tests: Basic auth, JSON bodies, a CA for TLS
 * instances, and no cookie jar (the way the console must call Harbor).
 */
import { Agent, fetch, type Dispatcher, type Headers as ResponseHeaders } from "undici";

export interface CallOptions {
  method?: string;
  /** Basic credentials, or a raw Authorization header value */
  auth?: { username: string; password: string } | string;
  body?: unknown;
  headers?: Record<string, string>;
  /** trust this CA (PEM) for https:// instances */
  ca?: string;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  headers: ResponseHeaders;
  text: string;
  /** parsed body when it is JSON, else undefined */
  json: unknown;
}

export const ADMIN = { username: "admin", password: "Harbor12345" };

const agents = new Map<string, Agent>();
/** No keep-alive: every call opens a fresh connection, so socket-level faults show on the next call. */
const plain = new Agent({ pipelining: 0 });

function agentFor(ca: string | undefined): Agent {
  if (!ca) return plain;
  let a = agents.get(ca);
  if (!a) {
    a = new Agent({ connect: { ca }, pipelining: 0 });
    agents.set(ca, a);
  }
  return a;
}

export function basic(username: string, password: string): string {
  return "Basic " + Buffer.from(`${username}:${password}`).toString("base64");
}

export async function call(baseUrl: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (typeof opts.auth === "string") headers.authorization = opts.auth;
  else if (opts.auth) headers.authorization = basic(opts.auth.username, opts.auth.password);
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(baseUrl + path, {
    method: opts.method ?? "GET",
    headers,
    body,
    dispatcher: opts.dispatcher ?? agentFor(opts.ca),
    signal: opts.signal,
  });
  const text = await res.text();
  let json: unknown;
  if (/json/.test(res.headers.get("content-type") ?? "")) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Harbor's error message in an answer: 2.x's `{"errors": [{"message"}]}`, else 1.x's `{"message"}`. */
export function harborErrorMessage(r: { json: unknown; text: string }): string {
  return r.json && typeof r.json === "object" && "errors" in r.json
    ? (r.json as { errors: { message: string }[] }).errors[0].message
    : (JSON.parse(r.text) as { message: string }).message;
}
