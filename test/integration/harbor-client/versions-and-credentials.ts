/** The Harbor client against the simulator: version detection and credential checks (testConnection), by version. Run by harbor-client.test.ts. */
import { describe, expect, it } from "vitest";
import { detectVersion, resolveVersion, testConnection } from "@/lib/harbor";
import { ADMIN, client, DEV, MAIN, ok, recorded, ROBOT, WRONG } from "../../support/harbor-client-sim";

export function versionAndCredentialTests(): void {
  describe("version detection", () => {
    it.each(MAIN)("Harbor $version → generation $generation", async ({ version, generation }) => {
      const { value, ex } = await recorded(version, () => detectVersion({ client: client(version) }));
      expect(ok("detectVersion", value)).toEqual({ generation, version });
      const calls = ex.map((e) => `${e.method} ${e.path} → ${e.status}`);
      if (generation === "v1") expect(calls).toEqual(["GET /api/version → 404", "GET /api/systeminfo → 200"]);
      else expect(calls).toEqual(["GET /api/version → 200", "GET /api/v2.0/systeminfo → 200"]);
    });

    it("2.13+ hides the version from a credential it does not accept: generation v2.13, version null", async () => {
      for (const version of ["2.13.0", "2.15.2"]) {
        expect(ok(version, await detectVersion({ client: client(version, WRONG) }))).toEqual({ generation: "v2.13", version: null });
        const report = await testConnection({ client: client(version, WRONG) });
        expect(report).toMatchObject({ ok: false, reachable: true, generation: "v2.13", version: null, credential: "invalid", principal: null });
        expect(report.checks.find((c) => c.label === "Version")?.status).toBe("warning");
      }
      // 2.12 and older still show it to anonymous callers.
      expect(ok("2.12.4", await detectVersion({ client: client("2.12.4", WRONG) }))).toEqual({ generation: "v2.8", version: "2.12.4" });
    });

    it("1.x: /api/version is a 404, the version comes from /api/systeminfo, even for a wrong credential", async () => {
      const { value, ex } = await recorded("1.10.19", () => detectVersion({ client: client("1.10.19", WRONG) }));
      expect(ok("detect", value)).toEqual({ generation: "v1", version: "1.10.19" });
      expect(ex[0]).toMatchObject({ path: "/api/version", status: 404 });
    });

    it("a known detection is reused, and concurrent callers share one detection", async () => {
      const known = await recorded("2.8.6", () => resolveVersion({ client: client("2.8.6", ADMIN, { known: { generation: "v2.8", version: "2.8.6" } }) }));
      expect(known.value).toEqual({ ok: true, value: { generation: "v2.8", version: "2.8.6" }, requestId: "" });
      expect(known.ex).toEqual([]);
      const c = client("2.8.6");
      const shared = await recorded("2.8.6", () => Promise.all([resolveVersion({ client: c }), resolveVersion({ client: c }), resolveVersion({ client: c })]));
      expect(shared.value.map((r) => ok("resolve", r))).toEqual(Array(3).fill({ generation: "v2.8", version: "2.8.6" }));
      expect(shared.ex.filter((e) => e.path === "/api/version")).toHaveLength(1);
      expect(c.known).toEqual({ generation: "v2.8", version: "2.8.6" });
    });
  });

  describe("credential checks (testConnection)", () => {
    it.each(["1.10.19", "2.0.0", "2.5.6", "2.15.2"])("%s: admin → valid system admin; dev → valid, not admin", async (version) => {
      const admin = await testConnection({ client: client(version) });
      expect(admin).toMatchObject({ ok: true, version, credential: "valid", principal: { kind: "user", name: "admin", sysadmin: true }, error: null });
      const dev = await testConnection({ client: client(version, DEV) });
      expect(dev).toMatchObject({ ok: true, credential: "valid", principal: { kind: "user", name: "dev", sysadmin: false } });
      expect(dev.checks.find((c) => c.label === "Permissions")?.status).toBe("warning");
    });

    it.each([
      { version: "1.10.19", first: 500, then: "/api/statistics" },
      { version: "1.9.4", first: 500, then: "/api/statistics" },
      { version: "2.0.0", first: 500, then: "/api/v2.0/users/current/permissions" },
      { version: "2.2.3", first: 500, then: "/api/v2.0/users/current/permissions" },
      { version: "2.5.6", first: 412, then: "/api/v2.0/users/current/permissions" },
      { version: "2.15.2", first: 412, then: "/api/v2.0/users/current/permissions" },
    ])("$version: a robot account (users/current → $first, then $then) → valid robot", async ({ version, first, then }) => {
      const { value: r, ex } = await recorded(version, () => testConnection({ client: client(version, ROBOT) }));
      expect(r).toMatchObject({ ok: true, credential: "valid", principal: { kind: "robot", name: ROBOT.username, sysadmin: false }, error: null });
      const after = ex.filter((e) => /users\/current|statistics/.test(e.path)).map((e) => `${e.path} → ${e.status}`);
      expect(after).toEqual([`${then.startsWith("/api/v2.0") ? "/api/v2.0" : "/api"}/users/current → ${first}`, `${then} → 200`]);
      // a wrong robot secret is anonymous: 401 on users/current → invalid
      expect(await testConnection({ client: client(version, { ...ROBOT, password: "nope" }) })).toMatchObject({
        ok: false,
        credential: "invalid",
        principal: null,
      });
    });

    it.each(["1.9.4", "2.0.0", "2.7.4", "2.12.4"])("%s: a wrong password → credential invalid, not an error", async (version) => {
      const r = await testConnection({ client: client(version, WRONG) });
      expect(r).toMatchObject({ ok: false, reachable: true, version, credential: "invalid", principal: null, error: null });
      expect(r.checks.find((c) => c.label === "Credential")).toMatchObject({ status: "failed", detail: expect.stringMatching(/Credential rejected/) });
    });
  });
}
