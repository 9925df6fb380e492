import { describe, expect, it } from "vitest";
import { getKeyStatus, rotateSecrets } from "@/lib/fleet/key-rotation";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import { secretContext } from "@/lib/security/secret-context";
import { decryptSecret, encryptSecret, keyId } from "@/lib/security/secrets";
import {
  A,
  actor,
  app,
  B,
  C,
  instanceIds,
  kidOf,
  plaintexts,
  pool,
  rotating,
  rotationAudits,
  setUpRotationDatabase,
  storedSecrets,
  templateId,
} from "../support/key-rotation-fixture";

setUpRotationDatabase();

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
