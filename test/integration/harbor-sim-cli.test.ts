import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "@/test/harbor-sim/client";
import { DEMO_FLEET } from "@/test/harbor-sim/demo-fleet";
import { startHarborSim, type HarborSim } from "@/test/harbor-sim";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

/** Starts the CLI and resolves with its printed lines once the control URL is out. */
function startCli(args: string[]): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(tsx, ["test/harbor-sim/cli.ts", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      lines.push(...d.toString().split("\n").filter(Boolean));
      if (lines.some((l) => l.startsWith("control "))) resolve({ child, lines });
    });
    child.on("exit", (code) => reject(new Error(`cli exited ${code}: ${stderr}`)));
  });
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

describe("harbor-sim CLI", () => {
  it("runs the demo fleet, prints ids, versions, URLs and the control URL, stops on SIGTERM", async () => {
    const { child, lines } = await startCli(["--demo"]);
    const exited = exitOf(child);
    try {
      const control = lines.find((l) => l.startsWith("control "))!.split(" ")[1];
      const listed = (await (await fetch(`${control}/instances`)).json()) as { id: string; version: string; baseUrl: string }[];
      expect(listed.map((i) => i.id).sort()).toEqual(DEMO_FLEET.map((d) => d.spec.id).sort());
      for (const inst of listed) expect(lines.some((l) => l.includes(inst.id) && l.includes(inst.version) && l.includes(inst.baseUrl))).toBe(true);
      const ca = await (await fetch(`${control}/ca`)).text();
      const staging = listed.find((i) => i.id === "staging-eu")!;
      expect(((await call(staging.baseUrl, "/api/v2.0/health", { ca })).json as { status: string }).status).toBe("unhealthy");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 30_000);

  it("runs a fleet from --config on a fixed control port, stops on SIGINT", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harbor-sim-"));
    const file = path.join(dir, "fleet.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        instances: [
          { id: "one", version: "2.8.6" },
          { id: "two", version: "1.10.19" },
        ],
      }),
    );
    const probe = await startHarborSim({ instances: [] });
    const port = Number(new URL(probe.controlUrl).port);
    await probe.stop();
    const { child, lines } = await startCli(["--config", file, "--control-port", String(port)]);
    const exited = exitOf(child);
    try {
      expect(lines.find((l) => l.startsWith("control "))).toBe(`control http://127.0.0.1:${port}/__sim`);
      expect(lines.filter((l) => /^(one|two)\s/.test(l))).toHaveLength(2);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it("refuses bad arguments", async () => {
    const child = spawn(tsx, ["test/harbor-sim/cli.ts"], { cwd: root, stdio: "ignore" });
    expect(await exitOf(child)).toBe(2);
  }, 30_000);
});

describe("demo fleet data", () => {
  let sim: HarborSim;
  beforeAll(async () => {
    sim = await startHarborSim({ instances: DEMO_FLEET.map((d) => d.spec) });
  });
  afterAll(() => sim?.stop());

  it("spans the generations, and exactly one console credential is wrong", async () => {
    const versions = DEMO_FLEET.map((d) => d.spec.version);
    for (const v of ["1.10.19", "2.0.6", "2.5.6", "2.8.6", "2.11.2", "2.13.3", "2.15.2"]) expect(versions).toContain(v);
    expect(DEMO_FLEET.filter((d) => d.wrongCredential)).toHaveLength(1);
    for (const d of DEMO_FLEET) {
      const inst = sim.get(d.spec.id);
      const api = d.spec.version.startsWith("1.") ? "/api" : "/api/v2.0";
      const me = await call(inst.baseUrl, `${api}/users/current`, { auth: d.consoleCredential, ca: sim.caPem });
      const robot = d.consoleCredential.username.startsWith("robot$");
      expect(me.status, d.spec.id).toBe(d.wrongCredential ? 401 : robot ? 412 : 200);
      const projects = await call(inst.baseUrl, `${api}/projects`, { auth: d.consoleCredential, ca: sim.caPem });
      expect((projects.json as unknown[]).length, d.spec.id).toBeGreaterThan(d.wrongCredential ? 0 : 3);
      if (!d.wrongCredential) {
        const policies = await call(inst.baseUrl, `${api}/projects/2/webhook/policies`, { auth: d.consoleCredential, ca: sim.caPem });
        expect(policies.status, d.spec.id).toBe(200);
        expect((policies.json as unknown[]).length, d.spec.id).toBeGreaterThan(0);
      }
    }
  });
});
