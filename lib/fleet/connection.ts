import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { createHarborClient, testConnection, type ConnectionReport } from "../harbor";
import { GENERATION_LABEL } from "../releases";
import { log } from "../log";
import type { ConnectionCheck, ConnectionReportDto, TDraftConnectionTest } from "../schemas/connection";
import { storedSecretRefusal } from "../security/secret-binding";
import { recordAudit, type Actor } from "./audit";
import { getInstanceWithCredentials } from "./instance-credentials";
import { getOutboundPolicy } from "./settings";

interface Target {
  baseUrl: string;
  username: string;
  secret: string;
  caBundle: string | null;
  skipTlsVerify: boolean;
}

/** The client's report as the page shows it (its checks already say what to do when something failed). */
export function toReportDto(r: ConnectionReport): ConnectionReportDto {
  const checks: ConnectionCheck[] = r.checks.map((c) => ({ label: c.label, status: c.status, detail: c.detail }));
  return {
    ok: r.ok,
    testedAt: r.checkedAt,
    baseUrl: r.baseUrl,
    latencyMs: r.latencyMs,
    harborVersion: r.version,
    apiGeneration: r.generation,
    generationLabel: r.generation ? GENERATION_LABEL[r.generation] : null,
    credential: r.credential,
    accountKind: r.principal?.kind ?? null,
    sysadmin: r.principal?.sysadmin ?? null,
    checks,
  };
}

async function probe(target: Target, requestId: string): Promise<ConnectionReportDto> {
  const client = createHarborClient({
    baseUrl: target.baseUrl,
    credentials: { username: target.username, password: target.secret },
    ca: target.caBundle,
    skipTlsVerify: target.skipTlsVerify,
    // loopback, link-local and metadata addresses only when an admin allowed them (Settings → Outbound connections)
    outbound: await getOutboundPolicy(),
  });
  try {
    const report = await testConnection({ client });
    log.info("connection test", {
      requestId,
      baseUrl: target.baseUrl,
      ok: report.ok,
      version: report.version,
      credential: report.credential,
      error: report.error?.kind,
    });
    return toReportDto(report);
  } finally {
    await client.close();
  }
}

/** What the audit trail keeps of a test that used a stored secret: who, which instance, where it went, the outcome. */
function auditAfter(report: ConnectionReportDto, target: Target, draft: boolean) {
  return {
    baseUrl: target.baseUrl,
    username: target.username,
    storedSecret: true,
    draft,
    ok: report.ok,
    credential: report.credential,
    harborVersion: report.harborVersion,
  };
}

/** Tests a saved instance with what is stored for it, caches what was detected with it, and audits the use of its secret. */
export async function testInstanceConnection(opts: { instanceId: string; actor: Actor; requestId: string }): Promise<ConnectionReportDto> {
  const inst = await getInstanceWithCredentials(opts.instanceId);
  if (!inst) throw new AppError("not_found", "This instance no longer exists.");
  const target: Target = { baseUrl: inst.baseUrl, username: inst.username, secret: inst.secret, caBundle: inst.caBundle, skipTlsVerify: inst.skipTlsVerify };
  const report = await probe(target, opts.requestId);
  await db.$transaction(async (tx) => {
    await tx.harborInstance.update({
      where: { id: inst.id },
      data: {
        connectionTest: report as object,
        ...(report.apiGeneration ? { apiGeneration: report.apiGeneration, harborVersion: report.harborVersion, detectedAt: new Date(report.testedAt) } : {}),
        // A test is not an edit: keep the "updated" stamp of the last person who changed the registration.
        updatedAt: new Date(inst.updatedAt),
      },
    });
    await recordAudit(tx, {
      actor: opts.actor,
      action: "instance.connection_test",
      targetType: "instance",
      targetId: inst.id,
      targetName: inst.name,
      after: auditAfter(report, target, false),
      requestId: opts.requestId,
    });
  });
  return report;
}

/**
 * Tests unsaved form values. With an id and an empty secret the instance's stored secret is used — only towards
 * the URL and TLS trust it was saved with, and audited; anything else needs the secret typed again.
 */
export async function testDraftConnection(opts: { draft: TDraftConnectionTest; actor: Actor; requestId: string }): Promise<ConnectionReportDto> {
  const { draft } = opts;
  const target: Target = {
    baseUrl: draft.baseUrl,
    username: draft.username,
    secret: draft.secret,
    caBundle: draft.caBundle || null,
    skipTlsVerify: draft.skipTlsVerify,
  };
  if (target.secret) return probe(target, opts.requestId);
  const stored = draft.id ? await getInstanceWithCredentials(draft.id) : null;
  if (!stored)
    throw new AppError("validation", "Enter the secret to test", { fieldErrors: { secret: ["Enter the password or robot secret to test the connection"] } });
  const refusal = storedSecretRefusal(stored, target);
  if (refusal) throw new AppError("validation", "Enter the secret to test", { fieldErrors: { secret: [refusal] } });
  const report = await probe({ ...target, secret: stored.secret }, opts.requestId);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: opts.actor,
      action: "instance.connection_test",
      targetType: "instance",
      targetId: stored.id,
      targetName: stored.name,
      after: auditAfter(report, target, true),
      requestId: opts.requestId,
    }),
  );
  return report;
}
