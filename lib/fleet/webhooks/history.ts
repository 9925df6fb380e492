import "server-only";
import {
  getLastTrigger,
  getProject,
  getTaskLog,
  getWebhookPolicy,
  listExecutions,
  listTasks,
  listWebhookJobs,
  resolveVersion,
  type HarborClient,
  type HarborResult,
} from "../../harbor";
import { policyForViewer, urlsForViewer } from "../../schemas/webhook";
import type { DeliveryRow, TaskRow, WebhookPolicyDto } from "../../schemas/webhook-dto";
import { withInstanceClient, type SessionInstance } from "../harbor-session";
import { deliveryOk, eventLabel, harborTime, toPolicyDto } from "./dto";
import { readFailureMessage } from "./failure";

/** Delivery history of one policy (docs/harbor/api.md §7.5): executions → tasks → log on 2.8+, jobs and last triggers before. */

export const HISTORY_PAGE_SIZE = 10;
/** The log shown on the page: Harbor's text, cut here (the transport already caps the response). */
const LOG_CHARS = 64 * 1024;

export type PolicyHistory =
  | {
      ok: true;
      instance: SessionInstance;
      policy: WebhookPolicyDto;
      kind: "executions" | "jobs";
      rows: DeliveryRow[];
      total: number | null;
      page: number;
      pageCount: number;
      /** before 2.8: when each event type last fired */
      lastTriggers: { eventType: string; label: string; at: string | null }[];
      /** 2.8+, for the chosen execution */
      tasks: { executionId: number; rows: TaskRow[] } | null;
      log: { executionId: number; taskId: number; text: string; truncated: boolean } | null;
      /** a failure reading the tasks or the log (the rest of the page stands) */
      detailError: string | null;
    }
  | { ok: false; instance: SessionInstance; error: string };

export function httpStatusOf(message: string | null | undefined): number | null {
  const m = /status code[:\s]+(\d{3})\b/i.exec(message ?? "");
  return m ? Number(m[1]) : null;
}

type Opts = { instanceId: string; project: string; policyId: number; page?: number; execution?: number; task?: number };

export async function getPolicyHistory(opts: Opts): Promise<PolicyHistory> {
  return withInstanceClient(opts.instanceId, async (client, instance) => {
    const fail = (r: Extract<HarborResult<unknown>, { ok: false }>) => ({ ok: false as const, instance, error: readFailureMessage(r.error) });
    const d = await resolveVersion({ client });
    if (!d.ok) return fail(d);
    const project = await getProject({ client, project: opts.project });
    if (!project.ok) return fail(project);
    const ref = project.value.project_id;
    const policy = await getWebhookPolicy({ client, project: ref, policyId: opts.policyId });
    if (!policy.ok) return fail(policy);
    const dto = toPolicyDto(policy.value, null, null);
    const page = opts.page ?? 1;
    const base = { ok: true as const, instance, policy: dto, page, lastTriggers: [], tasks: null, log: null, detailError: null };
    if (d.value.generation === "v2.8" || d.value.generation === "v2.13") {
      const ex = await listExecutions({ client, project: ref, policyId: opts.policyId, page, pageSize: HISTORY_PAGE_SIZE, sort: "-start_time" });
      if (!ex.ok) return fail(ex);
      const rows = ex.value.items.map((e): DeliveryRow => {
        const ev = e.extra_attrs?.event_type;
        return {
          id: e.id,
          status: e.status,
          ok: deliveryOk(e.status),
          at: harborTime(e.start_time),
          endAt: harborTime(e.end_time),
          eventType: typeof ev === "string" ? ev : null,
          message: e.status_message ?? "",
          httpStatus: httpStatusOf(e.status_message),
          notifyType: e.vendor_type === "SLACK" ? "slack" : "http",
        };
      });
      const detail = await executionDetail(client, ref, opts);
      return { ...base, kind: "executions" as const, rows, total: ex.value.total, pageCount: pages(ex.value.total, rows.length, page), ...detail };
    }
    const [jobs, triggers] = await Promise.all([
      listWebhookJobs({ client, project: ref, policyId: opts.policyId, page, pageSize: HISTORY_PAGE_SIZE, sort: "-creation_time" }),
      getLastTrigger({ client, project: ref }),
    ]);
    if (!jobs.ok) return fail(jobs);
    // Legacy routes return every job at once, unordered: newest first, one page of them.
    const all = jobs.value.items
      .map((j): DeliveryRow => ({
        id: j.id,
        status: j.status,
        ok: deliveryOk(j.status),
        at: harborTime(j.creation_time),
        endAt: harborTime(j.update_time),
        eventType: j.event_type,
        message: "",
        httpStatus: null,
        notifyType: j.notify_type ?? null,
      }))
      .sort((a, b) => (b.at ?? "").localeCompare(a.at ?? "") || b.id - a.id);
    const legacy = jobs.value.pageSize !== HISTORY_PAGE_SIZE || all.length > HISTORY_PAGE_SIZE;
    const rows = legacy ? all.slice((page - 1) * HISTORY_PAGE_SIZE, page * HISTORY_PAGE_SIZE) : all;
    const total = legacy ? all.length : jobs.value.total;
    const mine = triggers.ok ? triggers.value.filter((t) => !t.policy_name || t.policy_name === policy.value.name) : [];
    const lastTriggers = mine.map((t) => ({ eventType: t.event_type, label: eventLabel(t.event_type), at: harborTime(t.last_trigger_time) }));
    return {
      ...base,
      kind: "jobs" as const,
      rows,
      total,
      pageCount: pages(total, rows.length, page),
      lastTriggers,
      detailError: triggers.ok ? null : readFailureMessage(triggers.error),
    };
  });
}

/**
 * The history as a viewer may see it: target addresses reduced to their origin, and so every URL in Harbor's status
 * messages and logs (a receiver's path or query is often its secret). Operators see them whole.
 */
export function historyForViewer(h: PolicyHistory): PolicyHistory {
  if (!h.ok) return { ...h, error: urlsForViewer(h.error) };
  return {
    ...h,
    policy: policyForViewer(h.policy),
    rows: h.rows.map((r) => ({ ...r, message: urlsForViewer(r.message) })),
    tasks: h.tasks && { ...h.tasks, rows: h.tasks.rows.map((r) => ({ ...r, message: urlsForViewer(r.message) })) },
    log: h.log && { ...h.log, text: urlsForViewer(h.log.text) },
    detailError: h.detailError && urlsForViewer(h.detailError),
  };
}

function pages(total: number | null, shown: number, page: number): number {
  return total === null ? page + (shown === HISTORY_PAGE_SIZE ? 1 : 0) : Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
}

async function executionDetail(
  client: HarborClient,
  project: number,
  o: Opts,
): Promise<{
  tasks: { executionId: number; rows: TaskRow[] } | null;
  log: { executionId: number; taskId: number; text: string; truncated: boolean } | null;
  detailError: string | null;
}> {
  if (!o.execution) return { tasks: null, log: null, detailError: null };
  const t = await listTasks({ client, project, policyId: o.policyId, executionId: o.execution, page: 1, pageSize: 100 });
  if (!t.ok) return { tasks: null, log: null, detailError: readFailureMessage(t.error) };
  const rows = t.value.items.map((x): TaskRow => ({
    id: x.id,
    status: x.status,
    ok: deliveryOk(x.status),
    message: x.status_message ?? "",
    httpStatus: httpStatusOf(x.status_message),
    runCount: x.run_count ?? null,
    at: harborTime(x.start_time),
    endAt: harborTime(x.end_time),
  }));
  const tasks = { executionId: o.execution, rows };
  if (!o.task) return { tasks, log: null, detailError: null };
  const l = await getTaskLog({ client, project, policyId: o.policyId, executionId: o.execution, taskId: o.task });
  if (!l.ok) return { tasks, log: null, detailError: readFailureMessage(l.error) };
  return {
    tasks,
    log: { executionId: o.execution, taskId: o.task, text: l.value.slice(0, LOG_CHARS), truncated: l.value.length > LOG_CHARS },
    detailError: null,
  };
}
