import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretContext } from "@/lib/security/secret-context";
import { decryptSecret, encryptSecret, keyId } from "@/lib/security/secrets";
import { provisionTestDatabase, type TestDatabase } from "../support/test-db";

const root = path.resolve(import.meta.dirname, "../..");
const A = crypto.randomBytes(32);
const B = crypto.randomBytes(32);
const C = crypto.randomBytes(32);
const ids = [crypto.randomUUID(), crypto.randomUUID()];

let database: TestDatabase;
let pool: pg.Pool;
let dataDir: string;

/** `npm run keys -- <args>` as an operator runs it, against this file's database; killed after 60 s. */
function keys(args: string[], over: Record<string, string | undefined> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    CONSOLE_DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    CONSOLE_ENCRYPTION_KEY: B.toString("base64"),
    CONSOLE_ENCRYPTION_KEY_PREVIOUS: A.toString("hex"),
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "keys", "--", ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const ctx = (id: string) => secretContext("harbor-instance", id, "secret");
const cipherOf = async (id: string) => (await pool.query(`select "secretCipher" as c from "HarborInstance" where id = $1`, [id])).rows[0].c as string;

beforeAll(async () => {
  database = await provisionTestDatabase("keyscli");
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-keys-cli-"));
  for (const [n, id] of ids.entries()) {
    await pool.query(
      `insert into "HarborInstance" (id, name, environment, "baseUrl", username, "secretCipher", "deploymentMode", "updatedAt")
       values ($1, $2, 'staging', 'https://10.0.0.1', 'admin', $3, 'helm', now())`,
      [id, `cli-${n}`, encryptSecret({ current: A }, `Cli-Secret-${n}`, ctx(id))],
    );
  }
  await pool.query(`insert into "InstanceConfigSecrets" ("instanceId", cipher) values ($1, $2)`, [
    ids[0],
    encryptSecret({ current: A }, "{}", secretContext("config-secrets", ids[0], "shared")),
  ]);
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await database?.teardown();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run keys", () => {
  it("status, rotate, refusal and usage: output and exit codes", { timeout: 240_000 }, async () => {
    const status = await keys(["status"]);
    expect(status.stderr).toBe("");
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`current key ${keyId(B)}; previous: ${keyId(A)}`);
    expect(status.stdout).toMatch(new RegExp(`HarborInstance\\.secretCipher\\s+${keyId(A)}\\s+2\\s+previous`));
    expect(status.stdout).toMatch(/TopologyRevision\.secretsCipher\s+\(none\)/);
    expect(status.stdout).toMatch(new RegExp(`InstanceConfigSecrets\\.cipher\\s+${keyId(A)}\\s+1\\s+previous`));
    expect(status.stdout).toContain("3 secrets still sealed by a previous key: run `npm run keys -- rotate`.");

    const rotate = await keys(["rotate"]);
    expect(rotate.stderr).toBe("");
    expect(rotate.code).toBe(0);
    expect(rotate.stdout).toMatch(/HarborInstance\.secretCipher\s+2 re-sealed, 0 already current/);
    expect(rotate.stdout).toContain("3 secrets re-sealed; recorded in the audit trail as secrets.rotate.");
    expect(decryptSecret({ current: B }, await cipherOf(ids[1]), ctx(ids[1]))).toBe("Cli-Secret-1");

    const again = await keys(["rotate"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to re-seal");
    expect((await keys(["status"])).stdout).toContain(
      `Every secret is sealed with the current key ${keyId(B)}: CONSOLE_ENCRYPTION_KEY_PREVIOUS can be removed.`,
    );

    await pool.query(`update "HarborInstance" set "secretCipher" = $1 where id = $2`, [encryptSecret({ current: C }, "Cli-Secret-C", ctx(ids[0])), ids[0]]);
    const unknown = await keys(["status"]);
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toMatch(new RegExp(`${keyId(C)}\\s+1\\s+NOT CONFIGURED: cannot be opened`));
    const refused = await keys(["rotate"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `Refusing to rotate: 1 secret is sealed by key ${keyId(C)}, which is not configured; add the key to CONSOLE_ENCRYPTION_KEY_PREVIOUS, or pass --skip-unopenable to re-seal the rest and leave those as they are.`,
    );
    const skipped = await keys(["rotate", "--skip-unopenable"]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/HarborInstance\.secretCipher\s+0 re-sealed, 1 already current, 1 sealed by a key that is not configured \(left\)/);
    expect(keyId(C)).toBe((await cipherOf(ids[0])).split(".")[1]);

    for (const args of [[], ["rotate", "--force"]]) {
      const bad = await keys(args);
      expect(bad.code, args.join(" ")).toBe(2);
      expect(bad.stderr).toContain("usage: npm run keys -- status | rotate [--skip-unopenable]");
    }

    const badPrevious = await keys(["status"], { CONSOLE_ENCRYPTION_KEY_PREVIOUS: `${A.toString("hex")},${B.toString("base64")}` });
    expect(badPrevious.code).toBe(1);
    expect(badPrevious.stderr).toContain("CONSOLE_ENCRYPTION_KEY_PREVIOUS entry 2 of 2 is the current CONSOLE_ENCRYPTION_KEY");
    expect(badPrevious.stdout + badPrevious.stderr).not.toMatch(/^\s{4}at /m);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
