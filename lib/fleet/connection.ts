import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { createHarborClient, testConnection, type ConnectionReport } from "../harbor";
import { GENERATION_LABEL } from "../harbor/facts";
import { log } from "../log";
import type { ConnectionCheck, ConnectionReportDto } from "../schemas/connection";
import { getInstanceWithCredentials } from "./instances";

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
  });
  try {
    const report = await testConnection({ client });
    log.info("connection test", { requestId, baseUrl: target.baseUrl, ok: report.ok, version: report.version, credential: report.credential, error: report.error?.kind });
    return toReportDto(report);
  } finally {
    await client.close();
  }
}

/** Tests a saved instance and caches what was detected (version, generation, report) with it. */
export async function testInstanceConnection(opts: { instanceId: string; requestId: string }): Promise<ConnectionReportDto> {
  const inst = await getInstanceWithCredentials(opts.instanceId);
  if (!inst) throw new AppError("not_found", "This instance no longer exists.");
  const report = await probe({ baseUrl: inst.baseUrl, username: inst.username, secret: inst.secret, caBundle: inst.caBundle, skipTlsVerify: inst.skipTlsVerify }, opts.requestId);
  await db.harborInstance.update({
    where: { id: inst.id },
    data: {
      connectionTest: report as object,
      ...(report.apiGeneration ? { apiGeneration: report.apiGeneration, harborVersion: report.harborVersion, detectedAt: new Date(report.testedAt) } : {}),
      // A test is not an edit: keep the "updated" stamp of the last person who changed the registration.
      updatedAt: new Date(inst.updatedAt),
    },
  });
  return report;
}

/** Tests unsaved form values; with an id and an empty secret, the stored secret of that instance is used. */
export async function testDraftConnection(opts: { draft: { id?: string; baseUrl: string; username: string; secret: string; caBundle: string; skipTlsVerify: boolean }; requestId: string }): Promise<ConnectionReportDto> {
  const { draft } = opts;
  let secret = draft.secret;
  if (!secret && draft.id) secret = (await getInstanceWithCredentials(draft.id))?.secret ?? "";
  if (!secret) throw new AppError("validation", "Enter the secret to test", { fieldErrors: { secret: ["Enter the password or robot secret to test the connection"] } });
  return probe({ baseUrl: draft.baseUrl, username: draft.username, secret, caBundle: draft.caBundle || null, skipTlsVerify: draft.skipTlsVerify }, opts.requestId);
}
