/**
 * Maps network errors to HarborError kinds with messages a person can act on; pure (no I/O). The decisions:
 * - a body cut short or larger than the cap → invalid_response.
 * - a connection the outbound policy refuses (loopback, link-local, metadata…) → unreachable, never retried.
 * HTTP statuses are mapped in status-mapping.ts.
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
