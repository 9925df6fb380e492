/**
 * Typed failures of the Harbor client. Pure (no I/O): the probe CLI and the simulator may import it.
 * Contract: every network or HTTP failure comes back as a HarborResult with ok: false; only programmer
 * errors (bad arguments, impossible states) throw.
 */

export const HARBOR_ERROR_KINDS = [
  "unreachable",
  "timeout",
  "tls",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "precondition",
  "unprocessable",
  "server_error",
  "invalid_response",
  "unsupported_version",
] as const;
export type HarborErrorKind = (typeof HARBOR_ERROR_KINDS)[number];

export interface HarborError {
  kind: HarborErrorKind;
  /** A sentence a person understands, naming the host and what to check. Never contains credentials. */
  message: string;
  /** HTTP status, when Harbor answered */
  status?: number;
  /** Harbor's own message ({"errors":[…]} on 2.x, {"code","message"} text/plain on 1.x) */
  harborMessage?: string;
  /** X-Request-Id sent with the call; "" when the client refused before sending anything */
  requestId: string;
  /** the underlying error (network errors); not serialisable, drop it before storing */
  cause?: unknown;
}

export type HarborFailure = { ok: false; error: HarborError };
/** requestId: the last request the value depends on; "" when no request was needed (e.g. 1.x facts). */
export type HarborResult<T> = { ok: true; value: T; requestId: string } | HarborFailure;

export function harborOk<T>(value: T, requestId: string): HarborResult<T> {
  return { ok: true, value, requestId };
}

export function harborFail(error: HarborError): HarborFailure {
  return { ok: false, error };
}

/** A refusal before anything was sent (e.g. CloudEvents on Harbor 2.7). */
export function localFailure(kind: HarborErrorKind, message: string): HarborFailure {
  return { ok: false, error: { kind, message, requestId: "" } };
}

/** The error without `cause`, fit for JSON storage and for the browser. */
export function serializableError(e: HarborError): Omit<HarborError, "cause"> {
  const rest: Omit<HarborError, "cause"> & { cause?: unknown } = { ...e };
  delete rest.cause;
  return rest;
}
