/** The simulator plays an upgrade (issue #12): a version switch, core down while "migrating", and a dirty migration. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call } from "@/test/harbor-sim/client";
import { startHarborSim, type HarborSim } from "@/test/harbor-sim";
import { createHarborClient, getSystemInfo } from "@/lib/harbor";

let sim: HarborSim;
const sysinfo = (id: string) => call(sim.get(id).baseUrl, "/api/v2.0/systeminfo", { auth: ADMIN });

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "a", version: "2.11.2" },
      { id: "b", version: "2.12.4" },
      { id: "c", version: "1.10.19" },
    ],
  });
});
afterAll(async () => {
  await sim.stop();
});

describe("version switch", () => {
  it("switches at once: systeminfo and the version's shapes follow (2.13+ hides the version from anonymous callers)", async () => {
    expect((await call(sim.get("a").baseUrl, "/api/v2.0/systeminfo")).json).toMatchObject({ harbor_version: expect.stringMatching(/^v2\.11\.2-/) });
    sim.switchVersion("a", "2.14.4");
    expect((await sysinfo("a")).json).toMatchObject({ harbor_version: expect.stringMatching(/^v2\.14\.4-/) });
    expect((await call(sim.get("a").baseUrl, "/api/v2.0/systeminfo")).json).not.toHaveProperty("harbor_version");
    // the console's client sees the new version too
    const client = createHarborClient({
      baseUrl: sim.get("a").baseUrl,
      credentials: { username: ADMIN.username, password: ADMIN.password },
      outbound: { allow: ["127.0.0.0/8"] },
    });
    try {
      const info = await getSystemInfo({ client });
      expect(info.ok && info.value.harbor_version).toMatch(/^v2\.14\.4-/);
    } finally {
      await client.close();
    }
  });

  it("a 1.x instance moves to the 2.x API base path", async () => {
    expect((await call(sim.get("c").baseUrl, "/api/systeminfo", { auth: ADMIN })).status).toBe(200);
    sim.switchVersion("c", "2.0.6");
    expect((await call(sim.get("c").baseUrl, "/api/systeminfo", { auth: ADMIN })).status).toBe(404);
    expect((await sysinfo("c")).json).toMatchObject({ harbor_version: expect.stringMatching(/^v2\.0\.6-/) });
  });

  it("while migrating, core is down (502 from nginx, /health included), then up on the new version", async () => {
    sim.switchVersion("b", "2.15.2", { migratingMs: 400 });
    const during = await call(sim.get("b").baseUrl, "/api/v2.0/health");
    expect(during.status).toBe(502);
    expect(during.text).toContain("502 Bad Gateway");
    await new Promise((r) => setTimeout(r, 450));
    expect((await call(sim.get("b").baseUrl, "/api/v2.0/health")).status).toBe(200);
    expect((await sysinfo("b")).json).toMatchObject({ harbor_version: expect.stringMatching(/^v2\.15\.2-/) });
  });

  it("a dirty migration leaves it on the new version with core down until the next switch, through the control API too", async () => {
    const control = sim.controlUrl;
    const put = (body: unknown) => call(control.replace(/\/__sim$/, ""), "/__sim/instances/b/version", { method: "PUT", body });
    expect((await put({ version: "9.9.9" })).status).toBe(400);
    expect((await put({ version: "2.15.2", bogus: 1 })).status).toBe(400);
    const res = await put({ version: "2.15.2", dirty: true });
    expect(res.json).toEqual({ id: "b", version: "2.15.2", core: "dirty" });
    await new Promise((r) => setTimeout(r, 50));
    expect((await sysinfo("b")).status).toBe(502);
    const list = await call(control.replace(/\/__sim$/, ""), "/__sim/instances");
    expect(list.json).toEqual(expect.arrayContaining([expect.objectContaining({ id: "b", version: "2.15.2", core: "dirty" })]));
    expect((await put({ version: "2.15.2" })).json).toMatchObject({ core: "up" });
    expect((await sysinfo("b")).status).toBe(200);
  });
});
