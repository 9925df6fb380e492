/**
 * The tour test/integration/harbor-contract.test.ts drives the Harbor client through, one instance per spec tag:
 * the instances (library, team and 12 more projects, a robot, a seeded policy) and every call that applies to the
 * generation, each checked as it returns.
 */
import { expect } from "vitest";
import {
  detectVersion,
  getCurrentUser,
  getCurrentUserPermissions,
  getHealth,
  getProject,
  getReadOnly,
  getRobotExpiry,
  getScanAllMetrics,
  getStatistics,
  getSystemInfo,
  getVolumes,
  type HarborClient,
  type HarborResult,
  listAllProjects,
  listGcRuns,
  listProjects,
  listReplicationExecutions,
  ping,
  resolveVersion,
  setReadOnly,
  testConnection,
  type THarborProject,
} from "@/lib/harbor";
import { webhookEventTypes, type ApiGeneration } from "@/lib/harbor/facts";
import { parseHarborVersion } from "@/lib/releases";
import type { SimInstanceSpec } from "@/test/harbor-sim";
import { tourWebhooks } from "./harbor-contract-webhook-tour";

/** library (public, one seeded policy), team (private, where the test creates), 12 "proj-N" projects. */
export const EXTRA = 12;
export const ROBOT_EXPIRES_AT = Math.floor(Date.now() / 1000) + 5 * 86_400;
export const PROJECT_COUNT = 2 + EXTRA;

export function instanceSpec(version: string, tls: boolean): SimInstanceSpec {
  const v = parseHarborVersion(version)!;
  const events = webhookEventTypes(v);
  return {
    id: version,
    version,
    tls,
    components: { trivy: true },
    robots: [{ name: "robot$fleet", secret: "Fleet-secret1", expiresAt: ROBOT_EXPIRES_AT }],
    projects: [
      { name: "library", public: true, repoCount: 3 },
      { name: "team", repoCount: 5 },
      ...Array.from({ length: EXTRA }, (_, i) => ({ name: `proj-${String(i).padStart(2, "0")}`, public: i % 2 === 0, repoCount: i })),
    ],
    policies: [
      {
        project: "library",
        name: "library-hook",
        description: "seeded",
        enabled: true,
        eventTypes: [events[0], events[1]],
        targets: [{ type: "http", address: "https://hooks.example.com/library", authHeader: "Bearer seeded" }],
      },
    ],
  };
}

/** The value of a result that must be ok; otherwise a failure that names the call and Harbor's error. */
export function ok<T>(what: string, r: HarborResult<T>): T {
  if (!r.ok) expect.fail(`${what} failed: ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

/** What the tour expects of a version: its parsed number, 2.x or not, executions (2.8+) or not. */
export function generationFacts(version: string, generation: ApiGeneration) {
  return { v: parseHarborVersion(version)!, twoX: generation !== "v1", execs: generation === "v2.8" || generation === "v2.13" };
}

/** Every public function of the client that applies to the generation, in the order a console uses them. */
export async function driveClient(client: HarborClient, version: string, generation: ApiGeneration): Promise<void> {
  const { v, twoX } = generationFacts(version, generation);
  await tourSystem(client, version, generation);
  const { team, library } = await tourProjects(client, generation);
  await tourWebhooks({ client, version, generation, team, library });

  // Robot expiry (robot accounts v2, 2.2+): the system admin sees the registered robot's expiry.
  const expiry = await getRobotExpiry({ client, name: "robot$fleet" });
  if (twoX && v.minor >= 2) expect(ok("getRobotExpiry", expiry)).toEqual({ kind: "expires", at: new Date(ROBOT_EXPIRES_AT * 1000), disabled: false });
  else expect(!expiry.ok && expiry.error).toMatchObject({ kind: "unsupported_version", requestId: "" });

  const report = await testConnection({ client });
  expect(report).toMatchObject({
    ok: true,
    reachable: true,
    version,
    generation,
    credential: "valid",
    principal: { kind: "user", name: "admin", sysadmin: true },
    error: null,
  });
  expect(report.checks.map((c) => c.status)).not.toContain("failed");
}

/** Version, system information, health, statistics, what upgrade pre-flight reads, the current user, Read Only. */
async function tourSystem(client: HarborClient, version: string, generation: ApiGeneration): Promise<void> {
  const { v, twoX } = generationFacts(version, generation);
  // Version: detected afresh, then served from the cache without a request.
  expect(ok("detectVersion", await detectVersion({ client }))).toEqual({ generation, version });
  const cached = await resolveVersion({ client });
  expect(cached).toEqual({ ok: true, value: { generation, version }, requestId: "" });

  const info = ok("getSystemInfo", await getSystemInfo({ client }));
  expect(info.harbor_version).toMatch(new RegExp(`^v${version.replace(/\./g, "\\.")}-[0-9a-f]{8}$`));
  expect(info.auth_mode).toBe("db_auth");
  expect(info.has_ca_root).toBe(client.baseUrl.startsWith("https:"));

  const health = ok("getHealth", await getHealth({ client }));
  expect(health.status).toBe("healthy");
  expect(health.components.map((c) => c.name)).toEqual(expect.arrayContaining(["core", "database", "registry"]));

  const stats = ok("getStatistics", await getStatistics({ client }));
  expect(stats.total_project_count).toBe(PROJECT_COUNT);
  expect(stats.public_project_count).toBe(1 + EXTRA / 2);

  // What upgrade pre-flight reads: GC runs and the local volume (system administrators only).
  const gc = ok("listGcRuns", await listGcRuns({ client }));
  expect(gc.map((r) => r.job_status?.toLowerCase())).toEqual(["success"]);
  expect(ok("listReplicationExecutions", await listReplicationExecutions({ client, status: "InProgress" }))).toEqual([]);
  expect(ok("listReplicationExecutions", await listReplicationExecutions({ client })).map((e) => e.status)).toEqual(["Succeed"]);
  const volumes = ok("getVolumes", await getVolumes({ client }));
  expect(volumes.storage?.[0]).toMatchObject({ total: 500 * 2 ** 30, free: 320 * 2 ** 30 });
  const scanAll = await getScanAllMetrics({ client });
  if (v.major === 1 && v.minor < 10) expect(scanAll.ok ? "ok" : scanAll.error.kind).toBe("unsupported_version");
  else {
    const metrics = ok("getScanAllMetrics", scanAll);
    expect(metrics).toMatchObject({ total: 40, completed: 40 });
    expect(metrics.ongoing).toBe(twoX && v.minor >= 3 ? false : undefined);
  }

  const me = ok("getCurrentUser", await getCurrentUser({ client }));
  expect(me.username).toBe("admin");
  expect(me.user_id).toBe(1);
  expect(twoX ? me.sysadmin_flag : me.has_admin_role).toBe(true);

  expect(ok("ping", await ping({ client })).latencyMs).toBeGreaterThanOrEqual(0);

  // Repository Read Only, as an upgrade's runbook step switches it: configurations and systeminfo follow the change.
  expect(ok("getReadOnly", await getReadOnly({ client }))).toEqual({ readOnly: false });
  expect(ok("setReadOnly", await setReadOnly({ client, readOnly: true }))).toEqual({ readOnly: true });
  expect(ok("getReadOnly", await getReadOnly({ client }))).toEqual({ readOnly: true });
  const ro = ok("getSystemInfo", await getSystemInfo({ client }));
  if (v.major === 2 ? v.minor >= 1 : v.minor >= 10) expect(ro.read_only).toBe(true);
  ok("setReadOnly", await setReadOnly({ client, readOnly: false }));
  expect(ok("getReadOnly", await getReadOnly({ client }))).toEqual({ readOnly: false });
}

/** Projects: one page with a name filter, every page, one by id and by name; the admin's permissions in one. */
async function tourProjects(client: HarborClient, generation: ApiGeneration): Promise<{ team: THarborProject; library: THarborProject }> {
  const twoX = generation !== "v1";
  // Projects: one page with a name filter, every page, one by id and by name.
  const page = ok("listProjects", await listProjects({ client, page: 2, pageSize: 5, name: "proj" }));
  expect(page).toMatchObject({ page: 2, pageSize: 5, total: EXTRA });
  expect(page.items.map((p) => p.name)).toEqual(["proj-05", "proj-06", "proj-07", "proj-08", "proj-09"]);
  const all = ok("listAllProjects", await listAllProjects({ client }));
  expect(all.items).toHaveLength(PROJECT_COUNT);
  expect(all).toMatchObject({ total: PROJECT_COUNT, truncated: false });
  const team = all.items.find((p) => p.name === "team")!;
  const library = all.items.find((p) => p.name === "library")!;
  expect(team.metadata?.public).toBe("false");
  expect(ok("getProject by id", await getProject({ client, project: team.project_id }))).toMatchObject({ name: "team", repo_count: 5 });
  expect(ok("getProject by name", await getProject({ client, project: "team" }))).toMatchObject({ project_id: team.project_id });

  if (twoX) {
    const perms = ok("getCurrentUserPermissions", await getCurrentUserPermissions({ client, scope: `/project/${team.project_id}`, relative: true }));
    expect(perms).toContainEqual({ resource: "notification-policy", action: "create" });
  }
  return { team, library };
}
