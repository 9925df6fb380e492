/** What the fleet's webhook inventory and its failed-delivery inbox pages get (their URL filters are in webhook.ts). */

export interface InventoryRowDto {
  instanceId: string;
  instanceName: string;
  projectName: string;
  policyId: number;
  name: string;
  enabled: boolean;
  events: string[];
  /** the host only: a URL's path or query may carry a token */
  targets: { host: string; type: string; format: string | null }[];
  lastDeliveryAt: string | null;
  lastDeliveryStatus: string | null;
  lastDeliveryOk: boolean | null;
  failingStreak: number | null;
  refreshedAt: string;
  stale: boolean;
}

export interface InventoryInstanceDto {
  id: string;
  name: string;
  attemptedAt: string | null;
  succeededAt: string | null;
  error: string | null;
  policyCount: number | null;
  /** the latest refresh stopped at the per-refresh cap: the count and the rows cover only part of the instance */
  truncated: boolean;
  /** a refresh is under way now */
  running: boolean;
  stale: boolean;
}

/** Webhook policies read per instance and refresh, at most (lib/fleet/webhooks/inventory.ts). */
export const INVENTORY_POLICY_CAP = 2_000;

export interface FailedDeliveryDto {
  id: string;
  instanceId: string;
  instanceName: string;
  projectName: string;
  policyName: string;
  at: string | null;
  status: string;
  event: string | null;
  /** Harbor's status message; for a viewer with every URL reduced to its origin */
  message: string | null;
  /** target hosts only, as the inventory keeps them */
  targets: string[];
  failingStreak: number | null;
  flagged: boolean;
  policyId: number;
  /** Harbor's job (≤ 2.7) or execution (2.8+) id; null when the inventory predates redelivery */
  jobId: number | null;
  /** why Redeliver is absent (docs/harbor/api.md §7.6); null when it is offered */
  redeliverBlocker: string | null;
}

export interface FlaggedPolicyDto {
  instanceId: string;
  instanceName: string;
  projectName: string;
  policyName: string;
  failingStreak: number;
  lastDeliveryAt: string | null;
}

/** Failed deliveries shown at most; the inbox says when there are more (narrow the filters). */
export const INBOX_LIMIT = 200;

export interface FailedDeliveryInbox {
  rows: FailedDeliveryDto[];
  total: number;
  /** policies whose last WEBHOOK_FLAG_STREAK deliveries all failed, under the same instance/project/policy filters */
  flagged: FlaggedPolicyDto[];
  /** choices for the filters: every instance, and the events that failed (as each Harbor spells them, with a label) */
  instances: { id: string; name: string }[];
  events: { value: string; label: string }[];
}
