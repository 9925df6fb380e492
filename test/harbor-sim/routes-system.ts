/** System endpoints (docs/harbor/api.md §1, §2, §5): systeminfo, health, statistics, ping, users/current, permissions. */
import { healthComponents } from "../../lib/harbor/facts";
import { atLeast } from "../../lib/releases";
import { canSeeProject, isSysadmin, projectPermissions } from "./auth";
import { empty, error, json, omitEmpty, text, type SimResponse } from "./http";
import type { Ctx, RouteDef } from "./router";
import { userJson } from "./serialize";
import { projectById, type Profile } from "./state";
import { gcRuns, getConfigurations, putConfigurations, replicationExecutions, scanAllMetrics, volumes } from "./routes-admin";

function systeminfo(ctx: Ctx): SimResponse {
  const { st, p } = ctx;
  const spec = st.spec;
  const v = p.v;
  const authMode = spec.authMode ?? "db_auth";
  const externalUrl = spec.externalUrl ?? ctx.baseUrl;
  const anonymous = ctx.principal.kind === "anonymous";
  const hasCa = Boolean(spec.tls);
  if (p.v1) {
    // 1.x answers everything to everyone.
    const info: Record<string, unknown> = {
      with_notary: Boolean(spec.components?.notary),
      with_clair: Boolean(spec.components?.clair),
      with_admiral: false,
      admiral_endpoint: "NA",
      registry_url: new URL(externalUrl).host,
      external_url: externalUrl,
      auth_mode: authMode,
      project_creation_restriction: "everyone",
      self_registration: false,
      has_ca_root: hasCa,
      harbor_version: st.harborVersion,
      next_scan_all: 0,
    };
    if (v.minor >= 10) {
      Object.assign(info, {
        read_only: Boolean(spec.readOnly),
        with_chartmuseum: Boolean(spec.components?.chartmuseum),
        notification_enable: true,
        registry_storage_provider_name: spec.storageProvider ?? "filesystem",
      });
    }
    return json(200, info);
  }
  const info: Record<string, unknown> = {};
  if (atLeast(v, 2, 10)) info.banner_message = "";
  if (atLeast(v, 2, 2)) info.current_time = new Date().toISOString();
  if (!atLeast(v, 2, 9)) info.with_notary = Boolean(spec.components?.notary);
  if (!atLeast(v, 2, 8)) info.with_chartmuseum = Boolean(spec.components?.chartmuseum);
  Object.assign(info, {
    registry_url: new URL(externalUrl).host,
    external_url: externalUrl,
    auth_mode: authMode,
  });
  if (atLeast(v, 2, 8)) info.primary_auth_mode = false;
  Object.assign(info, {
    project_creation_restriction: "everyone",
    self_registration: false,
    has_ca_root: hasCa,
    harbor_version: st.harborVersion,
  });
  if (atLeast(v, 2, 1)) {
    Object.assign(info, {
      registry_storage_provider_name: spec.storageProvider ?? "filesystem",
      read_only: Boolean(spec.readOnly),
      notification_enable: true,
    });
  }
  if (authMode === "http_auth") {
    info.authproxy_settings = {
      endpoint: "https://authproxy.example.com/login",
      tokenreivew_endpoint: "https://authproxy.example.com/tokenreview",
      skip_search: false,
      verify_cert: true,
      server_certificate: "",
    };
  }
  if (atLeast(v, 2, 11) && authMode === "oidc_auth") info.oidc_provider_name = "Corporate SSO";
  if (!anonymous || !atLeast(v, 2, 2)) return json(200, info);
  // 2.2–2.12 anonymous subset; 2.13+ also hides harbor_version (#21672).
  const visible = ["auth_mode", "primary_auth_mode", "self_registration", "banner_message", "oidc_provider_name", "authproxy_settings"];
  if (!atLeast(v, 2, 13)) visible.push("harbor_version");
  return json(200, Object.fromEntries(Object.entries(info).filter(([k]) => visible.includes(k))));
}

function health(ctx: Ctx): SimResponse {
  const { st, p } = ctx;
  const unhealthy = st.spec.unhealthy ?? {};
  const components = healthComponents(p.v, st.spec.components ?? {}).map((name) =>
    name in unhealthy ? { name, status: "unhealthy", error: unhealthy[name] } : { name, status: "healthy" },
  );
  const status = components.every((c) => c.status === "healthy") ? "healthy" : "unhealthy";
  return json(200, { status, components });
}

function statistics(ctx: Ctx): SimResponse {
  const { st, p, principal } = ctx;
  if (principal.kind === "anonymous") return error(p, 401, "UnAuthorized");
  const admin = isSysadmin(principal);
  const pub = st.projects.filter((x) => x.public);
  // Robots see no private counts (statistic.go); users count the private projects they belong to.
  const priv = principal.kind === "robot" ? [] : st.projects.filter((x) => !x.public && canSeeProject(principal, x));
  const repos = (list: typeof pub) => list.reduce((n, x) => n + x.repoCount, 0);
  const out: Record<string, number> = {
    private_project_count: priv.length,
    private_repo_count: repos(priv),
    public_project_count: pub.length,
    public_repo_count: repos(pub),
  };
  if (p.swagger) {
    // Statistic (2.3+): every field x-omitempty:false, totals left at 0 for non-admins.
    out.total_project_count = admin ? st.projects.length : 0;
    out.total_repo_count = admin ? repos(st.projects) : 0;
    out.total_storage_consumption = admin ? (st.spec.storageBytes ?? repos(st.projects) * 48_000_000) : 0;
  } else if (admin) {
    out.total_project_count = st.projects.length;
    out.total_repo_count = repos(st.projects);
  }
  return json(200, out);
}

function currentUser(ctx: Ctx): SimResponse {
  const { st, p, principal } = ctx;
  if (principal.kind === "anonymous") return error(p, 401, "UnAuthorized");
  if (principal.kind === "robot") {
    // 2.3+: PRECONDITION; ≤2.2: /users/:id with id "current" looks the robot up as a DB user and fails.
    return p.swagger ? error(p, 412, "get current user not available for security context: robot") : error(p, 500, "internal server error");
  }
  return json(200, userJson(st, principal.user));
}

function permissions(ctx: Ctx): SimResponse {
  const { st, p, principal, query } = ctx;
  if (principal.kind === "anonymous") return error(p, 401, "UnAuthorized");
  const scope = query.get("scope") ?? "/";
  const relative = query.get("relative") === "true";
  const m = /^\/project\/(\d+)\/?$/.exec(scope);
  let pairs: [string, string][] = [];
  if (m) {
    const project = projectById(st, Number(m[1]));
    if (project) pairs = projectPermissions(principal, project);
  } else if (isSysadmin(principal)) {
    pairs = [
      ["project", "create"],
      ["user", "list"],
      ["configuration", "read"],
      ["statistics", "read"],
    ];
  }
  const prefix = scope.replace(/\/$/, "");
  const list = pairs.map(([resource, action]) => ({ resource: relative ? resource : `${prefix}/${resource}`, action }));
  return json(200, p.swagger ? list.map((x) => omitEmpty(x)) : list);
}

function getcert(ctx: Ctx): SimResponse {
  if (!ctx.caPem) return ctx.p.v1 ? empty(404) : error(ctx.p, 404, "No certificate found");
  return text(200, ctx.caPem, "application/octet-stream", { "content-disposition": "attachment; filename=ca.crt" });
}

export function systemRoutes(p: Profile): RouteDef[] {
  const routes: RouteDef[] = [
    { method: "GET", pattern: "/systeminfo", handler: systeminfo },
    { method: "GET", pattern: "/systeminfo/getcert", handler: getcert },
    { method: "GET", pattern: "/systeminfo/volumes", handler: volumes },
    { method: "GET", pattern: "/system/gc", handler: gcRuns },
    { method: "GET", pattern: "/replication/executions", handler: replicationExecutions },
    { method: "GET", pattern: "/health", handler: health },
    { method: "GET", pattern: "/configurations", handler: getConfigurations },
    { method: "PUT", pattern: "/configurations", handler: putConfigurations },
    { method: "GET", pattern: "/statistics", handler: statistics },
    { method: "GET", pattern: "/users/current", handler: currentUser },
    { method: "GET", pattern: "/users/current/permissions", handler: permissions },
  ];
  if (atLeast(p.v, 1, 10)) routes.push({ method: "GET", pattern: "/scans/all/metrics", handler: scanAllMetrics });
  // GET /ping: 1.x (/api/ping) and 2.2+; 2.0–2.1 have none (docs/harbor/api.md §1).
  if (p.v1 || atLeast(p.v, 2, 2)) routes.push({ method: "GET", pattern: "/ping", handler: () => text(200, "Pong") });
  return routes;
}
