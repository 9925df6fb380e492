import pg from "pg";
import { describe, expect, it } from "vitest";
import { getConfigPreview } from "@/lib/fleet/config";
import { getTopologyRevision, getTopologyWithSecrets, saveTopology } from "@/lib/fleet/topology";
import { defaultTopology } from "@/lib/schemas/topology-default";
import { testInstance } from "../support/test-instance";

const actor = { id: null, email: "operator@example.com" };

const newInstance = () =>
  testInstance(
    `keys-${Math.random().toString(36).slice(2, 8)}`,
    { labels: "", baseUrl: "https://127.0.0.1:9/keys", username: "admin", secret: "x", deploymentMode: "docker_compose" },
    { actor },
  );

function topology() {
  const t = defaultTopology("2.11.2");
  t.adminPassword = "Admin-Initial-Pw-1";
  t.database.password = "Db-Initial-Pw-1";
  t.deployment.nodes = [{ name: "harbor-1", address: "10.0.0.11" }];
  t.deployment.loadBalancer = { ...t.deployment.loadBalancer, address: "harbor.example.com" };
  t.access.hostname = "harbor.example.com";
  t.storage = { ...t.storage, type: "s3", s3: { ...t.storage.s3, region: "eu-west-1", bucket: "blobs", accessKey: "AKIAEXAMPLE", secretKey: "s3-secret" } };
  return t;
}

async function raw(sql: string, params: unknown[]): Promise<void> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql, params);
  } finally {
    await c.end();
  }
}

describe("unknown topology keys", () => {
  it("a save naming a key the schema does not know is refused at that key, nothing is written", async () => {
    const id = await newInstance();
    const t = topology();
    const input = { ...t, storage: { ...t.storage, s3: { ...t.storage.s3, regionendpoint: "https://minio.example.com" } } };
    const r = await saveTopology({ instanceId: id, baseRevision: 0, input, message: "", actor, requestId: "u1" });
    expect(r).toMatchObject({
      ok: false,
      reason: "invalid",
      issues: [{ field: "storage.s3.regionendpoint", message: "Unknown key `regionendpoint`: did you mean `regionEndpoint`?", severity: "error" }],
    });
    expect(await getTopologyRevision({ instanceId: id })).toBeNull();
  });

  it("a stored revision holding a key this version does not know still opens, generates and can be saved over", async () => {
    const id = await newInstance();
    const first = await saveTopology({ instanceId: id, baseRevision: 0, input: topology(), message: "", actor, requestId: "s1" });
    expect(first.ok, JSON.stringify(first)).toBe(true);
    // as if an older console had written it: a top-level key and a nested one that the schema no longer has
    await raw(
      `update "TopologyRevision" set topology = jsonb_set(topology::jsonb || '{"legacy": 1}', '{storage,s3,oldKey}', '"x"')::json where "instanceId" = $1`,
      [id],
    );

    const dto = await getTopologyRevision({ instanceId: id });
    expect(dto?.topology).not.toHaveProperty("legacy");
    expect(dto?.topology.storage.s3).not.toHaveProperty("oldKey");
    expect((await getTopologyWithSecrets({ instanceId: id, revision: 1, createShared: true }))?.topology.storage.s3.secretKey).toBe("s3-secret");
    const preview = await getConfigPreview({ instanceId: id });
    expect(preview?.ok, JSON.stringify(preview?.issues)).toBe(true);

    const second = await saveTopology({
      instanceId: id,
      baseRevision: 1,
      input: { ...dto!.topology, adminPassword: "" },
      message: "edit",
      actor,
      requestId: "s2",
    });
    expect(second.ok, JSON.stringify(second)).toBe(true);
  });
});
