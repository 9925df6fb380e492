/**
 * Webhook inventory benchmark: `npm run bench:webhooks` (a tool, not a test; issue #13).
 *
 * 100 simulated Harbors (2.15, 2.11, 2.8 and 2.5 in turn), each with 50 projects × 2 webhook policies and +50 ms per
 * call, registered in a fresh database; then the collector's webhook inventory job (refreshDueInventories, as the
 * collector runs it) reads them all, timed. Printed against its bound: ⌈Harbor calls / concurrency⌉ × one call, with
 * one call measured in the same run (a policy list on an idle instance, warm connection, median of 21) and the
 * concurrency the job runs at (instances at once × calls per instance at once). Target ≤ 1.5 × the bound. Then the
 * same job again within the interval and the two pages that read the inventory: they must ask Harbor nothing.
 * Env: BENCH_INSTANCES (100), BENCH_PROJECTS (50), BENCH_POLICIES (2 per project), BENCH_LATENCY_MS (50),
 * BENCH_INSTANCE_CONCURRENCY (4, the collector's), DATABASE_URL (else an embedded PostgreSQL).
 *
 * Then a webhook template over BENCH_TEMPLATE_INSTANCES (20) of them × all their projects (1,000 projects): its dry run,
 * and its apply instance by instance, BENCH_APPLY_AT_ONCE (3) at once as the page runs it; each printed against
 * ⌈its Harbor calls / its concurrency⌉ × the call measured above, with its calls by kind. Then the apply again: every
 * policy is already as the template says, so it writes nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedInstances } from "../../lib/bootstrap/seed-instances";
import { startHarborSim, type SimInstanceSpec } from "../harbor-sim";
import { callKinds } from "./call-kinds";
import { provisionTestDatabase, TEST_ENV } from "../support/test-db";

const int = (name: string, def: number) => (/^\d+$/.test(process.env[name] ?? "") ? Number(process.env[name]) : def);
const N = int("BENCH_INSTANCES", 100);
const PROJECTS = int("BENCH_PROJECTS", 50);
const POLICIES = int("BENCH_POLICIES", 2);
const LATENCY = int("BENCH_LATENCY_MS", 50);
const INSTANCES_AT_ONCE = int("BENCH_INSTANCE_CONCURRENCY", 4);
/** lib/fleet/webhooks/inventory.ts: Harbor calls to one instance at once */
const PER_INSTANCE = 4;
const VERSIONS = ["2.15.2", "2.11.2", "2.8.6", "2.5.6"];
const TEMPLATE_INSTANCES = int("BENCH_TEMPLATE_INSTANCES", 20);
const APPLY_AT_ONCE = int("BENCH_APPLY_AT_ONCE", 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function fleet(): SimInstanceSpec[] {
  return Array.from({ length: N }, (_, i) => {
    const projects = Array.from({ length: PROJECTS }, (_, p) => ({ name: `team-${String(p).padStart(3, "0")}` }));
    const policies = projects.flatMap((p) =>
      Array.from({ length: POLICIES }, (_, k) => ({
        project: p.name,
        name: `${p.name}-hook-${k}`,
        eventTypes: ["PUSH_ARTIFACT", "DELETE_ARTIFACT"],
        targets: [{ type: "http" as const, address: `https://ci-${k}.example.com/hook`, authHeader: "Bearer bench" }],
      })),
    );
    return { id: `wh${String(i).padStart(3, "0")}`, version: VERSIONS[i % VERSIONS.length], projects, policies, faults: { latencyMs: LATENCY } };
  });
}

async function main() {
  const specs = fleet();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-bench-webhooks-"));
  const sim = await startHarborSim({ instances: specs, record: true });
  const database = await provisionTestDatabase("webhooks");
  const seed = path.join(tmp, "fleet.json");
  fs.writeFileSync(
    seed,
    JSON.stringify({
      instances: specs.map((s) => ({
        name: s.id,
        environment: "staging",
        labels: "",
        baseUrl: sim.get(s.id).baseUrl,
        username: "admin",
        secret: "Harbor12345",
        caBundle: "",
        skipTlsVerify: false,
        deploymentMode: "helm",
      })),
    }),
  );
  await seedInstances({ databaseUrl: database.url, encryptionKey: TEST_ENV.CONSOLE_ENCRYPTION_KEY, file: seed, log: () => {} });
  Object.assign(process.env, { ...TEST_ENV, DATABASE_URL: database.url, LOG_LEVEL: "warn" });

  const { createHarborClient, listWebhookPolicies, resolveVersion } = await import("../../lib/harbor");
  const { refreshDueInventories } = await import("../../lib/fleet/webhooks/inventory");
  const { listWebhookInventory } = await import("../../lib/fleet/webhooks/inventory-list");
  const { listFailedDeliveries } = await import("../../lib/fleet/webhooks/failed-deliveries");

  // One call, measured now: a project's policy list on an idle instance of the fleet, over a warm connection.
  const probe = specs[0];
  const client = createHarborClient({
    baseUrl: sim.get(probe.id).baseUrl,
    credentials: { username: "admin", password: "Harbor12345" },
    outbound: { allow: ["127.0.0.0/8"] },
  });
  await resolveVersion({ client });
  const samples: number[] = [];
  for (let i = 0; i < 22; i++) {
    const t0 = performance.now();
    const r = await listWebhookPolicies({ client, project: 2 });
    if (!r.ok) throw new Error(`the measured call failed: ${r.error.message}`);
    if (i > 0) samples.push(performance.now() - t0);
  }
  await client.close();
  const oneCall = median(samples);
  sim.exchanges.length = 0;

  // The database pools are opened before the clock starts (a running collector has them open).
  const { db } = await import("../../lib/db");
  await db.harborInstance.count();
  const t0 = performance.now();
  const results = await refreshDueInventories({ minutes: 15, concurrency: INSTANCES_AT_ONCE });
  const elapsed = performance.now() - t0;
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} refreshes failed, e.g. ${failed[0].error}`);
  const calls = sim.exchanges.length;
  const policies = results.reduce((s, r) => s + r.policies, 0);
  const concurrency = INSTANCES_AT_ONCE * PER_INSTANCE;
  const bound = Math.ceil(calls / concurrency) * oneCall;
  const kinds = callKinds(sim.exchanges);

  // A cached inventory answers the same job within the interval and both pages: no Harbor call.
  sim.exchanges.length = 0;
  const again = await refreshDueInventories({ minutes: 15, concurrency: INSTANCES_AT_ONCE });
  const p0 = performance.now();
  const page = await listWebhookInventory({});
  const pageMs = performance.now() - p0;
  const i0 = performance.now();
  const inbox = await listFailedDeliveries({}, { viewer: false });
  const inboxMs = performance.now() - i0;
  const cachedCalls = sim.exchanges.length;

  console.log(`\nWebhook inventory: ${N} simulated Harbors (${VERSIONS.join(", ")}) × ${PROJECTS} projects × ${POLICIES} policies, +${LATENCY} ms per call`);
  console.log(`  policies read                         ${policies} (${results.length} instances refreshed)`);
  console.log(`  Harbor calls                          ${calls} (${(calls / N).toFixed(1)} per instance)`);
  for (const [k, n] of kinds) console.log(`    ${String(n).padStart(6)}  ${k}`);
  console.log(`  one call, measured in this run        ${oneCall.toFixed(1)} ms (median of ${samples.length}, warm connection)`);
  console.log(`  concurrency                           ${concurrency} (${INSTANCES_AT_ONCE} instances at once × ${PER_INSTANCE} calls each)`);
  console.log(`  bound ⌈${calls}/${concurrency}⌉ × ${oneCall.toFixed(1)} ms          ${secs(bound)}`);
  console.log(
    `  the whole inventory                   ${secs(elapsed)} = ${(elapsed / bound).toFixed(2)} × the bound (target ≤ 1.5 ×) ${elapsed <= 1.5 * bound ? "✓" : "— missed"}`,
  );
  console.log(
    `  the job again within 15 min           ${again.length} refreshed; Harbor calls: ${cachedCalls} (the Webhooks page ${pageMs.toFixed(1)} ms, ${page.total} policies; the inbox ${inboxMs.toFixed(1)} ms, ${inbox.total} failures)`,
  );
  const templateOk = await templateBench(specs, sim, oneCall);
  const { sql } = await import("../../lib/db");
  await Promise.all([db.$disconnect(), sql().end()]); // before the database goes
  await sim.stop();
  await database.teardown();
  process.exit(cachedCalls === 0 && templateOk ? 0 : 1);
}

/** The template's dry run and apply over TEMPLATE_INSTANCES instances × all their projects; true when every target was met. */
async function templateBench(specs: SimInstanceSpec[], sim: Awaited<ReturnType<typeof startHarborSim>>, oneCall: number): Promise<boolean> {
  const { createTemplate } = await import("../../lib/fleet/webhooks/templates");
  const {
    applyTemplateToInstance,
    dryRunTemplate,
    INSTANCE_CONCURRENCY,
    PROJECT_CONCURRENCY: PER_PROJECT,
  } = await import("../../lib/fleet/webhooks/template-run");
  const { semaphore } = await import("../../lib/fleet/collector/semaphore");
  const { db } = await import("../../lib/db");
  const chosen = specs.slice(0, TEMPLATE_INSTANCES).map((s) => s.id);
  const actor = { id: null, email: "bench@example.com" };
  const input = {
    name: "bench-ci",
    description: "",
    enabled: true,
    eventTypes: ["PUSH_ARTIFACT"],
    targets: [
      {
        type: "http" as const,
        address: "https://ci.example.com/fleet",
        authHeader: "Bearer bench",
        clearAuthHeader: false,
        skipCertVerify: false,
        payloadFormat: "Default" as const,
      },
    ],
    environments: [],
    labels: [],
    instancePattern: "*",
    projectPattern: "*",
    autoApply: false,
  };
  // the template selects the staging environment: the instances outside the chosen ones move to another
  await db.harborInstance.updateMany({ where: { name: { notIn: chosen } }, data: { environment: "other" } });
  const { id } = await createTemplate({ input: { ...input, environments: ["staging"] }, actor, requestId: "bench" });
  const projects = TEMPLATE_INSTANCES * PROJECTS;
  const dryConcurrency = INSTANCE_CONCURRENCY * PER_PROJECT;
  const applyConcurrency = APPLY_AT_ONCE * PER_PROJECT;

  sim.exchanges.length = 0;
  const t0 = performance.now();
  const dry = await dryRunTemplate({ id });
  const dryMs = performance.now() - t0;
  const dryCalls = callKinds(sim.exchanges);
  const dryCount = sim.exchanges.length;
  const creates = dry.rows.filter((r) => r.action === "create").length;

  const apply = async () => {
    sim.exchanges.length = 0;
    const slot = semaphore(APPLY_AT_ONCE);
    const start = performance.now();
    const rows = (
      await Promise.all(
        chosen.map((name) =>
          slot(async () => {
            const inst = await db.harborInstance.findFirstOrThrow({ where: { name }, select: { id: true } });
            return applyTemplateToInstance({ id, instanceId: inst.id, version: dry.template.version, actor, requestId: "bench" });
          }),
        ),
      )
    ).flat();
    return { rows, ms: performance.now() - start, calls: sim.exchanges.length, kinds: callKinds(sim.exchanges) };
  };
  const first = await apply();
  const applied = first.rows.filter((r) => r.applied?.ok).length;
  const again = await apply();
  const writesAgain = again.kinds.filter(([k]) => /^(POST|PUT) /.test(k)).reduce((n, [, c]) => n + c, 0);

  const dryBound = Math.ceil(dryCount / dryConcurrency) * oneCall;
  const applyBound = Math.ceil(first.calls / applyConcurrency) * oneCall;
  const ok = dryMs <= 1.5 * dryBound && first.ms <= 1.5 * applyBound && applied === creates && writesAgain === 0;
  console.log(`\nWebhook template over ${TEMPLATE_INSTANCES} of them × ${PROJECTS} projects = ${projects} projects`);
  console.log(`  dry run                               ${dry.rows.length} rows (${creates} create), ${dryCount} Harbor calls`);
  for (const [k, n] of dryCalls) console.log(`    ${String(n).padStart(6)}  ${k}`);
  console.log(
    `  bound ⌈${dryCount}/${dryConcurrency}⌉ × ${oneCall.toFixed(1)} ms          ${secs(dryBound)} (${INSTANCE_CONCURRENCY} instances × ${PER_PROJECT} projects at once)`,
  );
  console.log(
    `  the dry run                           ${secs(dryMs)} = ${(dryMs / dryBound).toFixed(2)} × the bound (target ≤ 1.5 ×) ${dryMs <= 1.5 * dryBound ? "✓" : "— missed"}`,
  );
  console.log(`  apply                                 ${applied} of ${creates} policies created, ${first.calls} Harbor calls`);
  for (const [k, n] of first.kinds) console.log(`    ${String(n).padStart(6)}  ${k}`);
  console.log(
    `  bound ⌈${first.calls}/${applyConcurrency}⌉ × ${oneCall.toFixed(1)} ms          ${secs(applyBound)} (${APPLY_AT_ONCE} instances × ${PER_PROJECT} projects at once)`,
  );
  console.log(
    `  the apply                             ${secs(first.ms)} = ${(first.ms / applyBound).toFixed(2)} × the bound (target ≤ 1.5 ×) ${first.ms <= 1.5 * applyBound ? "✓" : "— missed"}`,
  );
  console.log(
    `  the apply again                       ${secs(again.ms)}, ${again.calls} Harbor calls, ${writesAgain} writes ${writesAgain === 0 ? "✓" : "— it wrote again"}`,
  );
  return ok;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
