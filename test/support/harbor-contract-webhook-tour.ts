/** The webhook part of the contract tour (harbor-contract-tour.ts): metadata, the seeded policy, then create → get → update → history → delete. */
import { expect } from "vitest";
import {
  createWebhookPolicy,
  deleteWebhookPolicy,
  getLastTrigger,
  getSupportedEventTypes,
  getTaskLog,
  getWebhookJob,
  getWebhookPolicy,
  type HarborClient,
  listExecutions,
  listTasks,
  listWebhookJobs,
  listWebhookPolicies,
  type THarborProject,
  updateWebhookPolicy,
} from "@/lib/harbor";
import { webhookEventTypes, type ApiGeneration } from "@/lib/harbor/facts";
import { generationFacts, ok } from "./harbor-contract-tour";

export async function tourWebhooks({
  client,
  version,
  generation,
  team,
  library,
}: {
  client: HarborClient;
  version: string;
  generation: ApiGeneration;
  team: THarborProject;
  library: THarborProject;
}): Promise<void> {
  const { v, twoX, execs } = generationFacts(version, generation);
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
}
