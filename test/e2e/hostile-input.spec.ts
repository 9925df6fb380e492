/**
 * Issue #14, finding 2, against the production build: a viewer's hostile harbor.yml uploads (the reported attack:
 * 262 KB of `x: [[[[…`, sent 2–8 times at once, killed next-server within a second), hostile topology imports, and
 * hostile bodies to the server actions and the sign-in endpoint — all sent in parallel. Each must come back as a
 * refusal that says why, and the console must stay up and keep working. The parsers' own bounds are unit-tested
 * (test/unit/security/hostile-input.test.ts); this is the server as an attacker meets it.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { initialTopologyFor } from "../../lib/config/initial-topology";
import { hostileDocuments } from "../support/hostile-documents";
import { apiSignIn, makeUser, query, signIn } from "./helpers";

const root = path.resolve(__dirname, "../..");
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? "3107"}`;
const PASSWORD = "hostile-password-123";
/** The most the upload schema lets through (ZConfigDiffInput); longer texts are refused before any parsing. */
const MAX_UPLOAD_CHARS = 256 * 1024;
/** Each hostile document is sent this many times at once, as in the report. */
const COPIES = 4;
type Role = "viewer" | "operator" | "admin";

function actionId(key: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => `${path.basename(v.filename)}#${v.exportedName}` === key);
  if (!found) throw new Error(`the build exposes no ${key}`);
  return found[0];
}

/** A server-action call as the browser makes it; `body` is sent as is (a string) or as the JSON of one argument. */
async function callAction(ctx: APIRequestContext, id: string, body: { input: unknown } | { raw: string }) {
  const t0 = Date.now();
  const res = await ctx.post("/", {
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: "raw" in body ? body.raw : JSON.stringify([body.input]),
    maxRedirects: 0,
    timeout: 60_000,
  });
  return { status: res.status(), text: await res.text(), ms: Date.now() - t0 };
}

async function expectConsoleUp(ctx: APIRequestContext) {
  const health = await ctx.get("/api/health");
  expect(health.status(), "GET /api/health after the attack").toBe(200);
}

test.describe("hostile input", () => {
  const ctx = {} as Record<Role, APIRequestContext>;
  const users = {} as Record<Role, { id: string; email: string }>;
  let instanceId: string;

  test.beforeAll(async () => {
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
    [{ id: instanceId }] = await query<{ id: string }>('select id from "HarborInstance" where name = $1', [name]);
    const topology = initialTopologyFor({ baseUrl: "https://harbor.example.com", harborVersion: "2.11.2", deploymentMode: "docker_compose" });
    topology.deployment.nodes[0].address = "10.0.0.11";
    topology.adminPassword = "Initial-Admin-Pw-1";
    topology.database.password = "bundled-db-pw";
    const saved = await callAction(ctx.operator, actionId("topology.ts#saveTopologyAction"), {
      input: { instanceId, baseRevision: 0, message: "for hostile input", topology },
    });
    expect(saved.text).toContain('"ok":true');
  });

  test.afterAll(async () => {
    for (const c of Object.values(ctx)) await c.dispose();
  });

  test("a viewer's hostile harbor.yml uploads, each sent four times at once, are each refused with the reason; the console stays up", async () => {
    test.setTimeout(240_000);
    const diff = actionId("topology.ts#diffConfigAction");
    const docs = hostileDocuments().filter((d) => d.format === "yaml");
    const calls = docs.flatMap((doc) => {
      const { text } = doc.make();
      return Array.from({ length: COPIES }, async () => ({
        doc,
        long: text.length > MAX_UPLOAD_CHARS,
        ...(await callAction(ctx.viewer, diff, { input: { instanceId, revision: 1, against: { kind: "upload", text, fileName: "harbor.yml" } } })),
      }));
    });
    const answers = await Promise.all(calls);
    for (const a of answers) {
      const at = `${a.doc.name}: ${a.status} ${a.text.slice(0, 300)}`;
      expect(a.ms, at).toBeLessThan(30_000);
      expect(a.text, at).not.toMatch(/Something went wrong|Maximum call stack|out of memory/);
      if (a.long) {
        // 10 MiB: refused by its length before anything reads it (proxy.ts, lib/security/request-body.ts).
        expect(a.status, at).toBe(413);
        expect(a.text, at).toMatch(/larger than the console accepts/);
      } else {
        expect(a.status, at).toBe(200);
        expect(a.text, at).toMatch(/"kind":"error","message":"(The file was refused|Not valid YAML)[^"]*: [^"]+"/);
      }
    }
    // The reported attack, by name: refused for its nesting, where it starts.
    const deep = answers.find((a) => a.doc.name.startsWith("deep flow sequence"))!;
    expect(deep.text).toContain("The file was refused at line 1, column 38: nested deeper than 32 levels.");

    await expectConsoleUp(ctx.viewer);
    const fine = await callAction(ctx.viewer, diff, {
      input: { instanceId, revision: 1, against: { kind: "upload", text: "hostname: harbor.example.com\n", fileName: "harbor.yml" } },
    });
    expect(fine.text).toContain('"kind":"upload"');
  });

  test("through the page: the viewer sees each refusal where the file was chosen, and the page keeps working", async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, users.viewer.email, PASSWORD);
    await expect(page.getByTestId("current-user")).toHaveText(users.viewer.email);
    await page.goto(`/instances/${instanceId}/config`);
    const byName = new Map(hostileDocuments().map((d) => [d.name, d]));
    const upload = (name: string) =>
      page.getByLabel("Upload harbor.yml").setInputFiles({ name: "harbor.yml", mimeType: "application/yaml", buffer: byName.get(name)!.make().bytes });
    for (const [name, reason] of [
      ["deep flow sequence (262 KB of '[')", "nested deeper than 32 levels"],
      ["billion laughs (alias bomb)", "more than 100 aliases expanded"],
      ["20,000 keys", "YAML tokens"],
      ["NUL bytes", "control character U+0000"],
      ["invalid UTF-8", "not UTF-8 text"],
    ] as const) {
      await upload(name);
      await expect(page.getByTestId("config-diff"), name).toContainText(reason);
    }
    // Past 256 KiB the browser refuses it without sending it.
    await upload("10 MiB of text");
    await expect(page.locator("#upload-error")).toContainText("a harbor.yml is at most 256 KiB");
    await page
      .getByLabel("Upload harbor.yml")
      .setInputFiles({ name: "harbor.yml", mimeType: "application/yaml", buffer: Buffer.from("hostname: harbor.example.com\n") });
    await expect(page.getByTestId("config-diff")).toContainText("harbor.yml → nodes/harbor-1/harbor.yml");
    await context.close();
  });

  test("a hostile topology import is refused in the operator's browser, and the form stays as it was", async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, users.operator.email, PASSWORD);
    await expect(page.getByTestId("current-user")).toHaveText(users.operator.email);
    await page.goto(`/instances/${instanceId}/topology`);
    const hostname = page.locator('[data-field="access.hostname"]');
    await expect(hostname).toHaveValue("harbor.example.com");
    const byName = new Map(hostileDocuments().map((d) => [d.name, d]));
    for (const [name, reason] of [
      ["deep flow sequence (262 KB of '[')", "nested deeper than 32 levels"],
      ["billion laughs (alias bomb)", "more than 100 aliases expanded"],
      ["deep compact sequence ('- - - …')", "nested deeper than 32 levels"],
      ["huge numbers (1e400, 99999999999999999999999)", "cannot be held exactly"],
      ["65,000 documents ('---' repeated)", "more than one YAML document"],
    ] as const) {
      await page.getByTestId("topology-import").setInputFiles({ name: "topology.yaml", mimeType: "application/yaml", buffer: byName.get(name)!.make().bytes });
      const alert = page.getByRole("alert").filter({ hasText: "was not loaded; the form is unchanged." });
      await expect(alert, name).toContainText(reason);
    }
    await expect(hostname).toHaveValue("harbor.example.com");
    await context.close();
  });

  test("hostile bodies to the server actions and the sign-in endpoint, in parallel, are refused; nothing is written and the console stays up", async () => {
    test.setTimeout(180_000);
    const save = actionId("topology.ts#saveTopologyAction");
    const diff = actionId("topology.ts#diffConfigAction");
    const revisionsBefore = (await query<{ n: number }>('select count(*)::int as n from "TopologyRevision" where "instanceId" = $1', [instanceId]))[0].n;
    const deepArray = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
    const head = `[{"instanceId":"${instanceId}","baseRevision":1,"message":"","topology":`;
    const bodies: { name: string; send: () => Promise<{ status: number; text: string; ms: number }> }[] = [
      // Just under the action limit: the decoder meets ~290,000 levels of nesting.
      { name: "topology nested 290,000 arrays deep", send: () => callAction(ctx.operator, save, { raw: `${head}${deepArray(290_000)}}]` }) },
      { name: "topology nested 95,000 objects deep", send: () => callAction(ctx.operator, save, { raw: `${head}${deepObject(95_000)}}]` }) },
      { name: "a 5 MB action body", send: () => callAction(ctx.operator, save, { raw: `${head}"${"x".repeat(5 * 1024 * 1024)}"}]` }) },
      {
        name: "an upload of nested arrays instead of text",
        send: () =>
          callAction(ctx.viewer, diff, { raw: `[{"instanceId":"${instanceId}","revision":1,"against":{"kind":"upload","text":${deepArray(290_000)}}}]` }),
      },
      {
        name: "a 400,000-character file name",
        send: () =>
          callAction(ctx.viewer, diff, { input: { instanceId, revision: 1, against: { kind: "upload", text: "a: 1", fileName: "f".repeat(400_000) } } }),
      },
      {
        name: "a 5 MB sign-in form",
        send: async () => {
          const t0 = Date.now();
          const res = await ctx.viewer.post("/api/auth/callback/credentials", {
            form: { email: "x".repeat(5 * 1024 * 1024), password: "p", csrfToken: "t", json: "true" },
            maxRedirects: 0,
            timeout: 60_000,
          });
          return { status: res.status(), text: await res.text(), ms: Date.now() - t0 };
        },
      },
      {
        name: "a deeply nested JSON sign-in body",
        send: async () => {
          const t0 = Date.now();
          const res = await ctx.viewer.post("/api/auth/callback/credentials", {
            headers: { "content-type": "application/json" },
            data: deepArray(400_000),
            maxRedirects: 0,
            timeout: 60_000,
          });
          return { status: res.status(), text: await res.text(), ms: Date.now() - t0 };
        },
      },
    ];
    // A body over the limit may be refused before it has all been sent: the console answers and closes, and the client,
    // still writing, sees the connection go (EPIPE, ECONNRESET). That is a refusal too, and nothing was read or written.
    const closedEarly = /EPIPE|ECONNRESET|socket hang up/;
    const sendOnce = async (b: (typeof bodies)[number]) => {
      const t0 = Date.now();
      try {
        return { name: b.name, closed: false, ...(await b.send()) };
      } catch (e) {
        if (!closedEarly.test(String(e))) throw e;
        return { name: b.name, closed: true, status: 0, text: "", ms: Date.now() - t0 };
      }
    };
    const answers = await Promise.all(bodies.flatMap((b) => Array.from({ length: COPIES }, () => sendOnce(b))));
    for (const a of answers) {
      const at = `${a.name}: ${a.closed ? "connection closed while sending" : a.status} ${a.text.slice(0, 300)}`;
      expect(a.ms, at).toBeLessThan(30_000);
      // Refused: an HTTP error or redirect (Next's body limit, the decoder, next-auth), the action's own refusal, or the
      // connection closed on an oversized body (only those may be cut off).
      if (a.closed) expect(a.name, at).toMatch(/5 MB/);
      const refused = a.closed || a.status >= 300 || /"validationErrors"|"serverError"|"kind":"error"/.test(a.text);
      expect(refused, at).toBe(true);
      expect(a.text, at).not.toContain('"ok":true');
      // Never an opaque error from inside Next (a stack overflow while decoding the arguments): a sentence.
      expect(a.text, at).not.toMatch(/^1:E\{"digest"/m);
    }
    const revisionsAfter = (await query<{ n: number }>('select count(*)::int as n from "TopologyRevision" where "instanceId" = $1', [instanceId]))[0].n;
    expect(revisionsAfter).toBe(revisionsBefore);

    await expectConsoleUp(ctx.operator);
    const fine = await callAction(ctx.viewer, diff, { input: { instanceId, revision: 1, against: { kind: "revision", revision: 1 } } });
    expect(fine.text).toContain('"kind":"revision"');
    // Sign-in still works for everyone else.
    const fresh = await playwrightRequest.newContext({ baseURL });
    expect(await apiSignIn(fresh, users.viewer.email, PASSWORD)).not.toContain("error=");
    await fresh.dispose();
  });
});
