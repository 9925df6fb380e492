/**
 * Issue #14, finding 2, against the production build: a viewer's hostile harbor.yml uploads (the reported attack:
 * 262 KB of `x: [[[[…`, sent 2–8 times at once, killed next-server within a second), through the server action and
 * through the page, and hostile topology imports in an operator's browser. Each must come back as a refusal that says
 * why, and the console must stay up and keep working. The parsers' own bounds are unit-tested
 * (test/unit/security/hostile-input.test.ts); this is the server as an attacker meets it.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { hostileDocuments } from "../support/hostile-documents";
import { signIn } from "./helpers";
import { actionId, callAction, COPIES, expectConsoleUp, MAX_UPLOAD_CHARS, PASSWORD, setUpHostile, type Role } from "./hostile-setup";

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
});
