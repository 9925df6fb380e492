import { describe, expect, it } from "vitest";
import { getSupportedEventTypes, updateWebhookPolicy } from "@/lib/harbor/webhooks";
import { fakeClient, known, notFound } from "./fake";
import { stored } from "./webhook-policy-fixtures";

describe("updateWebhookPolicy: GET → merge → PUT the full object", () => {
  it("keeps enabled, creator, creation_time, description and auth_header; applies the change", async () => {
    const { client, calls } = fakeClient((req) => (req.method === "GET" ? { body: stored } : { body: "" }), { known: known("v2.8", "2.11.2") });
    const r = await updateWebhookPolicy({ client, project: 3, policyId: 7, changes: { eventTypes: ["PUSH_ARTIFACT", "PULL_ARTIFACT"] } });
    expect(r.ok).toBe(true);
    const put = calls.find((c) => c.method === "PUT")!;
    expect(put.path).toBe("/api/v2.0/projects/3/webhook/policies/7");
    expect(put.body).toEqual({
      id: 7,
      project_id: 3,
      name: "ci",
      description: "notify CI",
      targets: [{ type: "http", address: "https://ci.example.com/hook", auth_header: "Bearer s3cret", skip_cert_verify: false, payload_format: "Default" }],
      event_types: ["PUSH_ARTIFACT", "PULL_ARTIFACT"],
      creator: "alice",
      creation_time: "2024-05-01T10:00:00Z",
      enabled: true,
    });
  });

  it("disabling sends enabled: false explicitly; replacing targets keeps or clears auth_header as asked", async () => {
    const { client, calls } = fakeClient((req) => (req.method === "GET" ? { body: stored } : { body: "" }), { known: known("v2.3", "2.5.6") });
    await updateWebhookPolicy({
      client,
      project: 3,
      policyId: 7,
      changes: { enabled: false, targets: [{ type: "http", address: "https://ci.example.com/hook" }] },
    });
    await updateWebhookPolicy({
      client,
      project: 3,
      policyId: 7,
      changes: { targets: [{ type: "http", address: "https://ci.example.com/hook", authHeader: null }] },
    });
    const puts = calls.filter((c) => c.method === "PUT").map((c) => c.body as { enabled: boolean; targets: object[] });
    expect(puts[0].enabled).toBe(false);
    expect(puts[0].targets[0]).toEqual({ type: "http", address: "https://ci.example.com/hook", auth_header: "Bearer s3cret", skip_cert_verify: false });
    expect(puts[1].targets[0]).not.toHaveProperty("auth_header");
  });

  it("a kept auth header never follows a target to a new address (review F1)", async () => {
    const { client, calls } = fakeClient((req) => (req.method === "GET" ? { body: stored } : { body: "" }), { known: known("v2.3", "2.5.6") });
    await updateWebhookPolicy({ client, project: 3, policyId: 7, changes: { targets: [{ type: "http", address: "https://attacker.example/steal" }] } });
    const put = calls.find((c) => c.method === "PUT")!.body as { targets: object[] };
    expect(put.targets[0]).toEqual({ type: "http", address: "https://attacker.example/steal", skip_cert_verify: false });
  });

  it("refuses to overwrite a policy changed since it was loaded", async () => {
    const { client, calls } = fakeClient(() => ({ body: stored }), { known: known("v2.8", "2.11.2") });
    const r = await updateWebhookPolicy({ client, project: 3, policyId: 7, changes: { enabled: false }, ifUpdateTime: "2024-01-01T00:00:00Z" });
    expect(!r.ok && r.error.kind).toBe("conflict");
    expect(calls.some((c) => c.method === "PUT")).toBe(false);
  });

  it("a missing policy → not_found, nothing PUT", async () => {
    const { client, calls } = fakeClient(() => notFound, { known: known("v2.8", "2.11.2") });
    const r = await updateWebhookPolicy({ client, project: 3, policyId: 8, changes: { enabled: true } });
    expect(!r.ok && r.error.kind).toBe("not_found");
    expect(calls).toHaveLength(1);
  });
});

describe("getSupportedEventTypes", () => {
  it("1.x: from facts, no request", async () => {
    const { client, calls } = fakeClient(() => notFound, { known: known("v1", "1.10.19") });
    const r = await getSupportedEventTypes({ client, project: 3 });
    expect(calls).toHaveLength(0);
    expect(r.ok && r.value.source).toBe("facts");
    expect(r.ok && r.value.eventTypes.map((e) => e.name)).toContain("projectQuota");
    expect(r.ok && r.value.eventTypes.find((e) => e.name === "pushImage")?.canonical).toBe("PUSH_ARTIFACT");
    expect(r.ok && r.value.payloadFormats).toEqual([{ notifyType: "http", formats: ["Default"] }]);
  });

  it("2.0–2.7: the server's list, sorted by label; only Default payloads", async () => {
    const { client, calls } = fakeClient(
      () => ({ body: { event_type: ["SCANNING_FAILED", "PUSH_ARTIFACT", "DELETE_CHART"], notify_type: ["slack", "http"] } }),
      { known: known("v2.3", "2.5.6") },
    );
    const r = await getSupportedEventTypes({ client, project: 3 });
    expect(calls[0].path).toBe("/api/v2.0/projects/3/webhook/events");
    expect(r.ok && r.value.eventTypes.map((e) => e.label)).toEqual(["Artifact pushed", "Chart deleted", "Scanning failed"]);
    expect(r.ok && r.value.notifyTypes).toEqual(["http", "slack"]);
    expect(r.ok && r.value.payloadFormats).toEqual([{ notifyType: "http", formats: ["Default"] }]);
  });

  it("2.8+: payload formats from the server", async () => {
    const body = {
      event_type: ["PUSH_ARTIFACT"],
      notify_type: ["http", "slack"],
      payload_formats: [{ notify_type: "http", formats: ["Default", "CloudEvents"] }],
    };
    const { client } = fakeClient(() => ({ body }), { known: known("v2.8", "2.11.2") });
    const r = await getSupportedEventTypes({ client, project: 3 });
    expect(r.ok && r.value.payloadFormats).toEqual([{ notifyType: "http", formats: ["Default", "CloudEvents"] }]);
  });
});
