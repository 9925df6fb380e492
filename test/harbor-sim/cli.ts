/**
 * Runs a simulated fleet until SIGINT/SIGTERM.
 *   tsx test/harbor-sim/cli.ts --config fleet.json [--control-port N] [--record]
 *   tsx test/harbor-sim/cli.ts --demo [--control-port N]
 * fleet.json: an array of SimInstanceSpec, or {"instances": [...]}.
 */
import fs from "node:fs";
import { DEMO_FLEET, demoFleetSpecs } from "./demo-fleet";
import { startHarborSim } from "./index";
import type { SimInstanceSpec } from "./types";

interface Args {
  config?: string;
  demo: boolean;
  controlPort?: number;
  record: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { demo: false, record: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--demo") args.demo = true;
    else if (a === "--record") args.record = true;
    else if (a === "--config") args.config = argv[++i];
    else if (a === "--control-port") args.controlPort = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.demo === Boolean(args.config)) throw new Error("give exactly one of --demo or --config <file>");
  if (args.controlPort !== undefined && !(Number.isInteger(args.controlPort) && args.controlPort >= 0 && args.controlPort < 65536)) {
    throw new Error("--control-port needs a port number");
  }
  return args;
}

function loadConfig(file: string): SimInstanceSpec[] {
  const raw: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  const list = Array.isArray(raw) ? raw : (raw as { instances?: unknown }).instances;
  if (!Array.isArray(list)) throw new Error(`${file}: expected an array of instances or {"instances": [...]}`);
  return list as SimInstanceSpec[];
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: tsx test/harbor-sim/cli.ts (--demo | --config fleet.json) [--control-port N] [--record]`);
    process.exit(2);
  }
  const instances = args.demo ? demoFleetSpecs() : loadConfig(args.config as string);
  const sim = await startHarborSim({ instances, controlPort: args.controlPort, record: args.record });
  for (const inst of sim.instances) {
    const demo = DEMO_FLEET.find((d) => d.spec.id === inst.spec.id && args.demo);
    const cred = demo
      ? `  console: ${demo.consoleCredential.username} / ${demo.consoleCredential.password}${demo.wrongCredential ? "  (deliberately wrong)" : ""}`
      : "";
    console.log(`${inst.spec.id.padEnd(16)} ${inst.spec.version.padEnd(8)} ${inst.baseUrl}${cred}`);
  }
  console.log(`control ${sim.controlUrl}`);
  if (sim.instances.some((i) => i.spec.tls)) console.log(`CA: GET ${sim.controlUrl}/ca`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    sim.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
