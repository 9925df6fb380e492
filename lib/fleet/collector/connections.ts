import "server-only";
import crypto from "node:crypto";
import type { Agent } from "undici";
import { createHarborDispatcher } from "../../harbor";
import type { OutboundPolicyOptions } from "../settings";

/**
 * How long the collector keeps an idle connection to a Harbor: across one poll interval, so the next poll reuses
 * it (no new TCP connection or TLS handshake per instance per minute), but under the 75 s for which Harbor's
 * nginx keeps an idle connection (it sets no keepalive_timeout and sends no Keep-Alive hint), so the console never
 * sends on a connection the server is closing. Longer intervals: connections are not kept (undici's 4 s).
 */
export function keepAliveFor(intervalSeconds: number | undefined): number | undefined {
  if (!intervalSeconds) return undefined;
  const ms = intervalSeconds * 1000 + 10_000;
  return ms <= NGINX_KEEPALIVE_MS - 5_000 ? ms : undefined;
}
const NGINX_KEEPALIVE_MS = 75_000;

/**
 * Whether idle connections may be kept across the interval: only when this process's file-descriptor limit holds
 * the sockets kept for the whole fleet (see fd-limit.ts, which decides at start). Otherwise a large fleet would fail
 * polls with EMFILE; without keeping them, a connection lives for one poll (undici's 4 s).
 */
let keepAliveAllowed = true;
export function allowKeepAlive(allowed: boolean): void {
  keepAliveAllowed = allowed;
}

export interface ConnectionSettings {
  caBundle: string | null;
  skipTlsVerify: boolean;
  timeoutMs: number;
  connectTimeoutMs: number;
  keepAliveMs: number | undefined;
  outbound: OutboundPolicyOptions;
}

/**
 * The connection pools of the collector, one per distinct set of connection settings (CA bundle, TLS verification,
 * timeouts, keep-alive), shared by every instance with that set: an undici Agent keeps one small pool per origin
 * inside, so a fleet of 10,000 instances with the same settings holds one Agent, not 10,000 (each with its own
 * connector and TLS context: the console ran out of memory at 10,000 instances). Bounded: the least recently used
 * set is retired beyond MAX_POOLS.
 *
 * A pool leaves the map (replaced or evicted) while polls that took it may still be running, and an undici Agent
 * refuses every new request once close() is called ("The client is destroyed": the poll would show its Harbor down).
 * So a pool that leaves is retired: closed only once every poll that can hold it has ended (retireAfterMs).
 */
const pools = new Map<string, Agent>();
const retiring = new Set<Agent>();
let poolsOutbound: string | null = null;
const MAX_POOLS = 1_000;

const digest = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

export function poolFor(s: ConnectionSettings): Agent {
  const outbound = s.outbound.allow.join(",");
  // A changed allow-list replaces every pool, so no connection opened under the old one is reused by a new poll;
  // polls still using an old pool finish on it (retired, not closed).
  if (poolsOutbound !== outbound) {
    for (const agent of pools.values()) retire(agent, s.timeoutMs);
    pools.clear();
    poolsOutbound = outbound;
  }
  const keepAliveMs = keepAliveAllowed ? s.keepAliveMs : undefined;
  const key = [s.caBundle ? digest(s.caBundle) : "", s.skipTlsVerify, s.timeoutMs, s.connectTimeoutMs, keepAliveMs ?? ""].join("|");
  let pool = pools.get(key);
  if (pool) {
    pools.delete(key); // most recently used last
    pools.set(key, pool);
    return pool;
  }
  if (pools.size >= MAX_POOLS) {
    const [oldestKey, oldest] = pools.entries().next().value as [string, Agent];
    pools.delete(oldestKey);
    retire(oldest, s.timeoutMs);
  }
  pool = createHarborDispatcher({
    ca: s.caBundle,
    skipTlsVerify: s.skipTlsVerify,
    timeoutMs: s.timeoutMs,
    connectTimeoutMs: s.connectTimeoutMs,
    keepAliveMs,
    outbound: s.outbound,
  });
  pools.set(key, pool);
  return pool;
}

/**
 * How long a retired pool stays open: longer than a poll job may live (queue.ts pollJobLimits: twice the poll's
 * timeout plus its grace, plus 10 s), so no poll that took the pool is still running when it closes.
 */
export function retireAfterMs(timeoutMs: number): number {
  return 2 * timeoutMs + 15_000;
}

function retire(agent: Agent, timeoutMs: number) {
  retiring.add(agent);
  setTimeout(() => {
    retiring.delete(agent);
    void agent.close().catch(() => {});
  }, retireAfterMs(timeoutMs)).unref();
}

function closeAll() {
  for (const agent of [...pools.values(), ...retiring]) void agent.close().catch(() => {});
  pools.clear();
  retiring.clear();
}

/** How many pools are open (for tests and the benchmark). */
export function openPools(): number {
  return pools.size;
}

/** Closes every pool (tests; a stopping process). */
export function closePools(): void {
  closeAll();
  poolsOutbound = null;
}
