import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { StartupError } from "@/lib/bootstrap/embedded-postgres";
import { seedInstances } from "@/lib/bootstrap/seed-instances";
import { db } from "@/lib/db";
import { getInstanceWithCredentials } from "@/lib/fleet/instance-credentials";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-seed-"));
const write = (name: string, data: unknown) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
};
const entry = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  environment: "staging",
  labels: "region=eu, source=demo",
  baseUrl: "http://127.0.0.1:40001",
  username: "admin",
  secret: "Seeded-Secret-1",
  deploymentMode: "docker_compose",
  ...over,
});
const opts = (file: string) => ({ databaseUrl: process.env.DATABASE_URL!, encryptionKey: process.env.CONSOLE_ENCRYPTION_KEY!, file, log: () => {} });

describe("seedInstances (the demo's registration, usable as a bulk import)", () => {
  it("registers instances with sealed secrets the app can open, and refreshes them by name on a second run", async () => {
    const name = `seeded-${Math.random().toString(36).slice(2, 7)}`;
    expect(await seedInstances(opts(write("a.json", { instances: [entry(name)] })))).toBe(1);
    const row = await db.harborInstance.findUniqueOrThrow({ where: { name } });
    expect(row.secretCipher).not.toContain("Seeded-Secret-1");
    expect(row.labels).toEqual(["region=eu", "source=demo"]);
    expect((await getInstanceWithCredentials(row.id))?.secret).toBe("Seeded-Secret-1");

    await seedInstances(opts(write("b.json", { instances: [entry(name, { baseUrl: "http://127.0.0.1:40002", secret: "Seeded-Secret-2" })] })));
    const again = await db.harborInstance.findUniqueOrThrow({ where: { name } });
    expect(again.id).toBe(row.id);
    expect(again.baseUrl).toBe("http://127.0.0.1:40002");
    expect(again.version).toBe(row.version + 1);
    expect((await getInstanceWithCredentials(row.id))?.secret).toBe("Seeded-Secret-2");
    const audit = await db.auditEvent.findMany({ where: { targetId: row.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.actorEmail, a.action])).toEqual([
      ["system", "instance.create"],
      ["system", "instance.update"],
    ]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain("Seeded-Secret");
  });

  it("refuses a file that breaks the form's rules, naming the entry and field, and writes nothing", async () => {
    const good = `ok-${Math.random().toString(36).slice(2, 7)}`;
    const file = write("bad.json", { instances: [entry(good), entry("Bad Name", { baseUrl: "ftp://x" })] });
    const err = await seedInstances(opts(file)).catch((e) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect(err.message).toMatch(/instances\.1\.name/);
    expect(err.message).toMatch(/instances\.1\.baseUrl/);
    expect(await db.harborInstance.count({ where: { name: good } })).toBe(0);
    expect(await seedInstances(opts(path.join(tmp, "missing.json"))).catch((e) => e)).toBeInstanceOf(StartupError);
  });

  it("records an instance's topology as revision 1 with its secrets sealed, once, and refuses an invalid one", async () => {
    const { DEMO_FLEET } = await import("../harbor-sim/demo-fleet");
    const demo = DEMO_FLEET.find((d) => d.topology?.deployment?.kind === "compose")!;
    const name = `seeded-topo-${Math.random().toString(36).slice(2, 7)}`;
    const file = write("t.json", { instances: [entry(name, { topology: demo.topology })] });
    await seedInstances(opts(file));
    const row = await db.harborInstance.findUniqueOrThrow({ where: { name } });
    const { getTopologyRevision, getTopologyWithSecrets } = await import("@/lib/fleet/topology");
    const rev = await getTopologyRevision({ instanceId: row.id });
    expect(rev).toMatchObject({ revision: 1, createdBy: "system", message: "from the seed file" });
    expect(JSON.stringify(rev)).not.toContain("demo-pg-password");
    expect((await getTopologyWithSecrets({ instanceId: row.id, revision: 1 }))?.topology.database.password).toBe("demo-pg-password");
    // a second start changes nothing
    await seedInstances(opts(file));
    expect(await db.topologyRevision.count({ where: { instanceId: row.id } })).toBe(1);

    const bad = write("t-bad.json", {
      instances: [entry(`seeded-bad-${Math.random().toString(36).slice(2, 7)}`, { topology: { ...demo.topology, access: { hostname: "127.0.0.1" } } })],
    });
    const err = await seedInstances(opts(bad)).catch((e) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect(err.message).toMatch(/access\.hostname: 127\.0\.0\.1 can not be the hostname/);
  });

  it("every demo topology is valid for its simulated Harbor's version", async () => {
    const { DEMO_FLEET } = await import("../harbor-sim/demo-fleet");
    const { checkTopology } = await import("@/lib/config/validate");
    const withTopology = DEMO_FLEET.filter((d) => d.topology);
    expect(withTopology.length).toBeGreaterThanOrEqual(2);
    for (const d of withTopology) {
      expect(d.topology!.harborVersion).toBe(d.spec.version);
      expect(checkTopology(d.topology).issues.filter((i) => i.severity === "error")).toEqual([]);
    }
  });
});
