import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateBundle } from "@/lib/config/bundle";
import { exportTopologyYaml } from "@/lib/config/topology-yaml";
import type { SharedSecrets } from "@/lib/config/types";
import { threeNodes } from "../config/compose-fixtures";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const CLI = path.join(ROOT, "lib/cli/config.ts");
let dir: string;

/** The parent's environment without any HARBOR_* variable, so only the test decides which placeholders resolve. */
const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("HARBOR_"))) as NodeJS.ProcessEnv;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(TSX, [CLI, ...args], { cwd: dir, encoding: "utf8", env: { ...inherited, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = fs.readFileSync(p, "utf8");
    }
  };
  walk(root);
  return out;
}

const topology = threeNodes("2.15.2");
const ENV = {
  HARBOR_ADMIN_PASSWORD: topology.adminPassword,
  HARBOR_DATABASE_PASSWORD: topology.database.password,
  HARBOR_REDIS_PASSWORD: topology.redis.password,
  HARBOR_STORAGE_S3_SECRET_KEY: topology.storage.s3.secretKey,
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-cli-"));
  fs.writeFileSync(path.join(dir, "prod.yaml"), exportTopologyYaml(topology, { name: "prod" }, { secrets: "placeholders" }));
  fs.writeFileSync(
    path.join(dir, "bad.yaml"),
    exportTopologyYaml(threeNodes("2.15.2", { database: { type: "internal" } }), { name: "bad" }, { secrets: "values" }),
  );
  // harbor.yml's spelling of the S3 endpoint and a key close to nothing, in a real exported topology
  const misspelt = parse(exportTopologyYaml(topology, { name: "misspelt" }, { secrets: "values" })) as {
    spec: { storage: { s3: Record<string, unknown> }; deployment: { nodes: Record<string, unknown>[] } };
  };
  misspelt.spec.storage.s3.regionendpoint = "https://minio.example.com";
  misspelt.spec.deployment.nodes[2].frobnicate = 1;
  fs.writeFileSync(path.join(dir, "misspelt.yaml"), stringify(misspelt));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run config", { timeout: 120_000 }, () => {
  it("fails with exit 1 and names each missing placeholder variable", () => {
    const r = run(["generate", "prod.yaml", "--out", "out"], { HARBOR_ADMIN_PASSWORD: "x" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error  database.password: environment variable HARBOR_DATABASE_PASSWORD is not set");
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "prod.secrets.yaml"))).toBe(false);
  });

  it("writes exactly generateBundle's files, creating the secrets file once and reusing it", () => {
    const first = run(["generate", "prod.yaml", "--out", "out"], ENV);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/never commit/);
    const secretsFile = path.join(dir, "prod.secrets.yaml");
    expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);
    const secrets = parse(fs.readFileSync(secretsFile, "utf8")) as SharedSecrets;

    const expected = generateBundle(topology, { secrets, mask: false, instanceName: "prod" });
    if (!expected.ok) throw new Error(JSON.stringify(expected.issues));
    const written = readTree(path.join(dir, "out"));
    expect(written).toEqual(Object.fromEntries(expected.files.map((f) => [f.path, f.content])));
    expect(fs.statSync(path.join(dir, "out/secret/core/private_key.pem")).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, "out/README.md")).mode & 0o777).toBe(0o644);

    const secretsBefore = fs.readFileSync(secretsFile, "utf8");
    const second = run(["generate", "prod.yaml", "--out", "out2"], ENV);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/Created/);
    expect(fs.readFileSync(secretsFile, "utf8")).toBe(secretsBefore);
    expect(readTree(path.join(dir, "out2"))).toEqual(written);
  });

  it("exits 1 with every field error for an invalid topology, writing nothing", () => {
    const r = run(["generate", "bad.yaml", "--out", "bad-out"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error  database\.type: /m);
    expect(fs.existsSync(path.join(dir, "bad-out"))).toBe(false);
  });

  it("exits 1 naming each unknown key at its path, with the key it probably meant, writing nothing", () => {
    for (const args of [
      ["generate", "misspelt.yaml", "--check"],
      ["generate", "misspelt.yaml", "--out", "misspelt-out"],
    ]) {
      const r = run(args, ENV);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("error  storage.s3.regionendpoint: Unknown key `regionendpoint`: did you mean `regionEndpoint`?\n");
      expect(r.stderr).toContain("error  deployment.nodes.2.frobnicate: Unknown key `frobnicate` (known here: name, address)\n");
    }
    expect(fs.existsSync(path.join(dir, "misspelt-out"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "misspelt.secrets.yaml"))).toBe(false);
  });

  it("--check validates only: exit 1 on errors, 0 when valid, no files", () => {
    expect(run(["generate", "bad.yaml", "--check"]).code).toBe(1);
    const ok = run(["generate", "prod.yaml", "--check"], ENV);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/valid/);
    // a pipeline without the secrets can still check: placeholders count as set, and nothing is written
    const noSecrets = run(["generate", "prod.yaml", "--check"]);
    expect(noSecrets.code, noSecrets.stderr).toBe(0);
  });

  it("exits 2 on usage and I/O errors", () => {
    expect(run(["generate", "prod.yaml"]).code).toBe(2);
    expect(run(["generate", "missing.yaml", "--check"]).code).toBe(2);
    expect(run(["frobnicate"]).code).toBe(2);
  });

  it("prints an example topology that itself validates", () => {
    const r = run(["export-example"]);
    expect(r.code).toBe(0);
    fs.writeFileSync(path.join(dir, "example.yaml"), r.stdout);
    const env = { HARBOR_ADMIN_PASSWORD: "Adm1n-Passw0rd", HARBOR_DATABASE_PASSWORD: "a", HARBOR_REDIS_PASSWORD: "b", HARBOR_STORAGE_S3_SECRET_KEY: "c" };
    const check = run(["generate", "example.yaml", "--check"], env);
    expect(check.code, check.stderr).toBe(0);
  });
});
