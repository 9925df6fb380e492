import "server-only";
import { getHealth, getScanAllMetrics, getVolumes, listGcRuns, listReplicationExecutions, testConnection, type HarborResult } from "../harbor";
import { log } from "../log";
import type { PreflightReport } from "../schemas/upgrade";
import { evaluatePreflight, type Outcome } from "../upgrade";
import type { Actor } from "./audit";
import { auditStoredSecretUse, withInstanceClient } from "./harbor-session";

function outcome<T, U>(r: HarborResult<T>, map: (v: T) => U): Outcome<U> {
  return r.ok ? { ok: true, value: map(r.value) } : { ok: false, kind: r.error.kind, message: r.error.message };
}

/**
 * Asks the instance's Harbor, with its stored credential (sent only to its saved URL), what pre-flight needs. The
 * connection test (version, credential, read-only), health, GC history, replication executions, volumes and scan-all calls run concurrently, so a pre-flight costs about
 * its slowest call, not their sum.
 */
export async function runPreflight(opts: { instanceId: string; expectedVersion: string; actor: Actor; requestId: string }): Promise<PreflightReport> {
  return withInstanceClient(
    opts.instanceId,
    async (client, inst) => {
      const started = Date.now();
      const [conn, h, g, r, v, s] = await Promise.all([
        testConnection({ client }),
        getHealth({ client }),
        listGcRuns({ client }),
        listReplicationExecutions({ client, status: "InProgress" }),
        getVolumes({ client }),
        getScanAllMetrics({ client }),
      ]);
      const health = outcome(h, (x) => ({
        status: x.status,
        components: (x.components ?? []).map((c) => ({ name: c.name, status: c.status, error: c.error ?? null })),
      }));
      const gc = outcome(g, (runs) => runs.map((r) => ({ id: r.id ?? null, status: r.job_status ?? "", since: r.creation_time ?? null })));
      const replication = outcome(r, (execs) => execs.map((e) => ({ id: e.id ?? null, policyId: e.policy_id ?? null, since: e.start_time ?? null })));
      const volumes = outcome(v, (x) => (x.storage ?? []).map((s) => ({ total: s.total ?? null, free: s.free ?? null })));
      const scanAll = outcome(s, (x) => ({
        ongoing: x.ongoing ?? null,
        total: x.total ?? null,
        completed: x.completed ?? null,
        running: (x.metrics?.Running ?? 0) + (x.metrics?.running ?? 0),
        pending: (x.metrics?.Pending ?? 0) + (x.metrics?.pending ?? 0),
        trigger: x.trigger ?? null,
      }));
      const report = evaluatePreflight(
        {
          expectedVersion: opts.expectedVersion,
          connection: {
            reachable: conn.reachable,
            latencyMs: conn.latencyMs,
            version: conn.version,
            credential: conn.credential,
            principal: conn.principal,
            readOnly: conn.instance.readOnly,
            error: conn.error ? { kind: conn.error.kind, message: conn.error.message } : null,
          },
          health,
          gc,
          replication,
          volumes,
          scanAll,
        },
        new Date(),
        Date.now() - started,
      );
      log.info("upgrade pre-flight", {
        requestId: opts.requestId,
        instanceId: inst.id,
        ok: report.ok,
        checks: report.checks.map((c) => `${c.id}:${c.status}`).join(","),
      });
      // The stored secret went to Harbor: audited like a connection test.
      await auditStoredSecretUse(inst, { actor: opts.actor, action: "instance.preflight", requestId: opts.requestId, after: { ok: report.ok } });
      return report;
    },
    { detect: true },
  );
}
