/**
 * Who is calling (docs/harbor/api.md §2): Basic auth only. Wrong or missing credentials make the caller anonymous,
 * never a 401 by themselves; the routes that need a principal answer 401. Robots (robot$…) authenticate
 * with their secret, are never system admins, and hold webhook rights only where the spec grants them.
 */
import type { InstanceState, ProjectRec, RobotRec, Role, UserRec } from "./state";

export type Principal =
  { kind: "anonymous"; /** credentials were sent but did not match */ failed: boolean } | { kind: "user"; user: UserRec } | { kind: "robot"; robot: RobotRec };

export function authenticate(st: InstanceState, authorization: string | undefined): Principal {
  const m = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!m) return { kind: "anonymous", failed: Boolean(authorization) };
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return { kind: "anonymous", failed: true };
  const name = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const robot = st.robots.find((r) => r.name === name);
  if (robot) return robot.secret === secret && robotUsable(robot) ? { kind: "robot", robot } : { kind: "anonymous", failed: true };
  const user = st.users.find((u) => u.username === name);
  if (user && user.password === secret) return { kind: "user", user };
  return { kind: "anonymous", failed: true };
}

/** Harbor's robot generator refuses a disabled or expired robot: the caller stays anonymous. */
export function robotUsable(robot: RobotRec, now = Date.now()): boolean {
  return !robot.disabled && !(robot.expiresAt > 0 && robot.expiresAt * 1000 <= now);
}

export function isSysadmin(p: Principal): boolean {
  return p.kind === "user" && p.user.sysadmin;
}

export function principalName(p: Principal): string {
  return p.kind === "user" ? p.user.username : p.kind === "robot" ? p.robot.name : "anonymous";
}

const covers = (list: string[], project: ProjectRec) => list.includes("*") || list.includes(project.name);

export function memberRole(p: Principal, project: ProjectRec): Role | null {
  return p.kind === "user" ? (project.members[p.user.username] ?? null) : null;
}

/** May the caller see the project (GET /projects, GET /projects/{id})? */
export function canSeeProject(p: Principal, project: ProjectRec): boolean {
  if (project.public || isSysadmin(p)) return true;
  if (p.kind === "user") return memberRole(p, project) !== null;
  if (p.kind === "robot") return covers(p.robot.readProjects, project) || covers(p.robot.webhookProjects, project);
  return false;
}

/**
 * notification-policy rights (rbac_role.go): projectAdmin and system admins write, maintainers read,
 * developers and guests nothing; robots get all actions where `webhookProjects` covers the project.
 */
export function webhookAccess(p: Principal, project: ProjectRec): "write" | "read" | "none" {
  if (isSysadmin(p)) return "write";
  if (p.kind === "robot") return covers(p.robot.webhookProjects, project) ? "write" : "none";
  const role = memberRole(p, project);
  if (role === "projectAdmin") return "write";
  if (role === "maintainer") return "read";
  return "none";
}

const WEBHOOK_ACTIONS = ["create", "update", "delete", "list", "read"];

const ROLE_PERMISSIONS: Record<Role, [string, string][]> = {
  projectAdmin: [
    ["project", "read"],
    ["project", "update"],
    ["project", "delete"],
    ["member", "list"],
    ["member", "create"],
    ["repository", "list"],
    ["repository", "pull"],
    ["repository", "push"],
    ["repository", "delete"],
    ...WEBHOOK_ACTIONS.map((a): [string, string] => ["notification-policy", a]),
  ],
  maintainer: [
    ["project", "read"],
    ["member", "list"],
    ["repository", "list"],
    ["repository", "pull"],
    ["repository", "push"],
    ["repository", "delete"],
    ["notification-policy", "read"],
    ["notification-policy", "list"],
  ],
  developer: [
    ["project", "read"],
    ["member", "list"],
    ["repository", "list"],
    ["repository", "pull"],
    ["repository", "push"],
  ],
  guest: [
    ["project", "read"],
    ["member", "list"],
    ["repository", "list"],
    ["repository", "pull"],
  ],
};

/** What GET /users/current/permissions?scope=/project/{id} lists for the caller, as [resource, action]. */
export function projectPermissions(p: Principal, project: ProjectRec): [string, string][] {
  if (isSysadmin(p)) return ROLE_PERMISSIONS.projectAdmin;
  if (p.kind === "robot") {
    const out: [string, string][] = [];
    if (canSeeProject(p, project)) out.push(["project", "read"], ["repository", "list"], ["repository", "pull"]);
    if (webhookAccess(p, project) === "write") out.push(...WEBHOOK_ACTIONS.map((a): [string, string] => ["notification-policy", a]));
    return out;
  }
  const role = memberRole(p, project);
  if (role) return ROLE_PERMISSIONS[role];
  return project.public && p.kind === "user"
    ? [
        ["project", "read"],
        ["repository", "list"],
        ["repository", "pull"],
      ]
    : [];
}
