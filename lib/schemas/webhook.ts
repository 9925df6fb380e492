import * as z from "zod";
import { ZInstanceId } from "./ids";
import type { WebhookPolicyDto } from "./webhook-dto";

/**
 * Project webhooks (issue #13): the form's schema, shared by the form's resolver and the server actions, the route
 * params, and how a viewer sees an address. What pages get is in webhook-dto.ts and (the fleet inventory and
 * inbox) webhook-inventory.ts. Client-safe.
 */

/** Harbor's project name rule (lib/harbor/facts.ts PROJECT_NAME); "2024" is a legal name. */
export const ZProjectName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, { error: "Not a Harbor project name" });

export const ZProjectListParams = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});
export type TProjectListParams = z.infer<typeof ZProjectListParams>;

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
};

export const NOTIFY_TYPES = ["http", "slack"] as const;
export const PAYLOAD_FORMATS = ["Default", "CloudEvents"] as const;

export const ZWebhookTargetFields = z.object({
  type: z.enum(NOTIFY_TYPES),
  address: z
    .string()
    .trim()
    .min(1, { error: "Enter the receiver's URL" })
    .max(2048, { error: "At most 2048 characters" })
    .refine(isHttpUrl, { error: "A full http:// or https:// URL, e.g. https://hooks.example.com/harbor" }),
  /** write-only: "" keeps what is stored (on edit) or sets none (on create) */
  authHeader: z.string().max(4096, { error: "At most 4096 characters" }),
  /** remove the stored auth header */
  clearAuthHeader: z.boolean(),
  skipCertVerify: z.boolean(),
  payloadFormat: z.enum(PAYLOAD_FORMATS),
  /**
   * On edit: the stored target this one was loaded from (its type and address then), so that an empty auth header
   * keeps that target's header only while the type and address stay the same. Absent/null: a new target.
   */
  original: z
    .object({ type: z.string().max(16), address: z.string().max(2048) })
    .nullable()
    .optional(),
});
export type TWebhookTargetFields = z.infer<typeof ZWebhookTargetFields>;

export const ZWebhookPolicyFields = z.object({
  name: z.string().trim().min(1, { error: "Give the policy a name" }).max(256, { error: "At most 256 characters" }),
  description: z.string().max(1024, { error: "At most 1024 characters" }),
  enabled: z.boolean(),
  eventTypes: z.array(z.string().min(1).max(64)).min(1, { error: "Choose at least one event" }).max(32),
  targets: z.array(ZWebhookTargetFields).min(1, { error: "Add a target" }).max(5, { error: "At most 5 targets" }),
});
export type TWebhookPolicyFields = z.infer<typeof ZWebhookPolicyFields>;

const ZRef = z.object({ instanceId: ZInstanceId, project: ZProjectName });
const ZPolicyId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const ZWebhookCreateInput = ZWebhookPolicyFields.extend(ZRef.shape);
export type TWebhookCreateInput = z.infer<typeof ZWebhookCreateInput>;

/** `updateTime`: the policy's update_time when the form was opened; a different one in Harbor is a conflict. */
export const ZWebhookUpdateInput = ZWebhookCreateInput.extend({ policyId: ZPolicyId, updateTime: z.string().max(64).nullable() });
export type TWebhookUpdateInput = z.infer<typeof ZWebhookUpdateInput>;

export const ZWebhookToggleInput = ZRef.extend({ policyId: ZPolicyId, enabled: z.boolean(), updateTime: z.string().max(64).nullable() });
export type TWebhookToggleInput = z.infer<typeof ZWebhookToggleInput>;

export const ZWebhookDeleteInput = ZRef.extend({ policyId: ZPolicyId, name: z.string().max(256) });

/** A test delivery to target `target` (0-based) of a stored policy. */
export const ZWebhookTestInput = ZRef.extend({ policyId: ZPolicyId, target: z.number().int().min(0).max(9) });
export type TWebhookTestInput = z.infer<typeof ZWebhookTestInput>;

/** "Redeliver" a failed delivery of the inbox: Harbor's record of it (job or execution id) under its policy. */
export const ZWebhookRedeliverInput = ZRef.extend({ policyId: ZPolicyId, jobId: ZPolicyId });
export type TWebhookRedeliverInput = z.infer<typeof ZWebhookRedeliverInput>;

export type TWebhookDeleteInput = z.infer<typeof ZWebhookDeleteInput>;

export const ZWebhookHistoryParams = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  execution: z.coerce.number().int().positive().optional(),
  task: z.coerce.number().int().positive().optional(),
});

export const EMPTY_TARGET: TWebhookTargetFields = {
  type: "http",
  address: "",
  authHeader: "",
  clearAuthHeader: false,
  skipCertVerify: false,
  payloadFormat: "Default",
};

// -- route params

const ZProjectRoute = z.object({ instanceId: ZInstanceId, projectName: ZProjectName });
const ZPolicyIdParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A project page's instance id and project name, or null (→ 404). */
export function parseProjectRoute(p: { instanceId: string; projectName: string }): { instanceId: string; project: string } | null {
  const r = ZProjectRoute.safeParse(p);
  return r.success ? { instanceId: r.data.instanceId, project: r.data.projectName } : null;
}

export function parsePolicyIdParam(raw: string): number | null {
  const r = ZPolicyIdParam.safeParse(raw);
  return r.success ? r.data : null;
}

/**
 * A target address as a viewer sees it: origin only ("https://hooks.slack.com/…"), because a receiver's path or
 * query often is its secret (Slack's incoming-webhook URLs). Operators, who edit the address, see it whole.
 */
export function addressForViewer(address: string): string {
  try {
    const u = new URL(address);
    return u.pathname === "/" && !u.search ? u.origin : `${u.origin}/…`;
  } catch {
    return "(not a URL)";
  }
}

/** Every http(s) URL in a text (Harbor's status messages and task logs name the receiver) reduced as for a viewer. */
export function urlsForViewer(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s"'<>`]*[^\s"'<>`.,;:!?)\]]/gi, (url) => addressForViewer(url));
}

export function policyForViewer(p: WebhookPolicyDto): WebhookPolicyDto {
  return { ...p, targets: p.targets.map((t) => ({ ...t, address: addressForViewer(t.address) })) };
}

// -- the fleet inventory and the failed-delivery inbox (what their pages get: webhook-inventory.ts)

export const ZInventoryParams = z.object({
  q: z.string().trim().max(100).optional(),
  failing: z.enum(["1"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});
export type TInventoryParams = z.infer<typeof ZInventoryParams>;

export const ZInventoryRefreshInput = z.object({ instanceId: ZInstanceId });

/** The failed-delivery inbox's filters, all in the URL (`view=inbox` on /webhooks). */
export const ZInboxParams = z.object({
  instance: ZInstanceId.optional(),
  project: z.string().trim().max(100).optional(),
  policy: z.string().trim().max(100).optional(),
  event: z.string().trim().max(64).optional(),
  since: z.enum(["1h", "24h", "7d", "30d"]).optional(),
});
export type TInboxParams = z.infer<typeof ZInboxParams>;
