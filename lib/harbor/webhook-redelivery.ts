import "server-only";
import { sendJson } from "./call";
import { harborOk, type HarborResult } from "./errors";
import type { ApiGeneration } from "./facts";
import type { ProjectRef } from "./projects";
import { ZHarborWebhookJob, type THarborWebhookJob } from "./schemas";
import type { HarborClient } from "./transport";
import { checkId, hasExecutions, paginatedPolicies, webhookScope } from "./webhook-scope";

/**
 * What Harbor keeps of a delivery, for a redelivery (docs/harbor/api.md §7.6). Every generation serves a job record
 * with `job_detail`: on 1.x – 2.7 the event's Default JSON (the very body sent to an http target; a Slack target was
 * sent a message rendered from it), on 2.8+ (the deprecated jobs view over executions) the body as sent, in the
 * target's format. No record names the target it went to: only its notify type.
 */

/** One job (2.8+: execution) of a policy, or null when Harbor no longer has it. 2.3+ asks for it alone (`q=id=N`). */
export async function getWebhookJob(opts: {
  client: HarborClient;
  project: ProjectRef;
  policyId: number;
  jobId: number;
}): Promise<HarborResult<THarborWebhookJob | null>> {
  checkId("policyId", opts.policyId);
  checkId("jobId", opts.jobId);
  const s = await webhookScope(opts);
  if (!s.ok) return s;
  const sc = s.value;
  const query = paginatedPolicies(sc.generation) ? { policy_id: opts.policyId, q: `id=${opts.jobId}`, page: 1, page_size: 1 } : { policy_id: opts.policyId };
  const r = await sendJson(opts.client, { method: "GET", path: sc.path("jobs"), byName: sc.byName, query, schema: ZHarborWebhookJob.array() });
  if (!r.ok) return r;
  return harborOk(r.value.data.find((j) => j.id === opts.jobId && j.policy_id === opts.policyId) ?? null, r.requestId);
}

/**
 * Why a failed delivery cannot be redelivered, or null when it can: Harbor kept the body it sent (`hasPayload`: null
 * when not known yet) and the policy has exactly one target of the record's notify type to send it to.
 */
export function redeliveryBlocker(o: {
  generation: ApiGeneration;
  notifyType: string | null | undefined;
  targetTypes: string[];
  hasPayload: boolean | null;
}): string | null {
  const type = o.notifyType || null;
  if (!type) return "Harbor's record does not say which kind of target it was sent to.";
  if (type === "slack" && !hasExecutions(o.generation))
    return "Before 2.8 Harbor keeps the event, not the Slack message it rendered from it: there is nothing to resend as it was.";
  if (o.hasPayload === false) return "Harbor's record of this delivery holds no payload.";
  const n = o.targetTypes.filter((t) => t === type).length;
  if (n === 0) return `The policy has no ${type} target any more.`;
  if (n > 1) return `The policy has ${n} ${type} targets and Harbor's record does not say which one this delivery went to.`;
  return null;
}

/** The Content-Type Harbor sent the kept body with: CloudEvents JSON is recognised by its `specversion`. */
export function redeliveryContentType(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "specversion" in parsed) return "application/cloudevents+json";
  } catch {
    // not JSON: sent as Harbor labelled it all the same
  }
  return "application/json";
}
