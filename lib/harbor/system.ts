import "server-only";
import * as z from "zod";
import { sendJson } from "./call";
import { harborOk, localFailure, type HarborResult } from "./errors";
import {
  ZHarborGcRun,
  ZHarborHealth,
  ZHarborPermission,
  ZHarborScanAllMetrics,
  ZHarborStatistics,
  ZHarborSystemInfo,
  ZHarborUser,
  ZHarborVolumes,
  type THarborGcRun,
  type THarborHealth,
  type THarborPermission,
  type THarborScanAllMetrics,
  type THarborStatistics,
  type THarborSystemInfo,
  type THarborUser,
  type THarborVolumes,
} from "./schemas";
import { apiPath, type HarborClient } from "./transport";
import { atLeast } from "../releases";
import { effectiveVersion, resolveVersion, versionLabel } from "./version";

/** System endpoints (docs/harbor/api.md §5). Same routes on every generation, under that generation's base path. */

type Opts = { client: HarborClient };

async function getSystem<S extends z.ZodType>(
  opts: Opts,
  path: string[],
  schema: S,
  query?: Record<string, string | boolean | undefined>,
): Promise<HarborResult<z.output<S>>> {
  const d = await resolveVersion(opts);
  if (!d.ok) return d;
  const r = await sendJson(opts.client, { method: "GET", path: apiPath(d.value.generation, ...path), query, schema });
  return r.ok ? harborOk(r.value.data, r.requestId) : r;
}

/** With a credential Harbor does not accept, this is the anonymous subset (2.13+: no harbor_version). */
export function getSystemInfo(opts: Opts): Promise<HarborResult<THarborSystemInfo>> {
  return getSystem(opts, ["systeminfo"], ZHarborSystemInfo);
}

/** Always HTTP 200; `status` is "healthy" only if every component is. */
export function getHealth(opts: Opts): Promise<HarborResult<THarborHealth>> {
  return getSystem(opts, ["health"], ZHarborHealth);
}

/** 401 for anonymous callers; total_* only for system admins. */
export function getStatistics(opts: Opts): Promise<HarborResult<THarborStatistics>> {
  return getSystem(opts, ["statistics"], ZHarborStatistics);
}

/** GC runs (the latest ten on ≤ 2.2, the first page on 2.3+): 401/403 for anyone but a system administrator. */
export function listGcRuns(opts: Opts): Promise<HarborResult<THarborGcRun[]>> {
  return getSystem(opts, ["system", "gc"], z.array(ZHarborGcRun));
}

/**
 * The latest scan-all's progress (GET /scans/all/metrics, 1.10+; admins only). 1.9 has no such route:
 * unsupported_version without a request.
 */
export async function getScanAllMetrics(opts: Opts): Promise<HarborResult<THarborScanAllMetrics>> {
  const d = await resolveVersion(opts);
  if (!d.ok) return d;
  if (!atLeast(effectiveVersion(d.value), 1, 10))
    return localFailure("unsupported_version", `${versionLabel(d.value)} does not expose scan-all progress (GET /scans/all/metrics arrived in Harbor 1.10).`);
  return getSystem(opts, ["scans", "all", "metrics"], ZHarborScanAllMetrics);
}

/** Total and free size of the local disk core sees (not object storage): 401/403 for anyone but a system administrator. */
export function getVolumes(opts: Opts): Promise<HarborResult<THarborVolumes>> {
  return getSystem(opts, ["systeminfo", "volumes"], ZHarborVolumes);
}

/** 401 for a rejected credential; robots get 412 (2.3+) or 500 (≤ 2.2): see probe.ts. */
export function getCurrentUser(opts: Opts): Promise<HarborResult<THarborUser>> {
  return getSystem(opts, ["users", "current"], ZHarborUser);
}

/** scope e.g. "/project/7" with relative: true → [{resource: "notification-policy", action: "create"}, …]. */
export function getCurrentUserPermissions(opts: Opts & { scope?: string; relative?: boolean }): Promise<HarborResult<THarborPermission[]>> {
  return getSystem(opts, ["users", "current", "permissions"], z.array(ZHarborPermission), { scope: opts.scope, relative: opts.relative });
}

/**
 * Cheap liveness check. GET /ping ("Pong") exists in the specs from 2.3 only (the server has it from 2.2);
 * older generations use GET /systeminfo, which every version serves.
 */
export async function ping(opts: Opts): Promise<HarborResult<{ latencyMs: number }>> {
  const d = await resolveVersion(opts);
  if (!d.ok) return d;
  const g = d.value.generation;
  const legacy = g === "v1" || g === "v2.0";
  const r = await opts.client.send({ method: "GET", path: apiPath(g, legacy ? "systeminfo" : "ping"), accept: legacy ? "json" : "text" });
  return r.ok ? harborOk({ latencyMs: r.value.elapsedMs }, r.requestId) : r;
}
