import "server-only";
import { AppError } from "../errors";
import { createHarborClient, getHealth, testConnection } from "../harbor";
import { log } from "../log";
import type { PreflightReport } from "../schemas/upgrade";
import { evaluatePreflight, type Outcome, type PreflightFacts } from "../upgrade/preflight";
import { recordAudit, type Actor } from "./audit";
import { db } from "../db";
import { getInstanceWithCredentials } from "./instances";
import { getOutboundPolicy } from "./settings";

/**
 * Asks the instance's Harbor, with its stored credential (sent only to its saved URL), what pre-flight needs. The
 * connection test (version, credential, read-only) and the health call run concurrently, so a pre-flight costs about
 * its slowest call, not their sum.
 */
export async function runPreflight(opts: { instanceId: string; expectedVersion: string; actor: Actor; requestId: string }): Promise<PreflightReport> {
  const inst = await getInstanceWithCredentials(opts.instanceId);
  if (!inst) throw new AppError("not_found", "This instance no longer exists.");
  const client = createHarborClient({
    baseUrl: inst.baseUrl,
    credentials: { username: inst.username, password: inst.secret },
    ca: inst.caBundle,
    skipTlsVerify: inst.skipTlsVerify,
    outbound: await getOutboundPolicy(),
  });
  const started = Date.now();
  try {
    const [conn, h] = await Promise.all([testConnection({ client }), getHealth({ client })]);
    const health: PreflightFacts["health"] = h.ok
      ? { ok: true, value: { status: h.value.status, components: h.value.components.map((c) => ({ name: c.name, status: c.status, error: c.error ?? null })) } }
      : ({ ok: false, kind: h.error.kind, message: h.error.message } satisfies Outcome<never>);
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
      },
      new Date(),
      Date.now() - started,
    );
    log.info("upgrade pre-flight", { requestId: opts.requestId, instanceId: inst.id, ok: report.ok, checks: report.checks.map((c) => `${c.id}:${c.status}`).join(",") });
    // The stored secret went to Harbor: audited like a connection test.
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: opts.actor, action: "instance.preflight", targetType: "instance", targetId: inst.id, targetName: inst.name, after: { baseUrl: inst.baseUrl, storedSecret: true, ok: report.ok }, requestId: opts.requestId }),
    );
    return report;
  } finally {
    await client.close();
  }
}
