import "server-only";
import { serializableError, type HarborError } from "./errors";
import type { ApiGeneration } from "./facts";
import { buildReport, type ConnectionReport, type CredentialStatus } from "./probe-report";
import { getCurrentUser, getCurrentUserPermissions, getStatistics } from "./system";
import type { HarborClient } from "./transport";
import { detectVersionDetailed } from "./version";

/**
 * "Test connection" (docs/harbor/api.md §1–2). Harbor answers a wrong credential as anonymous, never with a 401 on
 * most routes, so the credential is checked explicitly: GET users/current → 200 user, 401 rejected;
 * robots get 412 (2.3+) or 500 (≤ 2.2) there, and are then checked with a call that 401s for anonymous
 * callers: users/current/permissions (2.x) or statistics (1.x). Never throws.
 */
export async function testConnection(opts: { client: HarborClient }): Promise<ConnectionReport> {
  const { client } = opts;
  const det = await detectVersionDetailed({ client });
  const info = det.systemInfo;
  const base = {
    baseUrl: client.baseUrl,
    checkedAt: new Date().toISOString(),
    latencyMs: det.latencyMs,
    instance: { authMode: info?.auth_mode ?? null, notificationsEnabled: info?.notification_enable ?? null, readOnly: info?.read_only ?? null },
  };
  if (!det.result.ok) {
    const e = det.result.error;
    const reachable = !(e.kind === "unreachable" || e.kind === "timeout" || e.kind === "tls");
    return finish({ ...base, ok: false, reachable, version: null, generation: null, credential: "unknown", principal: null, error: serializableError(e) });
  }
  const { generation, version } = det.result.value;
  const cred = await checkCredential(client, generation);
  return finish({
    ...base,
    ok: cred.status === "valid",
    reachable: true,
    version,
    generation,
    credential: cred.status,
    principal: cred.principal,
    error: cred.error ? serializableError(cred.error) : null,
  });
}

function finish(r: Omit<ConnectionReport, "checks" | "lines">): ConnectionReport {
  return buildReport(r);
}

interface CredentialCheck {
  status: CredentialStatus;
  principal: ConnectionReport["principal"];
  error?: HarborError;
}

async function checkCredential(client: HarborClient, g: ApiGeneration): Promise<CredentialCheck> {
  const u = await getCurrentUser({ client });
  if (u.ok) {
    const sysadmin = Boolean(u.value.sysadmin_flag || u.value.has_admin_role || u.value.admin_role_in_auth);
    return { status: "valid", principal: { kind: "user", name: u.value.username, sysadmin } };
  }
  if (u.error.kind === "unauthorized") return { status: "invalid", principal: null };
  const legacy = g === "v1" || g === "v2.0";
  const robotAnswer = u.error.status === 412 || (legacy && u.error.status === 500);
  if (!robotAnswer) return { status: "unknown", principal: null, error: u.error };
  const check = g === "v1" ? await getStatistics({ client }) : await getCurrentUserPermissions({ client });
  if (check.ok) return { status: "valid", principal: { kind: "robot", name: client.username, sysadmin: false } };
  if (check.error.kind === "unauthorized") return { status: "invalid", principal: null };
  return { status: "unknown", principal: null, error: check.error };
}
