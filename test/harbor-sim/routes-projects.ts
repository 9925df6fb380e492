/** Projects (docs/harbor/api.md §4, §6): list with pagination and filters, HEAD by name, GET by id or name. */
import { canSeeProject, isSysadmin } from "./auth";
import { empty, error, json, matchesQ, paginate, parsePaging, parseQ, sortBy, type SimResponse } from "./http";
import type { Ctx, RouteDef } from "./router";
import { projectJson } from "./serialize";
import { projectById, projectByName, type InstanceState, type Profile, type ProjectRec } from "./state";

function projectField(p: ProjectRec, key: string): string | number | boolean | undefined {
  switch (key) {
    case "name":
      return p.name;
    case "project_id":
      return p.id;
    case "public":
      return p.public;
    case "owner_id":
      return p.ownerId;
    case "creation_time":
      return p.created;
    default:
      return undefined;
  }
}

function listProjects(ctx: Ctx): SimResponse {
  const { st, p, query, principal } = ctx;
  const paging = parsePaging(p, query);
  if ("status" in paging) return paging;
  let rows = st.projects.filter((x) => canSeeProject(principal, x));
  const name = query.get("name");
  if (name) rows = rows.filter((x) => x.name.includes(name));
  const pub = query.get("public");
  if (pub !== null) {
    const want = pub === "true" || pub === "1";
    rows = rows.filter((x) => x.public === want);
  }
  const owner = query.get("owner");
  if (owner) rows = rows.filter((x) => x.ownerName === owner);
  if (p.swagger) {
    const terms = parseQ(query.get("q"));
    if (!terms) return error(p, 400, `invalid query string: ${query.get("q")}`);
    rows = rows.filter((x) => matchesQ(terms, (k) => projectField(x, k)));
  }
  rows = sortBy(
    [...rows].sort((a, b) => a.name.localeCompare(b.name)),
    query.get("sort"),
    (x, k) => {
      const f = projectField(x, k);
      return typeof f === "boolean" ? String(f) : f;
    },
  );
  const page = paginate(rows, paging, ctx.path, query);
  return json(
    200,
    page.items.map((x) => projectJson(st, x, principal)),
    page.headers,
  );
}

function headProject(ctx: Ctx): SimResponse {
  const name = ctx.query.get("project_name");
  if (!name) return error(ctx.p, 400, "project_name is needed");
  return empty(projectByName(ctx.st, name) ? 200 : 404);
}

/** 2.2+ `{project_name_or_id}`: X-Is-Resource-Name decides, else an int64-looking value is an id. */
export function findProject(st: InstanceState, ref: string, isResourceName: string | string[] | undefined): ProjectRec | undefined {
  const byName = String(isResourceName ?? "").toLowerCase() === "true";
  if (!byName && /^-?\d{1,19}$/.test(ref)) return projectById(st, Number(ref));
  return projectByName(st, ref);
}

function getProject(ctx: Ctx): SimResponse {
  const { st, p, principal, params } = ctx;
  const project = p.projectNameOrId ? findProject(st, params.project, ctx.headers["x-is-resource-name"]) : projectById(st, Number(params.project));
  if (project && canSeeProject(principal, project)) return json(200, projectJson(st, project, principal));
  if (principal.kind === "anonymous") return error(p, 401, "UnAuthorized");
  // For a non-admin, a missing project is a permission failure (HasProjectPermission checks project 0).
  if (!project && isSysadmin(principal)) return error(p, 404, `project ${params.project} not found`);
  return error(p, 403, "forbidden");
}

export function projectRoutes(p: Profile): RouteDef[] {
  return [
    { method: "GET", pattern: "/projects", handler: listProjects },
    { method: "HEAD", pattern: "/projects", handler: headProject },
    // 1.x–2.1 route only numeric ids (beego `:id([0-9]+)`); 2.2+ take a name or an id.
    { method: "GET", pattern: p.projectNameOrId ? "/projects/{project}" : "/projects/{project:int}", handler: getProject },
  ];
}
