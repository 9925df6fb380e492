/**
 * Wire shapes of projects, users and webhook policies per version. Legacy (beego) models print every
 * field; 2.3+ go-swagger models drop empty values unless the spec says `x-omitempty: false`.
 */
import { atLeast } from "../../lib/releases";
import { isSysadmin, memberRole, type Principal } from "./auth";
import { omitEmpty } from "./http";
import { ROLE_IDS, type InstanceState, type PolicyRec, type ProjectRec, type UserRec } from "./state";

/** Go's zero time.Time, what a NULL timestamp column reads back as. */
export const GO_ZERO_TIME = "0001-01-01T00:00:00Z";

export function projectJson(st: InstanceState, project: ProjectRec, caller: Principal): Record<string, unknown> {
  const p = st.profile;
  const role = memberRole(caller, project);
  const roleId = role ? ROLE_IDS[role] : 0;
  const allowlistKey = atLeast(p.v, 2, 1) ? "allowlist" : "whitelist";
  const metadata: Record<string, string> = {
    public: String(project.public),
    enable_content_trust: "false",
    prevent_vul: "false",
    severity: "low",
    auto_scan: project.public ? "false" : "true",
    [`reuse_sys_cve_${allowlistKey}`]: "true",
  };
  if (atLeast(p.v, 2, 5)) metadata.enable_content_trust_cosign = "false";
  if (atLeast(p.v, 2, 11)) metadata.auto_sbom_generation = "false";
  const allowlist: Record<string, unknown> = { id: project.id, project_id: project.id, items: [] };
  if (!p.v1) Object.assign(allowlist, { creation_time: project.created, update_time: project.created });
  const out: Record<string, unknown> = {
    project_id: project.id,
    owner_id: project.ownerId,
    name: project.name,
    creation_time: project.created,
    update_time: project.created,
    deleted: false,
    owner_name: project.ownerName,
    togglable: isSysadmin(caller) || role === "projectAdmin",
    current_user_role_id: roleId,
    current_user_role_ids: roleId ? [roleId] : [],
    repo_count: project.repoCount,
    metadata,
    [`cve_${allowlistKey}`]: p.swagger ? omitEmpty(allowlist) : allowlist,
  };
  if (!atLeast(p.v, 2, 8)) out.chart_count = 0;
  return p.swagger ? omitEmpty(out, ["repo_count", "chart_count"]) : out;
}

/** GET /users/current: 1.x `User`, 2.0–2.2 legacy `User`, 2.3+ `UserResp`. */
export function userJson(st: InstanceState, u: UserRec): Record<string, unknown> {
  const p = st.profile;
  const common = {
    user_id: u.id,
    username: u.username,
    email: `${u.username}@example.com`,
    realname: u.username,
    comment: "",
    creation_time: u.created,
    update_time: u.created,
  };
  if (p.v1) return { ...common, deleted: false, role_name: "", role_id: 0, has_admin_role: u.sysadmin, reset_uuid: "", Salt: "" };
  if (!p.swagger) return { ...common, deleted: false, sysadmin_flag: u.sysadmin, admin_role_in_auth: false, reset_uuid: "", Salt: "" };
  return omitEmpty({ ...common, sysadmin_flag: u.sysadmin, admin_role_in_auth: false }, ["sysadmin_flag", "admin_role_in_auth"]);
}

export function policyJson(st: InstanceState, pol: PolicyRec): Record<string, unknown> {
  const p = st.profile;
  const targets = pol.targets.map((t) => {
    if (!p.swagger) {
      // beego model: auth_header is omitempty, the rest always printed.
      const legacy: Record<string, unknown> = { type: t.type, address: t.address };
      if (t.authHeader) legacy.auth_header = t.authHeader;
      legacy.skip_cert_verify = t.skipCertVerify;
      return legacy;
    }
    const target: Record<string, unknown> = { type: t.type, address: t.address, auth_header: t.authHeader, skip_cert_verify: t.skipCertVerify };
    if (p.payloadFormat) target.payload_format = t.payloadFormat;
    return omitEmpty(target);
  });
  const out: Record<string, unknown> = {
    id: pol.id,
    name: pol.name,
    description: pol.description,
    project_id: pol.projectId,
    targets,
    event_types: pol.eventTypes,
    creator: pol.creator,
    creation_time: pol.creationTime ?? GO_ZERO_TIME,
    update_time: pol.updateTime,
    enabled: pol.enabled,
  };
  return p.swagger ? omitEmpty(out, ["enabled"]) : out;
}
