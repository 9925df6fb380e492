import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportUsageError, runImport } from "@/lib/cli/config-import";
import { parseTopologyYaml } from "@/lib/config/topology-yaml";
import { ADOPT_DIR } from "../config/adopt-fixtures";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const staging = [1, 2, 3].map((n) => path.join(ADOPT_DIR, `staging/harbor-${n}.yml`));
let dir: string;

function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = runImport(
    args,
    (s) => (stdout += s),
    (s) => (stderr += s),
  );
  return { code, stdout, stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-import-"));
  fs.writeFileSync(path.join(dir, "harbor.cfg"), "hostname = reg.example.com\nui_url_protocol = https\ndb_password = root123\n");
  fs.writeFileSync(
    path.join(dir, "other-host.yml"),
    fs.readFileSync(staging[1], "utf8").replace("host: redis-staging.example.com:6379", "host: redis-b.example.com:6379"),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run config -- import", () => {
  it("prints a topology document the generator reads back, secrets as placeholders, and the reports on stderr", () => {
    const r = run(staging);
    expect(r.code).toBe(0);
    const parsed = parseTopologyYaml(r.stdout);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.document.spec.harborVersion).toBe("2.8.6");
    expect(parsed.document.spec.deployment.nodes.map((n) => n.name)).toEqual(["harbor-1", "harbor-2", "harbor-3"]);
    expect(r.stdout).toContain("${HARBOR_DATABASE_PASSWORD}");
    expect(r.stdout).not.toContain("Staging-Db-Pass-1");
    expect(r.stderr).toContain("node difference  log.level: harbor-1=info, harbor-2=debug, harbor-3=info");
    expect(r.stderr).toContain("not represented  uaa.ca_file:");
    expect(r.stderr).toContain("not represented  trivy.ignore_unfixed:");
  });

  it("--json: one object with the topology, the node differences and the not-represented list", () => {
    const r = run([...staging, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.notRepresented.map((n: { path: string }) => n.path)).toEqual(["trivy.ignore_unfixed", "uaa.ca_file"]);
    expect(out.nodeDifferences).toHaveLength(1);
    expect(out.topology.database.password).toBe("");
    expect(JSON.parse(run([...staging, "--json", "--with-secrets"]).stdout).topology.database.password).toBe("Staging-Db-Pass-1");
  });

  it("helm values with the chart version", () => {
    const r = run(["--values", path.join(ADOPT_DIR, "helm-1.15.2.values.yaml"), "--chart-version", "1.15.2"]);
    expect(r.code).toBe(0);
    expect((parse(r.stdout) as { spec: { harborVersion: string; deployment: { kind: string } } }).spec).toMatchObject({
      harborVersion: "2.11.2",
      deployment: { kind: "helm" },
    });
    expect(r.stderr).toContain("not represented  secretKey: A shared key of the release");
    expect(r.stdout).not.toContain("not-a-secure-key");
  });

  it("exits 1 with the message at the file on refusal", () => {
    const mixed = run([staging[0], path.join(dir, "other-host.yml")]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(
      /^error {2}.*other-host\.yml: external_redis\.host differs between .*harbor-1\.yml and .*other-host\.yml: redis-staging\.example\.com:6379 and redis-b\.example\.com:6379/,
    );
    expect(mixed.stdout).toBe("");
    const cfg = run([path.join(dir, "harbor.cfg")]);
    expect(cfg).toMatchObject({ code: 1, stderr: expect.stringContaining("This is a harbor.cfg") });
    const missing = run([path.join(dir, "nope.yml")]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining("cannot read it") });
  });

  it("refuses bad usage", () => {
    expect(() => run([])).toThrow(ImportUsageError);
    expect(() => run(["--values", "v.yaml"])).toThrow(/--chart-version/);
    expect(() => run(["a.yml", "--values", "v.yaml", "--chart-version", "1.15.2"])).toThrow(/not both/);
  });

  it("exits non-zero from the command line, and 2 on bad usage", { timeout: 60_000 }, () => {
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    const refused = spawnSync(tsx, [path.join(ROOT, "lib/cli/config.ts"), "import", path.join(dir, "harbor.cfg")], { encoding: "utf8", timeout: 60_000 });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("harbor.cfg");
    const usage = spawnSync(tsx, [path.join(ROOT, "lib/cli/config.ts"), "import"], { encoding: "utf8", timeout: 60_000 });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("usage:");
  });
});
