/**
 * helm/keep-secrets.sh, run for real (POSIX sh) against a stand-in kubectl that holds a release's Secrets and
 * ConfigMaps: it keeps the Secrets values.yaml names, copies a missing one from the value the release runs with,
 * writes keep-values.yaml with what the chart takes only inline, and stops with nothing changed when a value is kept
 * elsewhere. It never makes a value up.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateBundle } from "@/lib/config/bundle";
import { helmGolden } from "./bundle-dump";

interface Cluster {
  secrets: Record<string, Record<string, string>>;
  configmaps: Record<string, Record<string, string>>;
}

/** kubectl as far as the script uses it; every create is logged. State in cluster.json beside it. */
const FAKE_KUBECTL = `
const fs = require("node:fs");
const path = require("node:path");
const state = path.join(__dirname, "cluster.json");
const c = JSON.parse(fs.readFileSync(state, "utf8"));
const a = process.argv.slice(2);
const save = () => fs.writeFileSync(state, JSON.stringify(c));
const log = (line) => fs.appendFileSync(path.join(__dirname, "creates.log"), line + "\\n");
if (a[0] === "config") { process.stdout.write("test-cluster\\n"); process.exit(0); }
if (a[0] !== "-n" || a[1] !== "registry") { process.stderr.write("unexpected namespace " + a.join(" ")); process.exit(2); }
const [verb, kind, name] = a.slice(2);
const jsonpath = (a.find((x) => x.startsWith("jsonpath=")) || "").replace(/^jsonpath=\\{\\.data\\.|\\}$/g, "").replace(/\\\\\\./g, ".");
if (verb === "get" && kind === "secret") {
  const s = c.secrets[name];
  if (!s) { process.stderr.write("Error from server (NotFound): secrets \\"" + name + "\\" not found\\n"); process.exit(1); }
  if (jsonpath && s[jsonpath] !== undefined) process.stdout.write(Buffer.from(s[jsonpath]).toString("base64"));
  process.exit(0);
}
if (verb === "get" && kind === "configmap") {
  const m = c.configmaps[name];
  if (!m) process.exit(1);
  if (m[jsonpath] !== undefined) process.stdout.write(m[jsonpath]);
  process.exit(0);
}
if (verb === "create" && kind === "secret") {
  const type = a[4];
  const target = a[5];
  if (c.secrets[target]) { process.stderr.write("AlreadyExists\\n"); process.exit(1); }
  const data = {};
  for (const x of a.slice(6)) {
    const m = /^--(from-file|cert|key)=(?:([^=]+)=)?(.*)$/.exec(x);
    if (!m) { process.stderr.write("bad flag " + x); process.exit(2); }
    const key = m[1] === "cert" ? "tls.crt" : m[1] === "key" ? "tls.key" : m[2];
    data[key] = fs.readFileSync(m[3], "utf8");
  }
  c.secrets[target] = data;
  save();
  log(type + " " + target);
  process.exit(0);
}
process.stderr.write("unexpected: " + a.join(" "));
process.exit(2);
`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function script(version: string): string {
  const r = generateBundle(helmGolden(version), { secrets: null, mask: false, instanceName: "prod", lifecycle: "running" });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.files.find((f) => f.path === "helm/keep-secrets.sh")!.content;
}

function run(version: string, cluster: Cluster) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keep-secrets-"));
  dirs.push(dir);
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "kubectl.js"), FAKE_KUBECTL);
  fs.writeFileSync(path.join(bin, "kubectl"), `#!/bin/sh\nexec "${process.execPath}" "${path.join(bin, "kubectl.js")}" "$@"\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "cluster.json"), JSON.stringify(cluster));
  const work = path.join(dir, "bundle");
  fs.mkdirSync(path.join(work, "helm"), { recursive: true });
  fs.writeFileSync(path.join(work, "helm/keep-secrets.sh"), script(version));
  const res = spawnSync("sh", ["helm/keep-secrets.sh"], { cwd: work, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: "utf8" });
  const keepFile = path.join(work, "keep-values.yaml");
  const creates = fs.existsSync(path.join(bin, "creates.log")) ? fs.readFileSync(path.join(bin, "creates.log"), "utf8").trim().split("\n") : [];
  return {
    status: res.status,
    stdout: res.stdout,
    stderr: res.stderr,
    creates,
    after: JSON.parse(fs.readFileSync(path.join(bin, "cluster.json"), "utf8")) as Cluster,
    keep: fs.existsSync(keepFile)
      ? { mode: fs.statSync(keepFile).mode & 0o777, values: parse(fs.readFileSync(keepFile, "utf8")) as Record<string, unknown> }
      : null,
  };
}

const TOKEN = {
  "tls.crt": "-----BEGIN CERTIFICATE-----\nRUNNINGCERT\n-----END CERTIFICATE-----\n",
  "tls.key": "-----BEGIN RSA PRIVATE KEY-----\nRUNNINGKEY\n-----END RSA PRIVATE KEY-----\n",
};

/** A release installed without the console: the chart's own Secrets hold every value. */
function chartOwned(): Cluster {
  return {
    secrets: {
      "harbor-core": {
        secretKey: "RunningSecretK3y",
        secret: "RunningCoreSecr",
        CSRF_KEY: "RunningCsrfKey0123456789abcdefgh",
        REGISTRY_CREDENTIAL_PASSWORD: "it's-running",
        ...TOKEN,
      },
      "harbor-jobservice": { JOBSERVICE_SECRET: "RunningJobSecret" },
      "harbor-registry": { REGISTRY_HTTP_SECRET: "RunningHttpSecre" },
    },
    configmaps: {},
  };
}

// every kubectl call starts a Node process: seconds per run
describe("helm/keep-secrets.sh", { timeout: 60_000 }, () => {
  it("chart 1.19: copies every missing Secret from the value the release runs with, and carries the registry password", () => {
    const r = run("2.15.1", chartOwned());
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.creates).toEqual([
      "generic harbor-pinned-secretkey",
      "generic harbor-pinned-core",
      "generic harbor-pinned-xsrf",
      "tls harbor-pinned-token",
      "generic harbor-pinned-jobservice",
      "generic harbor-pinned-registry",
    ]);
    expect(r.after.secrets["harbor-pinned-secretkey"]).toEqual({ secretKey: "RunningSecretK3y" });
    expect(r.after.secrets["harbor-pinned-core"]).toEqual({ secret: "RunningCoreSecr" });
    expect(r.after.secrets["harbor-pinned-xsrf"]).toEqual({ CSRF_KEY: "RunningCsrfKey0123456789abcdefgh" });
    expect(r.after.secrets["harbor-pinned-token"]).toEqual(TOKEN);
    expect(r.after.secrets["harbor-pinned-jobservice"]).toEqual({ JOBSERVICE_SECRET: "RunningJobSecret" });
    expect(r.after.secrets["harbor-pinned-registry"]).toEqual({ REGISTRY_HTTP_SECRET: "RunningHttpSecre" });
    expect(r.keep).toEqual({ mode: 0o600, values: { registry: { credentials: { password: "it's-running" } } } });
  });

  it("keeps the Secrets a console install made, creating nothing", () => {
    const cluster = chartOwned();
    const pinned: Record<string, Record<string, string>> = {
      "harbor-pinned-secretkey": { secretKey: "x" },
      "harbor-pinned-core": { secret: "x" },
      "harbor-pinned-xsrf": { CSRF_KEY: "x" },
      "harbor-pinned-token": TOKEN,
      "harbor-pinned-jobservice": { JOBSERVICE_SECRET: "x" },
      "harbor-pinned-registry": { REGISTRY_HTTP_SECRET: "x" },
    };
    Object.assign(cluster.secrets, pinned);
    delete cluster.secrets["harbor-core"].secretKey; // the release reads it from the pinned Secret now
    const r = run("2.15.1", cluster);
    expect(r.status).toBe(0);
    expect(r.creates).toEqual([]);
    expect(r.stdout).toContain("kept:   Secret harbor-pinned-secretkey");
    expect(r.after.secrets).toEqual(cluster.secrets);
  });

  it("stops with nothing changed when the release keeps a value elsewhere", () => {
    const cluster = chartOwned();
    delete cluster.secrets["harbor-registry"].REGISTRY_HTTP_SECRET;
    const r = run("2.15.1", cluster);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Secret harbor-registry in registry holds no REGISTRY_HTTP_SECRET");
    expect(r.creates).toEqual([]);
    expect(r.keep).toBeNull();
  });

  it("chart 1.9 and 1.3: what the chart takes only inline goes to keep-values.yaml, read from the release", () => {
    const nine = run("2.5.6", chartOwned());
    expect(nine.status).toBe(0);
    expect(nine.creates).toEqual(["tls harbor-pinned-token"]);
    expect(nine.keep?.values).toEqual({
      secretKey: "RunningSecretK3y",
      core: { secret: "RunningCoreSecr", xsrfKey: "RunningCsrfKey0123456789abcdefgh" },
      jobservice: { secret: "RunningJobSecret" },
      registry: { secret: "RunningHttpSecre" },
    });

    const old: Cluster = {
      secrets: {
        "harbor-core": { secretKey: "RunningSecretK3y", secret: "RunningCoreSecr", ...TOKEN },
        "harbor-jobservice": { secret: "RunningJobSecret" },
        "harbor-registry": { REGISTRY_HTTP_SECRET: "RunningHttpSecre" },
      },
      configmaps: {
        "harbor-core": {
          "app.conf":
            "appname = Harbor\nrunmode = prod\nenablegzip = true\n\n[prod]\nhttpport = 8080\nEnableXSRF = true\nXSRFKey = Xsrf40CharactersLongValue0123456789abcde\nXSRFExpire = 3600\n",
        },
      },
    };
    const ten = run("1.10.18", old);
    expect(ten.stderr).toBe("");
    expect(ten.keep?.values).toEqual({
      secretKey: "RunningSecretK3y",
      core: { secret: "RunningCoreSecr", xsrfKey: "Xsrf40CharactersLongValue0123456789abcde" },
      jobservice: { secret: "RunningJobSecret" },
      registry: { secret: "RunningHttpSecre" },
    });
  });
});
