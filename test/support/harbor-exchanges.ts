/**
 * Checks on what the Harbor client really sent to the simulator (exchanges recorded with record: true):
 * every request and response against the official spec of the instance's version, plus the wire rules
 * the client must keep on every call (Basic auth, an X-Request-Id, never a cookie).
 */
import type { RecordedExchange } from "@/test/harbor-sim";
import { loadSpec, specTagFor, validateRequest, validateResponse } from "@/test/contract/spec-validator";

/** GET /api/version is outside every spec; faulted answers are not spec-conformant by design. */
export function isSpecExchange(e: RecordedExchange): boolean {
  return !e.fault && e.path !== "/api/version" && e.path !== "/api/version/";
}

export interface ContractCheck {
  /** exchanges validated against the spec */
  validated: number;
  /** one line per problem, with enough context to find the call */
  problems: string[];
}

/** Validates the requests and responses of `exchanges` (non-spec ones skipped) against their version's spec. */
export async function contractProblems(exchanges: RecordedExchange[]): Promise<ContractCheck> {
  const problems: string[] = [];
  let validated = 0;
  for (const e of exchanges.filter(isSpecExchange)) {
    const spec = await loadSpec(specTagFor(e.version));
    validated++;
    const found = [...validateRequest(spec, e), ...validateResponse(spec, e)];
    for (const p of found) {
      const body = e.responseBody === undefined ? "" : `\n    response: ${JSON.stringify(e.responseBody).slice(0, 300)}`;
      const req = e.requestBody === undefined ? "" : `\n    request: ${JSON.stringify(e.requestBody).slice(0, 300)}`;
      problems.push(`[${e.instanceId} ${e.version}] ${p}${req}${body}`);
    }
  }
  return { validated, problems };
}

/** Wire rules for every request the client sent (GET /api/version included). */
export function wireProblems(exchanges: RecordedExchange[]): string[] {
  const out: string[] = [];
  for (const e of exchanges) {
    const h = Object.fromEntries(Object.entries(e.requestHeaders).map(([k, v]) => [k.toLowerCase(), v]));
    const where = `[${e.instanceId}] ${e.method} ${e.path}`;
    if ("cookie" in h) out.push(`${where}: sent a Cookie header (${h.cookie})`);
    if (!/^Basic [A-Za-z0-9+/]+=*$/.test(h.authorization ?? "")) out.push(`${where}: no Basic Authorization header`);
    if (!h["x-request-id"]) out.push(`${where}: no X-Request-Id`);
  }
  return out;
}

/** The exchanges of one instance recorded from index `from` on. */
export function exchangesOf(all: RecordedExchange[], instanceId: string, from = 0): RecordedExchange[] {
  return all.slice(from).filter((e) => e.instanceId === instanceId);
}

/** The exchanges of one client call (a call keeps its X-Request-Id across retries). */
export function exchangesWithRequestId(all: RecordedExchange[], requestId: string): RecordedExchange[] {
  return all.filter((e) => e.requestHeaders["x-request-id"] === requestId);
}
