/**
 * The Harbor client against the simulator, one instance per spec tag: every public function that applies
 * to the generation succeeds, and every exchange it caused matches the official spec of that version
 * (requests and responses), carries Basic auth and an X-Request-Id, and never a cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHarborClient,
  createWebhookPolicy,
  deleteWebhookPolicy,
  detectVersion,
  getCurrentUser,
  getCurrentUserPermissions,
  getHealth,
  getLastTrigger,
  getProject,
  getReadOnly,
  getRobotExpiry,
  getStatistics,
  getSupportedEventTypes,
  getSystemInfo,
  getTaskLog,
  getScanAllMetrics,
  getVolumes,
  getWebhookJob,
  getWebhookPolicy,
  listAllProjects,
  listExecutions,
  listGcRuns,
  listProjects,
  listReplicationExecutions,
  listTasks,
  listWebhookJobs,
  listWebhookPolicies,
  ping,
  resolveVersion,
  setReadOnly,
  testConnection,
  updateWebhookPolicy,
  type HarborClient,
  type HarborResult,
} from "@/lib/harbor";
import { webhookEventTypes, type ApiGeneration } from "@/lib/harbor/facts";
import { parseHarborVersion } from "@/lib/releases";
import { startHarborSim, type HarborSim, type SimInstanceSpec } from "@/test/harbor-sim";
import { contractProblems, exchangesOf, wireProblems } from "../support/harbor-exchanges";

const ADMIN = { username: "admin", password: "Harbor12345" };

const VERSIONS: { version: string; generation: ApiGeneration; tls: boolean }[] = [
  { version: "1.9.4", generation: "v1", tls: false },
  { version: "1.10.19", generation: "v1", tls: true },
  { version: "2.0.0", generation: "v2.0", tls: false },
  { version: "2.5.6", generation: "v2.3", tls: true },
  { version: "2.7.4", generation: "v2.3", tls: false },
  { version: "2.8.6", generation: "v2.8", tls: false },
  { version: "2.11.2", generation: "v2.8", tls: true },
  { version: "2.15.2", generation: "v2.13", tls: false },
];

/** library (public, one seeded policy), team (private, where the test creates), 12 "proj-N" projects. */
const EXTRA = 12;
const ROBOT_EXPIRES_AT = Math.floor(Date.now() / 1000) + 5 * 86_400;
const PROJECT_COUNT = 2 + EXTRA;

function instanceSpec(version: string, tls: boolean): SimInstanceSpec {
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

/** Exchanges the tour produces per generation (legacy ones resolve names through the project list). */
const MIN_VALIDATED: Record<ApiGeneration, number> = { v1: 25, "v2.0": 26, "v2.3": 24, "v2.8": 27, "v2.13": 27 };

let sim: HarborSim;

beforeAll(async () => {
  sim = await startHarborSim({ record: true, instances: VERSIONS.map(({ version, tls }) => instanceSpec(version, tls)) });
});
afterAll(() => sim?.stop());

/** The value of a result that must be ok; otherwise a failure that names the call and Harbor's error. */
function ok<T>(what: string, r: HarborResult<T>): T {
  if (!r.ok) expect.fail(`${what} failed: ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

async function driveClient(client: HarborClient, version: string, generation: ApiGeneration): Promise<void> {
  const v = parseHarborVersion(version)!;
  const twoX = generation !== "v1";
  const execs = generation === "v2.8" || generation === "v2.13";

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

  // Webhooks: metadata, the seeded policy (by name), then create → get → update → history → delete.
  const events = ok("getSupportedEventTypes", await getSupportedEventTypes({ client, project: team.project_id }));
  expect(events.source).toBe(twoX ? "server" : "facts");
  expect(events.eventTypes.map((e) => e.name).sort()).toEqual([...webhookEventTypes(v)].filter((e) => !(execs && /CHART/.test(e))).sort());
  expect(events.notifyTypes).toEqual(twoX ? ["http", "slack"] : ["http"]);
  expect(events.payloadFormats).toEqual([{ notifyType: "http", formats: execs ? ["Default", "CloudEvents"] : ["Default"] }]);

  const seeded = ok("listWebhookPolicies library", await listWebhookPolicies({ client, project: "library" }));
  expect(seeded).toHaveLength(1);
  expect(seeded[0]).toMatchObject({ name: "library-hook", project_id: library.project_id, enabled: true, description: "seeded" });
  expect(seeded[0].targets[0]).toMatchObject({ address: "https://hooks.example.com/library", auth_header: "Bearer seeded" });

  const name = `contract-${version}`;
  const created = ok(
    "createWebhookPolicy",
    await createWebhookPolicy({
      client,
      project: team.project_id,
      policy: {
        name,
        description: "made by the contract test",
        enabled: true,
        eventTypes: ["PUSH_ARTIFACT", "PULL_ARTIFACT"],
        targets: [
          {
            type: "http",
            address: "https://hooks.example.com/team",
            authHeader: "Bearer t0k",
            skipCertVerify: false,
            ...(execs ? { payloadFormat: "CloudEvents" as const } : {}),
          },
        ],
      },
    }),
  );
  expect(created.id).toBeGreaterThan(0);
  const policyId = created.id;

  const got = ok("getWebhookPolicy", await getWebhookPolicy({ client, project: team.project_id, policyId }));
  expect(got).toMatchObject({ id: policyId, name, project_id: team.project_id, enabled: true, description: "made by the contract test", creator: "admin" });
  expect(got.event_types).toEqual(twoX ? ["PUSH_ARTIFACT", "PULL_ARTIFACT"] : ["pushImage", "pullImage"]);
  expect(got.targets).toHaveLength(1);
  expect(got.targets[0]).toMatchObject({ type: "http", address: "https://hooks.example.com/team", auth_header: "Bearer t0k" });
  expect(got.targets[0].payload_format ?? null).toBe(execs ? "CloudEvents" : null);

  ok(
    "updateWebhookPolicy",
    await updateWebhookPolicy({
      client,
      project: "team",
      policyId,
      changes: { description: "updated", eventTypes: ["PUSH_ARTIFACT"] },
      ifUpdateTime: got.update_time ?? null,
    }),
  );
  const listed = ok("listWebhookPolicies team", await listWebhookPolicies({ client, project: team.project_id }));
  expect(listed).toHaveLength(1);
  expect(listed[0]).toMatchObject({ id: policyId, name, description: "updated", enabled: true, creator: "admin", creation_time: got.creation_time });
  expect(listed[0].event_types).toEqual(twoX ? ["PUSH_ARTIFACT"] : ["pushImage"]);
  expect(listed[0].targets[0].auth_header).toBe("Bearer t0k");

  // Delivery history: jobs and last triggers on every version (deprecated views from 2.8), executions from 2.8.
  const jobs = ok("listWebhookJobs", await listWebhookJobs({ client, project: team.project_id, policyId }));
  expect(jobs.items.length).toBeGreaterThan(0);
  expect(jobs.items.every((j) => j.policy_id === policyId)).toBe(true);
  // One record again, for a redelivery (2.3+ by `q=id=N`): the body Harbor kept (docs/harbor/api.md §7.6).
  const one = ok("getWebhookJob", await getWebhookJob({ client, project: team.project_id, policyId, jobId: jobs.items[1].id }));
  expect(one).toMatchObject({ id: jobs.items[1].id, policy_id: policyId, notify_type: "http" });
  expect(JSON.parse(one?.job_detail ?? "{}")).toMatchObject(execs ? { specversion: "1.0" } : { type: twoX ? "PUSH_ARTIFACT" : "pushImage" });
  expect(ok("getWebhookJob of another policy's id", await getWebhookJob({ client, project: team.project_id, policyId, jobId: 424_242 }))).toBeNull();
  const triggers = ok("getLastTrigger", await getLastTrigger({ client, project: team.project_id }));
  expect(triggers.length).toBeGreaterThan(0);
  expect(triggers[0].event_type).toBe(twoX ? "PUSH_ARTIFACT" : "pushImage");
  if (execs) {
    const ex = ok("listExecutions", await listExecutions({ client, project: team.project_id, policyId, sort: "-id" }));
    expect(ex.total).toBe(3);
    expect(ex.items[0]).toMatchObject({ vendor_type: "WEBHOOK", vendor_id: policyId, trigger: "EVENT" });
    const executionId = ex.items[0].id;
    const tasks = ok("listTasks", await listTasks({ client, project: team.project_id, policyId, executionId }));
    expect(tasks.items).toHaveLength(1);
    expect(tasks.items[0].execution_id).toBe(executionId);
    const log = ok("getTaskLog", await getTaskLog({ client, project: "team", policyId, executionId, taskId: tasks.items[0].id }));
    expect(log).toContain(`policy ${policyId}`);
  } else {
    const refused = await listExecutions({ client, project: team.project_id, policyId });
    expect(!refused.ok && refused.error).toMatchObject({ kind: "unsupported_version", requestId: "" });
  }

  expect(ok("deleteWebhookPolicy", await deleteWebhookPolicy({ client, project: team.project_id, policyId }))).toEqual({ id: policyId });
  expect(ok("listWebhookPolicies after delete", await listWebhookPolicies({ client, project: team.project_id }))).toEqual([]);

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

describe("Harbor client ↔ simulator, validated against the official specs", () => {
  it.each(VERSIONS)("Harbor $version ($generation)", async ({ version, generation, tls }) => {
    const inst = sim.get(version);
    expect(inst.baseUrl.startsWith("https://")).toBe(tls);
    const from = sim.exchanges.length;
    const client = createHarborClient({
      baseUrl: inst.baseUrl,
      credentials: ADMIN,
      ca: tls ? sim.caPem : null,
      maxRetries: 0,
      outbound: { allow: ["127.0.0.0/8"] },
    });
    try {
      await driveClient(client, version, generation);
    } finally {
      await client.close();
    }

    const mine = exchangesOf(sim.exchanges, version, from);
    expect(mine.every((e) => !e.fault)).toBe(true);
    // Every call above succeeded, so every answer is a 2xx, except 1.x's 404 on /api/version (how 1.x is detected).
    const notOk = mine.filter((e) => e.status >= 300).map((e) => `${e.method} ${e.path} → ${e.status}`);
    expect(notOk).toEqual(generation === "v1" ? ["GET /api/version → 404", "GET /api/version → 404"] : []);
    expect(wireProblems(mine)).toEqual([]);
    // Harbor set a sid cookie on every answer; the client never sent it back (checked above).
    expect(mine.every((e) => /^sid=/.test(e.responseHeaders["set-cookie"] ?? ""))).toBe(true);

    const { validated, problems } = await contractProblems(mine);
    if (problems.length) console.error(`${version}: ${problems.length} contract problem(s):\n${problems.join("\n")}`);
    expect(problems).toEqual([]);
    expect(validated).toBeGreaterThanOrEqual(MIN_VALIDATED[generation]);
    // The spec-relevant route families were all exercised.
    const paths = new Set(
      mine.map((e) => `${e.method} ${e.path.replace(/\/\d+(?=\/|$)/g, "/{id}").replace(/\/projects\/(team|library)(?=\/|$)/, "/projects/{id}")}`),
    );
    const base = generation === "v1" ? "/api" : "/api/v2.0";
    if (generation !== "v1" && generation !== "v2.0") expect(paths, `${version}: GET /robots`).toContain("GET /api/v2.0/robots");
    for (const p of [
      "GET /systeminfo",
      "GET /health",
      "GET /statistics",
      "GET /users/current",
      "GET /projects",
      "GET /projects/{id}",
      "GET /projects/{id}/webhook/policies",
      "POST /projects/{id}/webhook/policies",
      "GET /projects/{id}/webhook/policies/{id}",
      "PUT /projects/{id}/webhook/policies/{id}",
      "DELETE /projects/{id}/webhook/policies/{id}",
      "GET /projects/{id}/webhook/jobs",
      "GET /projects/{id}/webhook/lasttrigger",
    ]) {
      const [m, path] = p.split(" ");
      expect(paths, `${version}: ${p}`).toContain(`${m} ${base}${path}`);
    }
  });
});
