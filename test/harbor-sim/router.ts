/**
 * Maps a request to the handler of the instance's version. Route tables are compiled once per version
 * string and shared by every instance of that version (1,000 instances cost a handful of tables).
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Principal } from "./auth";
import { error, json, type SimResponse } from "./http";
import { projectRoutes } from "./routes-projects";
import { robotRoutes } from "./routes-robots";
import { systemRoutes } from "./routes-system";
import { webhookRoutes } from "./routes-webhooks";
import type { InstanceState, Profile } from "./state";

export interface Ctx {
  st: InstanceState;
  p: Profile;
  method: string;
  /** path as received, without query */
  path: string;
  /** path plus raw query, as received (beego's RequestURI) */
  requestUri: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** parsed JSON body; undefined when there is none */
  body: unknown;
  /** a body was sent and is not JSON */
  bodyInvalid: boolean;
  principal: Principal;
  /** decoded path parameters of the matched route */
  params: Record<string, string>;
  baseUrl: string;
  /** PEM served by /systeminfo/getcert; null when the instance has no CA root */
  caPem: string | null;
}

export type Handler = (ctx: Ctx) => SimResponse;

/** `pattern` is relative to the API base; `{name}` matches a segment, `{name:int}` digits only (beego routes). */
export interface RouteDef {
  method: string;
  pattern: string;
  handler: Handler;
}

interface CompiledRoute extends RouteDef {
  re: RegExp;
  names: string[];
}

function compile(r: RouteDef): CompiledRoute {
  const names: string[] = [];
  const src = r.pattern.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)(:int)?\}/g, (_, name: string, int?: string) => {
    names.push(name);
    return int ? "([0-9]+)" : "([^/]+)";
  });
  return { ...r, re: new RegExp(`^${src}/?$`), names };
}

const tables = new Map<string, CompiledRoute[]>();

function routesFor(st: InstanceState): CompiledRoute[] {
  const key = st.spec.version;
  let table = tables.get(key);
  if (!table) {
    const p = st.profile;
    table = [...systemRoutes(p), ...projectRoutes(p), ...robotRoutes(p), ...webhookRoutes(p)].map(compile);
    tables.set(key, table);
  }
  return table;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function dispatch(ctx: Omit<Ctx, "params">): SimResponse {
  const { p, path } = ctx;
  if (path === "/api/version" || path === "/api/version/") {
    // 2.0+ only (src/server/version.go); 1.x has no such route.
    return p.v1 ? error(p, 404, "not found") : json(200, { version: "v2.0" });
  }
  if (!path.startsWith(p.base + "/")) return error(p, 404, "not found");
  const rel = path.slice(p.base.length);
  let pathMatched = false;
  for (const r of routesFor(ctx.st)) {
    const m = r.re.exec(rel);
    if (!m) continue;
    if (r.method !== ctx.method) {
      pathMatched = true;
      continue;
    }
    const params = Object.fromEntries(r.names.map((n, i) => [n, decode(m[i + 1])]));
    return r.handler({ ...ctx, params });
  }
  return pathMatched ? error(p, 405, `method ${ctx.method} is not allowed`) : error(p, 404, "not found");
}
