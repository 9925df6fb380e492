import "server-only";
import type { THarborExecution, THarborWebhookJob } from "../../harbor";
import type { DeliveryDto } from "../../schemas/webhook-dto";

/** A delivery as the inventory reads it, with what a redelivery needs to find Harbor's record again. */
export type KeptDelivery = DeliveryDto & {
  /** the job id (≤ 2.7) or execution id (2.8+, the same id in the jobs view) */
  harborJobId: number | null;
  notifyType: string | null;
  /** the record carries a body (`job_detail`); null when the list read does not say (2.8+ executions) */
  hasPayload: boolean | null;
};

type Record = Pick<KeptDelivery, "harborJobId" | "notifyType" | "hasPayload">;

const VENDOR_NOTIFY: Partial<{ [k: string]: string }> = { WEBHOOK: "http", SLACK: "slack" };

export function jobRecord(j: THarborWebhookJob): Record {
  return { harborJobId: Number.isSafeInteger(j.id) ? j.id : null, notifyType: j.notify_type || null, hasPayload: Boolean(j.job_detail) };
}

/** 2.8+: the payload lives in extra_attrs (typed as objects by the spec, strings in fact): known only on the jobs view. */
export function executionRecord(e: THarborExecution): Record {
  return { harborJobId: Number.isSafeInteger(e.id) ? e.id : null, notifyType: VENDOR_NOTIFY[e.vendor_type ?? ""] ?? null, hasPayload: null };
}
