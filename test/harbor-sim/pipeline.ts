/**
 * From a received request to a SimResponse: authentication, the middleware quirks every Harbor applies
 * before its handlers (session cookie, CSRF, X-Request-Id; docs/harbor/api.md §2–§3), the serverError fault, routing.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { authenticate } from "./auth";
import { error, text, type SimResponse } from "./http";
import { dispatch } from "./router";
import type { InstanceState } from "./state";
import type { SimFaults } from "./types";

export interface RequestEnv {
  st: InstanceState;
  baseUrl: string;
  caPem: string | null;
}

export interface ParsedBody {
  value: unknown;
  invalid: boolean;
}

export function parseBody(raw: Buffer): ParsedBody {
  if (raw.length === 0) return { value: undefined, invalid: false };
  const s = raw.toString("utf8");
  try {
    return { value: JSON.parse(s), invalid: false };
  } catch {
    return { value: s, invalid: true };
  }
}

const UNSAFE = new Set(["POST", "PUT", "DELETE", "PATCH"]);
const hasSid = (cookie: string | undefined) => /(?:^|;\s*)sid=/.test(cookie ?? "");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The answer, before wire faults (invalidJson, truncated) are applied. `fault` marks a faulted answer. */
export async function respond(env: RequestEnv, req: IncomingMessage, body: ParsedBody, faults: SimFaults): Promise<SimResponse & { fault?: "serverError" }> {
  const { st } = env;
  const p = st.profile;
  const url = new URL(req.url ?? "/", "http://sim.invalid");
  const method = (req.method ?? "GET").toUpperCase();
  const principal = authenticate(st, req.headers.authorization);
  if (principal.kind === "anonymous" && principal.failed && st.spec.failedLoginDelayMs) await sleep(st.spec.failedLoginDelayMs);

  // Harbor sets a session cookie even on Basic-auth API answers (goharbor/harbor#10890, #12354).
  const common: Record<string, string> = { "set-cookie": `sid=${randomBytes(16).toString("hex")}; Path=/; HttpOnly` };
  if (!p.v1) {
    const given = req.headers["x-request-id"];
    common["x-request-id"] = typeof given === "string" && given.length > 0 ? given : randomUUID();
  }
  const withCommon = (r: SimResponse): SimResponse => ({ ...r, headers: { ...r.headers, ...common } });

  const cookieBearing = hasSid(req.headers.cookie);
  if (cookieBearing && UNSAFE.has(method)) {
    if (p.csrf === "gorilla") return withCommon(error(p, 403, "CSRF token invalid"));
    if (p.csrf === "xsrf") {
      return withCommon(text(422, "<html><head><title>422</title></head><body>'_xsrf' argument missing from POST</body></html>", "text/html; charset=utf-8"));
    }
  }
  if (cookieBearing && p.csrf === "gorilla") common["x-harbor-csrf-token"] = randomBytes(32).toString("base64");

  if (faults.serverError) return { ...withCommon(error(p, faults.serverError, `simulated ${faults.serverError}`)), fault: "serverError" };

  const res = dispatch({
    st,
    p,
    method,
    path: url.pathname,
    requestUri: req.url ?? "/",
    query: url.searchParams,
    headers: req.headers,
    body: body.invalid ? undefined : body.value,
    bodyInvalid: body.invalid,
    principal,
    baseUrl: env.baseUrl,
    caPem: env.caPem,
  });
  return withCommon(res);
}
