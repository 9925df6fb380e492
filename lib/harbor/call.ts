import "server-only";
import type { z } from "zod";
import { harborFail, harborOk, type HarborResult } from "./errors";
import type { HarborClient, HarborResponse, SendOptions } from "./transport";

/** A decoded answer plus the response it came from (headers such as X-Total-Count, Location). */
export interface Decoded<T> {
  data: T;
  response: HarborResponse;
}

/** Sends, then parses JSON with `schema`. Non-JSON, a schema mismatch or an empty body → invalid_response. */
export async function sendJson<S extends z.ZodType>(
  client: HarborClient,
  opts: SendOptions & { schema: S },
): Promise<HarborResult<Decoded<z.output<S>>>> {
  const { schema, ...send } = opts;
  const r = await client.send(send);
  if (!r.ok) return r;
  // Built only on failure: this runs for every answer of every poll.
  const where = () => `${new URL(client.baseUrl).host} answered ${opts.method} ${opts.path}`;
  const fail = (message: string) => harborFail({ kind: "invalid_response", message, status: r.value.status, requestId: r.requestId });
  let json: unknown;
  try {
    json = JSON.parse(r.value.text);
  } catch {
    const start = r.value.text.trim().slice(0, 40).replace(/\s+/g, " ");
    return fail(`${where()} with something that is not JSON${start ? ` ("${start}…")` : " (an empty body)"} — is the URL pointing at Harbor's API?`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // Paths and zod's wording only: values may be secrets (auth_header).
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    return fail(`${where()} with data of an unexpected shape (${issues.join("; ")}) — is this a supported Harbor version?`);
  }
  return harborOk({ data: parsed.data as z.output<S>, response: r.value }, r.requestId);
}

/** X-Total-Count, or null when absent or malformed. */
export function totalCount(r: HarborResponse): number | null {
  const raw = r.headers["x-total-count"];
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}
