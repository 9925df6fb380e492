/**
 * Issue #18: nothing the console generates for a running Harbor may replace its keys or reinstall it. A running
 * instance's bundle (compose on one node and on three, Helm for every chart era) holds no shared key — not the
 * generated values, not any PEM private key — even when the shared keys are at hand, and its README holds no install
 * step. A planned instance's bundle is byte for byte what it was before lifecycles existed (golden/bundle/planned,
 * written by that code).
 */
import { describe, expect, it } from "vitest";
import { generateBundle, type BundleOptions } from "@/lib/config/bundle";
import { versionChange } from "@/lib/config/lifecycle";
import type { ConfigFile, RunningInstance, SharedSecrets } from "@/lib/config/types";
import type { TTopology } from "@/lib/schemas/topology";
import { generateSharedSecrets } from "@/lib/security/shared-secrets";
import { BUNDLE_TOPOLOGIES, dumpBundle } from "./bundle-dump";
import { FIXED_SECRETS } from "./helm-fixtures";

/** What an install README says and a reconfigure README never may. */
const INSTALL_STEPS = [/install\.sh/, /install -m/, /install -D/, /helm install/, /kubectl create namespace/, /--reuse-values/, /helm rollback/];
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

const running = (over: Partial<BundleOptions> = {}): BundleOptions => ({
  secrets: FIXED_SECRETS,
  mask: false,
  instanceName: "prod",
  lifecycle: "running",
  ...over,
});

function files(t: TTopology, opts: BundleOptions): ConfigFile[] {
  const r = generateBundle(t, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.files;
}

/** Every file of a running bundle: no shared value, no private key, nothing flagged secret, no key file. */
function expectNoSharedKey(bundle: ConfigFile[], shared: SharedSecrets) {
  for (const f of bundle) {
    for (const [name, value] of Object.entries(shared)) expect(f.content, `${f.path} holds the shared ${name}`).not.toContain(value.trim());
    // the PEM bodies, line by line: a key re-wrapped or re-indented is still the key
    for (const pem of [shared.tokenKey, shared.tokenCert]) {
      for (const line of pem.split("\n").filter((l) => l.length >= 16 && !l.startsWith("-----")))
        expect(f.content, `${f.path} holds part of a token PEM`).not.toContain(line);
    }
    expect(f.content, `${f.path} holds a private key`).not.toMatch(PRIVATE_KEY);
    expect(f.secret, `${f.path} is a secret file`).toBe(false);
    expect(f.path).not.toMatch(/^secret\//);
  }
}

function expectNoInstallStep(readme: string) {
  for (const step of INSTALL_STEPS) expect(readme, `the README says ${step}`).not.toMatch(step);
}

const RUNNING_CASES = Object.keys(BUNDLE_TOPOLOGIES);

describe("a planned instance's bundle is unchanged", () => {
  it.each(RUNNING_CASES)("%s", async (name) => {
    const t = BUNDLE_TOPOLOGIES[name]();
    const today = dumpBundle(t);
    expect(dumpBundle(t, { lifecycle: "planned" })).toBe(today);
    await expect(today).toMatchFileSnapshot(`golden/bundle/planned/${name}.txt`);
  });
});

describe("a running instance's bundle carries no shared key and installs nothing", () => {
  it.each(RUNNING_CASES)("%s, with the shared keys at hand", (name) => {
    const t = BUNDLE_TOPOLOGIES[name]();
    for (const opts of [running(), running({ running: { version: t.harborVersion, previous: null } }), running({ secrets: null })]) {
      const bundle = files(t, opts);
      expectNoSharedKey(bundle, FIXED_SECRETS);
      expectNoInstallStep(bundle.find((f) => f.path === "README.md")!.content);
    }
  });

  it("with real generated keys (RSA 4096 PEM), compose on one and three nodes and Helm", async () => {
    const shared = await generateSharedSecrets();
    for (const name of ["single-node-2.15.2", "three-nodes-2.11.2", "helm-2.15.1", "helm-2.5.6"]) {
      const bundle = files(BUNDLE_TOPOLOGIES[name](), running({ secrets: shared }));
      expectNoSharedKey(bundle, shared);
      expectNoInstallStep(bundle[0].content);
    }
    // the same keys do reach a planned instance's bundle (the scan would see them)
    const planned = files(BUNDLE_TOPOLOGIES["three-nodes-2.11.2"](), running({ secrets: shared, lifecycle: "planned" }));
    expect(planned.map((f) => f.content).join("\n")).toContain(shared.secretKey);
    expect(planned.map((f) => f.content).join("\n")).toMatch(PRIVATE_KEY);
  });

  it("compose: README, one harbor.yml per node, the load balancer; no secret/ files", () => {
    const bundle = files(BUNDLE_TOPOLOGIES["three-nodes-2.11.2"](), running());
    expect(bundle.map((f) => f.path)).toEqual([
      "README.md",
      "nodes/harbor-1/harbor.yml",
      "nodes/harbor-2/harbor.yml",
      "nodes/harbor-3/harbor.yml",
      "loadbalancer/haproxy.cfg",
    ]);
    const readme = bundle[0].content;
    expect(readme).toContain("/data/secret");
    // the reconfigure order: back up, replace harbor.yml, down, prepare with the same flags, up, ping
    const order = [
      'sudo cp -p "$H/harbor.yml" "$H/harbor.yml.before-reconfigure"',
      "sudo tar -czpf /root/harbor-secret-before-reconfigure.tgz -C /data secret",
      "sudo docker compose down",
      "sudo ./prepare --with-trivy",
      "sudo docker compose up -d",
      "curl -fsS http://10.0.0.11/api/v2.0/ping",
    ];
    const at = order.map((s) => readme.indexOf(s));
    expect(
      at.every((i) => i >= 0),
      JSON.stringify(at),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("Helm: values.yaml names the existing Secrets the chart accepts, keep-secrets.sh; no secrets.yaml", () => {
    const bundle = files(BUNDLE_TOPOLOGIES["helm-2.15.1"](), running());
    expect(bundle.map((f) => f.path)).toEqual(["README.md", "helm/values.yaml", "helm/keep-secrets.sh"]);
    const values = bundle[1].content;
    for (const line of [
      "existingSecretSecretKey: harbor-pinned-secretkey",
      "existingSecret: harbor-pinned-core",
      "existingXsrfSecret: harbor-pinned-xsrf",
      "secretName: harbor-pinned-token",
      "existingSecret: harbor-pinned-jobservice",
      "existingSecret: harbor-pinned-registry",
    ]) {
      expect(values).toContain(line);
    }
    expect(values).not.toMatch(/^secretKey:|xsrfKey|tokenKey|harborAdminPassword|existingSecretAdminPassword/m);
    const readme = bundle[0].content;
    expect(readme).toContain("helm upgrade harbor harbor/harbor --version 1.19.1 -n registry -f helm/values.yaml -f keep-values.yaml");
    expect(readme.indexOf("sh helm/keep-secrets.sh")).toBeLessThan(readme.indexOf("helm upgrade harbor harbor/harbor"));
    expect(readme).toContain("curl -fsS https://harbor.example.com/api/v2.0/ping");
  });
});

describe("a running instance's version", () => {
  const t = () => BUNDLE_TOPOLOGIES["three-nodes-2.11.2"]();
  const withVersion = (version: string): RunningInstance => ({ version, previous: null });

  it("another line is an upgrade to plan, an older release a downgrade: no files", () => {
    for (const [version, words] of [
      ["2.9.5", "this is an upgrade — plan it"],
      ["2.11.2", ""],
      ["2.13.5", "Harbor does not downgrade"],
      ["2.12.4", "Harbor does not downgrade"],
    ] as const) {
      const r = generateBundle(t(), running({ running: withVersion(version) }));
      if (!words) expect(r.ok).toBe(true);
      else
        expect(r.ok ? [] : r.issues, version).toContainEqual(
          expect.objectContaining({ field: "harborVersion", severity: "error", message: expect.stringContaining(words) }),
        );
    }
  });

  it("a later patch of the same line is allowed with a warning, and the README does it on all nodes at once", () => {
    const r = generateBundle(t(), running({ running: withVersion("2.11.1"), revision: 7 }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.issues).toContainEqual(
      expect.objectContaining({ field: "harborVersion", severity: "warning", message: expect.stringContaining("Patch upgrade 2.11.1 → 2.11.2") }),
    );
    const readme = r.files[0].content;
    expect(readme).toContain("**All nodes at once**: it is a patch upgrade (2.11.1 → 2.11.2)");
    expect(readme).toContain("pg_dump -h pg.example.com");
    expect(readme).toContain('sudo mv "$H" "$H.before-r7"');
    expectNoInstallStep(readme);
  });

  it("versionChange: same, patch, refused", () => {
    expect(versionChange("2.11.2", "2.11.2").kind).toBe("same");
    expect(versionChange(null, "2.11.2").kind).toBe("same");
    expect(versionChange("2.15.1", "2.15.2")).toMatchObject({ kind: "patch", notes: [expect.stringContaining("internal PostgreSQL 15→18")] });
    expect(versionChange("2.15.1", "2.15.2", { internalDatabase: false })).toMatchObject({ kind: "patch", notes: [] });
    expect(versionChange("2.11.2", "2.13.5")).toMatchObject({
      kind: "refused",
      message: expect.stringMatching(/^Harbor 2\.11\.2 → 2\.13\.5: this is an upgrade — plan it .*path: 2\.11\.2 → 2\.13\.5/),
    });
    expect(versionChange("2.11.2", "2.11.1")).toMatchObject({ kind: "refused", message: expect.stringContaining("does not downgrade") });
  });
});

describe("node by node or all at once", () => {
  const base = () => BUNDLE_TOPOLOGIES["three-nodes-2.11.2"]();
  const readmeAfter = (edit: (t: TTopology) => void) => {
    const previous = base();
    const t = base();
    edit(t);
    return files(t, running({ running: { version: "2.11.2", previous: { revision: 4, topology: previous } }, revision: 5 }))[0].content;
  };

  it("a change the nodes may disagree on for a while goes node by node", () => {
    const readme = readmeAfter((t) => (t.components.jobservice.maxJobWorkers = 20));
    expect(readme).toContain("Against r4, taken as what runs now: `components.jobservice.maxJobWorkers`.");
    expect(readme).toContain("**One node at a time**");
    expect(readme).toContain("Node by node (harbor-1, harbor-2, harbor-3)");
  });

  const edits: [string, (t: TTopology) => void, string][] = [
    ["database", (t) => void (t.database.host = "pg2.example.com"), "the database"],
    ["Redis", (t) => void (t.redis.sentinelMasterSet = "other"), "Redis"],
    ["storage", (t) => void (t.storage.s3.bucket = "other-bucket"), "the image storage"],
    ["address", (t) => void (t.access.hostname = "registry.example.com"), "the address clients use"],
    ["cache", (t) => void (t.components.cache.enabled = true), "the cache"],
  ];
  it.each(edits)("a change of %s takes all nodes down at once", (_, edit, words) => {
    const readme = readmeAfter(edit);
    expect(readme).toContain(`**All nodes at once**: it changes ${words}`);
    expect(readme).toMatch(/### 2\. On every node: `sudo docker compose down`/);
    expect(readme).toContain("On harbor-1 (10.0.0.11) alone: start it");
  });

  it("without the revision that runs, all at once", () => {
    const readme = files(base(), running())[0].content;
    expect(readme).toContain("cannot tell what differs from what runs");
    expect(readme).toContain("**All nodes at once**: the console cannot tell what changes");
  });

  it("a new node gets the keys of a running one before its first prepare; a removed node is taken out", () => {
    const readme = readmeAfter((t) => {
      t.deployment.nodes = [...t.deployment.nodes.filter((n) => n.name !== "harbor-3"), { name: "harbor-4", address: "10.0.0.14" }];
    });
    const copy = readme.indexOf("Copy `/data/secret` from harbor-1 to harbor-4 first");
    expect(copy).toBeGreaterThan(0);
    expect(readme.indexOf("sudo ./prepare --with-trivy", copy)).toBeGreaterThan(copy);
    expect(readme).toContain("harbor-3 is no longer in this revision");
  });
});

describe("running variant goldens", () => {
  const previousOf = (t: TTopology) => {
    const p = structuredClone(t);
    p.components.jobservice.maxJobWorkers = 5;
    return p;
  };
  it.each(["single-node-2.15.2", "three-nodes-2.11.2", "helm-1.10.18", "helm-2.5.6", "helm-2.9.5", "helm-2.15.1"])("%s", async (name) => {
    const t = BUNDLE_TOPOLOGIES[name]();
    const text = dumpBundle(t, {
      lifecycle: "running",
      revision: 3,
      running: { version: t.harborVersion, previous: { revision: 2, topology: previousOf(t) } },
    });
    await expect(text).toMatchFileSnapshot(`golden/bundle/running/${name}.txt`);
  });
});
