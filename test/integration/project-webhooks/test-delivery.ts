/** Test deliveries of a project's webhook: the allow-list, the body and header sent, refusals, the audit. Run by project-webhooks.test.ts. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getSetting, updateSetting } from "@/lib/fleet/settings";
import { createProjectWebhook, deleteProjectWebhook } from "@/lib/fleet/webhooks/changes";
import { testProjectWebhookDelivery } from "@/lib/fleet/webhooks/test-delivery";
import { EMPTY_TARGET } from "@/lib/schemas/webhook";
import { ctx, ids, policyInput, refusal, SECRET } from "../../support/project-webhooks-sim";

export function testDeliveryTests(): void {
  describe("test delivery", () => {
    it("POSTs the policy's format with the stored auth header to an allow-listed receiver; a metadata address is refused; both audited", async () => {
      const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];
      const receiver = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          seen.push({ headers: req.headers, body });
          res.writeHead(200, { "content-type": "text/plain" }).end("thanks");
        });
      });
      await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
      try {
        const instanceId = ids["2.15.2"];
        const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
        const target = { ...EMPTY_TARGET, address: url, authHeader: SECRET, payloadFormat: "CloudEvents" as const };
        const made = await createProjectWebhook({
          ...ctx,
          input: policyInput(instanceId, {
            project: "library",
            name: "test-target",
            eventTypes: ["PUSH_ARTIFACT"],
            targets: [target, { ...EMPTY_TARGET, address: "http://169.254.169.254/latest/meta-data/" }],
          }),
        });
        // The Harbors' allow-list (CONSOLE_OUTBOUND_ALLOW=127.0.0.0/8 in tests) does not open loopback to test deliveries.
        const closed = await testProjectWebhookDelivery({ ...ctx, input: { instanceId, project: "library", policyId: made.id, target: 0 } });
        expect(closed).toMatchObject({ ok: false, refused: true, status: null });
        expect(closed.error).toContain("Settings → Test deliveries");
        expect(seen).toHaveLength(0);
        // Their own list, kept by admins in Settings (audited), does.
        const before = await getSetting("webhookTestAllowList");
        await updateSetting({
          key: "webhookTestAllowList",
          value: ["127.0.0.1/32"],
          expectedUpdatedAt: before.updatedAt,
          actor: ctx.actor,
          requestId: "test-allow",
        });
        const ok = await testProjectWebhookDelivery({ ...ctx, input: { instanceId, project: "library", policyId: made.id, target: 0 } });
        expect(ok).toMatchObject({ ok: true, status: 200, excerpt: "thanks", refused: false });
        expect(seen).toHaveLength(1);
        expect(seen[0].headers.authorization).toBe(SECRET);
        expect(seen[0].headers["content-type"]).toBe("application/cloudevents+json");
        expect(JSON.parse(seen[0].body)).toMatchObject({ specversion: "1.0", type: "harbor.artifact.pushed" });
        const refused = await testProjectWebhookDelivery({ ...ctx, input: { instanceId, project: "library", policyId: made.id, target: 1 } });
        expect(refused).toMatchObject({ ok: false, refused: true, status: null });
        expect(refused.error).toContain("169.254.169.254");
        const audit = await db.auditEvent.findMany({ where: { action: "webhook.test_delivery", targetId: instanceId }, orderBy: { id: "asc" } });
        expect(audit.map((a) => (a.after as { target: string }).target)).toEqual(
          expect.arrayContaining([`127.0.0.1:${(receiver.address() as AddressInfo).port}`, "169.254.169.254"]),
        );
        expect(JSON.stringify(audit.map((a) => a.after))).not.toContain("s3cret");
        const missing = await refusal(testProjectWebhookDelivery({ ...ctx, input: { instanceId, project: "library", policyId: made.id, target: 5 } }));
        expect(missing.code).toBe("not_found");
        await deleteProjectWebhook({ ...ctx, input: { instanceId, project: "library", policyId: made.id, name: "test-target" } });
        const allowAudit = await db.auditEvent.findFirst({ where: { action: "setting.update", targetId: "webhookTestAllowList" }, orderBy: { id: "desc" } });
        expect(allowAudit?.after).toEqual(["127.0.0.1/32"]);
        await updateSetting({
          key: "webhookTestAllowList",
          value: [],
          expectedUpdatedAt: (await getSetting("webhookTestAllowList")).updatedAt,
          actor: ctx.actor,
          requestId: "test-allow",
        });
      } finally {
        await new Promise<void>((r) => receiver.close(() => r()));
      }
    });
  });
}
