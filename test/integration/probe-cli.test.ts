import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/bootstrap/embedded-postgres";
import { startHarborSim } from "../harbor-sim";
import type { HarborSim } from "../harbor-sim/types";

const root = path.resolve(__dirname, "../..");
let sim: HarborSim;
let caFile: string;

/** Runs `npm run probe -- …` the way package.json defines it. */
function probe(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/harbor/probe-cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out });
    });
  });
}

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "tls", version: "2.11.2", tls: true },
      { id: "plain", version: "2.15.2" },
    ],
  });
  caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hfc-probe-")), "ca.pem");
  fs.writeFileSync(caFile, sim.caPem);
});
afterAll(async () => {
  await sim?.stop();
});

describe("npm run probe", () => {
  it("exits 0 and reports version, generation and rights for a reachable Harbor with a valid credential", async () => {
    const r = await probe([sim.get("tls").baseUrl, "--user", "admin", "--password-env", "HP", "--ca", caFile], { HP: "Harbor12345" });
    expect(r.code).toBe(0);
    expect(r.out).toContain("OK");
    expect(r.out).toContain("Harbor 2.11.2, API generation 2.8–2.12");
    expect(r.out).toContain("System administrator");
    expect(r.out).not.toContain("Harbor12345");
  });

  it("exits 1 for a wrong credential, and --json gives the machine-readable report", async () => {
    const r = await probe([sim.get("plain").baseUrl, "--user", "admin", "--password-env", "HP", "--json"], { HP: "wrong" });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out.slice(r.out.indexOf("{")));
    expect(report).toMatchObject({ ok: false, reachable: true, credential: "invalid", generation: "v2.13", version: null });
  });

  it("exits 1 with the TLS reason when the CA is not given, and with 'refused' for a closed port", async () => {
    const tls = await probe([sim.get("tls").baseUrl]);
    expect(tls.code).toBe(1);
    expect(tls.out).toMatch(/certificate/i);
    const closed = await probe([`http://127.0.0.1:${await freePort()}`]);
    expect(closed.code).toBe(1);
    expect(closed.out).toMatch(/refused/i);
  });

  it("exits 2 on bad usage and never takes a password on the command line", async () => {
    expect((await probe([])).code).toBe(2);
    const r = await probe([sim.get("plain").baseUrl, "--user", "admin"]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("--password-env");
    expect((await probe(["not a url"])).code).toBe(2);
  });
}, 120_000);
