/** Webhook policy CRUD with the server-side semantics of docs/harbor/api.md §7.4, per version. */
import { webhookEventTypes, webhookNotifyTypes } from "../../lib/harbor/facts";
import { principalName } from "./auth";
import { empty, error, isResponse, json, matchesQ, paginate, parsePaging, parseQ, sortBy, type SimResponse } from "./http";
import { readPolicyBody, type PolicyInput } from "./policy-body";
import type { Ctx, RouteDef } from "./router";
import { policyJson } from "./serialize";
import type { PolicyRec, Profile } from "./state";
import { projectAndPolicy, webhookProject } from "./webhook-common";
import { historyRoutes } from "./webhook-history";

/** utils.ParseEndpoint: the error it would raise for an address, or null. */
function endpointError(address: string): string | null {
  let e = address.trim().replace(/\/+$/, "");
  if (!e) return "empty URL";
  const i = e.indexOf("://");
  if (i >= 0) {
    const scheme = e.slice(0, i);
    if (scheme !== "http" && scheme !== "https") return `invalid scheme: ${scheme}`;
  } else {
    e = "http://" + e;
  }
  try {
    new URL(e);
    return null;
  } catch {
    return `parse "${e}": invalid URI for request`;
  }
}

/** Event types first, then targets (address, type, payload format); legacy handlers spell it "unsupport". */
function validate(p: Profile, input: PolicyInput): SimResponse | null {
  const unsupported = p.swagger ? "unsupported" : "unsupport";
  if (input.eventTypes.length === 0) return error(p, 400, "empty event type");
  const known = webhookEventTypes(p.v);
  const badEvent = input.eventTypes.find((e) => !known.includes(e));
  if (badEvent !== undefined) return error(p, 400, `${unsupported} event type ${badEvent}`);
  if (input.targets.length === 0) return error(p, 400, `empty notification target with policy ${input.name}`);
  const notify = webhookNotifyTypes(p.v);
  for (const t of input.targets) {
    const addr = endpointError(t.address);
    if (addr) return error(p, 400, addr);
    if (!notify.includes(t.type)) return error(p, 400, `${unsupported} target type ${t.type} with policy ${input.name}`);
    if (!p.payloadFormat) continue;
    if (t.payloadFormat && t.type === "slack") return error(p, 400, "set payload format is not allowed for slack");
    if (t.payloadFormat && t.payloadFormat !== "Default" && t.payloadFormat !== "CloudEvents")
      return error(p, 400, `unsupported payload format type: ${t.payloadFormat}`);
  }
  return null;
}

/** 1.x: one policy per project (DB unique → 500); 2.0: names unique globally (→ 500); 2.1+: per project (→ 409). */
function clash(ctx: Ctx, projectId: number, name: string, selfId: number | null): SimResponse | null {
  const { st, p } = ctx;
  const others = [...st.policies.values()].filter((x) => x.id !== selfId);
  if (p.v1) return others.some((x) => x.projectId === projectId) ? error(p, 500, "internal server error") : null;
  if (p.v.minor === 0) return others.some((x) => x.name === name) ? error(p, 500, "internal server error") : null;
  return others.some((x) => x.projectId === projectId && x.name === name) ? error(p, 409, `notification policy named ${name} already exists`) : null;
}

/** Stored targets: payload_format dropped before 2.8, empty on http stored as "Default" from 2.8. */
function storedTargets(p: Profile, input: PolicyInput) {
  return input.targets.map((t) => ({
    ...t,
    payloadFormat: !p.payloadFormat ? "" : t.type === "http" && !t.payloadFormat ? "Default" : t.payloadFormat,
  }));
}

function createPolicy(ctx: Ctx): SimResponse {
  const { st, p } = ctx;
  const project = webhookProject(ctx, "write");
  if (isResponse(project)) return project;
  const input = readPolicyBody(ctx);
  if (isResponse(input)) return input;
  const invalid = validate(p, input);
  if (invalid) return invalid;
  if (!p.swagger && input.id) return error(p, 400, `cannot accept policy creating request with ID: ${input.id}`);
  const conflict = clash(ctx, project.id, input.name, null);
  if (conflict) return conflict;
  const now = new Date().toISOString();
  const id = st.nextPolicyId++;
  st.policies.set(id, {
    id,
    name: input.name,
    description: input.description,
    projectId: project.id,
    targets: storedTargets(p, input),
    eventTypes: input.eventTypes,
    // ≤2.2 the server sets the creator; 2.3+ copies whatever the client sent.
    creator: p.swagger ? input.creator : principalName(ctx.principal),
    creationTime: now,
    updateTime: now,
    enabled: input.enabled,
  });
  // 2.x handlers: request path without trailing slash + id; legacy beego: RequestURI + "/" + id.
  const location = p.swagger ? `${ctx.path.replace(/\/+$/, "")}/${id}` : `${ctx.requestUri}/${id}`;
  return empty(201, { location });
}

function updatePolicy(ctx: Ctx): SimResponse {
  const { p } = ctx;
  const found = projectAndPolicy(ctx, "write");
  if (isResponse(found)) return found;
  const input = readPolicyBody(ctx);
  if (isResponse(input)) return input;
  const invalid = validate(p, input);
  if (invalid) return invalid;
  const conflict = clash(ctx, found.project.id, input.name, found.policy.id);
  if (conflict) return conflict;
  // beego/ORM Update without a column list: every column is replaced, omitted fields become zero values.
  const updated: PolicyRec = {
    id: found.policy.id,
    name: input.name,
    description: input.description,
    projectId: found.project.id,
    targets: storedTargets(p, input),
    eventTypes: input.eventTypes,
    creator: input.creator,
    creationTime: input.creationTime,
    updateTime: new Date().toISOString(),
    enabled: input.enabled,
  };
  ctx.st.policies.set(updated.id, updated);
  return empty(200);
}

function deletePolicy(ctx: Ctx): SimResponse {
  const found = projectAndPolicy(ctx, "write");
  if (isResponse(found)) return found;
  ctx.st.policies.delete(found.policy.id);
  return empty(200);
}

function getPolicy(ctx: Ctx): SimResponse {
  const found = projectAndPolicy(ctx, "read");
  if (isResponse(found)) return found;
  return json(200, policyJson(ctx.st, found.policy));
}

function policyField(x: PolicyRec, key: string): string | number | undefined {
  const fields: Record<string, string | number | undefined> = {
    id: x.id,
    name: x.name,
    creation_time: x.creationTime ?? "",
    update_time: x.updateTime,
    enabled: String(x.enabled),
    creator: x.creator,
  };
  return fields[key];
}

/** Legacy: every policy of the project, unpaginated. 2.3+: paginated (default 10), q and sort. */
function listPolicies(ctx: Ctx): SimResponse {
  const { st, p, query } = ctx;
  const project = webhookProject(ctx, "read");
  if (isResponse(project)) return project;
  let rows = [...st.policies.values()].filter((x) => x.projectId === project.id);
  if (!p.swagger)
    return json(
      200,
      rows.map((x) => policyJson(st, x)),
    );
  const paging = parsePaging(p, query);
  if (isResponse(paging)) return paging;
  const terms = parseQ(query.get("q"));
  if (!terms) return error(p, 400, `invalid query string: ${query.get("q")}`);
  rows = sortBy(
    rows.filter((x) => matchesQ(terms, (k) => policyField(x, k))),
    query.get("sort"),
    policyField,
  );
  const page = paginate(rows, paging, ctx.path, query);
  return json(
    200,
    page.items.map((x) => policyJson(st, x)),
    page.headers,
  );
}

/** POST …/policies/test: 1.x and 2.0.0 only (removed in 2.0.1); validates, sends nothing. */
function testPolicy(ctx: Ctx): SimResponse {
  const project = webhookProject(ctx, "write");
  if (isResponse(project)) return project;
  const input = readPolicyBody(ctx);
  if (isResponse(input)) return input;
  return validate(ctx.p, input) ?? empty(200);
}

export function webhookRoutes(p: Profile): RouteDef[] {
  const base = p.swagger ? "/projects/{project}/webhook" : "/projects/{project:int}/webhook";
  const one = p.swagger ? `${base}/policies/{policy}` : `${base}/policies/{policy:int}`;
  const routes: RouteDef[] = [];
  if (p.v1 || (p.v.major === 2 && p.v.minor === 0 && p.v.patch === 0)) routes.push({ method: "POST", pattern: `${base}/policies/test`, handler: testPolicy });
  routes.push(
    { method: "GET", pattern: `${base}/policies`, handler: listPolicies },
    { method: "POST", pattern: `${base}/policies`, handler: createPolicy },
    { method: "GET", pattern: one, handler: getPolicy },
    { method: "PUT", pattern: one, handler: updatePolicy },
    { method: "DELETE", pattern: one, handler: deletePolicy },
    ...historyRoutes(p, base, one),
  );
  return routes;
}
