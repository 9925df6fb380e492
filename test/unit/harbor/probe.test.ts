import { describe, expect, it } from "vitest";
import { MockAgent } from "undici";
import { testConnection } from "@/lib/harbor/probe";
import { createHarborClient } from "@/lib/harbor/transport";
import { fakeClient, notFound, ORIGIN, versionRoutes, type FakeReply, type FakeRequest } from "./fake";

const unauthorized: FakeReply = { status: 401, body: { errors: [{ code: "UNAUTHORIZED", message: "unauthorized" }] } };

/** A Harbor of `version` whose users/current, permissions and statistics answer as given. */
function harbor(version: string, routes: { user?: FakeReply; perms?: FakeReply; stats?: FakeReply; hideVersion?: boolean; info?: object }) {
  const base = versionRoutes(version, { hideVersion: routes.hideVersion });
  return (req: FakeRequest): FakeReply => {
    if (req.path.endsWith("/systeminfo") && routes.info) return { body: { ...(base(req).body as object), ...routes.info } };
    if (req.path.endsWith("/users/current")) return routes.user ?? notFound;
    if (req.path.endsWith("/users/current/permissions")) return routes.perms ?? notFound;
    if (req.path.endsWith("/statistics")) return routes.stats ?? notFound;
    return base(req);
  };
}

describe("testConnection", () => {
  it("an admin user on 2.11: ok, version, generation, system admin", async () => {
    const { client } = fakeClient(harbor("2.11.2", { user: { body: { user_id: 1, username: "admin", sysadmin_flag: true } } }));
    const r = await testConnection({ client });
    expect(r).toMatchObject({
      ok: true,
      reachable: true,
      version: "2.11.2",
      generation: "v2.8",
      credential: "valid",
      principal: { kind: "user", name: "admin", sysadmin: true },
      error: null,
    });
    expect(r.latencyMs).toEqual(expect.any(Number));
    expect(r.lines.join("\n")).toMatch(/Harbor 2\.11\.2, API generation 2\.8–2\.12/);
    expect(r.checks.find((c) => c.label === "Permissions")?.status).toBe("ok");
    expect(JSON.parse(JSON.stringify(r))).toEqual(r); // storable as JSON
  });

  it("a 1.x user with has_admin_role counts as admin; a non-admin gets a warning", async () => {
    const old = fakeClient(harbor("1.10.19", { user: { body: { user_id: 1, username: "admin", has_admin_role: true } } }));
    expect((await testConnection({ client: old.client })).principal?.sysadmin).toBe(true);
    const dev = fakeClient(harbor("2.5.6", { user: { body: { user_id: 5, username: "dev", sysadmin_flag: false } } }));
    const r = await testConnection({ client: dev.client });
    expect(r.checks.find((c) => c.label === "Permissions")).toMatchObject({ status: "warning" });
  });

  it("a wrong credential: 401 on users/current → invalid, with the OIDC hint when auth_mode is oidc_auth", async () => {
    const { client } = fakeClient(harbor("2.11.2", { user: unauthorized, info: { auth_mode: "oidc_auth" } }));
    const r = await testConnection({ client });
    expect(r).toMatchObject({ ok: false, reachable: true, credential: "invalid", principal: null });
    expect(r.lines.join("\n")).toMatch(/Credential rejected.*OIDC/s);
  });

  it("2.13+ with a wrong credential: version unknown, generation v2.13", async () => {
    const { client } = fakeClient(harbor("2.14.0", { user: unauthorized, hideVersion: true }));
    const r = await testConnection({ client });
    expect(r).toMatchObject({ version: null, generation: "v2.13", credential: "invalid" });
    expect(r.checks.find((c) => c.label === "Version")?.status).toBe("warning");
  });

  it("a robot on 2.3+: 412 → permissions 200 → valid robot, never sysadmin", async () => {
    const { client, calls } = fakeClient(
      harbor("2.11.2", { user: { status: 412, body: { errors: [{ code: "PRECONDITION", message: "robot" }] } }, perms: { body: [] } }),
      {
        credentials: { username: "robot$fleet", password: "s" },
      },
    );
    const r = await testConnection({ client });
    expect(r).toMatchObject({ ok: true, credential: "valid", principal: { kind: "robot", name: "robot$fleet", sysadmin: false } });
    expect(calls.map((c) => c.path)).toContain("/api/v2.0/users/current/permissions");
  });

  it("a wrong robot secret is answered as anonymous: users/current 401 → invalid", async () => {
    const { client } = fakeClient(harbor("2.8.6", { user: unauthorized }));
    expect((await testConnection({ client })).credential).toBe("invalid");
  });

  it("a robot on 2.0–2.2: 500 → permissions; a 401 there → invalid", async () => {
    const good = fakeClient(
      harbor("2.1.0", {
        user: { status: 500, body: { errors: [{ code: "UNKNOWN", message: "internal server error" }] } },
        perms: { body: [{ resource: "x", action: "y" }] },
      }),
    );
    expect((await testConnection({ client: good.client })).principal?.kind).toBe("robot");
    const bad = fakeClient(harbor("2.1.0", { user: { status: 500 }, perms: unauthorized }));
    expect((await testConnection({ client: bad.client })).credential).toBe("invalid");
  });

  it("a robot on 1.x: 500 → statistics (permissions do not tell) → valid or invalid", async () => {
    const good = fakeClient(harbor("1.10.19", { user: { status: 500, raw: true, body: "internal error" }, stats: { body: { private_project_count: 1 } } }));
    const r = await testConnection({ client: good.client });
    expect(r.principal).toMatchObject({ kind: "robot", sysadmin: false });
    expect(good.calls.map((c) => c.path)).toContain("/api/statistics");
    const bad = fakeClient(harbor("1.9.4", { user: { status: 500 }, stats: { status: 401, raw: true, body: '{"code":401,"message":"UnAuthorized"}' } }));
    expect((await testConnection({ client: bad.client })).credential).toBe("invalid");
  });

  it("a 500 on users/current on 2.3+ is a server problem, not a robot", async () => {
    const { client } = fakeClient(harbor("2.11.2", { user: { status: 500 } }));
    const r = await testConnection({ client });
    expect(r.credential).toBe("unknown");
    expect(r.error?.kind).toBe("server_error");
  });

  it("unreachable: not reachable, the reason as the only line, no credential check", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(ORIGIN)
      .intercept({ path: () => true })
      .replyWithError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))
      .persist();
    const client = createHarborClient({ baseUrl: ORIGIN, dispatcher: agent, retryDelayMs: 1 });
    const r = await testConnection({ client });
    expect(r).toMatchObject({ ok: false, reachable: false, credential: "unknown", generation: null, latencyMs: null });
    expect(r.error).toMatchObject({ kind: "unreachable" });
    expect(r.error).not.toHaveProperty("cause");
    expect(r.lines).toEqual(["Connection refused by harbor.test:443 — is Harbor running and the port open?"]);
  });

  it("an unsupported version: reachable, not ok, the reason shown", async () => {
    const { client } = fakeClient(harbor("1.8.6", {}));
    const r = await testConnection({ client });
    expect(r).toMatchObject({ ok: false, reachable: true, error: { kind: "unsupported_version" } });
    expect(r.checks.map((c) => c.status)).toEqual(["ok", "failed"]);
  });

  it("warns when Harbor has webhook notifications switched off or is read-only", async () => {
    const { client } = fakeClient(
      harbor("2.11.2", { user: { body: { user_id: 1, username: "admin", sysadmin_flag: true } }, info: { notification_enable: false, read_only: true } }),
    );
    const r = await testConnection({ client });
    expect(r.checks.map((c) => c.label)).toEqual(["Reachability", "Version", "Credential", "Permissions", "Webhooks", "Read-only"]);
  });
});
