import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "../../errors";
import { getProject, getWebhookPolicy } from "../../harbor";
import { samplePayload } from "../../harbor/sample-payload";
import type { TestDeliveryResult } from "../../harbor";
import type { TWebhookTestInput } from "../../schemas/webhook";
import type { Actor } from "../audit";
import { withInstanceClient } from "../harbor-session";
import { webhookChangeError } from "./failure";
import { sendAuditedDelivery } from "./audited-delivery";

/**
 * "Test delivery": the console POSTs a sample payload in the target's format (Default, CloudEvents, Slack) to one
 * target of a stored policy, with the auth header Harbor keeps for it (read here, never sent to the browser), through
 * the SSRF guard (lib/harbor/test-delivery.ts) with its own allow-list (Settings → Test deliveries), not the Harbors'.
 * Audited with the target's host and the outcome.
 */
export async function testProjectWebhookDelivery(o: { input: TWebhookTestInput; actor: Actor; requestId: string }): Promise<TestDeliveryResult> {
  const { input } = o;
  return withInstanceClient(input.instanceId, async (client, instance) => {
    const project = await getProject({ client, project: input.project });
    if (!project.ok) throw webhookChangeError(project.error);
    const policy = await getWebhookPolicy({ client, project: project.value.project_id, policyId: input.policyId });
    if (!policy.ok) throw webhookChangeError(policy.error);
    const target = policy.value.targets[input.target];
    if (!target) throw new AppError("not_found", `Policy ${policy.value.name} has no target ${input.target + 1} (any more) — reload the page.`);
    const format = target.type === "slack" ? "Slack" : target.payload_format === "CloudEvents" ? "CloudEvents" : "Default";
    const payload = samplePayload({
      format,
      eventType: policy.value.event_types[0] ?? "PUSH_ARTIFACT",
      project: project.value.name,
      projectId: project.value.project_id,
      policyId: policy.value.id,
      operator: o.actor.email,
      now: new Date(),
      id: randomUUID(),
    });
    return sendAuditedDelivery(
      { url: target.address, payload, authHeader: target.auth_header, skipCertVerify: Boolean(target.skip_cert_verify) },
      {
        actor: o.actor,
        requestId: o.requestId,
        action: "webhook.test_delivery",
        instance,
        policyName: `${project.value.name} / ${policy.value.name}`,
        details: { format },
      },
    );
  });
}
