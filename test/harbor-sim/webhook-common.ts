/** What every webhook route checks first: caller, project, rights, then the policy in the path. */
import { isSysadmin, webhookAccess } from "./auth";
import { error, isResponse, type SimResponse } from "./http";
import type { Ctx } from "./router";
import { findProject } from "./routes-projects";
import { projectById, type PolicyRec, type ProjectRec } from "./state";

/**
 * 401 for anonymous callers (bad credentials included); a missing project is 404 for system admins and
 * 403 for everyone else; then reads need projectAdmin/maintainer (or a robot grant), writes projectAdmin.
 */
export function webhookProject(ctx: Ctx, need: "read" | "write"): ProjectRec | SimResponse {
  const { st, p, principal, params } = ctx;
  if (principal.kind === "anonymous") return error(p, 401, "UnAuthorized");
  const project = p.swagger ? findProject(st, params.project, ctx.headers["x-is-resource-name"]) : projectById(st, Number(params.project));
  if (!project) return isSysadmin(principal) ? error(p, 404, `project ${params.project} not found`) : error(p, 403, "forbidden");
  const access = webhookAccess(principal, project);
  if (access === "none" || (need === "write" && access !== "write")) return error(p, 403, "forbidden");
  return project;
}

/** A path id: 2.3+ go-swagger wants an int64 (else 422); legacy routes already matched digits. */
export function pathId(ctx: Ctx, param: string, swaggerName: string): number | SimResponse {
  const raw = ctx.params[param];
  if (!/^-?\d{1,19}$/.test(raw)) return error(ctx.p, 422, `validation failure list:\n${swaggerName} in path must be of type int64: "${raw}"`);
  return Number(raw);
}

/** The policy of the path, which must belong to the project: else 400 on legacy versions, 404 on 2.3+. */
export function policyIn(ctx: Ctx, project: ProjectRec, id: number): PolicyRec | SimResponse {
  const { st, p } = ctx;
  const policy = st.policies.get(id);
  if (!policy) return error(p, 404, `policy ${id} not found`);
  if (policy.projectId !== project.id) {
    return p.swagger
      ? error(p, 404, `policy ${id} not found`)
      : error(p, 400, `policy ${id} with projectID ${policy.projectId} not belong to project ${project.id} in URL`);
  }
  return policy;
}

/** project, then policy, from the path: the common prologue of per-policy routes. */
export function projectAndPolicy(ctx: Ctx, need: "read" | "write"): { project: ProjectRec; policy: PolicyRec } | SimResponse {
  const project = webhookProject(ctx, need);
  if (isResponse(project)) return project;
  const id = pathId(ctx, "policy", "webhook_policy_id");
  if (isResponse(id)) return id;
  const policy = policyIn(ctx, project, id);
  if (isResponse(policy)) return policy;
  return { project, policy };
}
