/**
 * The admin-only system endpoints an upgrade's pre-flight and run read (docs/harbor/api.md): GC history, replication
 * executions, the latest scan-all, volumes, and configurations (read_only). 401 anonymous, 403 for non-admins.
 */
import { isSysadmin } from "./auth";
import { empty, error, json, type SimResponse } from "./http";
import type { Ctx } from "./router";

/** Admin-only system routes: 401 anonymous, 403 for others (GC history, volumes). */
function adminOnly(ctx: Ctx): SimResponse | null {
  if (ctx.principal.kind === "anonymous") return error(ctx.p, 401, "UnAuthorized");
  if (!isSysadmin(ctx.principal)) return error(ctx.p, 403, "Forbidden");
  return null;
}

/** GC runs, newest first: one finished run, and a running one with spec.gcRunning. 1.x says its statuses in lower case. */
export function gcRuns(ctx: Ctx): SimResponse {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const { st, p } = ctx;
  const word = (w: string) => (p.v1 ? w.toLowerCase() : w);
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const run = (id: number, status: string, started: number, updated: number) => ({
    id,
    job_name: "GC",
    job_kind: "MANUAL",
    job_status: word(status),
    deleted: false,
    creation_time: at(started),
    update_time: at(updated),
  });
  const runs = [run(1, "Success", 24 * 60, 24 * 60 - 5)];
  if (st.spec.gcRunning) runs.unshift(run(2, "Running", 3, 1));
  return json(200, runs);
}

/** Replication executions, newest first: one that succeeded, and one in progress with spec.replicationRunning; `status` filters. */
export function replicationExecutions(ctx: Ctx): SimResponse {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const exec = (id: number, status: string, started: number, ended: number | null) => ({
    id,
    policy_id: 1,
    status,
    status_text: "",
    trigger: "manual",
    total: 4,
    failed: 0,
    succeed: status === "Succeed" ? 4 : 1,
    in_progress: status === "InProgress" ? 3 : 0,
    stopped: 0,
    start_time: at(started),
    ...(ended === null ? {} : { end_time: at(ended) }),
  });
  const all = [exec(1, "Succeed", 600, 590)];
  if (ctx.st.spec.replicationRunning) all.unshift(exec(2, "InProgress", 4, null));
  const status = ctx.query.get("status");
  return json(200, status ? all.filter((e) => e.status === status) : all);
}

/**
 * The latest scan-all (1.10+): 40 scans, all done, or 12 of 40 with spec.scanAllRunning. 2.3+ (go-swagger) says
 * `ongoing` and `trigger`; before, `requester` and the counts only (the 1.10 and 2.0 specs' Stats).
 */
export function scanAllMetrics(ctx: Ctx): SimResponse {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const running = Boolean(ctx.st.spec.scanAllRunning);
  const completed = running ? 12 : 40;
  const metrics = running ? { Success: 11, Error: 1, Running: 3, Pending: 25 } : { Success: 39, Error: 1 };
  if (ctx.p.swagger) return json(200, { total: 40, completed, metrics, ongoing: running, trigger: "Manual" });
  return json(200, { total: 40, completed, requester: "admin", metrics });
}

export function volumes(ctx: Ctx): SimResponse {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const v = ctx.st.spec.volumes ?? { total: 500 * 2 ** 30, free: 320 * 2 ** 30 };
  return json(200, { storage: [{ total: v.total, free: v.free }] });
}

/** GET /configurations: a few items as {value, editable}; read_only follows PUT (and systeminfo says the same). */
export function getConfigurations(ctx: Ctx): SimResponse {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const item = (value: unknown) => ({ value, editable: true });
  return json(200, {
    auth_mode: item(ctx.st.spec.authMode ?? "db_auth"),
    read_only: item(Boolean(ctx.st.spec.readOnly)),
    self_registration: item(false),
    project_creation_restriction: item("everyone"),
  });
}

/** PUT /configurations: a subset of the map; the simulator honours read_only and refuses a non-boolean one as Harbor does. */
export function putConfigurations(ctx: Ctx): SimResponse {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const body = ctx.body as Record<string, unknown> | undefined;
  if (ctx.bodyInvalid || !body || typeof body !== "object" || Array.isArray(body)) return error(ctx.p, 400, "invalid configurations");
  if ("read_only" in body) {
    if (typeof body.read_only !== "boolean") return error(ctx.p, 400, "read_only: must be a boolean");
    ctx.st.spec = { ...ctx.st.spec, readOnly: body.read_only };
  }
  return empty(200);
}
