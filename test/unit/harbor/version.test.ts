import { describe, expect, it } from "vitest";
import { getHealth } from "@/lib/harbor/system";
import { detectVersion, resolveVersion } from "@/lib/harbor/version";
import { fakeClient, known, notFound, versionRoutes } from "./fake";

describe("detectVersion", () => {
  it.each([
    ["1.9.4", "v1"],
    ["1.10.19", "v1"],
    ["2.0.0", "v2.0"],
    ["2.2.3", "v2.0"],
    ["2.5.6", "v2.3"],
    ["2.7.4", "v2.3"],
    ["2.8.6", "v2.8"],
    ["2.11.2", "v2.8"],
    ["2.13.0", "v2.13"],
    ["2.15.2", "v2.13"],
  ])("%s → %s", async (version, generation) => {
    const { client, calls } = fakeClient(versionRoutes(version));
    const r = await detectVersion({ client });
    expect(r.ok && r.value).toEqual({ generation, version });
    expect(calls.map((c) => c.path)).toEqual(["/api/version", version.startsWith("1.") ? "/api/systeminfo" : "/api/v2.0/systeminfo"]);
    expect(calls[1].headers.authorization).toMatch(/^Basic /); // systeminfo WITH the credential
    expect(client.known).toEqual({ generation, version });
  });

  it("2.x without harbor_version (2.13+, credential not accepted) → v2.13 with the version unknown", async () => {
    const { client } = fakeClient(versionRoutes("2.14.0", { hideVersion: true }));
    const r = await detectVersion({ client });
    expect(r.ok && r.value).toEqual({ generation: "v2.13", version: null });
  });

  it("versions before 1.9 and API majors after 2 → unsupported_version", async () => {
    const old = fakeClient(versionRoutes("1.8.6"));
    const r1 = await detectVersion({ client: old.client });
    expect(!r1.ok && r1.error.kind).toBe("unsupported_version");
    expect(!r1.ok && r1.error.message).toMatch(/1\.8\.6.*older than 1\.9/);
    const future = fakeClient((req) => (req.path === "/api/version" ? { body: { version: "v3.0" } } : notFound));
    const r2 = await detectVersion({ client: future.client });
    expect(!r2.ok && r2.error.kind).toBe("unsupported_version");
    expect(future.calls).toHaveLength(1);
    const v3 = fakeClient((req) => (req.path === "/api/version" ? { body: { version: "v2.0" } } : { body: { harbor_version: "v3.1.0-abc" } }));
    const r3 = await detectVersion({ client: v3.client });
    expect(!r3.ok && r3.error.kind).toBe("unsupported_version");
  });

  it("nothing Harbor-like at the URL → not_found with a hint about the URL", async () => {
    const { client } = fakeClient(() => notFound);
    const r = await detectVersion({ client });
    expect(!r.ok && r.error.kind).toBe("not_found");
    expect(!r.ok && r.error.message).toMatch(/No Harbor API/);
    expect(client.known).toBeNull();
  });

  it("a non-JSON answer (a web page) → invalid_response", async () => {
    const { client } = fakeClient(() => ({ raw: true, body: "<!DOCTYPE html><html>portal</html>" }));
    const r = await detectVersion({ client });
    expect(!r.ok && r.error.kind).toBe("invalid_response");
    expect(!r.ok && r.error.message).toMatch(/not JSON/);
  });

  it("unparseable harbor_version on 2.x → unsupported_version naming it", async () => {
    const { client } = fakeClient((req) => (req.path === "/api/version" ? { body: { version: "v2.0" } } : { body: { harbor_version: "dev-build" } }));
    const r = await detectVersion({ client });
    expect(!r.ok && r.error.message).toMatch(/dev-build/);
  });
});

describe("caching", () => {
  it("a known generation skips detection entirely", async () => {
    const { client, calls } = fakeClient(() => ({ body: { status: "healthy", components: [] } }), { known: known("v2.8", "2.11.2") });
    const r = await getHealth({ client });
    expect(r.ok).toBe(true);
    expect(calls.map((c) => c.path)).toEqual(["/api/v2.0/health"]);
  });

  it("concurrent callers share one detection; later calls reuse it", async () => {
    const { client, calls } = fakeClient(versionRoutes("2.11.2"));
    const [a, b] = await Promise.all([resolveVersion({ client }), resolveVersion({ client })]);
    expect(a).toEqual(b);
    await resolveVersion({ client });
    expect(calls).toHaveLength(2);
  });

  it("createHarborClient refuses an unknown generation", async () => {
    expect(() => fakeClient(() => notFound, { known: { generation: "v9" as never, version: null } })).toThrow();
  });
});
