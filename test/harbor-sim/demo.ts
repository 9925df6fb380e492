/**
 * `npm run demo`: a simulated fleet of eight Harbors (1.10 → 2.15; one unhealthy, one with a wrong console
 * credential) registered in the console, then the console itself on http://localhost:3000.
 * The simulator lives in this process; the console runs through its own launcher, which registers the
 * fleet from a seed file (sealed secrets, audited as "system"). Ctrl-C stops both.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEMO_FLEET } from "./demo-fleet";
import { startHarborSim } from "./index";

const root = path.resolve(__dirname, "../..");

const ENVIRONMENT: Record<string, string> = { prod: "production", staging: "staging", ci: "development", dev: "development", legacy: "other" };
const REGION: Record<string, string> = { eu: "eu", us: "us", ap: "ap", dc1: "eu", dc2: "us", sandbox: "eu" };

async function main() {
  const sim = await startHarborSim({ instances: DEMO_FLEET.map((d) => d.spec), controlPort: Number(process.env.DEMO_SIM_CONTROL_PORT ?? 0) || undefined });
  const instances = DEMO_FLEET.map((d) => {
    const inst = sim.get(d.spec.id);
    const [kind, place] = d.spec.id.split("-");
    return {
      name: d.spec.id,
      description: `Simulated Harbor ${d.spec.version}: ${d.note}`,
      environment: ENVIRONMENT[kind] ?? "other",
      labels: [`region=${REGION[place] ?? "eu"}`, "source=demo"].join(", "),
      baseUrl: inst.baseUrl,
      username: d.consoleCredential.username,
      secret: d.consoleCredential.password,
      caBundle: d.spec.tls ? sim.caPem : "",
      skipTlsVerify: false,
      deploymentMode: kind === "prod" ? "helm" : "docker_compose",
      ...(d.topology ? { topology: d.topology } : {}),
    };
  });
  const dataDir = path.resolve(root, process.env.CONSOLE_DATA_DIR ?? ".data");
  fs.mkdirSync(dataDir, { recursive: true });
  const seedFile = path.join(dataDir, "demo-instances.json");
  // Holds the demo credentials: same folder and mode as the other development secrets.
  fs.writeFileSync(seedFile, JSON.stringify({ instances }, null, 2), { mode: 0o600 });

  console.log(`[demo] simulated fleet (control API ${sim.controlUrl}):`);
  for (const d of DEMO_FLEET)
    console.log(
      `[demo]   ${d.spec.id.padEnd(12)} Harbor ${d.spec.version.padEnd(8)} ${sim.get(d.spec.id).baseUrl}${d.wrongCredential ? "  (console credential deliberately wrong)" : ""}`,
    );

  const consoleProcess = spawn(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "lib/bootstrap/cli.ts", process.env.DEMO_MODE === "start" ? "start" : "dev"],
    {
      cwd: root,
      stdio: "inherit",
      // The simulated fleet listens on 127.0.0.1, which the console refuses unless allowed (Settings → Outbound connections).
      env: { ...process.env, CONSOLE_SEED_INSTANCES: seedFile, CONSOLE_OUTBOUND_ALLOW: process.env.CONSOLE_OUTBOUND_ALLOW ?? "127.0.0.0/8" },
    },
  );
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await sim.stop();
    process.exit(code);
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (consoleProcess.exitCode === null) consoleProcess.kill(sig);
      else void stop(0);
    });
  }
  consoleProcess.on("exit", (code) => void stop(code ?? 0));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
