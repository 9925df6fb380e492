/**
 * Every request the client sends, for every spec tag, checked with the contract validator against that
 * version's official spec (paths, methods, parameters, headers, bodies). /api/version is the one request
 * outside the specs (docs/harbor/api.md §1: the 1.x/2.x probe).
 */
import { describe, expect, it } from "vitest";
import * as harbor from "@/lib/harbor";
import { createHarborClient } from "@/lib/harbor/transport";
import { loadSpec, SPEC_FILES, validateRequest } from "../../contract/spec-validator";
import { ADMIN, fakeHarbor, ORIGIN, type FakeReply, type FakeRequest } from "./fake";

const policy = {
  id: 7,
  project_id: 3,
  name: "ci",
  description: "",
  targets: [{ type: "http", address: "https://ci.example.com/hook", auth_header: "Bearer x", skip_cert_verify: false }],
  event_types: ["PUSH_ARTIFACT"],
  creator: "admin",
  creation_time: "2024-05-01T10:00:00Z",
  update_time: "2024-05-02T10:00:00Z",
  enabled: true,
};

function routes(version: string) {
  const v1 = version.startsWith("1.");
  return (req: FakeRequest): FakeReply => {
    const p = req.path.replace(/^\/api(\/v2\.0)?/, "");
    if (req.path === "/api/version") return v1 ? { status: 404 } : { body: { version: "v2.0" } };
    if (p === "/systeminfo") return { body: { harbor_version: `v${version}-abcdef12`, auth_mode: "db_auth", notification_enable: true } };
    if (p === "/ping") return { raw: true, body: "Pong" };
    if (p === "/health") return { body: { status: "healthy", components: [] } };
    if (p === "/statistics") return { body: { private_project_count: 1 } };
    if (p === "/users/current") return { body: { user_id: 1, username: "admin", sysadmin_flag: true } };
    if (p === "/users/current/permissions") return { body: [] };
    if (p === "/projects") return { body: [{ project_id: 3, name: "library" }], headers: { "x-total-count": "1" } };
    if (/^\/projects\/[^/]+$/.test(p)) return { body: { project_id: 3, name: "library" } };
    if (p.endsWith("/webhook/policies") && req.method === "POST") return { status: 201, headers: { location: `${req.path}/8` } };
    if (p.endsWith("/webhook/policies")) return { body: v1 ? [] : [policy], headers: { "x-total-count": v1 ? "0" : "1" } };
    if (/\/webhook\/policies\/\d+$/.test(p)) return req.method === "GET" ? { body: policy } : { body: "" };
    if (p.endsWith("/webhook/events"))
      return {
        body: {
          event_type: ["PUSH_ARTIFACT"],
          notify_type: ["http", "slack"],
          payload_formats: [{ notify_type: "http", formats: ["Default", "CloudEvents"] }],
        },
      };
    if (p.endsWith("/webhook/jobs") || p.endsWith("/webhook/lasttrigger")) return { body: [] };
    if (p.endsWith("/executions") || p.endsWith("/tasks")) return { body: [], headers: { "x-total-count": "0" } };
    if (p.endsWith("/log")) return { raw: true, body: "ok" };
    return { status: 404 };
  };
}

async function exercise(version: string) {
  const { agent, calls } = fakeHarbor(routes(version));
  const client = createHarborClient({ baseUrl: ORIGIN, credentials: ADMIN, dispatcher: agent });
  const results: { name: string; ok: boolean }[] = [];
  const run = async (name: string, p: Promise<{ ok: boolean }>) => results.push({ name, ok: (await p).ok });
  const pf = !version.startsWith("1.") && Number(version.split(".")[1]) >= 8;
  await run("detect", harbor.detectVersion({ client }));
  await run("ping", harbor.ping({ client }));
  await run("systeminfo", harbor.getSystemInfo({ client }));
  await run("health", harbor.getHealth({ client }));
  await run("statistics", harbor.getStatistics({ client }));
  await run("user", harbor.getCurrentUser({ client }));
  await run("permissions", harbor.getCurrentUserPermissions({ client, scope: "/project/3", relative: true }));
  await run("projects", harbor.listProjects({ client, name: "lib", public: true, page: 2, pageSize: 1000 }));
  await run("all projects", harbor.listAllProjects({ client }));
  await run("project by id", harbor.getProject({ client, project: 3 }));
  await run("project by name", harbor.getProject({ client, project: "library" }));
  for (const project of [3, "library"] as const) {
    await run("policies", harbor.listWebhookPolicies({ client, project }));
    await run("policy", harbor.getWebhookPolicy({ client, project, policyId: 7 }));
    await run("events", harbor.getSupportedEventTypes({ client, project }));
    await run("jobs", harbor.listWebhookJobs({ client, project, policyId: 7, status: ["error"], pageSize: 20 }));
    await run("lasttrigger", harbor.getLastTrigger({ client, project }));
  }
  const target = { type: "http" as const, address: "https://ci.example.com/hook", payloadFormat: pf ? ("CloudEvents" as const) : undefined };
  const targets = version.startsWith("1.") ? [target] : [target, { type: "slack" as const, address: "https://hooks.slack.com/x" }];
  await run(
    "create",
    harbor.createWebhookPolicy({ client, project: 3, policy: { name: "ci", description: "d", enabled: true, eventTypes: ["PUSH_ARTIFACT"], targets } }),
  );
  await run("update", harbor.updateWebhookPolicy({ client, project: 3, policyId: 7, changes: { enabled: false } }));
  await run("update targets", harbor.updateWebhookPolicy({ client, project: 3, policyId: 7, changes: { targets } }));
  await run("delete", harbor.deleteWebhookPolicy({ client, project: 3, policyId: 7 }));
  if (pf) {
    await run("executions", harbor.listExecutions({ client, project: "library", policyId: 7, sort: "-id" }));
    await run("tasks", harbor.listTasks({ client, project: 3, policyId: 7, executionId: 1 }));
    await run("log", harbor.getTaskLog({ client, project: 3, policyId: 7, executionId: 1, taskId: 2 }));
  }
  await run(
    "probe",
    harbor.testConnection({ client }).then((r) => ({ ok: r.ok })),
  );
  return { calls, results };
}

describe("contract: every request matches the version's spec", () => {
  it.each(Object.keys(SPEC_FILES))(
    "Harbor %s",
    async (version) => {
      const spec = await loadSpec(version);
      const { calls, results } = await exercise(version);
      expect(results.filter((r) => !r.ok)).toEqual([]);
      const problems = calls
        .filter((c) => c.path !== "/api/version")
        .flatMap((c) =>
          validateRequest(spec, {
            method: c.method,
            path: c.path,
            query: c.query,
            requestHeaders: c.headers,
            requestBody: c.body,
            status: 200,
            responseHeaders: {},
            responseBody: undefined,
          }),
        );
      expect(problems).toEqual([]);
      expect(calls.length).toBeGreaterThan(20);
    },
    60_000,
  );
});
