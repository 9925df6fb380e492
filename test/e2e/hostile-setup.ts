/**
 * What the hostile-input specs (hostile-*.spec.ts) share: server actions called by id as the browser calls them, a
 * check that the console is still up, and signed-in users of every role with an instance that has one saved revision.
 */
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { initialTopologyFor } from "../../lib/config/initial-topology";
import { apiSignIn, makeUser, query } from "./helpers";

const root = path.resolve(__dirname, "../..");
export const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? "3107"}`;
export const PASSWORD = "hostile-password-123";
/** The most the upload schema lets through (ZConfigDiffInput); longer texts are refused before any parsing. */
export const MAX_UPLOAD_CHARS = 256 * 1024;
/** Each hostile document is sent this many times at once, as in the report. */
export const COPIES = 4;
export type Role = "viewer" | "operator" | "admin";

export function actionId(key: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => `${path.basename(v.filename)}#${v.exportedName}` === key);
  if (!found) throw new Error(`the build exposes no ${key}`);
  return found[0];
}

/** A server-action call as the browser makes it; `body` is sent as is (a string) or as the JSON of one argument. */
export async function callAction(ctx: APIRequestContext, id: string, body: { input: unknown } | { raw: string }) {
  const t0 = Date.now();
  const res = await ctx.post("/", {
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: "raw" in body ? body.raw : JSON.stringify([body.input]),
    maxRedirects: 0,
    timeout: 60_000,
  });
  return { status: res.status(), text: await res.text(), ms: Date.now() - t0 };
}

export async function expectConsoleUp(ctx: APIRequestContext) {
  const health = await ctx.get("/api/health");
  expect(health.status(), "GET /api/health after the attack").toBe(200);
}

/** A viewer, an operator and an admin, each signed in, and an instance with a saved revision; `dispose` signs them out. */
export async function setUpHostile() {
  const ctx = {} as Record<Role, APIRequestContext>;
  const users = {} as Record<Role, { id: string; email: string }>;
  for (const role of ["viewer", "operator", "admin"] as const) {
    users[role] = await makeUser(role, PASSWORD);
    ctx[role] = await playwrightRequest.newContext({ baseURL });
    expect(await apiSignIn(ctx[role], users[role].email, PASSWORD), `${role} signs in`).not.toContain("error=");
  }
  // An instance with one saved revision, so that an upload is compared (and parsed) rather than refused for want of one.
  const name = `hostile-${Date.now().toString(36)}`;
  const made = await callAction(ctx.admin, actionId("instances.ts#createInstanceAction"), {
    input: {
      name,
      environment: "staging",
      deploymentMode: "docker_compose",
      baseUrl: process.env.E2E_CLOSED_URL,
      username: "admin",
      secret: "Harbor12345",
      labels: "",
      description: "",
    },
  });
  expect(made.text).toContain(name);
  const [{ id: instanceId }] = await query<{ id: string }>('select id from "HarborInstance" where name = $1', [name]);
  const topology = initialTopologyFor({ baseUrl: "https://harbor.example.com", harborVersion: "2.11.2", deploymentMode: "docker_compose" });
  topology.deployment.nodes[0].address = "10.0.0.11";
  topology.adminPassword = "Initial-Admin-Pw-1";
  topology.database.password = "bundled-db-pw";
  const saved = await callAction(ctx.operator, actionId("topology.ts#saveTopologyAction"), {
    input: { instanceId, baseRevision: 0, message: "for hostile input", topology },
  });
  expect(saved.text).toContain('"ok":true');
  const dispose = async () => {
    for (const c of Object.values(ctx)) await c.dispose();
  };
  return { ctx, users, instanceId, dispose };
}
