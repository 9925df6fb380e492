import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getKeyStatus, rotateSecrets, SECRET_COLUMNS } from "@/lib/fleet/key-rotation";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import type { TTopology } from "@/lib/schemas/topology";
import { EMPTY_TARGET } from "@/lib/schemas/webhook";
import { ZTemplateFields } from "@/lib/schemas/webhook-template";
import { secretContext } from "@/lib/security/secret-context";
import { decryptSecret, encryptSecret, keyId, type Keyring } from "@/lib/security/secrets";
import { haTopology } from "../support/ha-topology";
import { provisionTestDatabase, TEST_ENV, type TestDatabase } from "../support/test-db";

// Key rotation counts every secret in the database: this file works on a database of its own, on the same server.
const A = Buffer.from(TEST_ENV.CONSOLE_ENCRYPTION_KEY, "base64"); // the key the console runs with before the rotation
const B = crypto.randomBytes(32);
const C = crypto.randomBytes(32); // never configured
const rotating: Keyring = { current: B, previous: [A] };
const actor = { id: null, email: "admin@example.com" };

const sharedUrl = process.env.DATABASE_URL!;
let database: TestDatabase;
let pool: pg.Pool;

/** The app's domain modules as the environment now says: env() is read once per module instance. */
async function app(keys: { current: Buffer; previous?: Buffer[] }) {
  process.env.CONSOLE_ENCRYPTION_KEY = keys.current.toString("base64");
  if (keys.previous) process.env.CONSOLE_ENCRYPTION_KEY_PREVIOUS = keys.previous.map((k) => k.toString("hex")).join(",");
  else delete process.env.CONSOLE_ENCRYPTION_KEY_PREVIOUS;
  vi.resetModules();
  return {
    instances: { ...(await import("@/lib/fleet/instances")), ...(await import("@/lib/fleet/instance-credentials")) },
    topology: await import("@/lib/fleet/topology"),
    templates: await import("@/lib/fleet/webhooks/templates"),
  };
}

/** The HA topology (test/support/ha-topology.ts) with the secrets this file looks for after a rotation. */
const topologyWithSecrets = (): TTopology => haTopology({ dbPassword: "pg-Rotated-Secret", s3Secret: "s3-Rotated-Secret" });

interface StoredSecret {
  column: string;
  pk: string;
  cipher: string;
  context: string;
}

/** Every stored secret, raw, with the context it is bound to. */
async function storedSecrets(): Promise<StoredSecret[]> {
  const q = async (column: string, sql: string, context: (r: Record<string, string>) => string) =>
    (await pool.query(sql)).rows.map((r) => ({ column, pk: r.pk, cipher: r.cipher, context: context(r) }));
  return [
    ...(await q(SECRET_COLUMNS[0].name, `select id::text as pk, "secretCipher" as cipher from "HarborInstance"`, (r) =>
      secretContext("harbor-instance", r.pk, "secret"),
    )),
    ...(await q(
      SECRET_COLUMNS[1].name,
      `select id::text as pk, "instanceId"::text as i, revision::text as rev, "secretsCipher" as cipher from "TopologyRevision" where "secretsCipher" is not null`,
      (r) => secretContext("topology-revision", r.i, r.rev),
    )),
    ...(await q(SECRET_COLUMNS[2].name, `select "instanceId"::text as pk, cipher from "InstanceConfigSecrets"`, (r) =>
      secretContext("config-secrets", r.pk, "shared"),
    )),
    ...(await q(SECRET_COLUMNS[3].name, `select id::text as pk, "authCipher" as cipher from "WebhookTemplate" where "authCipher" is not null`, (r) =>
      secretContext("webhook-template", r.pk, "auth"),
    )),
  ].sort((a, b) => `${a.column}/${a.pk}`.localeCompare(`${b.column}/${b.pk}`));
}

const kidOf = (cipher: string) => cipher.split(".")[1];
const rotationAudits = async () => (await pool.query(`select * from "AuditEvent" where action = 'secrets.rotate' order by id`)).rows;

const instanceIds: string[] = [];
let templateId = "";
let plaintexts: Map<string, string>;

beforeAll(async () => {
  database = await provisionTestDatabase("keys");
  process.env.DATABASE_URL = database.url;
  pool = new pg.Pool({ connectionString: database.url, max: 4 });

  // Before the rotation the console seals everything with A: three instances, two topologies (one with two revisions)
  // and their shared config secrets, through the app's own functions.
  const { instances, topology, templates } = await app({ current: A });
  for (const n of [1, 2, 3]) {
    const input = ZInstanceCreateInput.parse({
      name: `rot-${n}`,
      environment: "staging",
      labels: "",
      baseUrl: `https://10.0.0.${n}`,
      username: "admin",
      secret: `Harbor-Secret-${n}`,
      deploymentMode: "docker_compose",
    });
    instanceIds.push((await instances.createInstance({ input, actor, requestId: `seed-${n}` })).id);
  }
  for (const [i, id] of instanceIds.slice(0, 2).entries()) {
    expect(
      await topology.saveTopology({ instanceId: id, baseRevision: 0, input: topologyWithSecrets(), message: "first", actor, requestId: `t-${i}` }),
    ).toMatchObject({ ok: true });
  }
  const edited = topologyWithSecrets();
  edited.database.password = "pg-Second-Revision";
  expect(await topology.saveTopology({ instanceId: instanceIds[0], baseRevision: 1, input: edited, message: "second", actor, requestId: "t-2" })).toMatchObject(
    { ok: true },
  );

  // and a webhook template with an auth header
  const template = ZTemplateFields.parse({
    name: "rot-hook",
    description: "",
    enabled: true,
    eventTypes: ["PUSH_ARTIFACT"],
    targets: [{ ...EMPTY_TARGET, address: "https://ci.example.com/", authHeader: "Bearer Rotated-Secret-hook" }],
    environments: [],
    labels: [],
    instancePattern: "*",
    projectPattern: "*",
    autoApply: false,
  });
  templateId = (await templates.createTemplate({ input: template, actor, requestId: "tpl" })).id;

  const stored = await storedSecrets();
  expect(stored.map((s) => s.column).sort()).toEqual(
    [
      ...Array(3).fill("HarborInstance.secretCipher"),
      ...Array(2).fill("InstanceConfigSecrets.cipher"),
      ...Array(3).fill("TopologyRevision.secretsCipher"),
      "WebhookTemplate.authCipher",
    ].sort(),
  );
  expect(new Set(stored.map((s) => kidOf(s.cipher)))).toEqual(new Set([keyId(A)]));
  plaintexts = new Map(stored.map((s) => [`${s.column}/${s.pk}`, decryptSecret({ current: A }, s.cipher, s.context)]));
});

afterAll(async () => {
  process.env.DATABASE_URL = sharedUrl;
  process.env.CONSOLE_ENCRYPTION_KEY = TEST_ENV.CONSOLE_ENCRYPTION_KEY;
  delete process.env.CONSOLE_ENCRYPTION_KEY_PREVIOUS;
  await (await import("@/lib/db")).db.$disconnect();
  await pool?.end();
  await database?.teardown();
});

describe("rotating the encryption key", () => {
  it("with CONSOLE_ENCRYPTION_KEY=B and CONSOLE_ENCRYPTION_KEY_PREVIOUS=A the app opens A's secrets and seals new ones with B", async () => {
    const { instances, topology } = await app({ current: B, previous: [A] });
    expect((await instances.getInstanceWithCredentials(instanceIds[0]))?.secret).toBe("Harbor-Secret-1");
    expect((await topology.getTopologyWithSecrets({ instanceId: instanceIds[0], revision: 2 }))?.topology.database.password).toBe("pg-Second-Revision");

    const input = ZInstanceCreateInput.parse({
      name: "rot-new",
      environment: "staging",
      labels: "",
      baseUrl: "https://10.0.0.9",
      username: "admin",
      secret: "Harbor-Secret-New",
      deploymentMode: "helm",
    });
    const created = await instances.createInstance({ input, actor, requestId: "new" });
    const [row] = (await pool.query(`select "secretCipher" as c from "HarborInstance" where id = $1`, [created.id])).rows;
    expect(kidOf(row.c)).toBe(keyId(B));
    plaintexts.set(`HarborInstance.secretCipher/${created.id}`, "Harbor-Secret-New");

    // Without A, what A sealed no longer opens: the previous key is what makes the step above work.
    const withoutA = await app({ current: B });
    await expect(withoutA.instances.getInstanceWithCredentials(instanceIds[0])).rejects.toThrow(/not configured/);
  });

  it("status counts the secrets each key id seals, per table, marking the current and the previous key", async () => {
    const status = await getKeyStatus({ pool, keyring: rotating });
    expect(status).toEqual({
      currentKeyId: keyId(B),
      previousKeyIds: [keyId(A)],
      columns: [
        {
          column: "HarborInstance.secretCipher",
          keys: [
            { keyId: keyId(A), role: "previous", count: 3 },
            { keyId: keyId(B), role: "current", count: 1 },
          ],
        },
        { column: "TopologyRevision.secretsCipher", keys: [{ keyId: keyId(A), role: "previous", count: 3 }] },
        { column: "InstanceConfigSecrets.cipher", keys: [{ keyId: keyId(A), role: "previous", count: 2 }] },
        { column: "WebhookTemplate.authCipher", keys: [{ keyId: keyId(A), role: "previous", count: 1 }] },
      ],
    });
  });

  it("rotate re-seals every secret with B under its own context, in batches, and records one audit event", async () => {
    const result = await rotateSecrets({ pool, keyring: rotating, batchSize: 2 });
    if (result.kind !== "done") throw new Error(`expected a rotation, got ${result.kind}`);
    expect(result.columns).toEqual([
      { column: "HarborInstance.secretCipher", resealed: 3, alreadyCurrent: 1, changed: 0, unopenable: 0, failed: 0 },
      { column: "TopologyRevision.secretsCipher", resealed: 3, alreadyCurrent: 0, changed: 0, unopenable: 0, failed: 0 },
      { column: "InstanceConfigSecrets.cipher", resealed: 2, alreadyCurrent: 0, changed: 0, unopenable: 0, failed: 0 },
      { column: "WebhookTemplate.authCipher", resealed: 1, alreadyCurrent: 0, changed: 0, unopenable: 0, failed: 0 },
    ]);
    expect(result.audited).toBe(true);

    const stored = await storedSecrets();
    expect(stored).toHaveLength(10);
    for (const s of stored) {
      expect(kidOf(s.cipher), s.column).toBe(keyId(B));
      expect(decryptSecret({ current: B }, s.cipher, s.context)).toBe(plaintexts.get(`${s.column}/${s.pk}`));
    }
    // The app, configured with B alone, reads everything.
    const { instances, topology, templates } = await app({ current: B });
    expect((await instances.getInstanceWithCredentials(instanceIds[2]))?.secret).toBe("Harbor-Secret-3");
    expect((await templates.getTemplateWithSecrets(templateId))?.policy.targets[0].authHeader).toBe("Bearer Rotated-Secret-hook");
    expect((await topology.getTopologyWithSecrets({ instanceId: instanceIds[1], revision: 1 }))?.topology.storage.s3.secretKey).toBe("s3-Rotated-Secret");

    const audits = await rotationAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: null, actorEmail: "system", targetType: "system", targetId: null });
    expect(audits[0].before).toEqual({
      keyIds: [keyId(A), keyId(B)].sort(),
      sealedBy: {
        "HarborInstance.secretCipher": { [keyId(A)]: 3, [keyId(B)]: 1 },
        "TopologyRevision.secretsCipher": { [keyId(A)]: 3 },
        "InstanceConfigSecrets.cipher": { [keyId(A)]: 2 },
        "WebhookTemplate.authCipher": { [keyId(A)]: 1 },
      },
    });
    expect(audits[0].after).toMatchObject({
      keyIds: [keyId(B)],
      currentKeyId: keyId(B),
      rotated: {
        "HarborInstance.secretCipher": { resealed: 3 },
        "TopologyRevision.secretsCipher": { resealed: 3 },
        "InstanceConfigSecrets.cipher": { resealed: 2 },
        "WebhookTemplate.authCipher": { resealed: 1 },
      },
    });
    expect(JSON.stringify(audits[0])).not.toMatch(/Harbor-Secret|Rotated-Secret/);
  });

  it("a second rotate changes nothing: no value, no audit event", async () => {
    const before = await storedSecrets();
    const result = await rotateSecrets({ pool, keyring: rotating });
    if (result.kind !== "done") throw new Error(`expected a rotation, got ${result.kind}`);
    expect(result.columns.map((c) => c.resealed)).toEqual([0, 0, 0, 0]);
    expect(result.audited).toBe(false);
    expect(await storedSecrets()).toEqual(before);
    expect(await rotationAudits()).toHaveLength(1);
  });

  it("does not overwrite a secret that an edit changes while the rotation reads it: the row is skipped and counted", async () => {
    const id = instanceIds[1];
    const context = secretContext("harbor-instance", id, "secret");
    await pool.query(`update "HarborInstance" set "secretCipher" = $1 where id = $2`, [encryptSecret({ current: A }, "Harbor-Secret-2", context), id]);

    // An edit holds the row: the rotation reads the committed (A-sealed) value, then waits on the row lock.
    const editor = await pool.connect();
    try {
      await editor.query("begin");
      await editor.query(`update "HarborInstance" set "secretCipher" = $1 where id = $2`, [encryptSecret({ current: B }, "Edited-Secret", context), id]);
      const rotation = rotateSecrets({ pool, keyring: rotating });
      await expect
        .poll(async () => (await pool.query(`select count(*)::int as n from pg_locks where not granted and locktype = 'transactionid'`)).rows[0].n, {
          timeout: 10_000,
        })
        .toBe(1);
      await editor.query("commit");
      const result = await rotation;
      if (result.kind !== "done") throw new Error(`expected a rotation, got ${result.kind}`);
      expect(result.columns[0]).toMatchObject({ resealed: 0, changed: 1 });
      expect(result.audited).toBe(false);
    } finally {
      editor.release();
    }
    const [row] = (await pool.query(`select "secretCipher" as c from "HarborInstance" where id = $1`, [id])).rows;
    expect(decryptSecret({ current: B }, row.c, context)).toBe("Edited-Secret");
  });

  it("refuses, changing nothing, when a secret is sealed by a key that is not configured, unless told to skip such", async () => {
    const [one, three] = [instanceIds[0], instanceIds[2]];
    const ctx = (id: string) => secretContext("harbor-instance", id, "secret");
    await pool.query(`update "HarborInstance" set "secretCipher" = $1 where id = $2`, [encryptSecret({ current: C }, "Sealed-By-C", ctx(three)), three]);
    const byA = encryptSecret({ current: A }, "Harbor-Secret-1", ctx(one));
    await pool.query(`update "HarborInstance" set "secretCipher" = $1 where id = $2`, [byA, one]);
    const before = await storedSecrets();

    const status = await getKeyStatus({ pool, keyring: rotating });
    expect(status.columns[0].keys).toEqual(
      expect.arrayContaining([
        { keyId: keyId(C), role: "unconfigured", count: 1 },
        { keyId: keyId(A), role: "previous", count: 1 },
      ]),
    );

    const refused = await rotateSecrets({ pool, keyring: rotating });
    expect(refused).toMatchObject({ kind: "refused", unconfigured: [{ keyId: keyId(C), role: "unconfigured", count: 1 }] });
    expect(await storedSecrets()).toEqual(before);
    expect(await rotationAudits()).toHaveLength(1);

    const skipped = await rotateSecrets({ pool, keyring: rotating, skipUnopenable: true });
    if (skipped.kind !== "done") throw new Error(`expected a rotation, got ${skipped.kind}`);
    expect(skipped.columns[0]).toMatchObject({ resealed: 1, unopenable: 1, changed: 0, failed: 0 });
    const rows = new Map((await storedSecrets()).filter((s) => s.column === "HarborInstance.secretCipher").map((s) => [s.pk, s.cipher]));
    expect(kidOf(rows.get(one)!)).toBe(keyId(B));
    expect(decryptSecret({ current: B }, rows.get(one)!, ctx(one))).toBe("Harbor-Secret-1");
    expect(kidOf(rows.get(three)!)).toBe(keyId(C));
    expect(await rotationAudits()).toHaveLength(2);
    expect((await rotationAudits())[1].after.rotated["HarborInstance.secretCipher"]).toMatchObject({ resealed: 1, unopenable: 1 });
  });

  it("counts a secret its configured key does not open (moved to another row) as failed, and leaves it", async () => {
    const [one, two] = [instanceIds[0], instanceIds[1]];
    // two's A-sealed secret copied onto one: the key id is configured, the context is not the one it was sealed for
    await pool.query(`update "HarborInstance" set "secretCipher" = $1 where id = $2`, [
      encryptSecret({ current: A }, "Harbor-Secret-2", secretContext("harbor-instance", two, "secret")),
      one,
    ]);
    const result = await rotateSecrets({ pool, keyring: rotating, skipUnopenable: true });
    if (result.kind !== "done") throw new Error(`expected a rotation, got ${result.kind}`);
    expect(result.columns[0]).toMatchObject({ resealed: 0, failed: 1, unopenable: 1 });
    const [row] = (await pool.query(`select "secretCipher" as c from "HarborInstance" where id = $1`, [one])).rows;
    expect(kidOf(row.c)).toBe(keyId(A));
  });
});
