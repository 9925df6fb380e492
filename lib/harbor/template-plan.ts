/**
 * What a fleet webhook template means for one project of one Harbor (issue #13): create, update, unchanged or cannot,
 * with the exact body the instance will receive. Pure: the dry run, the apply and the unit tests share it.
 *
 * A managed policy is recognised by its name: `fleet-tpl-<template>`; on 2.0, where policy names are unique across
 * the whole Harbor, `fleet-tpl-<template>--<project>` (template names never hold "--"). 1.x allows one policy per
 * project: a project whose one policy is someone else's cannot take the template.
 */
import { EVENT_TYPE_LABEL, eventTypeForVersion } from "./event-types";
import { supportsPayloadFormat, webhookNotifyTypes, type HarborVersion } from "./facts";
import type { THarborWebhookPolicy } from "./schemas";
import { buildCreateBody, buildUpdateBody, type WebhookTargetInput, type WirePolicy, type WireTarget } from "./webhook-body";

export const MANAGED_PREFIX = "fleet-tpl-";

export function managedPolicyName(template: string, project: string, v: HarborVersion): string {
  return v.major === 2 && v.minor === 0 ? `${MANAGED_PREFIX}${template}--${project}` : `${MANAGED_PREFIX}${template}`;
}

/** The template as the planner needs it: events as concepts (2.x spelling), every auth header explicit. */
export interface TemplatePolicy {
  name: string;
  description: string;
  enabled: boolean;
  eventTypes: string[];
  targets: (WebhookTargetInput & { authHeader: string | null })[];
}

export interface Change {
  field: string;
  from: string;
  to: string;
}

export type ProjectPlan =
  | { action: "create"; policyName: string; body: WirePolicy }
  | { action: "update"; policyName: string; policyId: number; body: WirePolicy; changes: Change[] }
  | { action: "unchanged"; policyName: string; policyId: number }
  | { action: "cannot"; policyName: string; reason: string };

export function planProject(o: {
  template: TemplatePolicy;
  version: HarborVersion;
  label: string;
  project: string;
  policies: THarborWebhookPolicy[];
  creator: string | null;
}): ProjectPlan {
  const { template: t, version: v, label } = o;
  const policyName = managedPolicyName(t.name, o.project, v);
  const cannot = (reason: string): ProjectPlan => ({ action: "cannot", policyName, reason });
  const why = versionRefusal(t, v, label);
  if (why) return cannot(why);
  const eventTypes = t.eventTypes.map((e) => eventTypeForVersion(e, v)!);
  const input = { name: policyName, description: t.description, enabled: t.enabled, eventTypes, targets: t.targets };
  const current = o.policies.find((p) => p.name === policyName);
  if (!current) {
    const other = o.policies[0];
    if (v.major === 1 && other)
      return cannot(
        `${label} allows one webhook policy per project, and this project already has "${other.name || `policy ${other.id}`}", which no template manages.`,
      );
    const body = buildCreateBody({ input, version: v, label, creator: o.creator });
    return body.ok ? { action: "create", policyName, body: body.value } : cannot(body.error.message);
  }
  const body = buildUpdateBody({ current, changes: input, version: v, label });
  if (!body.ok) return cannot(body.error.message);
  const changes = diffPolicy(current, body.value, v);
  return changes.length
    ? { action: "update", policyName, policyId: current.id, body: body.value, changes }
    : { action: "unchanged", policyName, policyId: current.id };
}

/** Why this version cannot carry the template at all, or null. */
export function versionRefusal(t: TemplatePolicy, v: HarborVersion, label: string): string | null {
  const notify = webhookNotifyTypes(v);
  const badType = t.targets.find((x) => !notify.includes(x.type));
  if (badType) return `${label} cannot notify "${badType.type}" targets; it supports ${notify.join(" and ")}.`;
  if (!supportsPayloadFormat(v) && t.targets.some((x) => x.type === "http" && x.payloadFormat === "CloudEvents")) {
    return `CloudEvents needs Harbor 2.8 or later; ${label} would silently send the Default payload.`;
  }
  const missing = t.eventTypes.filter((e) => !eventTypeForVersion(e, v));
  if (missing.length) return `${label} has no event ${missing.map((e) => `"${EVENT_TYPE_LABEL[e] ?? e}" (${e})`).join(", ")}.`;
  return null;
}

const targetText = (x: { type: string; address: string; skip_cert_verify?: boolean | null; payload_format?: string | null }, pf: boolean) =>
  [x.type, x.address, x.skip_cert_verify ? "TLS not verified" : null, pf && x.type === "http" ? x.payload_format || "Default" : null]
    .filter(Boolean)
    .join(" · ");

/** What the desired body changes in the current policy; auth headers compared but never shown. */
export function diffPolicy(current: THarborWebhookPolicy, next: WirePolicy, v: HarborVersion): Change[] {
  const pf = supportsPayloadFormat(v);
  const out: Change[] = [];
  if (current.enabled !== next.enabled) out.push({ field: "enabled", from: String(current.enabled), to: String(next.enabled) });
  if ((current.description ?? "") !== next.description) out.push({ field: "description", from: current.description ?? "", to: next.description });
  const sorted = (a: string[]) => [...new Set(a)].sort().join(", ");
  if (sorted(current.event_types) !== sorted(next.event_types)) out.push({ field: "events", from: sorted(current.event_types), to: sorted(next.event_types) });
  const n = Math.max(current.targets.length, next.targets.length);
  for (let i = 0; i < n; i++) {
    const a = current.targets[i];
    const b: WireTarget | undefined = next.targets[i];
    const field = `target ${i + 1}`;
    const from = a ? targetText(a, pf) : "(none)";
    const to = b ? targetText(b, pf) : "(none)";
    if (from !== to) out.push({ field, from, to });
    else if (a && b && (a.auth_header || "") !== (b.auth_header || ""))
      out.push({ field: `${field} auth header`, from: a.auth_header ? "stored" : "none", to: b.auth_header ? "a different one" : "none" });
  }
  return out;
}

/** The body as a page may show it: every auth header replaced by "[stored]". */
export function maskedBody(body: WirePolicy): string {
  return JSON.stringify({ ...body, targets: body.targets.map((x) => (x.auth_header ? { ...x, auth_header: "[stored]" } : x)) }, null, 2);
}
