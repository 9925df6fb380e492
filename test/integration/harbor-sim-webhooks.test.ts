import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEventTypes } from "@/lib/harbor/facts";
import { parseHarborVersion } from "@/lib/releases";
import { ADMIN, call, harborErrorMessage, type CallOptions } from "@/test/harbor-sim/client";
import { startHarborSim, type HarborSim, type SimInstanceSpec } from "@/test/harbor-sim";
import { webhookPolicyBody } from "../support/sim-webhook-policy";

const PA = { username: "pa", password: "pa-Passw0rd" };
const MT = { username: "mt", password: "mt-Passw0rd" };
const DV = { username: "dv", password: "dv-Passw0rd" };
const HOOKBOT = { username: "robot$hooks", password: "hook-secret" };
const READBOT = { username: "robot$reader", password: "read-secret" };

const spec = (version: string): SimInstanceSpec => ({
  id: version,
  version,
  users: [{ ...ADMIN, sysadmin: true }, PA, MT, DV],
  robots: [
    { name: HOOKBOT.username, secret: HOOKBOT.password, webhookProjects: ["team"] },
    { name: READBOT.username, secret: READBOT.password, readProjects: ["*"] },
  ],
  projects: [{ name: "library", public: true }, { name: "team", members: { pa: "projectAdmin", mt: "maintainer", dv: "developer" } }, { name: "other" }],
});

const VERSIONS = ["1.10.19", "2.0.0", "2.0.6", "2.2.3", "2.5.6", "2.8.6", "2.15.2"];
let sim: HarborSim;

beforeAll(async () => {
  sim = await startHarborSim({ instances: VERSIONS.map(spec) });
});
afterAll(() => sim?.stop());

const base = (v: string) => (v.startsWith("1.") ? "/api" : "/api/v2.0");
const hooks = (v: string, project: string | number) => `${base(v)}/projects/${project}/webhook`;
const req = (v: string, path: string, opts: CallOptions = {}) => call(sim.get(v).baseUrl, path, { auth: ADMIN, ...opts });
/** POST a policy and return its id (from Location). */
async function create(v: string, project: string | number, body: Record<string, unknown>, opts: CallOptions = {}): Promise<number> {
  const r = await req(v, `${hooks(v, project)}/policies`, { method: "POST", body, ...opts });
  expect(r.status, r.text).toBe(201);
  expect(r.text).toBe("");
  return Number(r.headers.get("location")!.split("/").pop());
}

describe("harbor-sim webhooks: 1.10", () => {
  const v = "1.10.19";
  it("creates with server-set creator, enabled false when omitted, Location = RequestURI/id", async () => {
    const r = await req(v, `${hooks(v, 2)}/policies`, {
      method: "POST",
      body: {
        ...webhookPolicyBody(v),
        enabled: undefined,
        creator: "someone",
        targets: [{ type: "http", address: "https://a.example.com", payload_format: "CloudEvents" }],
      },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toMatch(/^\/api\/projects\/2\/webhook\/policies\/\d+$/);
    const id = Number(r.headers.get("location")!.split("/").pop());
    const got = await req(v, `${hooks(v, 2)}/policies/${id}`);
    expect(got.json).toMatchObject({ id, project_id: 2, creator: "admin", enabled: false, description: "" });
    expect((got.json as { targets: object[] }).targets[0]).toEqual({ type: "http", address: "https://a.example.com", skip_cert_verify: false });
    expect(got.headers.get("x-request-id")).toBeNull();
  });

  it("allows one policy per project (500), camelCase events only, http only, numeric project ids", async () => {
    await create(v, 3, webhookPolicyBody(v));
    const second = await req(v, `${hooks(v, 3)}/policies`, { method: "POST", body: webhookPolicyBody(v) });
    expect(second.status).toBe(500);
    expect(second.headers.get("content-type")).toMatch(/^text\/plain/);
    const wrongEvent = await req(v, `${hooks(v, 1)}/policies`, { method: "POST", body: webhookPolicyBody(v, { event_types: ["PUSH_ARTIFACT"] }) });
    expect([wrongEvent.status, harborErrorMessage(wrongEvent)]).toEqual([400, "unsupport event type PUSH_ARTIFACT"]);
    const slack = await req(v, `${hooks(v, 1)}/policies`, {
      method: "POST",
      body: webhookPolicyBody(v, { name: "s", targets: [{ type: "slack", address: "https://hooks.slack.com/x" }] }),
    });
    expect([slack.status, harborErrorMessage(slack)]).toEqual([400, "unsupport target type slack with policy s"]);
    expect((await req(v, `${hooks(v, "team")}/policies`)).status).toBe(404);
    expect((await req(v, `${hooks(v, 1)}/events`)).status).toBe(404);
    const withId = await req(v, `${hooks(v, 1)}/policies`, { method: "POST", body: webhookPolicyBody(v, { id: 7 }) });
    expect(withId.status).toBe(400);
  });

  it("lists unpaginated, refuses another project's policy with 400, tests policies", async () => {
    const id = await create(v, 1, webhookPolicyBody(v));
    const list = await req(v, `${hooks(v, 1)}/policies`);
    expect(list.headers.get("x-total-count")).toBeNull();
    expect((list.json as { id: number }[]).map((p) => p.id)).toEqual([id]);
    expect((await req(v, `${hooks(v, 2)}/policies/${id}`)).status).toBe(400);
    expect((await req(v, `${hooks(v, 1)}/policies/test`, { method: "POST", body: webhookPolicyBody(v) })).status).toBe(200);
    const jobs = await req(v, `${hooks(v, 1)}/jobs?policy_id=${id}`);
    expect((jobs.json as { status: string }[]).map((j) => j.status).sort()).toEqual(["error", "finished", "finished"]);
    const last = (await req(v, `${hooks(v, 1)}/lasttrigger`)).json as Record<string, unknown>[];
    expect(last[0]).not.toHaveProperty("policy_name");
  });
});

describe("harbor-sim webhooks: 2.0–2.2 legacy", () => {
  it("2.0: names unique across projects (500), 'unsupport' spelling, test route only in 2.0.0", async () => {
    const v = "2.0.6";
    const body = webhookPolicyBody(v);
    await create(v, 1, body);
    const clash = await req(v, `${hooks(v, 2)}/policies`, { method: "POST", body });
    expect(clash.status).toBe(500);
    expect(clash.json).toEqual({ errors: [{ code: "UNKNOWN", message: "internal server error" }] });
    const bad = await req(v, `${hooks(v, 1)}/policies`, { method: "POST", body: webhookPolicyBody(v, { event_types: ["TAG_RETENTION"] }) });
    expect([bad.status, harborErrorMessage(bad)]).toEqual([400, "unsupport event type TAG_RETENTION"]);
    expect((await req(v, `${hooks(v, 1)}/policies/test`, { method: "POST", body: webhookPolicyBody(v) })).status).not.toBe(200);
    expect((await req("2.0.0", `${hooks("2.0.0", 1)}/policies/test`, { method: "POST", body: webhookPolicyBody("2.0.0") })).status).toBe(200);
    const events = (await req(v, `${hooks(v, 1)}/events`)).json as Record<string, unknown>;
    expect(events).toEqual({ event_type: webhookEventTypes(parseHarborVersion(v)!), notify_type: ["http", "slack"] });
  });

  it("2.1+: names unique per project (409), server-set creator, numeric project ids", async () => {
    const v = "2.2.3";
    const body = webhookPolicyBody(v, { creator: "client" });
    const id = await create(v, 2, body);
    const dup = await req(v, `${hooks(v, 2)}/policies`, { method: "POST", body });
    expect(dup.status).toBe(409);
    expect(dup.json).toEqual({ errors: [{ code: "CONFLICT", message: `notification policy named ${body.name} already exists` }] });
    await create(v, 3, body);
    expect((await req(v, `${hooks(v, 2)}/policies/${id}`)).json).toMatchObject({ creator: "admin" });
    expect((await req(v, `${hooks(v, "team")}/policies`)).status).toBe(404);
  });
});

describe("harbor-sim webhooks: 2.3+", () => {
  it("2.5: name or id with X-Is-Resource-Name, paginated list, payload_format dropped, creator copied", async () => {
    const v = "2.5.6";
    const r = await req(v, `${hooks(v, "team")}/policies/`, {
      method: "POST",
      headers: { "x-is-resource-name": "true" },
      body: webhookPolicyBody(v, { creator: "ci-bot", targets: [{ type: "http", address: "https://x.example.com", payload_format: "CloudEvents" }] }),
    });
    expect(r.status).toBe(201);
    const id = Number(r.headers.get("location")!.split("/").pop());
    expect(r.headers.get("location")).toBe(`/api/v2.0/projects/team/webhook/policies/${id}`);
    const got = (await req(v, `${hooks(v, 2)}/policies/${id}`)).json as Record<string, unknown>;
    expect(got).toMatchObject({ creator: "ci-bot", project_id: 2 });
    expect((got.targets as object[])[0]).toEqual({ type: "http", address: "https://x.example.com" });
    for (let i = 0; i < 11; i++) await create(v, 2, webhookPolicyBody(v));
    const page = await req(v, `${hooks(v, 2)}/policies`);
    expect(page.json).toHaveLength(10);
    expect(page.headers.get("x-total-count")).toBe("12");
    expect(page.headers.get("link")).toBe('</api/v2.0/projects/2/webhook/policies?page=2&page_size=10>; rel="next"');
    const bad = await req(v, `${hooks(v, 2)}/policies`, { method: "POST", body: webhookPolicyBody(v, { event_types: ["PUSH_IMAGE"] }) });
    expect(harborErrorMessage(bad)).toBe("unsupported event type PUSH_IMAGE");
    expect((await req(v, `${hooks(v, 3)}/policies/${id}`)).status).toBe(404);
    expect((await req(v, `${hooks(v, 2)}/policies/${id}/executions`)).status).toBe(404);
    expect((await req(v, `${hooks(v, 2)}/jobs`)).status).toBe(422);
    expect((await req(v, `${hooks(v, 2)}/policies/abc`)).status).toBe(422);
  });

  it("validates event types before targets, with Harbor's messages", async () => {
    const v = "2.15.2";
    const cases: [Record<string, unknown>, string][] = [
      [{ event_types: [], targets: [] }, "empty event type"],
      [{ event_types: ["UPLOAD_CHART"], targets: [] }, "unsupported event type UPLOAD_CHART"],
      [{ name: "n", targets: [] }, "empty notification target with policy n"],
      [{ targets: [{ type: "http", address: "ftp://x" }] }, "invalid scheme: ftp"],
      [{ name: "n", targets: [{ type: "teams", address: "https://x" }] }, "unsupported target type teams with policy n"],
      [{ targets: [{ type: "slack", address: "https://hooks.slack.com/x", payload_format: "Default" }] }, "set payload format is not allowed for slack"],
      [{ targets: [{ type: "http", address: "https://x", payload_format: "cloudevents" }] }, "unsupported payload format type: cloudevents"],
    ];
    for (const [over, message] of cases) {
      const r = await req(v, `${hooks(v, 1)}/policies`, { method: "POST", body: webhookPolicyBody(v, over) });
      expect([r.status, harborErrorMessage(r)]).toEqual([400, message]);
    }
  });

  it("2.8+: stores empty http payload_format as Default, serves events, executions, tasks and logs", async () => {
    const v = "2.8.6";
    const id = await create(
      v,
      2,
      webhookPolicyBody(v, {
        targets: [
          { type: "http", address: "https://x.example.com/hook?token=1" },
          { type: "slack", address: "https://hooks.slack.com/y" },
        ],
      }),
    );
    const got = (await req(v, `${hooks(v, "team")}/policies/${id}`, { headers: { "x-is-resource-name": "true" } })).json as { targets: object[] };
    expect(got.targets).toEqual([
      { type: "http", address: "https://x.example.com/hook?token=1", payload_format: "Default" },
      { type: "slack", address: "https://hooks.slack.com/y" },
    ]);
    const events = (await req(v, `${hooks(v, 2)}/events`)).json as Record<string, unknown>;
    expect(events.payload_formats).toEqual([{ notify_type: "http", formats: ["Default", "CloudEvents"] }]);
    const execs = await req(v, `${hooks(v, 2)}/policies/${id}/executions`);
    expect(execs.headers.get("x-total-count")).toBe("3");
    const list = execs.json as { id: number; vendor_id: number; status: string }[];
    expect(list.every((e) => e.vendor_id === id)).toBe(true);
    expect(list.map((e) => e.status).sort()).toEqual(["Error", "Success", "Success"]);
    const tasks = (await req(v, `${hooks(v, 2)}/policies/${id}/executions/${list[0].id}/tasks`)).json as { id: number; execution_id: number }[];
    expect(tasks).toHaveLength(1);
    expect(tasks[0].execution_id).toBe(list[0].id);
    const log = await req(v, `${hooks(v, 2)}/policies/${id}/executions/${list[0].id}/tasks/${tasks[0].id}/log`);
    expect(log.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(log.text).toContain("webhook job");
    expect((await req(v, `${hooks(v, 2)}/policies/${id}/executions/999/tasks`)).status).toBe(404);
    const jobs = (await req(v, `${hooks(v, 2)}/jobs?policy_id=${id}`)).json as { status: string }[];
    expect(jobs.map((j) => j.status).sort()).toEqual(["Error", "Success", "Success"]);
  });

  it("PUT replaces every column: omitted enabled → false, creator → absent, creation_time → zero", async () => {
    const v = "2.15.2";
    const id = await create(v, 2, webhookPolicyBody(v, { creator: "me", description: "first" }));
    const before = (await req(v, `${hooks(v, 2)}/policies/${id}`)).json as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 5));
    const put = await req(v, `${hooks(v, 2)}/policies/${id}`, {
      method: "PUT",
      body: { name: "renamed", event_types: ["PULL_ARTIFACT"], targets: [{ type: "http", address: "https://y.example.com" }] },
    });
    expect([put.status, put.text]).toEqual([200, ""]);
    const after = (await req(v, `${hooks(v, 2)}/policies/${id}`)).json as Record<string, unknown>;
    expect(after).toMatchObject({ id, name: "renamed", enabled: false, creation_time: "0001-01-01T00:00:00Z", event_types: ["PULL_ARTIFACT"] });
    expect(after).not.toHaveProperty("creator");
    expect(after).not.toHaveProperty("description");
    expect(Date.parse(after.update_time as string)).toBeGreaterThan(Date.parse(before.update_time as string));
    const other = await create(v, 2, webhookPolicyBody(v));
    const clash = await req(v, `${hooks(v, 2)}/policies/${other}`, { method: "PUT", body: webhookPolicyBody(v, { name: "renamed" }) });
    expect(clash.status).toBe(409);
    expect((await req(v, `${hooks(v, 2)}/policies/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await req(v, `${hooks(v, 2)}/policies/${id}`)).status).toBe(404);
  });

  it("enforces rights: maintainers read, project admins and granted robots write, others 403, anonymous 401", async () => {
    const v = "2.15.2";
    const list = `${hooks(v, 2)}/policies`;
    expect((await req(v, list, { auth: MT })).status).toBe(200);
    expect((await req(v, list, { auth: MT, method: "POST", body: webhookPolicyBody(v) })).status).toBe(403);
    expect((await req(v, list, { auth: DV })).status).toBe(403);
    expect((await req(v, list, { auth: PA, method: "POST", body: webhookPolicyBody(v) })).status).toBe(201);
    expect((await req(v, list, { auth: HOOKBOT, method: "POST", body: webhookPolicyBody(v) })).status).toBe(201);
    expect((await req(v, `${hooks(v, 3)}/policies`, { auth: HOOKBOT })).status).toBe(403);
    expect((await req(v, list, { auth: READBOT })).status).toBe(403);
    expect((await req(v, list, { auth: { username: "admin", password: "wrong" } })).status).toBe(401);
    expect((await req(v, list, { auth: undefined })).status).toBe(401);
    expect((await req(v, `${hooks(v, 99)}/policies`, { auth: PA })).status).toBe(403);
    expect((await req(v, `${hooks(v, 99)}/policies`)).status).toBe(404);
    // robots hold webhook rights through the API on every version (before 2.10 the portal just hid it)
    expect((await req("2.5.6", `${hooks("2.5.6", 2)}/policies`, { auth: HOOKBOT, method: "POST", body: webhookPolicyBody("2.5.6") })).status).toBe(201);
    expect((await req("1.10.19", `${hooks("1.10.19", 2)}/policies`, { auth: HOOKBOT })).status).toBe(200);
  });
});
