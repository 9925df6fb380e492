import { describe, expect, it } from "vitest";
import { getLastTrigger, getTaskLog, listExecutions, listTasks, listWebhookJobs } from "@/lib/harbor/webhook-history";
import { fakeClient, known } from "./fake";

const job = { id: 1, policy_id: 7, event_type: "pushImage", notify_type: "http", status: "finished", job_detail: "{}", creation_time: "2019-10-10T10:10:10Z" };
const execution = {
  id: 11,
  vendor_type: "WEBHOOK",
  vendor_id: 7,
  status: "Success",
  trigger: "EVENT",
  extra_attrs: { event_type: "PUSH_ARTIFACT" },
  start_time: "2024-01-01T00:00:00Z",
};
const task = { id: 21, execution_id: 11, status: "Success", run_count: 1 };

describe("before 2.8: jobs and last trigger", () => {
  it("legacy jobs take only policy_id", async () => {
    const { client, calls } = fakeClient(() => ({ body: [job] }), { known: known("v1", "1.10.19") });
    const r = await listWebhookJobs({ client, project: 3, policyId: 7, page: 2, pageSize: 20, status: ["error"] });
    expect(calls[0].path).toBe("/api/projects/3/webhook/jobs");
    expect(calls[0].query).toEqual({ policy_id: "7" });
    expect(r.ok && r.value.items).toHaveLength(1);
  });

  it("2.3+ jobs are paginated and may filter by status", async () => {
    const { client, calls } = fakeClient(() => ({ body: [job], headers: { "x-total-count": "40" } }), { known: known("v2.3", "2.5.6") });
    const r = await listWebhookJobs({ client, project: 3, policyId: 7, page: 2, pageSize: 500, status: ["error", "finished"] });
    expect(calls[0].query).toEqual({ policy_id: "7", page: "2", page_size: "100", status: ["error", "finished"] });
    expect(r.ok && r.value.total).toBe(40);
  });

  it("last trigger per project", async () => {
    const { client, calls } = fakeClient(() => ({ body: [{ event_type: "PUSH_ARTIFACT", enabled: true, last_trigger_time: "2024-01-01T00:00:00Z" }] }), {
      known: known("v2.0", "2.0.0"),
    });
    const r = await getLastTrigger({ client, project: 3 });
    expect(calls[0].path).toBe("/api/v2.0/projects/3/webhook/lasttrigger");
    expect(r.ok && r.value[0].event_type).toBe("PUSH_ARTIFACT");
  });
});

describe("2.8+: executions, tasks, log", () => {
  it("refuses before 2.8 without a request", async () => {
    const { client, calls } = fakeClient(() => ({ body: [] }), { known: known("v2.3", "2.7.4") });
    const r = await listExecutions({ client, project: 3, policyId: 7 });
    expect(!r.ok && r.error.kind).toBe("unsupported_version");
    expect(!r.ok && r.error.message).toMatch(/Harbor 2\.7\.4 has no webhook executions/);
    expect(calls).toHaveLength(0);
  });

  it("builds the execution, task and log paths", async () => {
    const { client, calls } = fakeClient(
      (req) =>
        req.path.endsWith("/log")
          ? { raw: true, body: "delivered: 200 OK" }
          : req.path.endsWith("/tasks")
            ? { body: [task], headers: { "x-total-count": "1" } }
            : { body: [execution], headers: { "x-total-count": "1" } },
      { known: known("v2.13", null) },
    );
    const e = await listExecutions({ client, project: "library", policyId: 7, sort: "-id" });
    const t = await listTasks({ client, project: "library", policyId: 7, executionId: 11 });
    const log = await getTaskLog({ client, project: "library", policyId: 7, executionId: 11, taskId: 21 });
    expect(calls.map((c) => c.path)).toEqual([
      "/api/v2.0/projects/library/webhook/policies/7/executions",
      "/api/v2.0/projects/library/webhook/policies/7/executions/11/tasks",
      "/api/v2.0/projects/library/webhook/policies/7/executions/11/tasks/21/log",
    ]);
    expect(calls[0].query).toEqual({ page: "1", page_size: "10", sort: "-id" });
    expect(calls.every((c) => c.headers["x-is-resource-name"] === "true")).toBe(true);
    expect(e.ok && e.value.items[0].extra_attrs).toEqual({ event_type: "PUSH_ARTIFACT" });
    expect(t.ok && t.value.items[0].id).toBe(21);
    expect(log.ok && log.value).toBe("delivered: 200 OK");
    expect(calls[2].headers.accept).toMatch(/text\/plain/);
  });

  it("throws on invalid ids (programmer error)", async () => {
    const { client } = fakeClient(() => ({ body: [] }), { known: known("v2.8") });
    await expect(listTasks({ client, project: 3, policyId: 7, executionId: -1 })).rejects.toThrow();
  });
});
