/**
 * Webhook metadata and delivery history (docs/harbor/api.md §7.1, §7.5): events, lasttrigger, jobs (≤2.7, deprecated
 * but served 2.8+), executions/tasks/log (2.8+). History is synthetic and derived from the policy on each
 * call (three executions per policy, one task each), so it costs nothing until asked for.
 * Each record keeps what real Harbor keeps (docs/harbor/api.md §7.6): `job_detail` is the event's Default JSON up to
 * 2.7 (whatever the target type), and from 2.8 the body as sent, in the target's format (Default, CloudEvents, Slack).
 * Executions carry no `extra_attrs`: Harbor's strings there break the spec, which types their values as objects.
 */
import { webhookEventTypes, webhookNotifyTypes } from "../../lib/harbor/facts";
import { error, isResponse, json, matchesQ, omitEmpty, paginate, parsePaging, parseQ, text, type SimResponse } from "./http";
import type { Ctx, RouteDef } from "./router";
import type { InstanceState, PolicyRec, Profile } from "./state";
import { pathId, policyIn, projectAndPolicy, webhookProject } from "./webhook-common";
import { payloadOf, type SyntheticRun } from "./webhook-payload";

/** Newest first; ids unique per instance (policy id × 1000 + n). */
function runsOf(st: InstanceState, policy: PolicyRec): SyntheticRun[] {
  return [3, 2, 1].map((n) => {
    const startMs = st.bootTime - (4 - n) * 3_600_000 - policy.id * 60_000;
    const events = policy.eventTypes.length ? policy.eventTypes : ["PUSH_ARTIFACT"];
    const id = policy.id * 1000 + n;
    return {
      id,
      taskId: id * 10 + 1,
      policy,
      eventType: events[n % events.length],
      notifyType: policy.targets[0]?.type ?? "http",
      ok: n !== 2 && !policy.receiverDown,
      start: new Date(startMs).toISOString(),
      end: new Date(startMs + 850).toISOString(),
    };
  });
}

function events(ctx: Ctx): SimResponse {
  const project = webhookProject(ctx, "read");
  if (isResponse(project)) return project;
  const v = ctx.p.v;
  const out: Record<string, unknown> = { event_type: webhookEventTypes(v), notify_type: webhookNotifyTypes(v) };
  if (ctx.p.payloadFormat) out.payload_formats = [{ notify_type: "http", formats: ["Default", "CloudEvents"] }];
  return json(200, out);
}

function lastTrigger(ctx: Ctx): SimResponse {
  const { st, p } = ctx;
  const project = webhookProject(ctx, "read");
  if (isResponse(project)) return project;
  const rows = [...st.policies.values()]
    .filter((x) => x.projectId === project.id)
    .flatMap((pol) =>
      pol.eventTypes.slice(0, 2).map((eventType, i) => {
        const row: Record<string, unknown> = p.v1 ? {} : { policy_name: pol.name };
        Object.assign(row, {
          event_type: eventType,
          enabled: pol.enabled,
          creation_time: pol.creationTime ?? pol.updateTime,
          last_trigger_time: runsOf(st, pol)[i].start,
        });
        return p.swagger ? omitEmpty(row) : row;
      }),
    );
  return json(200, rows);
}

function jobs(ctx: Ctx): SimResponse {
  const { st, p, query } = ctx;
  const project = webhookProject(ctx, "read");
  if (isResponse(project)) return project;
  const raw = query.get("policy_id");
  if (p.swagger && (raw === null || !/^-?\d+$/.test(raw))) {
    return error(
      p,
      422,
      raw === null
        ? "validation failure list:\npolicy_id in query is required"
        : `validation failure list:\npolicy_id in query must be of type int64: "${raw}"`,
    );
  }
  if (!p.swagger && (raw === null || !/^\d+$/.test(raw) || Number(raw) <= 0)) return error(p, 400, `invalid policy_id: ${raw ?? ""}`);
  const policy = policyIn(ctx, project, Number(raw));
  if (isResponse(policy)) return policy;
  const statuses = query.getAll("status");
  // 2.3+ (go-swagger) read `q`; the record's id is the one key a client asks for (`q=id=N`)
  const terms = p.swagger ? parseQ(query.get("q")) : [];
  if (!terms) return error(p, 400, `invalid query string: ${query.get("q")}`);
  const rows = runsOf(st, policy)
    .filter((r) => matchesQ(terms, (key) => (key === "id" ? r.id : undefined)))
    .map((r) => {
      // 2.8+ serves jobs as a view over executions, with their status names.
      const status = p.executions ? (r.ok ? "Success" : "Error") : r.ok ? "finished" : "error";
      const row = {
        id: r.id,
        policy_id: policy.id,
        event_type: r.eventType,
        notify_type: r.notifyType,
        status,
        job_detail: payloadOf(r, p.executions),
        creation_time: r.start,
        update_time: r.end,
      };
      return p.swagger ? omitEmpty(row) : row;
    })
    .filter((row) => !statuses.length || statuses.includes(String(row.status)));
  if (!p.swagger) return json(200, rows);
  const paging = parsePaging(p, query);
  if (isResponse(paging)) return paging;
  const page = paginate(rows, paging, ctx.path, query);
  return json(200, page.items, page.headers);
}

function executionJson(r: SyntheticRun): Record<string, unknown> {
  return omitEmpty({
    id: r.id,
    vendor_type: r.notifyType === "slack" ? "SLACK" : "WEBHOOK",
    vendor_id: r.policy.id,
    status: r.ok ? "Success" : "Error",
    status_message: r.ok ? "" : "http status code 503, expected 2xx",
    metrics: omitEmpty({ task_count: 1, success_task_count: r.ok ? 1 : 0, error_task_count: r.ok ? 0 : 1 }),
    trigger: "EVENT",
    start_time: r.start,
    end_time: r.end,
  });
}

function taskJson(r: SyntheticRun): Record<string, unknown> {
  return omitEmpty({
    id: r.taskId,
    execution_id: r.id,
    status: r.ok ? "Success" : "Error",
    status_message: r.ok ? "" : "http status code 503, expected 2xx",
    run_count: r.ok ? 1 : 3,
    creation_time: r.start,
    update_time: r.end,
    start_time: r.start,
    end_time: r.end,
  });
}

function executions(ctx: Ctx): SimResponse {
  const found = projectAndPolicy(ctx, "read");
  if (isResponse(found)) return found;
  const paging = parsePaging(ctx.p, ctx.query);
  if (isResponse(paging)) return paging;
  const page = paginate(runsOf(ctx.st, found.policy), paging, ctx.path, ctx.query);
  return json(200, page.items.map(executionJson), page.headers);
}

/** The run of `{execution}` (and `{task}` when given) under the path's policy, else 404. */
function runOf(ctx: Ctx, withTask: boolean): SyntheticRun | SimResponse {
  const found = projectAndPolicy(ctx, "read");
  if (isResponse(found)) return found;
  const execId = pathId(ctx, "execution", "execution_id");
  if (isResponse(execId)) return execId;
  const run = runsOf(ctx.st, found.policy).find((r) => r.id === execId);
  if (!run) return error(ctx.p, 404, `execution ${execId} not found`);
  if (!withTask) return run;
  const taskId = pathId(ctx, "task", "task_id");
  if (isResponse(taskId)) return taskId;
  return taskId === run.taskId ? run : error(ctx.p, 404, `task ${taskId} not found`);
}

function tasks(ctx: Ctx): SimResponse {
  const run = runOf(ctx, false);
  if (isResponse(run)) return run;
  const paging = parsePaging(ctx.p, ctx.query);
  if (isResponse(paging)) return paging;
  const page = paginate([run], paging, ctx.path, ctx.query);
  return json(200, page.items.map(taskJson), page.headers);
}

function taskLog(ctx: Ctx): SimResponse {
  const run = runOf(ctx, true);
  if (isResponse(run)) return run;
  const target = run.policy.targets[0]?.address ?? "";
  const lines = [
    `${run.start} [INFO] [/jobservice/job/impl/notification/webhook_job.go:88]: start to run webhook job, policy ${run.policy.id}`,
    `${run.start} [INFO] [/jobservice/job/impl/notification/webhook_job.go:112]: sending ${run.eventType} to ${target}`,
    run.ok
      ? `${run.end} [INFO] [/jobservice/job/impl/notification/webhook_job.go:130]: webhook job done, status 200`
      : `${run.end} [ERROR] [/jobservice/job/impl/notification/webhook_job.go:127]: http status code 503, expected 2xx`,
  ];
  return text(200, lines.join("\n") + "\n");
}

export function historyRoutes(p: Profile, base: string, one: string): RouteDef[] {
  const routes: RouteDef[] = [
    { method: "GET", pattern: `${base}/lasttrigger`, handler: lastTrigger },
    { method: "GET", pattern: `${base}/jobs`, handler: jobs },
  ];
  if (!p.v1) routes.push({ method: "GET", pattern: `${base}/events`, handler: events });
  if (p.executions) {
    routes.push(
      { method: "GET", pattern: `${one}/executions`, handler: executions },
      { method: "GET", pattern: `${one}/executions/{execution}/tasks`, handler: tasks },
      { method: "GET", pattern: `${one}/executions/{execution}/tasks/{task}/log`, handler: taskLog },
    );
  }
  return routes;
}
