import "server-only";
import { AppError } from "../../errors";
import { getProject, getWebhookJob, getWebhookPolicy, redeliveryBlocker, redeliveryContentType, resolveVersion } from "../../harbor";
import type { TestDeliveryResult } from "../../harbor";
import type { TWebhookRedeliverInput } from "../../schemas/webhook";
import type { Actor } from "../audit";
import { withInstanceClient } from "../harbor-session";
import { webhookChangeError } from "./failure";
import { sendAuditedDelivery } from "./audited-delivery";

/** The header that marks the console's re-POST, with Harbor's record id: a receiver can tell it from Harbor's own try. */
export const REDELIVERY_HEADER = "x-harbor-fleet-redelivery";

/**
 * "Redeliver" (the failed-delivery inbox): the console re-POSTs the body Harbor kept for a delivery (docs/harbor/api.md
 * §7.6), read from Harbor now, to the policy's one target of the record's notify type, with that target's auth header
 * (http only: Harbor sends none to Slack) through the test delivery's SSRF guard and allow-list. Marked as a
 * redelivery (a header and the User-Agent) and audited. Harbor's own record is not changed: it stays failed.
 */
export async function redeliverWebhookDelivery(o: { input: TWebhookRedeliverInput; actor: Actor; requestId: string }): Promise<TestDeliveryResult> {
  const { input } = o;
  return withInstanceClient(input.instanceId, async (client, instance) => {
    const d = await resolveVersion({ client });
    if (!d.ok) throw webhookChangeError(d.error);
    const project = await getProject({ client, project: input.project });
    if (!project.ok) throw webhookChangeError(project.error);
    const ref = { client, project: project.value.project_id, policyId: input.policyId };
    const [policy, job] = await Promise.all([getWebhookPolicy(ref), getWebhookJob({ ...ref, jobId: input.jobId })]);
    if (!policy.ok) throw webhookChangeError(policy.error);
    if (!job.ok) throw webhookChangeError(job.error);
    if (!job.value)
      throw new AppError(
        "not_found",
        `Harbor no longer has delivery ${input.jobId} of policy ${policy.value.name} (it may have been purged) — refresh the inventory.`,
      );
    const record = job.value;
    const blocker = redeliveryBlocker({
      generation: d.value.generation,
      notifyType: record.notify_type,
      targetTypes: policy.value.targets.map((t) => t.type),
      hasPayload: Boolean(record.job_detail),
    });
    if (blocker) throw new AppError("conflict", blocker);
    const target = policy.value.targets.find((t) => t.type === record.notify_type)!;
    const body = record.job_detail!;
    const authHeader = target.type === "http" ? target.auth_header : null;
    return sendAuditedDelivery(
      {
        url: target.address,
        payload: { contentType: redeliveryContentType(body), body },
        authHeader,
        skipCertVerify: Boolean(target.skip_cert_verify),
        headers: { [REDELIVERY_HEADER]: String(record.id) },
        purpose: "redelivery",
      },
      {
        actor: o.actor,
        requestId: o.requestId,
        action: "webhook.redeliver",
        instance,
        policyName: `${project.value.name} / ${policy.value.name}`,
        details: { redelivery: true, harborJobId: record.id, eventType: record.event_type },
      },
    );
  });
}
