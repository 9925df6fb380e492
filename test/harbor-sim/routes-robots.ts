/**
 * Robot accounts v2 (2.2+): GET /robots (ListRobot, src/server/v2.0/handler/robot.go). Without `level` in
 * `q` Harbor lists system robots only and requires the system "robot: list" permission: system admins, and
 * robots holding it (`canListRobots`); other callers get 403, anonymous ones 401. `q=name=…` matches the
 * stored name, which lacks the `robot$` prefix every answer carries. go-swagger paging (max 100, 422).
 */
import { atLeast } from "../../lib/releases";
import { isSysadmin } from "./auth";
import { error, json, matchesQ, omitEmpty, paginate, parsePaging, parseQ, sortBy, type SimResponse } from "./http";
import type { Ctx, RouteDef } from "./router";
import type { Profile, RobotRec } from "./state";

const PREFIX = "robot$";
const DAY_S = 86_400;

/** The stored name: without the prefix; project robots are "<project>+<name>". */
const storedName = (r: RobotRec) => (r.name.startsWith(PREFIX) ? r.name.slice(PREFIX.length) : r.name);
const isProjectRobot = (r: RobotRec) => storedName(r).includes("+");

function robotField(r: RobotRec, key: string): string | number | boolean | undefined {
  switch (key) {
    case "name":
      return storedName(r);
    case "id":
      return r.id;
    case "level":
      return isProjectRobot(r) ? "project" : "system";
    case "disabled":
    case "disable":
      return r.disabled;
    case "expires_at":
      return r.expiresAt;
    default:
      return undefined;
  }
}

function permissions(r: RobotRec): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (r.canListRobots) out.push({ kind: "system", namespace: "/", access: [{ resource: "robot", action: "list" }] });
  const projects = [...new Set([...r.readProjects, ...r.webhookProjects])];
  for (const ns of projects) {
    const access = [{ resource: "repository", action: "pull" }];
    if (r.webhookProjects.includes(ns))
      access.push(...["create", "update", "delete", "list", "read"].map((action) => ({ resource: "notification-policy", action })));
    out.push({ kind: "project", namespace: ns, access });
  }
  return out;
}

export function robotJson(r: RobotRec): Record<string, unknown> {
  const created = Date.parse(r.created);
  const duration = r.expiresAt > 0 ? Math.max(1, Math.ceil((r.expiresAt - created / 1000) / DAY_S)) : -1;
  const out = {
    id: r.id,
    name: r.name,
    description: "",
    level: isProjectRobot(r) ? "project" : "system",
    duration,
    editable: true,
    disable: r.disabled,
    expires_at: r.expiresAt,
    permissions: permissions(r),
    creation_time: r.created,
    update_time: r.created,
  };
  // go-swagger omitempty; `editable` and `disable` are x-omitempty: false in every 2.x spec.
  return omitEmpty(out, ["editable", "disable"]);
}

function listRobots(ctx: Ctx): SimResponse {
  const { st, p, query, principal } = ctx;
  if (principal.kind === "anonymous") return error(p, 401, "UnAuthorized");
  const paging = parsePaging(p, query, true);
  if ("status" in paging) return paging;
  const terms = parseQ(query.get("q"));
  if (!terms) return error(p, 400, `invalid query string: ${query.get("q")}`);
  // Harbor reads the keys Level and ProjectID (capitalised) from q (src/server/v2.0/handler/robot.go).
  const level = terms.find((t) => t.key === "Level")?.values[0] ?? "system";
  if (level !== "system" && level !== "project") return error(p, 400, "bad request error level input");
  if (level === "project" && !terms.some((t) => t.key === "ProjectID")) return error(p, 400, "must with project ID when to query project robots");
  const mayList = isSysadmin(principal) || (principal.kind === "robot" && principal.robot.canListRobots);
  if (!mayList) return error(p, 403, "forbidden");
  // Project robots: the simulator keeps no project ids for them; a project-level query lists none.
  let rows = level === "system" ? st.robots.filter((r) => !isProjectRobot(r)) : [];
  rows = rows.filter((r) => matchesQ(terms, (k) => (k === "Level" || k === "ProjectID" ? undefined : robotField(r, k))));
  rows = sortBy(rows, query.get("sort"), (r, k) => {
    const f = robotField(r, k);
    return typeof f === "boolean" ? String(f) : f;
  });
  const page = paginate(rows, paging, ctx.path, query);
  return json(
    200,
    page.items.map((r) => robotJson(r)),
    page.headers,
  );
}

export function robotRoutes(p: Profile): RouteDef[] {
  // Robot accounts v2 arrived in 2.2; before, GET /robots is no route (404).
  return atLeast(p.v, 2, 2) ? [{ method: "GET", pattern: "/robots", handler: listRobots }] : [];
}
