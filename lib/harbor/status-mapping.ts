/**
 * Maps Harbor's HTTP answers to HarborError kinds with messages a person can act on; pure (no I/O). The decisions:
 * - 400 → unprocessable (Harbor's BAD_REQUEST is a rejection of what we sent), except the legacy
 *   "… not belong to project …" which 2.3+ answers with 404 → not_found.
 * - 405 → not_found (the route does not exist for that method on this version).
 * - 429 → server_error (overloaded; not retried: only 502/503/504 are).
 * - 3xx → invalid_response: redirects are never followed, so the credential never leaves the host.
 * - an error body is quoted only in Harbor's own error shapes; anything else is described by status and type.
 * Network errors are mapped in error-mapping.ts.
 */
import type { HarborErrorKind } from "./errors";
import type { Classified, Where } from "./error-mapping";

/**
 * Harbor's own message, only from its error shapes: 2.x `{"errors":[{"code","message"}]}` and 1.x `{"code","message"}`
 * (JSON, often sent as text/plain). Any other body — an HTML page, a proxy's text, another service's answer — is
 * never quoted back: the console would otherwise echo what some other server at that address said.
 */
export function parseHarborMessage(text: string): string | undefined {
  const t = text.trim();
  if (!t.startsWith("{")) return undefined;
  let j: unknown;
  try {
    j = JSON.parse(t);
  } catch {
    return undefined;
  }
  if (!j || typeof j !== "object" || Array.isArray(j)) return undefined;
  const o = j as { errors?: unknown; code?: unknown; message?: unknown };
  const isCode = (c: unknown) => (typeof c === "string" && c.length > 0) || typeof c === "number";
  if (Array.isArray(o.errors)) {
    const msgs: string[] = [];
    for (const e of o.errors) {
      if (!e || typeof e !== "object") return undefined;
      const { code, message } = e as { code?: unknown; message?: unknown };
      if (!isCode(code) || typeof message !== "string") return undefined;
      if (message) msgs.push(message);
    }
    return msgs.length ? clip(msgs.join("; ")) : undefined;
  }
  if (isCode(o.code) && typeof o.message === "string" && o.message) return clip(o.message);
  return undefined;
}

/** How an answer that is not in Harbor's error shape is described: its content type, never its text. */
export function describeForeignBody(text: string, contentType: string | undefined): string {
  if (!text.trim()) return "";
  const type = contentType?.split(";")[0].trim().toLowerCase();
  return ` The answer (${type ? type : "no content type"}) is not in Harbor's error format.`;
}

const clip = (s: string) => (s.length > 500 ? `${s.slice(0, 500)}…` : s);

/** A non-2xx answer → kind and message. */
export function classifyStatus(status: number, w: Where, harborMessage?: string, foreign = ""): Classified {
  const what = `${w.method} ${w.path}`;
  const says = harborMessage ? ` Harbor says: "${harborMessage}".` : foreign;
  const c = (kind: HarborErrorKind, message: string, transient = false): Classified => ({ kind, message: message + says, transient });
  if (status >= 300 && status < 400) {
    return c(
      "invalid_response",
      `Harbor at ${w.hostPort} answered ${what} with a redirect (HTTP ${status}); the console does not follow redirects, so the credential never goes to another address — use the final URL (e.g. https://…) as the instance URL.`,
    );
  }
  switch (status) {
    case 400:
      if (harborMessage && /not belong to (the )?project/i.test(harborMessage))
        return c("not_found", `Not found on ${w.hostPort}: ${what} (HTTP 400, the item belongs to another project).`);
      return c("unprocessable", `Harbor at ${w.hostPort} rejected ${what} as a bad request (HTTP 400).`);
    case 401:
      return c("unauthorized", `Harbor at ${w.hostPort} did not accept the credential for ${what} (HTTP 401) — check the username and secret.`);
    case 403:
      return c("forbidden", `The account may not do ${what} on ${w.hostPort} (HTTP 403) — it lacks the permission, or the project does not exist.`);
    case 404:
    case 405:
      return c("not_found", `Not found on ${w.hostPort}: ${what} (HTTP ${status}).`);
    case 409:
      return c("conflict", `Harbor at ${w.hostPort} reported a conflict for ${what} (HTTP 409) — an item with that name probably exists already.`);
    case 412:
      return c("precondition", `Harbor at ${w.hostPort} refused ${what}: a precondition failed (HTTP 412).`);
    case 422:
      return c("unprocessable", `Harbor at ${w.hostPort} could not process ${what} (HTTP 422).`);
    case 429:
      return c("server_error", `Harbor at ${w.hostPort} is rate-limiting requests (HTTP 429) — try again later.`);
  }
  if (status >= 500) {
    return c(
      "server_error",
      `Harbor at ${w.hostPort} failed with HTTP ${status} for ${what} — check Harbor's core logs.`,
      status === 502 || status === 503 || status === 504,
    );
  }
  return c("unprocessable", `Harbor at ${w.hostPort} refused ${what} (HTTP ${status}).`);
}
