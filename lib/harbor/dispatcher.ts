import "server-only";
import { rootCertificates } from "node:tls";
import { Agent } from "undici";
import { guardedConnector, type OutboundOptions } from "./outbound";

export const DEFAULTS = { connectTimeoutMs: 5_000, timeoutMs: 10_000, maxRetries: 2, retryDelayMs: 250, maxResponseBytes: 5 * 1024 * 1024 };

/**
 * The connection pool for one Harbor: its CA bundle (on top of the public roots), TLS verification only
 * switched off when asked for this instance, and timeouts. Callers that poll the same Harbor repeatedly
 * (the collector) keep one and pass it as `dispatcher`, so connections and TLS sessions are reused.
 */
export function createHarborDispatcher(o: {
  ca?: string | null;
  skipTlsVerify?: boolean;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** how long an idle connection is kept when the server does not say (undici's default: 4 s) */
  keepAliveMs?: number;
  /** the address policy, checked on every new connection after DNS; default: the built-in refusals, nothing allowed */
  outbound?: OutboundOptions;
}): Agent {
  const cfg = { ...DEFAULTS, ...defined(o) };
  return new Agent({
    connect: guardedConnector(
      {
        timeout: cfg.connectTimeoutMs,
        ...(o.ca ? { ca: [...rootCertificates, o.ca] } : {}),
        ...(o.skipTlsVerify === true ? { rejectUnauthorized: false } : {}),
      },
      o.outbound,
    ),
    // A little beyond the call's own deadline, so that deadline (one clear message) always fires first.
    headersTimeout: cfg.timeoutMs + 1_000,
    bodyTimeout: cfg.timeoutMs + 1_000,
    maxResponseSize: cfg.maxResponseBytes + 1,
    ...(o.keepAliveMs ? { keepAliveTimeout: o.keepAliveMs } : {}),
  });
}

/** The numeric options that were given, each checked: a negative or non-finite one is a programmer error. */
export function defined(o: Partial<Record<keyof typeof DEFAULTS, number>>): Partial<typeof DEFAULTS> {
  const out: Partial<typeof DEFAULTS> = {};
  for (const k of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const v = o[k];
    if (v !== undefined) {
      if (!Number.isFinite(v) || v < 0) throw new Error(`createHarborClient: ${k} must be a non-negative number`);
      out[k] = v;
    }
  }
  return out;
}
