/** A scriptable fake Harbor on undici's MockAgent: records every request, answers from a handler. */
import { MockAgent } from "undici";
import { createHarborClient, type CreateHarborClientOptions, type DetectedVersion } from "@/lib/harbor/transport";

export const ORIGIN = "https://harbor.test";
export const ADMIN = { username: "admin", password: "Harbor12345" };

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
  /** send body as-is (not JSON-encoded) */
  raw?: boolean;
}

export type Handler = (req: FakeRequest) => FakeReply;

function lower(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  const entries: [string, unknown][] =
    typeof (h as Headers).entries === "function" && !(h instanceof Array)
      ? [...(h as Headers).entries()]
      : Array.isArray(h)
        ? pairs(h)
        : Object.entries(h as object);
  for (const [k, v] of entries) out[k.toLowerCase()] = String(v);
  return out;
}

function pairs(a: unknown[]): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (let i = 0; i < a.length; i += 2) out.push([String(a[i]), a[i + 1]]);
  return out;
}

export function fakeHarbor(handler: Handler) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const calls: FakeRequest[] = [];
  agent
    .get(ORIGIN)
    .intercept({ path: () => true, method: () => true })
    .reply((opts) => {
      const url = new URL(opts.path, ORIGIN);
      const query: Record<string, string | string[]> = {};
      for (const k of new Set(url.searchParams.keys())) {
        const all = url.searchParams.getAll(k);
        query[k] = all.length > 1 ? all : all[0];
      }
      const text = opts.body == null ? undefined : String(opts.body);
      const req: FakeRequest = { method: opts.method, path: url.pathname, query, headers: lower(opts.headers), body: text ? JSON.parse(text) : undefined };
      calls.push(req);
      const r = handler(req);
      const data = r.raw ? String(r.body ?? "") : r.body === undefined ? "" : JSON.stringify(r.body);
      return {
        statusCode: r.status ?? 200,
        data,
        responseOptions: { headers: { "content-type": r.raw ? "text/plain" : "application/json", ...(r.headers ?? {}) } },
      };
    })
    .persist();
  return { agent, calls };
}

export function fakeClient(handler: Handler, opts: Partial<CreateHarborClientOptions> & { known?: DetectedVersion | null } = {}) {
  const { agent, calls } = fakeHarbor(handler);
  const client = createHarborClient({ baseUrl: ORIGIN, credentials: ADMIN, dispatcher: agent, retryDelayMs: 1, ...opts });
  return { client, calls, agent };
}

export const known = (generation: DetectedVersion["generation"], version: string | null = null): DetectedVersion => ({ generation, version });

/** A minimal Harbor of a given version for detection: /api/version and systeminfo. */
export function versionRoutes(version: string, opts: { hideVersion?: boolean } = {}): Handler {
  const major = Number(version.split(".")[0]);
  return (req) => {
    if (req.path === "/api/version") return major === 1 ? { status: 404, body: { code: 404, message: "not found" } } : { body: { version: "v2.0" } };
    if (req.path === (major === 1 ? "/api/systeminfo" : "/api/v2.0/systeminfo")) {
      return { body: { auth_mode: "db_auth", ...(opts.hideVersion ? {} : { harbor_version: `v${version}-35f09d55` }), notification_enable: true } };
    }
    return { status: 404, body: { errors: [{ code: "NOT_FOUND", message: "not found" }] } };
  };
}

export const notFound: FakeReply = { status: 404, body: { errors: [{ code: "NOT_FOUND", message: "not found" }] } };
