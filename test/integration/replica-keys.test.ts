/**
 * Replicas that cannot join with the wrong keys (#20 item 1): at start, a replica checks on the shared database that it
 * opens every secret sealed there (a canary per key id, and the key ids of the stored secrets) and signs sessions with
 * the same NEXTAUTH_SECRET (a fingerprint); otherwise the start stops, naming what it lacks.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReplicaKeys } from "@/lib/bootstrap/replica-keys";
import { runKeys } from "@/lib/bootstrap/keys-cli";
import { rotateSecrets } from "@/lib/fleet/key-rotation";
import { sessionFingerprint } from "@/lib/security/key-canary";
import { secretContext } from "@/lib/security/secret-context";
import { encryptSecret, keyId, type Keyring } from "@/lib/security/secrets";
import { provisionTestDatabase, type TestDatabase } from "../support/test-db";

const root = path.resolve(import.meta.dirname, "../..");
const [A, B, C] = [crypto.randomBytes(32), crypto.randomBytes(32), crypto.randomBytes(32)];
const S1 = "session-secret-one-0123456789abcdefghij";
const S2 = "session-secret-two-0123456789abcdefghij";

let database: TestDatabase;
let pool: pg.Pool;
const lines: string[] = [];

const check = (keyring: Keyring, authSecret = S1, lostKeyIds: string[] = []) =>
  checkReplicaKeys({ databaseUrl: database.url, keyring, authSecret, lostKeyIds, log: (l) => lines.push(l) });
const refusal = (keyring: Keyring, authSecret = S1, lostKeyIds: string[] = []) =>
  check(keyring, authSecret, lostKeyIds).then(
    () => null,
    (e: Error) => e.message,
  );
const canaries = async () => (await pool.query<{ id: string; value: string }>(`select id, value from "KeyCanary" order by id`)).rows;

/** `cli.ts start` as a second console on this database: it must stop before Next.js starts. */
function startConsole(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["lib/bootstrap/cli.ts", "start"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: database.url,
        CONSOLE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "hfc-replica-")),
        ADMIN_EMAIL: "admin@example.com",
        ADMIN_PASSWORD: "a-long-admin-password-1",
        ...env,
      },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

beforeAll(async () => {
  database = await provisionTestDatabase("replicakeys");
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await database?.teardown();
});

describe("a replica's keys, checked at start against the shared database", () => {
  it("the first replica records its key's canary and the session secret's fingerprint — never the secret", async () => {
    await check({ current: A });
    const rows = await canaries();
    expect(rows.map((r) => r.id)).toEqual([`encryption:${keyId(A)}`, "session-secret"]);
    expect(rows[1].value).toBe(sessionFingerprint(S1));
    expect(JSON.stringify(rows)).not.toContain(S1);
    await check({ current: A }); // the same replica again: fine
  });

  it("a second console with another encryption key refuses to start, naming the key id it lacks and the variable", async () => {
    const message = await refusal({ current: B });
    expect(message).toContain(`encryption key ${keyId(A)}, which this replica does not have`);
    expect(message).toContain(`its CONSOLE_ENCRYPTION_KEY has id ${keyId(B)}`);
    expect(message).toContain("CONSOLE_ENCRYPTION_KEY_PREVIOUS");
    expect((await canaries()).map((r) => r.id)).not.toContain(`encryption:${keyId(B)}`);

    const r = await startConsole({ CONSOLE_ENCRYPTION_KEY: B.toString("base64"), NEXTAUTH_SECRET: S1 });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`cannot start: this database holds secrets sealed with encryption key ${keyId(A)}`);
    expect(r.output).not.toMatch(/ready to start Next\.js/);
    expect(r.output).not.toContain(B.toString("base64"));
  }, 70_000);

  it("a replica with another NEXTAUTH_SECRET refuses to start, naming the variable", async () => {
    const message = await refusal({ current: A }, S2);
    expect(message).toContain("NEXTAUTH_SECRET differs from the session secret this database's replicas sign sessions with");
    expect(message).toContain("npm run keys -- accept-session-secret");
    expect(message).not.toContain(S1);
    expect(message).not.toContain(S2);
  });

  it("both problems at once are both named", async () => {
    const message = await refusal({ current: B }, S2);
    expect(message).toContain(keyId(A));
    expect(message).toContain("NEXTAUTH_SECRET differs");
  });

  it("during a rotation (new key, old one in CONSOLE_ENCRYPTION_KEY_PREVIOUS) the replica starts; a replica with only the old key then does not", async () => {
    await check({ current: B, previous: [A] });
    expect((await canaries()).map((r) => r.id)).toContain(`encryption:${keyId(B)}`);
    expect(await refusal({ current: A })).toContain(`encryption key ${keyId(B)}`);
  });

  it("secrets stored before canaries existed count too: a key that sealed one is needed, unless declared lost", async () => {
    const id = crypto.randomUUID();
    await pool.query(
      `insert into "HarborInstance" (id, name, environment, "baseUrl", username, "secretCipher", "deploymentMode", "updatedAt")
       values ($1, 'legacy', 'staging', 'https://10.0.0.1', 'admin', $2, 'helm', now())`,
      [id, encryptSecret({ current: C }, "Legacy-Secret", secretContext("harbor-instance", id, "secret"))],
    );
    expect(await refusal({ current: B, previous: [A] })).toContain(`encryption key ${keyId(C)} (1 secret)`);
    await check({ current: B, previous: [A] }, S1, [keyId(C)]);
    expect(lines.at(-1)).toContain(`WARNING: starting without the encryption key ${keyId(C)} (CONSOLE_LOST_ENCRYPTION_KEYS)`);
    await pool.query(`delete from "HarborInstance" where id = $1`, [id]);
  });

  it("`npm run keys -- rotate` re-seals, keeps the current key's canary and drops the old one's: the old key may then go", async () => {
    const id = crypto.randomUUID();
    await pool.query(
      `insert into "HarborInstance" (id, name, environment, "baseUrl", username, "secretCipher", "deploymentMode", "updatedAt")
       values ($1, 'rotated', 'staging', 'https://10.0.0.2', 'admin', $2, 'helm', now())`,
      [id, encryptSecret({ current: A }, "Rotated-Secret", secretContext("harbor-instance", id, "secret"))],
    );
    expect(await refusal({ current: B })).toContain(`encryption key ${keyId(A)} (1 secret)`);
    const rotated = await rotateSecrets({ pool, keyring: { current: B, previous: [A] } });
    expect(rotated.kind).toBe("done");
    expect((await canaries()).map((r) => r.id)).toEqual([`encryption:${keyId(B)}`, "session-secret"]);
    await check({ current: B });
  });

  it("`npm run keys -- accept-session-secret` records a deliberately changed NEXTAUTH_SECRET; the old one is then refused", async () => {
    const out: string[] = [];
    const code = await runKeys({
      command: { command: "accept-session-secret" },
      databaseUrl: database.url,
      keyring: { current: B },
      authSecret: S2,
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(code).toBe(0);
    expect(out.join("\n")).toContain("Recorded this NEXTAUTH_SECRET's fingerprint");
    await check({ current: B }, S2);
    expect(await refusal({ current: B }, S1)).toContain("NEXTAUTH_SECRET differs");
  });
});
