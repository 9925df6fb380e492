/**
 * The fleet a size's run measures: its instances registered as the app registers them, and a day-old fleet's history.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { seedInstances } from "../../../lib/bootstrap/seed-instances";
import type { SimInstanceSpec } from "../../harbor-sim/types";
import { TEST_ENV } from "../../support/test-db";
import type { SimFleet } from "../sim-fleet";
import { ENVS } from "./config";

/** Instances per seed file: the seed file takes at most 5,000 (lib/schemas). */
const PER_FILE = 5_000;

export async function registerInstances(o: { url: string; specs: SimInstanceSpec[]; sim: SimFleet; dir: string }) {
  for (let from = 0; from < o.specs.length; from += PER_FILE) {
    const seedFile = path.join(o.dir, `fleet-${from}.json`);
    fs.writeFileSync(
      seedFile,
      JSON.stringify({
        instances: o.specs.slice(from, from + PER_FILE).map((s, j) => ({
          name: s.id,
          environment: ENVS[(from + j) % ENVS.length],
          labels: `bench=fleet, version=${s.version}`,
          baseUrl: o.sim.get(s.id).baseUrl,
          username: "admin",
          secret: "Harbor12345",
          caBundle: "",
          skipTlsVerify: false,
          deploymentMode: "helm",
        })),
      }),
    );
    await seedInstances({ databaseUrl: o.url, encryptionKey: TEST_ENV.CONSOLE_ENCRYPTION_KEY, file: seedFile, log: () => {} });
  }
}

/**
 * A day-old fleet's history, as the collector would have stored it: one poll per instance per minute for `hours`
 * (1 poll in 40 degraded, with an error; latency 40–90 ms), the hourly rows built from them (the statement the
 * migration backfilled with), then of the snapshots only those the collector keeps. The pages read these; the sweeps
 * write next to them.
 */
export async function seedHistory(url: string, hours: number): Promise<{ snapshots: number; hours: number; size: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`set work_mem = '256MB'`);
    const components = JSON.stringify(
      ["core", "database", "jobservice", "portal", "redis", "registry", "registryctl", "trivy"].map((name) => ({ name, status: "healthy" })),
    );
    const snaps = await c.query(
      `insert into "InstanceSnapshot" ("instanceId", "checkedAt", health, credential, "harborVersion", "apiGeneration", components, "projectCount", "repoCount",
         "storageBytes", "readOnly", "authMode", "latencyMs", "errorKind", "errorMessage")
       select i.id, date_trunc('second', now() at time zone 'utc') - make_interval(mins => m),
         case when bad then 'degraded' else 'healthy' end::"HealthState", 'valid', i.version, 'v2.0', $2::jsonb, 3, 12, 5368709120, false, 'db_auth',
         40 + (m * 7 + n) % 50, case when bad then 'unhealthy' end, case when bad then 'redis: dial tcp: connection refused' end
       from (select id, row_number() over (order by name) as n, substring(array_to_string(labels, ',') from 'version=([0-9.]+)') as version from "HarborInstance") i
       cross join generate_series(1, $1::int * 60) m
       cross join lateral (select (m + i.n) % 40 = 0 as bad) b`,
      [hours, components],
    );
    const { HOURS_FROM_SNAPSHOTS_SQL } = await import("../../../lib/fleet/collector/hours");
    const hourRows = await c.query(HOURS_FROM_SNAPSHOTS_SQL, [null, null]);
    // Then only the snapshots the collector keeps (lib/fleet/collector/store-sql.ts): each hour's first poll, every
    // error, every poll that differs from the one before (here only health and the error move).
    const dropped = await c.query(`delete from "InstanceSnapshot" s using (
        select id, health, "errorKind", date_trunc('hour', "checkedAt") as hour,
          lag(health) over w as "prevHealth", lag(date_trunc('hour', "checkedAt")) over w as "prevHour"
        from "InstanceSnapshot" window w as (partition by "instanceId" order by "checkedAt")
      ) p where s.id = p.id and p."errorKind" is null and p.health = p."prevHealth" and p.hour = p."prevHour"`);
    await c.query(`vacuum full analyze "InstanceSnapshot"`); // one statement: VACUUM refuses to run in a multi-statement query
    await c.query(`analyze "InstanceHealthHour"`);
    const size = (await c.query(`select pg_size_pretty(pg_total_relation_size('"InstanceSnapshot"') + pg_total_relation_size('"InstanceHealthHour"')) as s`))
      .rows[0].s as string;
    return { snapshots: (snaps.rowCount ?? 0) - (dropped.rowCount ?? 0), hours: hourRows.rowCount ?? 0, size: `history tables ${size}` };
  } finally {
    await c.end();
  }
}
