/**
 * The key-rotation test's world (test/integration/key-rotation.test.ts): the keys A (before), B (after) and C (never
 * configured), the app's modules loaded under a given keyring, and every stored secret read raw.
 */
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, vi } from "vitest";
import { SECRET_COLUMNS } from "@/lib/fleet/key-rotation";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import type { TTopology } from "@/lib/schemas/topology";
import { EMPTY_TARGET } from "@/lib/schemas/webhook";
import { ZTemplateFields } from "@/lib/schemas/webhook-template";
import { secretContext } from "@/lib/security/secret-context";
import { decryptSecret, keyId, type Keyring } from "@/lib/security/secrets";
import { haTopology } from "./ha-topology";
import { provisionTestDatabase, TEST_ENV, type TestDatabase } from "./test-db";

// Key rotation counts every secret in the database: this file works on a database of its own, on the same server.
export const A = Buffer.from(TEST_ENV.CONSOLE_ENCRYPTION_KEY, "base64"); // the key the console runs with before the rotation
export const B = crypto.randomBytes(32);
export const C = crypto.randomBytes(32); // never configured
export const rotating: Keyring = { current: B, previous: [A] };
export const actor = { id: null, email: "admin@example.com" };

const sharedUrl = process.env.DATABASE_URL!;
export let database: TestDatabase;
export let pool: pg.Pool;

/** The app's domain modules as the environment now says: env() is read once per module instance. */
export async function app(keys: { current: Buffer; previous?: Buffer[] }) {
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
export const topologyWithSecrets = (): TTopology => haTopology({ dbPassword: "pg-Rotated-Secret", s3Secret: "s3-Rotated-Secret" });

export interface StoredSecret {
  column: string;
  pk: string;
  cipher: string;
  context: string;
}

/** Every stored secret, raw, with the context it is bound to. */
export async function storedSecrets(): Promise<StoredSecret[]> {
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

export const kidOf = (cipher: string) => cipher.split(".")[1];
export const rotationAudits = async () => (await pool.query(`select * from "AuditEvent" where action = 'secrets.rotate' order by id`)).rows;

export const instanceIds: string[] = [];
export let templateId = "";
export let plaintexts: Map<string, string>;

/**
 * Provisions this file's own database and seeds it through the app with key A: three instances, two topologies (one
 * with two revisions) and their shared config secrets, a webhook template; drops it after the file.
 */
export function setUpRotationDatabase(): void {
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
    expect(
      await topology.saveTopology({ instanceId: instanceIds[0], baseRevision: 1, input: edited, message: "second", actor, requestId: "t-2" }),
    ).toMatchObject({ ok: true });

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
}
