import * as z from "zod";
import { EVENT_TYPE_LABEL } from "../harbor/event-types";
import { ENVIRONMENTS } from "./instance";
import { ZWebhookPolicyFields } from "./webhook";

/** The events a template may name: concepts in the 2.x spelling (lib/harbor/event-types.ts maps them per version). */
export const EVENT_CONCEPTS = Object.keys(EVENT_TYPE_LABEL);

/**
 * Fleet-wide webhook templates (issue #13): the form's schema, shared by the form and the server actions, and the
 * DTOs pages get. A template's events are concepts (the 2.x spelling); auth headers are write-only, as on a policy.
 */

/** `*` any run of characters, `?` one; nothing else is special. */
const ZGlob = z
  .string()
  .trim()
  .min(1, { error: "Give a pattern, e.g. * or team-*" })
  .max(255, { error: "At most 255 characters" })
  .regex(/^[A-Za-z0-9._*?\- ]+$/, { error: "Letters, digits, . _ - and the wildcards * and ? only" });

export const ZTemplateFields = ZWebhookPolicyFields.extend({
  eventTypes: z
    .array(z.string().refine((e) => EVENT_CONCEPTS.includes(e), { error: "Not a webhook event" }))
    .min(1, { error: "Choose at least one event" })
    .max(32),
  // The managed policy is named after it (fleet-tpl-<name>), so it keeps to what every Harbor version accepts in a name.
  name: z
    .string()
    .trim()
    .min(1, { error: "Give the template a name" })
    .max(60, { error: "At most 60 characters" })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "Lower-case letters, digits and single hyphens, e.g. ci-push" }),
  environments: z.array(z.enum(ENVIRONMENTS)).max(4),
  /** "key=value" or "key", one per line in the form */
  labels: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(200)
        .regex(/^[^=\s]+(=\S*)?$/, { error: "key or key=value" }),
    )
    .max(20),
  instancePattern: ZGlob,
  projectPattern: ZGlob,
  /** reconcile: create the policy in projects that appear later */
  autoApply: z.boolean(),
});
export type TTemplateFields = z.infer<typeof ZTemplateFields>;

export const ZTemplateCreateInput = ZTemplateFields;
/** `version`: the template's version when the form was opened; another edit in between is a conflict. */
export const ZTemplateUpdateInput = ZTemplateFields.extend({ id: z.uuid(), version: z.number().int().positive() });
export type TTemplateUpdateInput = z.infer<typeof ZTemplateUpdateInput>;
export const ZTemplateDeleteInput = z.object({ id: z.uuid(), name: z.string().max(60) });
/** A dry run of the whole selection, or an apply to one selected instance (the page runs them a few at a time). */
export const ZTemplateDryRunInput = z.object({ id: z.uuid() });
export const ZTemplateAdoptInput = z.object({ driftId: z.uuid() });
export const ZTemplateApplyInput = z.object({ id: z.uuid(), instanceId: z.uuid(), version: z.number().int().positive() });

// -- what pages get

export interface TemplateTargetDto {
  type: "http" | "slack";
  address: string;
  authHeaderSet: boolean;
  skipCertVerify: boolean;
  payloadFormat: "Default" | "CloudEvents";
}

export interface TemplateDto {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  eventTypes: string[];
  targets: TemplateTargetDto[];
  environments: (typeof ENVIRONMENTS)[number][];
  labels: string[];
  instancePattern: string;
  projectPattern: string;
  autoApply: boolean;
  version: number;
  updatedAt: string;
  updatedByEmail: string;
}

export type PlanAction = "create" | "update" | "unchanged" | "cannot";

/** One instance × project of a dry run or an apply. */
export interface PlanRowDto {
  instanceId: string;
  instanceName: string;
  /** "Harbor 2.15.2"; null when the instance could not be reached */
  versionLabel: string | null;
  /** null: the row is about the whole instance (unreachable, no project matched) */
  project: string | null;
  action: PlanAction;
  /** why "cannot" (or why nothing matched) */
  reason: string | null;
  policyName: string | null;
  /** the exact JSON body the instance will receive, auth headers replaced by "[stored]" */
  body: string | null;
  /** what an update changes: field → [now, then] (auth headers masked) */
  changes: { field: string; from: string; to: string }[];
  /** after an apply: whether Harbor took the write (null: nothing to write) */
  applied?: { ok: boolean; message: string | null } | null;
}

/** A template page's id, or null (→ 404). */
export function parseTemplateId(raw: string): string | null {
  const r = z.uuid().safeParse(raw);
  return r.success ? r.data : null;
}

/** A managed policy changed in Harbor, as the last reconcile found it. */
export interface DriftDto {
  id: string;
  instanceId: string;
  instanceName: string;
  project: string;
  policyName: string;
  changes: { field: string; from: string; to: string }[];
  detectedAt: string;
  adoptedAt: string | null;
  adoptedByEmail: string | null;
}
