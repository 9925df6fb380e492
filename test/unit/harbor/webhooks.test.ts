import { describe, expect, it } from "vitest";
import { createWebhookPolicy, deleteWebhookPolicy, getWebhookPolicy, idFromLocation, listWebhookPolicies } from "@/lib/harbor/webhooks";
import type { WebhookPolicyInput } from "@/lib/harbor/webhook-body";
import { fakeClient, known, type FakeRequest } from "./fake";
import { input, stored } from "./webhook-policy-fixtures";

describe("policy routes per generation", () => {
  it.each([
    ["v1", "1.10.19", "/api/projects/3/webhook/policies"],
    ["v2.0", "2.0.0", "/api/v2.0/projects/3/webhook/policies"],
    ["v2.3", "2.5.6", "/api/v2.0/projects/3/webhook/policies"],
  ] as const)("%s lists at %s", async (g, v, path) => {
    const { client, calls } = fakeClient(() => ({ body: [stored], headers: { "x-total-count": "1" } }), { known: known(g, v) });
    const r = await listWebhookPolicies({ client, project: 3 });
    expect(r.ok && r.value[0]).toMatchObject({ id: 7, unknown_future_field: 1 });
    expect(calls[0].path).toBe(path);
    // legacy lists take no parameters; 2.3+ pages at 100 and never sends sort/q
    expect(calls[0].query).toEqual(g === "v2.3" ? { page: "1", page_size: "100" } : {});
  });

  it("2.3+ follows pages; by name sends X-Is-Resource-Name only where the spec has it", async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ ...stored, id: i + 1 }));
    const { client, calls } = fakeClient(
      (req) => ({ body: many.slice((Number(req.query.page) - 1) * 100, Number(req.query.page) * 100), headers: { "x-total-count": "130" } }),
      {
        known: known("v2.8", "2.11.2"),
      },
    );
    const r = await listWebhookPolicies({ client, project: "library" });
    expect(r.ok && r.value.length).toBe(130);
    expect(calls.map((c) => c.path)).toEqual(["/api/v2.0/projects/library/webhook/policies", "/api/v2.0/projects/library/webhook/policies"]);
    expect(calls.every((c) => c.headers["x-is-resource-name"] === "true")).toBe(true);
  });

  it("by name on 1.x resolves the id first, and sends no X-Is-Resource-Name", async () => {
    const { client, calls } = fakeClient((req) => (req.path === "/api/projects" ? { body: [{ project_id: 3, name: "library" }] } : { body: [stored] }), {
      known: known("v1", "1.9.4"),
    });
    await listWebhookPolicies({ client, project: "library" });
    expect(calls.map((c) => c.path)).toEqual(["/api/projects", "/api/projects/3/webhook/policies"]);
    expect(calls.some((c) => "x-is-resource-name" in c.headers)).toBe(false);
  });

  it("get and delete address the policy by id", async () => {
    const { client, calls } = fakeClient((req) => (req.method === "GET" ? { body: stored } : { body: "" }), { known: known("v2.8", "2.11.2") });
    expect((await getWebhookPolicy({ client, project: 3, policyId: 7 })).ok).toBe(true);
    const d = await deleteWebhookPolicy({ client, project: 3, policyId: 7 });
    expect(d.ok && d.value.id).toBe(7);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /api/v2.0/projects/3/webhook/policies/7",
      "DELETE /api/v2.0/projects/3/webhook/policies/7",
    ]);
  });

  it("a policy missing `enabled` or `id` → invalid_response", async () => {
    const noEnabled: Partial<typeof stored> = { ...stored };
    delete noEnabled.enabled;
    const { client } = fakeClient(() => ({ body: noEnabled }), { known: known("v2.8") });
    const r = await getWebhookPolicy({ client, project: 3, policyId: 7 });
    expect(!r.ok && r.error.kind).toBe("invalid_response");
  });
});

describe("createWebhookPolicy", () => {
  const created = (location: string) => (req: FakeRequest) => (req.method === "POST" ? { status: 201, headers: { location } } : { body: [] });

  it("always sends enabled, sets creator on 2.3+, takes the id from Location", async () => {
    const { client, calls } = fakeClient(created("/api/v2.0/projects/3/webhook/policies/42"), { known: known("v2.3", "2.5.6") });
    const r = await createWebhookPolicy({ client, project: 3, policy: { ...input, enabled: false } });
    expect(r.ok && r.value.id).toBe(42);
    expect(calls[0].body).toEqual({
      name: "ci",
      description: "",
      targets: [{ type: "http", address: "https://ci.example.com/hook", skip_cert_verify: false }],
      event_types: ["PUSH_ARTIFACT"],
      enabled: false,
      creator: "admin",
    });
  });

  it("leaves creator to the server before 2.3; the legacy Location with // still yields the id", async () => {
    const { client, calls } = fakeClient(created("/api/v2.0/projects/3/webhook/policies//5"), { known: known("v2.0", "2.1.0") });
    const r = await createWebhookPolicy({ client, project: 3, policy: input });
    expect(r.ok && r.value.id).toBe(5);
    expect(calls[0].body).not.toHaveProperty("creator");
  });

  it("parses Location forms", () => {
    expect(idFromLocation("https://h/api/v2.0/projects/library/webhook/policies/7")).toBe(7);
    expect(idFromLocation("/api/projects/1/webhook/policies/12/")).toBe(12);
    expect(idFromLocation("/api/v2.0/projects/1/webhook/policies/abc")).toBeNull();
    expect(idFromLocation(undefined)).toBeNull();
  });

  it("without a usable Location, finds the new policy by name", async () => {
    const { client } = fakeClient((req) => (req.method === "POST" ? { status: 201 } : { body: [{ ...stored, id: 99 }], headers: { "x-total-count": "1" } }), {
      known: known("v2.8", "2.11.2"),
    });
    const r = await createWebhookPolicy({ client, project: 3, policy: input });
    expect(r.ok && r.value.id).toBe(99);
  });

  it("translates event type spellings to the version's (PUSH_ARTIFACT → pushImage on 1.x)", async () => {
    const { client, calls } = fakeClient(created("/api/projects/3/webhook/policies/1"), { known: known("v1", "1.10.19") });
    await createWebhookPolicy({ client, project: 3, policy: { ...input, eventTypes: ["PUSH_ARTIFACT", "QUOTA_EXCEED", "pullImage"] } });
    expect((calls[1].body as { event_types: string[] }).event_types).toEqual(["pushImage", "projectQuota", "pullImage"]);
    const v2 = fakeClient(created("/api/v2.0/projects/3/webhook/policies/1"), { known: known("v2.8", "2.11.2") });
    await createWebhookPolicy({ client: v2.client, project: 3, policy: { ...input, eventTypes: ["pushImage", "scanningFailed"] } });
    expect((v2.calls[0].body as { event_types: string[] }).event_types).toEqual(["PUSH_ARTIFACT", "SCANNING_FAILED"]);
  });

  it("1.x: one policy per project → conflict before POSTing", async () => {
    const { client, calls } = fakeClient(() => ({ body: [stored] }), { known: known("v1", "1.9.4") });
    const r = await createWebhookPolicy({ client, project: 3, policy: input });
    expect(!r.ok && r.error.kind).toBe("conflict");
    expect(!r.ok && r.error.message).toMatch(/one webhook policy per project/);
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
  });

  it("409 → conflict with Harbor's message; 500 on 2.0 hints at a duplicate name", async () => {
    const dup = fakeClient(
      (req) =>
        req.method === "POST"
          ? { status: 409, body: { errors: [{ code: "CONFLICT", message: "notification policy named ci already exists" }] } }
          : { body: [] },
      {
        known: known("v2.8", "2.11.2"),
      },
    );
    const r = await createWebhookPolicy({ client: dup.client, project: 3, policy: input });
    expect(!r.ok && r.error).toMatchObject({ kind: "conflict", status: 409, harborMessage: "notification policy named ci already exists" });
    const legacy = fakeClient((req) => (req.method === "POST" ? { status: 500, raw: true, body: "internal error" } : { body: [] }), {
      known: known("v2.0", "2.0.0"),
    });
    const r2 = await createWebhookPolicy({ client: legacy.client, project: 3, policy: input });
    expect(!r2.ok && r2.error.kind).toBe("server_error");
    expect(!r2.ok && r2.error.message).toMatch(/duplicate policy name/);
  });
});

describe("payload_format rules", () => {
  const post = async (g: "v2.3" | "v2.8" | "v1", v: string, policy: WebhookPolicyInput) => {
    const f = fakeClient((req) => (req.method === "POST" ? { status: 201, headers: { location: "/x/1" } } : { body: [] }), { known: known(g, v) });
    const r = await createWebhookPolicy({ client: f.client, project: 3, policy });
    return { r, posts: f.calls.filter((c) => c.method === "POST") };
  };

  it("2.8+: http targets carry payload_format (Default unless asked), slack never", async () => {
    const { posts } = await post("v2.8", "2.11.2", {
      ...input,
      targets: [
        { type: "http", address: "https://a.example/h" },
        { type: "http", address: "https://b.example/h", payloadFormat: "CloudEvents" },
        { type: "slack", address: "https://hooks.slack.com/x", payloadFormat: "Default" },
      ],
    });
    const t = (posts[0].body as { targets: { payload_format?: string }[] }).targets;
    expect(t.map((x) => x.payload_format)).toEqual(["Default", "CloudEvents", undefined]);
  });

  it("before 2.8: no payload_format is sent, and CloudEvents is refused without sending anything", async () => {
    const ok = await post("v2.3", "2.7.4", { ...input, targets: [{ type: "http", address: "https://a.example/h", payloadFormat: "Default" }] });
    expect((ok.posts[0].body as { targets: object[] }).targets[0]).not.toHaveProperty("payload_format");
    const refused = await post("v2.3", "2.7.4", { ...input, targets: [{ type: "http", address: "https://a.example/h", payloadFormat: "CloudEvents" }] });
    expect(!refused.r.ok && refused.r.error).toMatchObject({ kind: "unsupported_version", requestId: "" });
    expect(!refused.r.ok && refused.r.error.message).toMatch(/Harbor 2\.7\.4 sends only the Default payload; CloudEvents needs Harbor 2\.8/);
    expect(refused.posts).toHaveLength(0);
  });

  it("CloudEvents on slack → unprocessable; slack on 1.x → unsupported_version; scheme-less address → unprocessable", async () => {
    const slack = await post("v2.8", "2.11.2", { ...input, targets: [{ type: "slack", address: "https://hooks.slack.com/x", payloadFormat: "CloudEvents" }] });
    expect(!slack.r.ok && slack.r.error.kind).toBe("unprocessable");
    const old = await post("v1", "1.10.19", { ...input, targets: [{ type: "slack", address: "https://hooks.slack.com/x" }] });
    expect(!old.r.ok && old.r.error.kind).toBe("unsupported_version");
    const bare = await post("v2.8", "2.11.2", { ...input, targets: [{ type: "http", address: "ci.example.com/hook" }] });
    expect(!bare.r.ok && bare.r.error.kind).toBe("unprocessable");
    expect(bare.posts).toHaveLength(0);
  });
});
