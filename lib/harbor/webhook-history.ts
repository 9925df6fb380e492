import "server-only";
import type { ZodType } from "zod";
import { sendJson, totalCount } from "./call";
import { harborOk, localFailure, type HarborResult } from "./errors";
import { clampPage, clampPageSize, type HarborPage } from "./paging";
import type { ProjectRef } from "./projects";
import {
  ZHarborExecution,
  ZHarborLastTrigger,
  ZHarborTask,
  ZHarborWebhookJob,
  type THarborExecution,
  type THarborLastTrigger,
  type THarborTask,
  type THarborWebhookJob,
} from "./schemas";
import type { HarborClient } from "./transport";
import { checkId, hasExecutions, paginatedPolicies, webhookScope, type WebhookScope } from "./webhook-scope";

/**
 * Delivery history (docs/harbor/api.md §7.5). Before 2.8: jobs (per policy) and lasttrigger (per policy and event
 * type). From 2.8: executions → tasks → log (jobs and lasttrigger remain as deprecated views).
 * Legacy (1.x–2.2) routes take no paging parameters: they return everything.
 */

type Opts = { client: HarborClient; project: ProjectRef };
type Paging = { page?: number; pageSize?: number };

/** `sort` (2.3+, e.g. "-creation_time") is passed through; legacy routes return every job, unordered. */
export async function listWebhookJobs(
  opts: Opts & Paging & { policyId: number; status?: string[]; sort?: string },
): Promise<HarborResult<HarborPage<THarborWebhookJob>>> {
  checkId("policyId", opts.policyId);
  const s = await webhookScope(opts);
  if (!s.ok) return s;
  const sc = s.value;
  if (!paginatedPolicies(sc.generation)) {
    const r = await sendJson(opts.client, { method: "GET", path: sc.path("jobs"), query: { policy_id: opts.policyId }, schema: ZHarborWebhookJob.array() });
    if (!r.ok) return r;
    return harborOk({ items: r.value.data, total: r.value.data.length, page: 1, pageSize: r.value.data.length }, r.requestId);
  }
  const page = clampPage(opts.page);
  const pageSize = clampPageSize(opts.pageSize, sc.generation);
  const query = { policy_id: opts.policyId, page, page_size: pageSize, status: opts.status?.length ? opts.status : undefined, sort: opts.sort || undefined };
  const r = await sendJson(opts.client, { method: "GET", path: sc.path("jobs"), byName: sc.byName, query, schema: ZHarborWebhookJob.array() });
  return r.ok ? harborOk({ items: r.value.data, total: totalCount(r.value.response), page, pageSize }, r.requestId) : r;
}

export async function getLastTrigger(opts: Opts): Promise<HarborResult<THarborLastTrigger[]>> {
  const s = await webhookScope(opts);
  if (!s.ok) return s;
  const r = await sendJson(opts.client, { method: "GET", path: s.value.path("lasttrigger"), byName: s.value.byName, schema: ZHarborLastTrigger.array() });
  return r.ok ? harborOk(r.value.data, r.requestId) : r;
}

/** 2.8+ only; `sort` e.g. "-id" (passed through). */
export async function listExecutions(opts: Opts & Paging & { policyId: number; sort?: string }): Promise<HarborResult<HarborPage<THarborExecution>>> {
  checkId("policyId", opts.policyId);
  const s = await executionScope(opts);
  if (!s.ok) return s;
  return page(opts, s.value, ["policies", opts.policyId, "executions"], ZHarborExecution.array(), opts.sort);
}

export async function listTasks(
  opts: Opts & Paging & { policyId: number; executionId: number; sort?: string },
): Promise<HarborResult<HarborPage<THarborTask>>> {
  checkId("policyId", opts.policyId);
  checkId("executionId", opts.executionId);
  const s = await executionScope(opts);
  if (!s.ok) return s;
  return page(opts, s.value, ["policies", opts.policyId, "executions", opts.executionId, "tasks"], ZHarborTask.array(), opts.sort);
}

/** The delivery log (text/plain), capped like every response. */
export async function getTaskLog(opts: Opts & { policyId: number; executionId: number; taskId: number }): Promise<HarborResult<string>> {
  checkId("policyId", opts.policyId);
  checkId("executionId", opts.executionId);
  checkId("taskId", opts.taskId);
  const s = await executionScope(opts);
  if (!s.ok) return s;
  const path = s.value.path("policies", opts.policyId, "executions", opts.executionId, "tasks", opts.taskId, "log");
  const r = await opts.client.send({ method: "GET", path, byName: s.value.byName, accept: "text" });
  return r.ok ? harborOk(r.value.text, r.requestId) : r;
}

async function executionScope(opts: Opts): Promise<HarborResult<WebhookScope>> {
  const s = await webhookScope(opts);
  if (!s.ok || hasExecutions(s.value.generation)) return s;
  return localFailure(
    "unsupported_version",
    `${s.value.label} has no webhook executions (they arrived in Harbor 2.8) — use the job list and last-trigger view instead.`,
  );
}

async function page<T>(
  opts: Opts & Paging,
  sc: WebhookScope,
  segments: (string | number)[],
  schema: ZodType<T[]>,
  sort?: string,
): Promise<HarborResult<HarborPage<T>>> {
  const page = clampPage(opts.page);
  const pageSize = clampPageSize(opts.pageSize, sc.generation);
  const query = { page, page_size: pageSize, sort: sort || undefined };
  const r = await sendJson(opts.client, { method: "GET", path: sc.path(...segments), byName: sc.byName, query, schema });
  return r.ok ? harborOk({ items: r.value.data, total: totalCount(r.value.response), page, pageSize }, r.requestId) : r;
}
