/**
 * The Harbor client under the simulator's faults (test/integration/harbor-client-faults.test.ts) and against versions it
 * does not support (harbor-client-unsupported-versions.test.ts): small budgets, the instances with their faults, and
 * checks that a call resolves to a typed failure with a sentence a person can act on.
 */
import { expect } from "vitest";
import {
  createHarborClient,
  type CreateHarborClientOptions,
  type DetectedVersion,
  type HarborClient,
  type HarborErrorKind,
  type HarborResult,
} from "@/lib/harbor";
import type { SimInstance, SimInstanceSpec } from "@/test/harbor-sim";

export const ADMIN = { username: "admin", password: "Harbor12345" };
export const WRONG = { username: "admin", password: "wrong" };
/** Small budgets keep the suite fast; the assertions check the client keeps them. */
// The simulator listens on loopback, which the transport refuses unless allowed (harbor-outbound.test.ts).
export const FAST = { timeoutMs: 1500, connectTimeoutMs: 500, maxRetries: 0, retryDelayMs: 20, outbound: { allow: ["127.0.0.0/8"] } } as const;
/**
 * The call's own deadline and undici's headersTimeout are both timeoutMs (transport.ts, dispatcher.ts), so either may fire
 * first: two wordings, one kind.
 */
export const TIMEOUT_MESSAGE = (secs: number) =>
  new RegExp(`did not answer within ${String(secs).replace(".", "\\.")} s|accepted the connection but stopped answering`);
/** How far past its timeout a call may end (scheduling on a loaded 2-core CI box). */
export const SLACK_MS = 600;

export const INSTANCES: SimInstanceSpec[] = [
  { id: "down", version: "2.11.2" },
  { id: "hang", version: "2.11.2", faults: { hang: true } },
  { id: "slow", version: "2.8.6" },
  { id: "5xx", version: "2.15.2" },
  { id: "5xx-v1", version: "1.10.19", faults: { serverError: 500 } },
  { id: "not-json", version: "2.5.6", faults: { invalidJson: true } },
  { id: "truncated", version: "2.7.4", faults: { truncated: true } },
  { id: "tls", version: "2.11.2", tls: true },
  { id: "flappy", version: "2.5.6" },
  { id: "plain", version: "2.15.2" },
  { id: "old", version: "1.9.4" },
  { id: "legacy", version: "2.0.0" },
];

export const KNOWN: Record<string, DetectedVersion> = {
  "2.11.2": { generation: "v2.8", version: "2.11.2" },
  "2.8.6": { generation: "v2.8", version: "2.8.6" },
  "2.15.2": { generation: "v2.13", version: "2.15.2" },
  "1.10.19": { generation: "v1", version: "1.10.19" },
  "2.5.6": { generation: "v2.3", version: "2.5.6" },
  "2.7.4": { generation: "v2.3", version: "2.7.4" },
  "1.9.4": { generation: "v1", version: "1.9.4" },
  "2.0.0": { generation: "v2.0", version: "2.0.0" },
};

/** A client for a sim instance, with the small budgets; with `detected: true` it knows its version, so each call is exactly one request. */
export function faultClient(inst: SimInstance, extra: Partial<CreateHarborClientOptions> & { detected?: boolean } = {}): HarborClient {
  const { detected, ...opts } = extra;
  return createHarborClient({ baseUrl: inst.baseUrl, credentials: ADMIN, ...FAST, ...(detected ? { known: KNOWN[inst.spec.version] } : {}), ...opts });
}

/** Runs a client call; it must resolve (never throw). */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

export function failed<T>(r: HarborResult<T>, kind: HarborErrorKind) {
  if (r.ok) expect.fail(`expected ${kind}, got ok: ${JSON.stringify(r.value).slice(0, 200)}`);
  expect(r.error.kind, r.error.message).toBe(kind);
  expect(r.error.message).toMatch(/^\S.{20,}[.?]$/s); // a sentence, not a code
  expect(r.error.message).not.toContain(ADMIN.password);
  return r.error;
}

export function ok<T>(r: HarborResult<T>): T {
  if (!r.ok) expect.fail(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}
