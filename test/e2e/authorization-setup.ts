/**
 * What the authorization specs (authorization-*.spec.ts) share: the server actions the build exposes, a way to call
 * them by id, the state a refused call must leave alone, an attacker's server, and one signed-in context per role with
 * an instance and a draft upgrade plan to aim at.
 */
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { type Ids, type MatrixRole } from "../support/action-matrix";
import { admin, apiSignIn, makeUser, query } from "./helpers";

const root = path.resolve(__dirname, "../..");
export const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? "3107"}`;
export const PASSWORD = "matrix-password-123";
export type Caller = "anonymous" | MatrixRole;

interface ExposedAction {
  id: string;
  key: string;
}

export function exposedActions(): ExposedAction[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, v]) => ({ id, key: `${path.basename(v.filename)}#${v.exportedName}` }));
}

export async function callAction(ctx: APIRequestContext, id: string, input: unknown) {
  const res = await ctx.post("/", {
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: JSON.stringify(input === undefined ? [] : [input]),
    maxRedirects: 0,
  });
  return { status: res.status(), location: res.headers()["location"] ?? "", text: await res.text() };
}

/** Everything a refused call must leave as it was. */
export async function writableState() {
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
export function attackerServer() {
  const seen: { url: string; authorization?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? "", authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "application/json" }).end('{"harbor_version":"v2.11.0"}');
  });
  return { seen, server };
}

/**
 * Signs in one context per role (and an anonymous one), starts the attacker's server, and registers the instance whose
 * stored secret the specs try to steal; `dispose` undoes it.
 */
export async function setUpMatrix() {
  const contexts = {} as Record<Caller, APIRequestContext>;
  const attacker = attackerServer();
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
  const ids: Ids & { attackerUrl: string } = {
    instanceId: inst.id,
    instanceName: name,
    instanceVersion: inst.version,
    planId: plan.id,
    viewerId: users.viewer!.id,
    adminId: firstAdmin.id,
    attackerUrl,
  };
  const dispose = async () => {
    for (const c of Object.values(contexts)) await c.dispose();
    await new Promise((r) => attacker.server.close(r));
  };
  return { contexts, ids, attacker, dispose };
}

export type Matrix = Awaited<ReturnType<typeof setUpMatrix>>;
