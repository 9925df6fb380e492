/**
 * Generation-specific behaviour of the Harbor client against the simulator: version detection, credential
 * checks, webhook quirks by version, event-type spelling, pagination, addressing by name, permissions.
 * Every exchange of this file is finally checked against the official specs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHarborClient,
  createWebhookPolicy,
  detectVersion,
  getProject,
  getSupportedEventTypes,
  getWebhookPolicy,
  listAllProjects,
  listProjects,
  listWebhookPolicies,
  resolveVersion,
  testConnection,
  updateWebhookPolicy,
  type CreateHarborClientOptions,
  type HarborClient,
  type HarborCredentials,
  type HarborResult,
  type WebhookPolicyInput,
} from "@/lib/harbor";
import type { ApiGeneration } from "@/lib/harbor/facts";
import { startHarborSim, type HarborSim, type RecordedExchange, type SimInstanceSpec } from "@/test/harbor-sim";
import { contractProblems, exchangesOf, wireProblems } from "../support/harbor-exchanges";

const ADMIN = { username: "admin", password: "Harbor12345" };
const DEV = { username: "dev", password: "dev-Passw0rd" }; // maintainer of "team": may read webhooks, not write
const OUT = { username: "out", password: "out-Passw0rd" }; // member of nothing
const ROBOT = { username: "robot$hooks", password: "robot-secret" };
const WRONG = { username: "admin", password: "not-the-password" };

/** The main instance of each version: users, a robot with webhook rights, a few projects. */
const MAIN: { version: string; generation: ApiGeneration }[] = [
  { version: "1.9.4", generation: "v1" },
  { version: "1.10.19", generation: "v1" },
  { version: "2.0.0", generation: "v2.0" },
  { version: "2.2.3", generation: "v2.0" },
  { version: "2.5.6", generation: "v2.3" },
  { version: "2.7.4", generation: "v2.3" },
  { version: "2.8.6", generation: "v2.8" },
  { version: "2.12.4", generation: "v2.8" },
  { version: "2.13.0", generation: "v2.13" },
  { version: "2.15.2", generation: "v2.13" },
];
const MANY = 230;

function mainSpec(version: string): SimInstanceSpec {
  return {
    id: version,
    version,
    users: [{ ...ADMIN, sysadmin: true }, DEV, OUT],
    robots: [{ name: ROBOT.username, secret: ROBOT.password, webhookProjects: ["*"] }],
    projects: [
      { name: "library", public: true },
      { name: "team", members: { dev: "maintainer" } },
      { name: "lonely" },
      { name: "race" },
      { name: "other" },
      { name: "2024" },
      { name: "my.team-a_b" },
      { name: "spelling" },
    ],
  };
}

const manySpec = (id: string, version: string): SimInstanceSpec => ({
  id,
  version,
  projects: Array.from({ length: MANY }, (_, i) => ({ name: `p${String(i).padStart(3, "0")}`, public: i % 4 === 0 })),
});

let sim: HarborSim;
const clients: HarborClient[] = [];

beforeAll(async () => {
  sim = await startHarborSim({
    record: true,
    instances: [...MAIN.map((m) => mainSpec(m.version)), manySpec("many-2.15", "2.15.2"), manySpec("many-2.2", "2.2.3"), manySpec("many-1.10", "1.10.19")],
  });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim?.stop();
});

function client(id: string, credentials: HarborCredentials = ADMIN, extra: Partial<CreateHarborClientOptions> = {}): HarborClient {
  const c = createHarborClient({ baseUrl: sim.get(id).baseUrl, credentials, maxRetries: 0, outbound: { allow: ["127.0.0.0/8"] }, ...extra });
  clients.push(c);
  return c;
}

function ok<T>(what: string, r: HarborResult<T>): T {
  if (!r.ok) expect.fail(`${what} failed: ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

function failure<T>(r: HarborResult<T>) {
  if (r.ok) expect.fail(`expected a failure, got ${JSON.stringify(r.value)}`);
  expect(r.error.message.length).toBeGreaterThan(20);
  return r.error;
}

/** Exchanges of `id` caused by `fn`. */
async function recorded<T>(id: string, fn: () => Promise<T>): Promise<{ value: T; ex: RecordedExchange[] }> {
  const from = sim.exchanges.length;
  const value = await fn();
  return { value, ex: exchangesOf(sim.exchanges, id, from) };
}

const hook = (name: string, over: Partial<WebhookPolicyInput> = {}): WebhookPolicyInput => ({
  name,
  description: `${name} description`,
  enabled: true,
  eventTypes: ["PUSH_ARTIFACT"],
  targets: [{ type: "http", address: "https://hooks.example.com/in", authHeader: "Bearer s3cret" }],
  ...over,
});

/** A client that already knows its version: calls that need no request send none. */
const knownClient = (version: string, credentials: HarborCredentials = ADMIN) => {
  const { generation } = MAIN.find((m) => m.version === version)!;
  return client(version, credentials, { known: { generation, version } });
};

const projectId = (version: string, name: string) => mainSpec(version).projects!.findIndex((p) => p.name === name) + 1;

describe("version detection", () => {
  it.each(MAIN)("Harbor $version → generation $generation", async ({ version, generation }) => {
    const { value, ex } = await recorded(version, () => detectVersion({ client: client(version) }));
    expect(ok("detectVersion", value)).toEqual({ generation, version });
    const calls = ex.map((e) => `${e.method} ${e.path} → ${e.status}`);
    if (generation === "v1") expect(calls).toEqual(["GET /api/version → 404", "GET /api/systeminfo → 200"]);
    else expect(calls).toEqual(["GET /api/version → 200", "GET /api/v2.0/systeminfo → 200"]);
  });

  it("2.13+ hides the version from a credential it does not accept: generation v2.13, version null", async () => {
    for (const version of ["2.13.0", "2.15.2"]) {
      expect(ok(version, await detectVersion({ client: client(version, WRONG) }))).toEqual({ generation: "v2.13", version: null });
      const report = await testConnection({ client: client(version, WRONG) });
      expect(report).toMatchObject({ ok: false, reachable: true, generation: "v2.13", version: null, credential: "invalid", principal: null });
      expect(report.checks.find((c) => c.label === "Version")?.status).toBe("warning");
    }
    // 2.12 and older still show it to anonymous callers.
    expect(ok("2.12.4", await detectVersion({ client: client("2.12.4", WRONG) }))).toEqual({ generation: "v2.8", version: "2.12.4" });
  });

  it("1.x: /api/version is a 404, the version comes from /api/systeminfo, even for a wrong credential", async () => {
    const { value, ex } = await recorded("1.10.19", () => detectVersion({ client: client("1.10.19", WRONG) }));
    expect(ok("detect", value)).toEqual({ generation: "v1", version: "1.10.19" });
    expect(ex[0]).toMatchObject({ path: "/api/version", status: 404 });
  });

  it("a known detection is reused, and concurrent callers share one detection", async () => {
    const known = await recorded("2.8.6", () => resolveVersion({ client: client("2.8.6", ADMIN, { known: { generation: "v2.8", version: "2.8.6" } }) }));
    expect(known.value).toEqual({ ok: true, value: { generation: "v2.8", version: "2.8.6" }, requestId: "" });
    expect(known.ex).toEqual([]);
    const c = client("2.8.6");
    const shared = await recorded("2.8.6", () => Promise.all([resolveVersion({ client: c }), resolveVersion({ client: c }), resolveVersion({ client: c })]));
    expect(shared.value.map((r) => ok("resolve", r))).toEqual(Array(3).fill({ generation: "v2.8", version: "2.8.6" }));
    expect(shared.ex.filter((e) => e.path === "/api/version")).toHaveLength(1);
    expect(c.known).toEqual({ generation: "v2.8", version: "2.8.6" });
  });
});

describe("credential checks (testConnection)", () => {
  it.each(["1.10.19", "2.0.0", "2.5.6", "2.15.2"])("%s: admin → valid system admin; dev → valid, not admin", async (version) => {
    const admin = await testConnection({ client: client(version) });
    expect(admin).toMatchObject({ ok: true, version, credential: "valid", principal: { kind: "user", name: "admin", sysadmin: true }, error: null });
    const dev = await testConnection({ client: client(version, DEV) });
    expect(dev).toMatchObject({ ok: true, credential: "valid", principal: { kind: "user", name: "dev", sysadmin: false } });
    expect(dev.checks.find((c) => c.label === "Permissions")?.status).toBe("warning");
  });

  it.each([
    { version: "1.10.19", first: 500, then: "/api/statistics" },
    { version: "1.9.4", first: 500, then: "/api/statistics" },
    { version: "2.0.0", first: 500, then: "/api/v2.0/users/current/permissions" },
    { version: "2.2.3", first: 500, then: "/api/v2.0/users/current/permissions" },
    { version: "2.5.6", first: 412, then: "/api/v2.0/users/current/permissions" },
    { version: "2.15.2", first: 412, then: "/api/v2.0/users/current/permissions" },
  ])("$version: a robot account (users/current → $first, then $then) → valid robot", async ({ version, first, then }) => {
    const { value: r, ex } = await recorded(version, () => testConnection({ client: client(version, ROBOT) }));
    expect(r).toMatchObject({ ok: true, credential: "valid", principal: { kind: "robot", name: ROBOT.username, sysadmin: false }, error: null });
    const after = ex.filter((e) => /users\/current|statistics/.test(e.path)).map((e) => `${e.path} → ${e.status}`);
    expect(after).toEqual([`${then.startsWith("/api/v2.0") ? "/api/v2.0" : "/api"}/users/current → ${first}`, `${then} → 200`]);
    // a wrong robot secret is anonymous: 401 on users/current → invalid
    expect(await testConnection({ client: client(version, { ...ROBOT, password: "nope" }) })).toMatchObject({
      ok: false,
      credential: "invalid",
      principal: null,
    });
  });

  it.each(["1.9.4", "2.0.0", "2.7.4", "2.12.4"])("%s: a wrong password → credential invalid, not an error", async (version) => {
    const r = await testConnection({ client: client(version, WRONG) });
    expect(r).toMatchObject({ ok: false, reachable: true, version, credential: "invalid", principal: null, error: null });
    expect(r.checks.find((c) => c.label === "Credential")).toMatchObject({ status: "failed", detail: expect.stringMatching(/Credential rejected/) });
  });
});

describe("webhook policies by version", () => {
  it("1.x allows one policy per project: the client refuses a second one before sending it", async () => {
    const c = client("1.10.19");
    const lonely = projectId("1.10.19", "lonely");
    ok("first", await createWebhookPolicy({ client: c, project: lonely, policy: hook("one") }));
    const { value, ex } = await recorded("1.10.19", () => createWebhookPolicy({ client: c, project: lonely, policy: hook("two") }));
    const e = failure(value);
    expect(e.kind).toBe("conflict");
    expect(e.message).toMatch(/one webhook policy per project.*"one"/);
    expect(ex.map((x) => x.method)).toEqual(["GET"]); // the list, no POST
  });

  it("1.x: two concurrent creates → one policy; the other is a typed failure (client refusal or Harbor's 500)", async () => {
    const c = client("1.9.4");
    const race = projectId("1.9.4", "race");
    const results = await Promise.all([
      createWebhookPolicy({ client: c, project: race, policy: hook("a") }),
      createWebhookPolicy({ client: c, project: race, policy: hook("b") }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const e = failure(results.find((r) => !r.ok)!);
    if (e.kind === "server_error") {
      expect(e.status).toBe(500);
      expect(e.message).toMatch(/duplicate policy name|one webhook policy/i);
    } else {
      expect(e.kind).toBe("conflict");
    }
    expect(ok("list", await listWebhookPolicies({ client: c, project: race }))).toHaveLength(1);
  });

  it("2.0: policy names are unique across projects (Harbor 500, hinted); 2.1+ only within a project", async () => {
    const c = client("2.0.0");
    ok("first", await createWebhookPolicy({ client: c, project: projectId("2.0.0", "library"), policy: hook("global-name") }));
    const e = failure(await createWebhookPolicy({ client: c, project: projectId("2.0.0", "other"), policy: hook("global-name") }));
    expect(e).toMatchObject({ kind: "server_error", status: 500, harborMessage: "internal server error" });
    expect(e.message).toMatch(/duplicate policy name/);
    const d = client("2.5.6");
    ok("2.5 first", await createWebhookPolicy({ client: d, project: "library", policy: hook("global-name") }));
    ok("2.5 other project", await createWebhookPolicy({ client: d, project: "other", policy: hook("global-name") }));
  });

  it.each(["2.2.3", "2.5.6", "2.15.2"])("%s: a duplicate name in a project → conflict with Harbor's message (POST and PUT)", async (version) => {
    const c = client(version);
    const team = projectId(version, "team");
    ok("first", await createWebhookPolicy({ client: c, project: team, policy: hook("dup") }));
    const e = failure(await createWebhookPolicy({ client: c, project: team, policy: hook("dup") }));
    expect(e).toMatchObject({ kind: "conflict", status: 409, harborMessage: "notification policy named dup already exists" });
    expect(e.message).toContain("notification policy named dup already exists");
    const second = ok("second", await createWebhookPolicy({ client: c, project: team, policy: hook("dup-2") }));
    const put = failure(await updateWebhookPolicy({ client: c, project: team, policyId: second.id, changes: { name: "dup" } }));
    expect(put).toMatchObject({ kind: "conflict", status: 409 });
  });

  it.each(["1.10.19", "2.0.0", "2.5.6", "2.8.6", "2.15.2"])(
    "%s: an update is GET → modify → PUT of the whole policy, keeping what it does not change",
    async (version) => {
      const c = client(version);
      const project = projectId(version, "other");
      const { id } = ok("create", await createWebhookPolicy({ client: c, project, policy: hook(`keep-${version}`, { description: "keep me" }) }));
      const before = ok("get", await getWebhookPolicy({ client: c, project, policyId: id }));
      expect(before).toMatchObject({ enabled: true, description: "keep me", creator: "admin" });
      const { value, ex } = await recorded(version, () =>
        updateWebhookPolicy({ client: c, project, policyId: id, changes: { eventTypes: ["PULL_ARTIFACT"] } }),
      );
      ok("update", value);
      const put = ex.find((e) => e.method === "PUT")!;
      expect(put.requestBody).toMatchObject({ enabled: true, creator: "admin", description: "keep me", creation_time: before.creation_time });
      const after = ok("get after", await getWebhookPolicy({ client: c, project, policyId: id }));
      expect(after).toMatchObject({ enabled: true, description: "keep me", creator: "admin", creation_time: before.creation_time, name: `keep-${version}` });
      expect(after.event_types).toEqual([version.startsWith("1.") ? "pullImage" : "PULL_ARTIFACT"]);
      expect(after.targets[0].auth_header).toBe("Bearer s3cret");
      // Disabling changes only `enabled`.
      ok("disable", await updateWebhookPolicy({ client: c, project, policyId: id, changes: { enabled: false } }));
      expect(ok("get disabled", await getWebhookPolicy({ client: c, project, policyId: id }))).toMatchObject({
        enabled: false,
        description: "keep me",
        creator: "admin",
      });
      // An edit based on a stale read is refused without a PUT.
      const stale = await recorded(version, () =>
        updateWebhookPolicy({ client: c, project, policyId: id, changes: { enabled: true }, ifUpdateTime: "2000-01-01T00:00:00Z" }),
      );
      expect(failure(stale.value).kind).toBe("conflict");
      expect(stale.ex.map((e) => e.method)).toEqual(["GET"]);
    },
  );

  it.each(["2.5.6", "2.7.4"])("%s: CloudEvents is refused before anything is sent (Harbor < 2.8 would silently send Default)", async (version) => {
    const c = knownClient(version);
    const cloud = hook("ce", { targets: [{ type: "http", address: "https://hooks.example.com/ce", payloadFormat: "CloudEvents" }] });
    const { value, ex } = await recorded(version, () => createWebhookPolicy({ client: c, project: "team", policy: cloud }));
    expect(failure(value)).toMatchObject({ kind: "unsupported_version", requestId: "", message: expect.stringMatching(/CloudEvents needs Harbor 2\.8/) });
    expect(ex).toEqual([]);
    // Default is accepted, and payload_format is not sent at all.
    const def = await recorded(version, () =>
      createWebhookPolicy({
        client: c,
        project: "team",
        policy: hook("default-fmt", { targets: [{ type: "http", address: "https://hooks.example.com/d", payloadFormat: "Default" }] }),
      }),
    );
    ok("default", def.value);
    const post = def.ex.find((e) => e.method === "POST")!;
    expect((post.requestBody as { targets: object[] }).targets[0]).not.toHaveProperty("payload_format");
  });

  it.each(["2.8.6", "2.15.2"])("%s: CloudEvents is sent, stored, and kept by updates", async (version) => {
    const c = client(version);
    const cloud = hook("ce", { targets: [{ type: "http", address: "https://hooks.example.com/ce", payloadFormat: "CloudEvents" }] });
    const { value, ex } = await recorded(version, () => createWebhookPolicy({ client: c, project: "team", policy: cloud }));
    const { id } = ok("create", value);
    expect((ex.find((e) => e.method === "POST")!.requestBody as { targets: { payload_format?: string }[] }).targets[0].payload_format).toBe("CloudEvents");
    expect(ok("get", await getWebhookPolicy({ client: c, project: "team", policyId: id })).targets[0].payload_format).toBe("CloudEvents");
    ok(
      "update",
      await updateWebhookPolicy({
        client: c,
        project: "team",
        policyId: id,
        changes: { description: "x", targets: [{ type: "http", address: "https://hooks.example.com/ce2" }] },
      }),
    );
    const after = ok("get after", await getWebhookPolicy({ client: c, project: "team", policyId: id }));
    expect(after.targets[0]).toMatchObject({ address: "https://hooks.example.com/ce2", payload_format: "CloudEvents" });
    // an http target created without a format is stored as Default
    const plain = ok("plain", await createWebhookPolicy({ client: c, project: "team", policy: hook("plain") }));
    expect(ok("get plain", await getWebhookPolicy({ client: c, project: "team", policyId: plain.id })).targets[0].payload_format).toBe("Default");
  });

  it("slack targets never carry a payload format; 1.x has no slack at all", async () => {
    const c = knownClient("2.8.6");
    const slackCe = await recorded("2.8.6", () =>
      createWebhookPolicy({
        client: c,
        project: "other",
        policy: hook("slack-ce", { targets: [{ type: "slack", address: "https://hooks.slack.com/x", payloadFormat: "CloudEvents" }] }),
      }),
    );
    expect(failure(slackCe.value)).toMatchObject({
      kind: "unprocessable",
      requestId: "",
      message: expect.stringMatching(/Slack targets have no payload format/),
    });
    expect(slackCe.ex).toEqual([]);
    const slack = await recorded("2.8.6", () =>
      createWebhookPolicy({
        client: c,
        project: "other",
        policy: hook("slack-default", { targets: [{ type: "slack", address: "https://hooks.slack.com/x", payloadFormat: "Default" }] }),
      }),
    );
    const { id } = ok("slack default", slack.value);
    expect((slack.ex.find((e) => e.method === "POST")!.requestBody as { targets: object[] }).targets[0]).not.toHaveProperty("payload_format");
    const got = ok("get slack", await getWebhookPolicy({ client: c, project: "other", policyId: id }));
    expect(got.targets[0]).toMatchObject({ type: "slack" });
    expect(got.targets[0].payload_format ?? null).toBeNull();
    const old = await recorded("1.10.19", () =>
      createWebhookPolicy({
        client: knownClient("1.10.19"),
        project: projectId("1.10.19", "spelling"),
        policy: hook("slack", { targets: [{ type: "slack", address: "https://hooks.slack.com/x" }] }),
      }),
    );
    expect(failure(old.value)).toMatchObject({ kind: "unsupported_version", requestId: "" });
    expect(old.ex).toEqual([]);
  });
});

describe("event types by version", () => {
  const names = async (version: string) => ok(version, await getSupportedEventTypes({ client: client(version), project: "library" })).eventTypes;

  it("1.x: camelCase names from the client's facts (no /events endpoint), mapped to the 2.x spelling", async () => {
    const { value: v110, ex } = await recorded("1.10.19", () => names("1.10.19"));
    expect(ex.some((e) => e.path.endsWith("/webhook/events"))).toBe(false);
    expect(v110.map((e) => e.name).sort()).toEqual([
      "deleteChart",
      "deleteImage",
      "downloadChart",
      "projectQuota",
      "pullImage",
      "pushImage",
      "scanningCompleted",
      "scanningFailed",
      "uploadChart",
    ]);
    expect(v110.find((e) => e.name === "pushImage")).toEqual({ name: "pushImage", canonical: "PUSH_ARTIFACT", label: "Artifact pushed" });
    expect(v110.find((e) => e.name === "projectQuota")?.canonical).toBe("QUOTA_EXCEED");
    expect((await names("1.9.4")).map((e) => e.name)).not.toContain("projectQuota");
  });

  it("2.x: the server's list, sorted by label; chart events gone from 2.8", async () => {
    const v20 = await names("2.0.0");
    expect(v20).toHaveLength(11);
    expect(v20.map((e) => e.label)).toEqual([...v20.map((e) => e.label)].sort((a, b) => a.localeCompare(b)));
    const v25 = (await names("2.5.6")).map((e) => e.name);
    expect(v25).toEqual(expect.arrayContaining(["UPLOAD_CHART", "TAG_RETENTION", "SCANNING_STOPPED"]));
    expect(v25).toHaveLength(13);
    const v28 = (await names("2.8.6")).map((e) => e.name);
    expect(v28).toHaveLength(10);
    expect(v28.filter((n) => n.includes("CHART"))).toEqual([]);
  });

  it("a policy's event types are sent in the version's spelling, whatever spelling the caller used", async () => {
    const old = await recorded("1.10.19", () =>
      createWebhookPolicy({
        client: client("1.10.19"),
        project: projectId("1.10.19", "spelling"),
        policy: hook("spell", { eventTypes: ["PUSH_ARTIFACT", "QUOTA_EXCEED", "scanningFailed"] }),
      }),
    );
    ok("1.x create", old.value);
    expect((old.ex.find((e) => e.method === "POST")!.requestBody as { event_types: string[] }).event_types).toEqual([
      "pushImage",
      "projectQuota",
      "scanningFailed",
    ]);
    const modern = await recorded("2.15.2", () =>
      createWebhookPolicy({ client: client("2.15.2"), project: "other", policy: hook("spell", { eventTypes: ["pushImage", "PULL_ARTIFACT"] }) }),
    );
    ok("2.x create", modern.value);
    expect((modern.ex.find((e) => e.method === "POST")!.requestBody as { event_types: string[] }).event_types).toEqual(["PUSH_ARTIFACT", "PULL_ARTIFACT"]);
    // a chart event has no 2.8+ counterpart: it is sent as given, Harbor rejects it, the client reports Harbor's reason
    const chart = failure(await createWebhookPolicy({ client: client("2.15.2"), project: "other", policy: hook("chart", { eventTypes: ["uploadChart"] }) }));
    expect(chart).toMatchObject({ kind: "unprocessable", status: 400, harborMessage: "unsupported event type uploadChart" });
    expect(chart.message).toContain('Harbor says: "unsupported event type uploadChart"');
  });
});

describe("projects: pagination and addressing", () => {
  it.each([
    { id: "many-2.15", pageSize: "100", requests: 3 },
    { id: "many-2.2", pageSize: "100", requests: 3 },
    { id: "many-1.10", pageSize: "500", requests: 1 },
  ])("$id: listAllProjects over $requests page(s) of page_size $pageSize", async ({ id, pageSize, requests }) => {
    const c = client(id);
    ok("detect", await detectVersion({ client: c }));
    const { value, ex } = await recorded(id, () => listAllProjects({ client: c }));
    const all = ok("listAllProjects", value);
    expect(all.items).toHaveLength(MANY);
    expect(new Set(all.items.map((p) => p.project_id)).size).toBe(MANY);
    expect(all).toMatchObject({ total: MANY, truncated: false });
    expect(ex.map((e) => e.query)).toEqual(Array.from({ length: requests }, (_, i) => ({ page: String(i + 1), page_size: pageSize })));
    expect(ex.every((e) => e.status === 200)).toBe(true);
  });

  it("page sizes above Harbor 2.x's maximum are clamped to 100 (no 422); maxItems bounds listAllProjects", async () => {
    const c = client("many-2.15");
    const { value, ex } = await recorded("many-2.15", () => listProjects({ client: c, page: 2, pageSize: 1000 }));
    expect(ok("page", value)).toMatchObject({ page: 2, pageSize: 100, total: MANY });
    expect(ex.at(-1)!.query).toEqual({ page: "2", page_size: "100" });
    const bounded = ok("bounded", await listAllProjects({ client: c, maxItems: 150 }));
    expect(bounded).toMatchObject({ truncated: true, total: MANY });
    expect(bounded.items).toHaveLength(150);
  });

  it("names are URL-encoded, and a numeric-looking name is addressed as a name", async () => {
    const c = client("2.15.2");
    const search = await recorded("2.15.2", () => listProjects({ client: c, name: "a&b=c d/é" }));
    expect(ok("search", search.value).items).toEqual([]);
    expect(search.ex[search.ex.length - 1].query.name).toBe("a&b=c d/é");
    const byName = await recorded("2.15.2", () => getProject({ client: c, project: "2024" }));
    expect(ok("2024", byName.value)).toMatchObject({ name: "2024", project_id: projectId("2.15.2", "2024") });
    expect(byName.ex[0]).toMatchObject({ path: "/api/v2.0/projects/2024", requestHeaders: expect.objectContaining({ "x-is-resource-name": "true" }) });
    expect(failure(await getProject({ client: c, project: 2024 })).kind).toBe("not_found");
    const slash = await recorded("2.15.2", () => getProject({ client: c, project: "no/such" }));
    expect(failure(slash.value)).toMatchObject({ kind: "not_found", status: 404 });
    expect(slash.ex[0].path).toBe("/api/v2.0/projects/no%2Fsuch");
    const dotted = ok("dotted", await listWebhookPolicies({ client: c, project: "my.team-a_b" }));
    expect(dotted).toEqual([]);
    // 1.x takes ids only: a name is resolved through the name filter first
    const old = await recorded("1.10.19", () => getProject({ client: client("1.10.19"), project: "2024" }));
    expect(ok("1.x 2024", old.value).name).toBe("2024");
    expect(old.ex.find((e) => e.path === "/api/projects")?.query).toMatchObject({ name: "2024" });
  });
});

describe("permissions and missing projects", () => {
  it.each(["1.10.19", "2.0.0", "2.5.6", "2.15.2"])("%s: a maintainer may list webhooks but not write them (forbidden)", async (version) => {
    const c = client(version, DEV);
    const team = projectId(version, "team");
    expect(ok("list", await listWebhookPolicies({ client: c, project: team }))).toEqual(expect.any(Array));
    const e = failure(await createWebhookPolicy({ client: c, project: team, policy: hook("by-dev") }));
    expect(e).toMatchObject({ kind: "forbidden", status: 403 });
    expect(e.message).toMatch(/lacks the permission/);
  });

  it.each(["1.10.19", "2.0.0", "2.5.6", "2.15.2"])("%s: a missing project is not_found for the admin, forbidden for others", async (version) => {
    expect(failure(await getProject({ client: client(version), project: 999 }))).toMatchObject({ kind: "not_found", status: 404 });
    expect(failure(await listWebhookPolicies({ client: client(version), project: 999 }))).toMatchObject({ kind: "not_found", status: 404 });
    expect(failure(await getProject({ client: client(version, OUT), project: 999 }))).toMatchObject({ kind: "forbidden", status: 403 });
    // a wrong credential on webhooks is a 401
    expect(failure(await listWebhookPolicies({ client: client(version, WRONG), project: 1 }))).toMatchObject({ kind: "unauthorized", status: 401 });
  });
});

describe("every exchange of this file", () => {
  it("matches the official specs and keeps the wire rules", async () => {
    const all = sim.exchanges;
    expect(wireProblems(all)).toEqual([]);
    const { validated, problems } = await contractProblems(all);
    if (problems.length) console.error(`${problems.length} contract problem(s):\n${problems.join("\n")}`);
    expect(problems).toEqual([]);
    expect(validated).toBeGreaterThan(240);
    // error answers were part of what got validated
    expect(new Set(all.map((e) => e.status))).toEqual(new Set([200, 201, 400, 401, 403, 404, 409, 412, 500]));
  });
});
