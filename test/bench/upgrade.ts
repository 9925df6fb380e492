/**
 * Upgrade planning and pre-flight benchmark: `npm run bench:upgrade`.
 *
 * (1) Plans every instance of a 1,000-instance fleet (versions spread over every final release from 1.10, half with
 * the bundled database, a quarter with Notary or ChartMuseum) to the newest release: path, notes and the advisor's
 * entries per hop. Prints the median per instance and the whole fleet against the fleet page's own budget.
 * (2) One pre-flight's Harbor calls against a simulated Harbor with 50 ms added latency: each call alone (the slowest
 * sets the bound), their sum, and the calls as pre-flight runs them, concurrently. Target: ≤ 1.5 × the slowest call +
 * one round trip. No assertions: exit 0 unless it breaks.
 */
import {
  createHarborClient,
  getHealth,
  getScanAllMetrics,
  getVolumes,
  listGcRuns,
  listReplicationExecutions,
  testConnection,
  type HarborClient,
} from "../../lib/harbor";
import { ALL_RELEASES, LATEST, toVersion } from "../../lib/releases";
import { adviseHop, planUpgradePath } from "../../lib/upgrade";
import { startHarborSim } from "../harbor-sim";

const FLEET = 1_000;
/** The fleet page's median with a day of history at 1,000 instances (README, Performance). */
const FLEET_PAGE_MS = 40;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function planFleet(): { perInstance: number[]; total: number; hops: number } {
  const versions = ALL_RELEASES.filter((v) => v.major > 1 || v.minor >= 10);
  const perInstance: number[] = [];
  let hops = 0;
  const t0 = performance.now();
  for (let i = 0; i < FLEET; i++) {
    const v = versions[(i * 7) % versions.length];
    const internalDatabase = i % 2 === 0;
    const topo = {
      database: internalDatabase ? ("internal" as const) : ("external" as const),
      postgresMajor: 14,
      components: { notary: i % 8 === 1, chartmuseum: i % 8 === 3 },
      nodes: 1 + (i % 3),
    };
    const s = performance.now();
    const plan = planUpgradePath(v, LATEST, { internalDatabase });
    if (plan.ok) for (const h of plan.hops) hops += adviseHop(h.from, h.to, topo).length >= 0 ? 1 : 0;
    perInstance.push(performance.now() - s);
  }
  return { perInstance, total: performance.now() - t0, hops };
}

async function timeCall(make: () => HarborClient, call: (c: HarborClient) => Promise<unknown>, runs = 5): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const client = make();
    try {
      const t0 = performance.now();
      await call(client);
      samples.push(performance.now() - t0);
    } finally {
      await client.close();
    }
  }
  return median(samples);
}

async function preflight(): Promise<void> {
  const sim = await startHarborSim({ instances: [{ id: "slow", version: "2.11.2", faults: { latencyMs: 50 } }] });
  const make = () =>
    createHarborClient({ baseUrl: sim.get("slow").baseUrl, credentials: { username: "admin", password: "Harbor12345" }, outbound: { allow: ["127.0.0.0/8"] } });
  try {
    // one request's round trip, no version detection: the bare ping
    const rtts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await (await fetch(`${sim.get("slow").baseUrl}/api/v2.0/ping`)).text();
      rtts.push(performance.now() - t0);
    }
    const rtt = median(rtts);
    const calls = {
      "connection test (version, credential)": (c: HarborClient) => testConnection({ client: c }),
      health: (c: HarborClient) => getHealth({ client: c }),
      "GC runs": (c: HarborClient) => listGcRuns({ client: c }),
      volumes: (c: HarborClient) => getVolumes({ client: c }),
      "replication executions": (c: HarborClient) => listReplicationExecutions({ client: c, status: "InProgress" }),
      "scan-all metrics": (c: HarborClient) => getScanAllMetrics({ client: c }),
    };
    const alone: Record<string, number> = {};
    for (const [name, call] of Object.entries(calls)) alone[name] = await timeCall(make, call);
    const together = await timeCall(make, (c) => Promise.all(Object.values(calls).map((call) => call(c))));
    const slowest = Math.max(...Object.values(alone));
    const sum = Object.values(alone).reduce((s, x) => s + x, 0);
    console.log("\nPre-flight against a simulated Harbor 2.11.2 with +50 ms per request (medians of 5, fresh client each):");
    for (const [name, ms] of Object.entries(alone)) console.log(`  ${name.padEnd(40)} ${ms.toFixed(1)} ms alone`);
    console.log(`  ${"one round trip (ping)".padEnd(40)} ${rtt.toFixed(1)} ms`);
    console.log(`  ${"sum of the calls".padEnd(40)} ${sum.toFixed(1)} ms`);
    console.log(
      `  ${"pre-flight (concurrent)".padEnd(40)} ${together.toFixed(1)} ms = ${(together / (slowest + rtt)).toFixed(2)} × (slowest ${slowest.toFixed(1)} + RTT ${rtt.toFixed(1)} ms); target ≤ 1.5 ×`,
    );
  } finally {
    await sim.stop();
  }
}

async function main() {
  // cold: the first time this process plans these versions; warm: every later time (plans are cached per release pair)
  for (const pass of ["cold", "warm"]) {
    const { perInstance, total, hops } = planFleet();
    console.log(`Planning ${FLEET} instances to ${LATEST.major}.${LATEST.minor}.${LATEST.patch}, ${pass} (path, notes, advisor; ${hops} hops):`);
    console.log(
      `  median per instance ${(median(perInstance) * 1000).toFixed(1)} µs, p95 ${([...perInstance].sort((a, b) => a - b)[Math.floor(0.95 * FLEET)] * 1000).toFixed(1)} µs`,
    );
    console.log(`  whole fleet ${total.toFixed(1)} ms = ${((total / FLEET_PAGE_MS) * 100).toFixed(0)} % of the fleet page's ${FLEET_PAGE_MS} ms median`);
  }
  if (!toVersion("2.11.2")) throw new Error("catalog broken");
  await preflight();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
