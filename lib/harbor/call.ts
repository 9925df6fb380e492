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
export async function sendJson<S extends z.ZodType>(client: HarborClient, opts: SendOptions & { schema: S }): Promise<HarborResult<Decoded<z.output<S>>>> {
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
    // Described, never quoted: the body is whatever the server (or a proxy in front of it) chose to send.
    const type = contentType(r.value.headers["content-type"]);
    const what = r.value.text.trim()
      ? `a body that is not JSON (HTTP ${r.value.status}, ${type ? `Content-Type ${type}` : "no Content-Type"})`
      : `an empty body (HTTP ${r.value.status})`;
    return fail(`${where()} with ${what} — is the URL pointing at Harbor's API?`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // Paths and zod's wording only: values may be secrets (auth_header).
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    return fail(`${where()} with data the console cannot accept (${issues.join("; ")}) — is this a supported Harbor version?`);
  }
  return harborOk({ data: parsed.data as z.output<S>, response: r.value }, r.requestId);
}

/** The media type of a Content-Type header (no parameters), if it looks like one: "text/html". */
function contentType(raw: string | undefined): string | null {
  const t = raw?.split(";")[0].trim().toLowerCase() ?? "";
  return /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/.test(t) ? t : null;
}

/** X-Total-Count, or null when absent or malformed. */
export function totalCount(r: HarborResponse): number | null {
  const raw = r.headers["x-total-count"];
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}
