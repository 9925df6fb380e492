/**
 * Issue #14, finding 2, against the production build: hostile bodies to the server actions and the sign-in endpoint,
 * all sent in parallel (harbor.yml uploads and topology imports are in hostile-uploads.spec.ts). Each must come back as
 * a refusal, nothing may be written, and the console must stay up and keep working.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { apiSignIn, query } from "./helpers";
import { actionId, baseURL, callAction, COPIES, expectConsoleUp, PASSWORD, setUpHostile, type Role } from "./hostile-setup";

test.describe("hostile input", () => {
  let ctx: Record<Role, APIRequestContext>;
  let users: Record<Role, { id: string; email: string }>;
  let instanceId: string;
  let dispose: () => Promise<void>;

  test.beforeAll(async () => {
    ({ ctx, users, instanceId, dispose } = await setUpHostile());
  });

  test.afterAll(async () => {
    await dispose();
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
