/**
 * Maps network errors and HTTP statuses to HarborError kinds with messages a person can act on.
 * Pure (no I/O). Decisions (also in the report):
 * - 400 → unprocessable (Harbor's BAD_REQUEST is a rejection of what we sent), except the legacy
 *   "… not belong to project …" which 2.3+ answers with 404 → not_found.
 * - 405 → not_found (the route does not exist for that method on this version).
 * - 429 → server_error (overloaded; not retried: only 502/503/504 are).
 * - 3xx → invalid_response: redirects are never followed, so the credential never leaves the host.
 * - a body cut short or larger than the cap → invalid_response.
 * - a connection the outbound policy refuses (loopback, link-local, metadata…) → unreachable, never retried.
 * - an error body is quoted only in Harbor's own error shapes; anything else is described by status and type.
 */
import type { HarborErrorKind } from "./errors";

export interface Classified {
  kind: HarborErrorKind;
  message: string;
  /** worth retrying (idempotent GETs only) */
  transient: boolean;
}

export interface Where {
  /** "harbor.example.com:443" */
  hostPort: string;
  hostname: string;
  method: string;
  /** path without query */
  path: string;
}

/** The code of the error a connection refused by the outbound policy (lib/harbor/outbound.ts) fails with. */
export const OUTBOUND_REFUSED = "ERR_HARBOR_OUTBOUND_REFUSED";

/** "169.254.169.254 is a link-local/metadata address; the console does not connect to it unless …" */
export function outboundRefusalMessage(r: { address: string; what: string; hostname: string | null }): string {
  const subject = r.hostname && r.hostname !== r.address ? `${r.hostname} resolves to ${r.address}, ${r.what}` : `${r.address} is ${r.what}`;
  return `${subject}; the console does not connect to it unless an admin allows it in Settings → Outbound connections.`;
}

function refusalIn(err: unknown): { message: string } | null {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const o = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (o.code === OUTBOUND_REFUSED && typeof o.message === "string") return { message: o.message };
    e = o.cause;
  }
  return null;
}

const secs = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function codesOf(err: unknown): { codes: string[]; messages: string[]; reason?: string } {
  const codes: string[] = [];
  const messages: string[] = [];
  let reason: string | undefined;
  let e: unknown = err;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const o = e as { code?: unknown; message?: unknown; reason?: unknown; cause?: unknown; name?: unknown };
    if (typeof o.code === "string") codes.push(o.code);
    if (typeof o.name === "string") codes.push(o.name);
    if (typeof o.message === "string") messages.push(o.message);
    if (typeof o.reason === "string") reason ??= o.reason;
    e = o.cause;
  }
  return { codes, messages, reason };
}

const TLS_CODE = /^(CERT_|SELF_SIGNED|DEPTH_ZERO|UNABLE_TO_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|INVALID_CA|EPROTO)/;

function tlsMessage(code: string, w: Where, reason?: string): string {
  const host = w.hostname;
  switch (code) {
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
      return `The TLS certificate of ${host} is self-signed and not trusted — add Harbor's CA certificate to this instance (or, in a lab only, skip verification).`;
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
      return `The TLS certificate of ${host} is signed by a CA the console does not trust — add that CA bundle to this instance.`;
    case "CERT_HAS_EXPIRED":
      return `The TLS certificate of ${host} has expired — renew Harbor's certificate.`;
    case "CERT_NOT_YET_VALID":
      return `The TLS certificate of ${host} is not valid yet — check the clocks of Harbor and the console.`;
    case "ERR_TLS_CERT_ALTNAME_INVALID":
    case "HOSTNAME_MISMATCH":
      return `The TLS certificate does not match the host name ${host}${reason ? ` (${reason})` : ""} — use the host name the certificate was issued for.`;
    default:
      if (code.startsWith("ERR_SSL_") || code === "EPROTO") {
        return `The TLS handshake with ${w.hostPort} failed — is this port serving HTTPS? For a plain-HTTP Harbor use an http:// URL.`;
      }
      return `The TLS certificate of ${host} was rejected (${code}) — check Harbor's certificate and the CA bundle.`;
  }
}

/**
 * A thrown error → kind and message. `phase` "body" means headers had arrived: a socket error then is a
 * truncated response. `timedOut` is true when the call's own deadline fired.
 */
export function classifyNetworkError(
  err: unknown,
  ctx: Where & { phase: "request" | "body"; timedOut: boolean; timeoutMs: number; connectTimeoutMs: number },
): Classified {
  const { codes, messages, reason } = codesOf(err);
  const has = (...c: string[]) => codes.some((x) => c.includes(x));
  const w = ctx;
  const refused = refusalIn(err);
  if (refused) return { kind: "unreachable", transient: false, message: refused.message };
  if (ctx.timedOut || has("TimeoutError")) {
    return {
      kind: "timeout",
      transient: true,
      message: `Harbor at ${w.hostPort} did not answer within ${secs(ctx.timeoutMs)} — it may be overloaded, or a firewall may be dropping traffic.`,
    };
  }
  if (has("UND_ERR_CONNECT_TIMEOUT", "ETIMEDOUT")) {
    return {
      kind: "timeout",
      transient: true,
      message: `Could not connect to ${w.hostPort} within ${secs(ctx.connectTimeoutMs)} — check the address, the firewall and that Harbor is running.`,
    };
  }
  if (has("UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT")) {
    return { kind: "timeout", transient: true, message: `Harbor at ${w.hostPort} accepted the connection but stopped answering — it may be overloaded.` };
  }
  if (has("UND_ERR_RES_EXCEEDED_MAX_SIZE")) {
    return {
      kind: "invalid_response",
      transient: false,
      message: `The answer of ${w.hostPort} to ${w.method} ${w.path} was larger than the console accepts — is the URL pointing at Harbor?`,
    };
  }
  const tls = codes.find((c) => TLS_CODE.test(c));
  if (tls) return { kind: "tls", transient: false, message: tlsMessage(tls, w, reason) };
  if (has("ECONNRESET") && messages.some((m) => /TLS|SSL|secure/i.test(m))) {
    return {
      kind: "tls",
      transient: false,
      message: `${w.hostPort} closed the connection during the TLS handshake — is this port serving HTTPS? For a plain-HTTP Harbor use an http:// URL.`,
    };
  }
  if (ctx.phase === "body" && has("UND_ERR_SOCKET", "ECONNRESET", "EPIPE", "UND_ERR_ABORTED")) {
    return {
      kind: "invalid_response",
      transient: true,
      message: `The answer of ${w.hostPort} to ${w.method} ${w.path} was cut off before it was complete — the connection dropped; try again.`,
    };
  }
  if (has("ENOTFOUND")) {
    return { kind: "unreachable", transient: false, message: `The host name ${w.hostname} could not be resolved (DNS) — check the URL.` };
  }
  if (has("EAI_AGAIN")) {
    return { kind: "unreachable", transient: true, message: `The DNS lookup for ${w.hostname} failed temporarily — check the DNS server and the network.` };
  }
  if (has("ECONNREFUSED")) {
    return { kind: "unreachable", transient: true, message: `Connection refused by ${w.hostPort} — is Harbor running and the port open?` };
  }
  if (has("ECONNRESET")) {
    return {
      kind: "unreachable",
      transient: true,
      message: `The connection to ${w.hostPort} was reset — Harbor may be restarting, or a proxy or firewall is cutting the connection.`,
    };
  }
  if (has("EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN")) {
    return { kind: "unreachable", transient: true, message: `No network route to ${w.hostPort} — check the network, VPN and firewall.` };
  }
  if (has("UND_ERR_SOCKET", "EPIPE", "UND_ERR_CLOSED")) {
    return {
      kind: "unreachable",
      transient: true,
      message: `${w.hostPort} closed the connection without answering — check the scheme (http/https) and the port.`,
    };
  }
  return { kind: "unreachable", transient: false, message: `Could not reach ${w.hostPort}: ${messages[0] ?? "unknown network error"}.` };
}

/** Errors that mean the caller misused the client (or a test's mock did not match): rethrown. */
export function isProgrammerError(err: unknown): boolean {
  const { codes } = codesOf(err);
  return codes.some((c) => c === "UND_ERR_INVALID_ARG" || c === "UND_MOCK_ERR_MOCK_NOT_MATCHED" || c.startsWith("ERR_INVALID_ARG"));
}

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
