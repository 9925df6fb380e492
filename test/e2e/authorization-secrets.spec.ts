/**
 * Authorization against the production build, past the matrix (authorization-matrix.spec.ts): the stored-secret rules
 * of "Test connection" (issue #14, finding 1), sessions that must not read or have ended, NUL characters, and a
 * client's request id.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { type Ids } from "../support/action-matrix";
import { apiSignIn, makeUser, query } from "./helpers";
import { baseURL, callAction, exposedActions, PASSWORD, setUpMatrix, type Caller, type Matrix } from "./authorization-setup";

test.describe("authorization", () => {
  let contexts: Record<Caller, APIRequestContext>;
  let ids: Ids & { attackerUrl: string };
  let attacker: Matrix["attacker"];
  let dispose: () => Promise<void>;

  test.beforeAll(async () => {
    ({ contexts, ids, attacker, dispose } = await setUpMatrix());
  });

  test.afterAll(async () => {
    await dispose();
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
