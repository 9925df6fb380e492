import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthComponents } from "@/lib/harbor/facts";
import { parseHarborVersion } from "@/lib/releases";
import { ADMIN, call } from "@/test/harbor-sim/client";
import { startHarborSim, type HarborSim, type SimInstanceSpec } from "@/test/harbor-sim";

const DEV = { username: "dev", password: "dev-Passw0rd" };
const ROBOT = { username: "robot$ci", password: "r0bot-secret" };
const BAD = { username: "admin", password: "wrong" };

const spec = (version: string): SimInstanceSpec => ({
  id: version,
  version,
  users: [{ ...ADMIN, sysadmin: true }, DEV],
  robots: [{ name: ROBOT.username, secret: ROBOT.password, readProjects: ["*"] }],
  projects: [
    { name: "library", public: true, repoCount: 3 },
    { name: "team", repoCount: 5, members: { dev: "maintainer" } },
    { name: "hidden", repoCount: 7 },
  ],
  components: { trivy: true, chartmuseum: true, notary: true },
  unhealthy: { redis: "dial tcp 10.0.0.5:6379: connect: connection refused" },
  storageBytes: 123_456,
});

const VERSIONS = ["1.9.1", "1.10.19", "2.0.6", "2.2.3", "2.5.6", "2.8.6", "2.12.4", "2.13.3", "2.15.2"];
let sim: HarborSim;
const base = (v: string) => sim.get(v).baseUrl;
const api = (v: string) => (v.startsWith("1.") ? "/api" : "/api/v2.0");
const get = (v: string, path: string, auth?: { username: string; password: string }) => call(base(v), api(v) + path, { auth });

beforeAll(async () => {
  sim = await startHarborSim({ instances: VERSIONS.map(spec) });
});
afterAll(() => sim?.stop());

describe("harbor-sim: version probe and systeminfo", () => {
  it("answers GET /api/version on 2.x only", async () => {
    for (const v of VERSIONS) {
      const r = await call(base(v), "/api/version");
      if (v.startsWith("1.")) expect(r.status, v).toBe(404);
      else {
        expect(r.status, v).toBe(200);
        expect(r.json).toEqual({ version: "v2.0" });
      }
    }
  });

  it("formats harbor_version as v<version>-<8 hex> for authenticated callers", async () => {
    for (const v of VERSIONS) {
      const info = (await get(v, "/systeminfo", ADMIN)).json as Record<string, unknown>;
      expect(info.harbor_version, v).toMatch(new RegExp(`^v${v.replace(/\./g, "\\.")}-[0-9a-f]{8}$`));
      expect(parseHarborVersion(info.harbor_version as string)).toEqual(parseHarborVersion(v));
      expect(info.external_url).toBe(base(v));
    }
    expect(((await get("2.15.2", "/systeminfo", ADMIN)).json as Record<string, unknown>).harbor_version).toBe("v2.15.2-080b0220");
  });

  it("gives anonymous callers everything on 1.x–2.1, a subset on 2.2–2.12 and no version from 2.13", async () => {
    for (const v of ["1.10.19", "2.0.6"]) {
      const info = (await get(v, "/systeminfo")).json as Record<string, unknown>;
      expect(info, v).toHaveProperty("external_url");
      expect(info, v).toHaveProperty("harbor_version");
    }
    for (const v of ["2.2.3", "2.5.6", "2.12.4"]) {
      const info = (await get(v, "/systeminfo")).json as Record<string, unknown>;
      expect(info, v).toHaveProperty("harbor_version");
      expect(info, v).toHaveProperty("auth_mode", "db_auth");
      expect(info, v).not.toHaveProperty("external_url");
      expect(info, v).not.toHaveProperty("current_time");
    }
    for (const v of ["2.13.3", "2.15.2"]) {
      const anon = (await get(v, "/systeminfo")).json as Record<string, unknown>;
      expect(anon, v).not.toHaveProperty("harbor_version");
      // wrong credentials are anonymous, not 401
      const bad = await get(v, "/systeminfo", BAD);
      expect(bad.status).toBe(200);
      expect(bad.json).not.toHaveProperty("harbor_version");
      expect((await get(v, "/systeminfo", ROBOT)).json).toHaveProperty("harbor_version");
    }
    expect((await get("2.8.6", "/systeminfo")).json).toHaveProperty("primary_auth_mode", false);
  });
});

describe("harbor-sim: health", () => {
  it("lists the version's components with the unhealthy ones and an overall status", async () => {
    for (const v of VERSIONS) {
      const r = await get(v, "/health");
      expect(r.status).toBe(200);
      const body = r.json as { status: string; components: { name: string; status: string; error?: string }[] };
      const expected = healthComponents(parseHarborVersion(v)!, { trivy: true, chartmuseum: true, notary: true });
      expect(
        body.components.map((c) => c.name),
        v,
      ).toEqual(expected);
      expect(body.status).toBe("unhealthy");
      expect(body.components.find((c) => c.name === "redis")).toEqual({
        name: "redis",
        status: "unhealthy",
        error: "dial tcp 10.0.0.5:6379: connect: connection refused",
      });
      expect(body.components.find((c) => c.name === "core")).toEqual({ name: "core", status: "healthy" });
    }
    expect(((await get("2.15.2", "/health")).json as { components: { name: string }[] }).components.map((c) => c.name)).not.toContain("chartmuseum");
  });
});

describe("harbor-sim: statistics", () => {
  it("is 401 for anonymous and bad credentials, with the generation's error body", async () => {
    const v1 = await get("1.10.19", "/statistics", BAD);
    expect(v1.status).toBe(401);
    expect(v1.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(JSON.parse(v1.text)).toEqual({ code: 401, message: expect.any(String) });
    const v2 = await get("2.15.2", "/statistics");
    expect(v2.status).toBe(401);
    expect(v2.json).toEqual({ errors: [{ code: "UNAUTHORIZED", message: expect.any(String) }] });
  });

  it("fills totals for system admins only, storage from 2.3", async () => {
    expect((await get("2.15.2", "/statistics", ADMIN)).json).toEqual({
      private_project_count: 2,
      private_repo_count: 12,
      public_project_count: 1,
      public_repo_count: 3,
      total_project_count: 3,
      total_repo_count: 15,
      total_storage_consumption: 123_456,
    });
    expect((await get("2.15.2", "/statistics", DEV)).json).toMatchObject({
      private_project_count: 1,
      private_repo_count: 5,
      total_project_count: 0,
      total_storage_consumption: 0,
    });
    expect((await get("2.15.2", "/statistics", ROBOT)).json).toMatchObject({ private_project_count: 0, public_project_count: 1 });
    const legacy = (await get("2.0.6", "/statistics", ADMIN)).json as Record<string, number>;
    expect(legacy.total_project_count).toBe(3);
    expect(legacy).not.toHaveProperty("total_storage_consumption");
    expect((await get("1.10.19", "/statistics", DEV)).json).not.toHaveProperty("total_project_count");
  });
});

describe("harbor-sim: users/current and permissions", () => {
  it("tells good, bad and robot credentials apart", async () => {
    for (const v of VERSIONS) {
      const ok = await get(v, "/users/current", ADMIN);
      expect(ok.status, v).toBe(200);
      expect(ok.json).toMatchObject({ username: "admin", user_id: 1 });
      expect((await get(v, "/users/current", BAD)).status, v).toBe(401);
      expect((await get(v, "/users/current")).status, v).toBe(401);
      const robot = await get(v, "/users/current", ROBOT);
      const modern = parseHarborVersion(v)!.major === 2 && parseHarborVersion(v)!.minor >= 3;
      expect(robot.status, v).toBe(modern ? 412 : 500);
      if (modern) expect(robot.json).toEqual({ errors: [{ code: "PRECONDITION", message: "get current user not available for security context: robot" }] });
    }
    expect((await get("1.10.19", "/users/current", ADMIN)).json).toMatchObject({ has_admin_role: true });
    expect((await get("2.15.2", "/users/current", DEV)).json).toMatchObject({ username: "dev", sysadmin_flag: false, admin_role_in_auth: false });
  });

  it("lists notification-policy actions by role, relative or scoped", async () => {
    const perms = async (auth: { username: string; password: string }, relative = true) =>
      (await get("2.15.2", `/users/current/permissions?scope=/project/2&relative=${relative}`, auth)).json as { resource: string; action: string }[];
    const webhook = (list: { resource: string; action: string }[]) =>
      list
        .filter((p) => p.resource.endsWith("notification-policy"))
        .map((p) => p.action)
        .sort();
    expect(webhook(await perms(ADMIN))).toEqual(["create", "delete", "list", "read", "update"]);
    expect(webhook(await perms(DEV))).toEqual(["list", "read"]);
    expect((await perms(DEV, false)).every((p) => p.resource.startsWith("/project/2/"))).toBe(true);
    expect((await get("2.15.2", "/users/current/permissions?scope=/project/2&relative=true", BAD)).status).toBe(401);
  });
});

describe("harbor-sim: ping, request ids, cookies, CSRF", () => {
  it("answers ping on 1.x and 2.2+, not on 2.0", async () => {
    for (const v of ["1.10.19", "2.2.3", "2.15.2"]) {
      const r = await get(v, "/ping");
      expect(r.status, v).toBe(200);
      expect(r.text).toBe("Pong");
      expect(r.headers.get("content-type")).toMatch(/^text\/plain/);
    }
    expect((await get("2.0.6", "/ping")).status).toBe(404);
  });

  it("echoes or generates X-Request-Id on 2.x only, and always sets a sid cookie", async () => {
    const echoed = await call(base("2.8.6"), "/api/v2.0/health", { headers: { "x-request-id": "trace-42" } });
    expect(echoed.headers.get("x-request-id")).toBe("trace-42");
    const generated = await call(base("2.8.6"), "/api/v2.0/health");
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const v1 = await call(base("1.10.19"), "/api/health", { headers: { "x-request-id": "trace-42" } });
    expect(v1.headers.get("x-request-id")).toBeNull();
    for (const r of [echoed, generated, v1]) expect(r.headers.get("set-cookie")).toMatch(/^sid=[0-9a-f]{32}; Path=\/; HttpOnly$/);
  });

  it("refuses cookie-bearing unsafe requests: 403 JSON on 2.x, 422 HTML on 1.9.2–1.10, nothing on 1.9.0–1.9.1", async () => {
    const policy = { name: "csrf", enabled: true, event_types: ["PUSH_ARTIFACT"], targets: [{ type: "http", address: "https://hooks.example.com" }] };
    const v2 = await call(base("2.15.2"), "/api/v2.0/projects/1/webhook/policies", {
      method: "POST",
      auth: ADMIN,
      body: policy,
      headers: { cookie: "sid=abc" },
    });
    expect(v2.status).toBe(403);
    expect(v2.json).toEqual({ errors: [{ code: "FORBIDDEN", message: "CSRF token invalid" }] });
    const safe = await call(base("2.15.2"), "/api/v2.0/projects", { auth: ADMIN, headers: { cookie: "sid=abc" } });
    expect(safe.status).toBe(200);
    expect(safe.headers.get("x-harbor-csrf-token")).toBeTruthy();
    const clean = await call(base("2.15.2"), "/api/v2.0/projects/1/webhook/policies", { method: "POST", auth: ADMIN, body: policy });
    expect(clean.status).toBe(201);

    const legacyPolicy = { ...policy, event_types: ["pushImage"] };
    const v110 = await call(base("1.10.19"), "/api/projects/1/webhook/policies", {
      method: "POST",
      auth: ADMIN,
      body: legacyPolicy,
      headers: { cookie: "sid=abc" },
    });
    expect(v110.status).toBe(422);
    expect(v110.headers.get("content-type")).toMatch(/^text\/html/);
    expect(v110.text).toContain("'_xsrf' argument missing from POST");
    const v191 = await call(base("1.9.1"), "/api/projects/1/webhook/policies", {
      method: "POST",
      auth: ADMIN,
      body: legacyPolicy,
      headers: { cookie: "sid=abc" },
    });
    expect(v191.status).toBe(201);
  });
});
