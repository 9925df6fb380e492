/**
 * Request bodies for webhook policies (docs/harbor/api.md §7.2, §7.4). Pure. Only fields of the version's spec schema
 * are sent. Rules:
 * - `enabled` always sent (omitted → false); `creator` set by us on 2.3+ (the server stopped setting it).
 * - payload_format only on 2.8+ and only on http targets; CloudEvents before 2.8 is refused (Harbor would
 *   silently send Default); a slack target never carries one.
 * - addresses must be full http(s) URLs (Harbor stores a scheme-less address as sent; delivery then fails).
 * - PUT replaces every column: the update body is the whole current object with the changes applied.
 */
import { localFailure, type HarborFailure } from "./errors";
import { supportsPayloadFormat, webhookNotifyTypes, type HarborVersion } from "./facts";
import { atLeast } from "../releases";
import { eventTypeForVersion } from "./event-types";
import type { THarborWebhookPolicy, THarborWebhookTarget } from "./schemas";

export type PayloadFormat = "Default" | "CloudEvents";

export interface WebhookTargetInput {
  type: "http" | "slack";
  /** full URL, e.g. https://hooks.example.com/harbor */
  address: string;
  /**
   * sent verbatim as Authorization by Harbor. On update: undefined keeps the value of the current target with the same
   * type and address (none if the address changed), null or "" clears it.
   */
  authHeader?: string | null;
  skipCertVerify?: boolean;
  payloadFormat?: PayloadFormat;
}

export interface WebhookPolicyInput {
  name: string;
  description?: string;
  enabled: boolean;
  /** any spelling (pushImage or PUSH_ARTIFACT): translated to the version's where a counterpart exists */
  eventTypes: string[];
  targets: WebhookTargetInput[];
}

export interface WireTarget {
  type: string;
  address: string;
  auth_header?: string;
  skip_cert_verify: boolean;
  payload_format?: string;
}

export interface WirePolicy {
  id?: number;
  project_id?: number;
  name: string;
  description: string;
  targets: WireTarget[];
  event_types: string[];
  creator?: string;
  creation_time?: string;
  enabled: boolean;
}

type Built<T> = { ok: true; value: T } | HarborFailure;

/** `label` names the version in messages, e.g. "Harbor 2.7.4". */
export function buildTargets(inputs: WebhookTargetInput[], v: HarborVersion, label: string, current: THarborWebhookTarget[] = []): Built<WireTarget[]> {
  const pf = supportsPayloadFormat(v);
  const out: WireTarget[] = [];
  for (const [index, t] of inputs.entries()) {
    if (!webhookNotifyTypes(v).includes(t.type)) {
      return localFailure(
        t.type === "slack" ? "unsupported_version" : "unprocessable",
        `${label} cannot notify "${t.type}" targets; it supports ${webhookNotifyTypes(v).join(" and ")}.`,
      );
    }
    if (!isFullUrl(t.address)) {
      return localFailure(
        "unprocessable",
        `"${t.address}" is not a full http:// or https:// URL — give the receiver's complete address, e.g. https://hooks.example.com/harbor.`,
      );
    }
    if (t.type === "slack" && t.payloadFormat === "CloudEvents") {
      return localFailure("unprocessable", "Slack targets have no payload format; CloudEvents is available for http targets only.");
    }
    if (t.type === "http" && t.payloadFormat === "CloudEvents" && !pf) {
      return localFailure(
        "unsupported_version",
        `${label} sends only the Default payload; CloudEvents needs Harbor 2.8 or later (older versions would silently send Default).`,
      );
    }
    // The same target is the one with this type and address — never the one in the same position: a header kept by
    // position would follow a retargeted or shifted target to a new receiver.
    const prev = current.find((c) => c.type === t.type && c.address.trim() === t.address.trim());
    const auth = t.authHeader === undefined ? prev?.auth_header : t.authHeader;
    const w: WireTarget = { type: t.type, address: t.address.trim(), skip_cert_verify: t.skipCertVerify ?? prev?.skip_cert_verify ?? false };
    if (auth) w.auth_header = auth;
    // The payload format is no secret and no trust: an edit that moves a target and says no format keeps the format
    // of the target it replaces (the same address, else the same position), as an edit of one field should.
    const replaced = prev ?? (current[index]?.type === t.type ? current[index] : undefined);
    if (pf && t.type === "http") w.payload_format = t.payloadFormat ?? replaced?.payload_format ?? "Default";
    out.push(w);
  }
  return { ok: true, value: out };
}

/** The current targets as they must be sent back (payload_format only where the version has it). */
export function currentTargets(targets: THarborWebhookTarget[], v: HarborVersion): WireTarget[] {
  const pf = supportsPayloadFormat(v);
  return targets.map((t) => {
    const w: WireTarget = { type: t.type, address: t.address, skip_cert_verify: t.skip_cert_verify ?? false };
    if (t.auth_header) w.auth_header = t.auth_header;
    if (pf && t.type === "http") w.payload_format = t.payload_format || "Default";
    return w;
  });
}

export function translateEventTypes(names: string[], v: HarborVersion): string[] {
  return [...new Set(names.map((n) => eventTypeForVersion(n, v) ?? n))];
}

export function buildCreateBody(opts: { input: WebhookPolicyInput; version: HarborVersion; label: string; creator: string | null }): Built<WirePolicy> {
  const targets = buildTargets(opts.input.targets, opts.version, opts.label);
  if (!targets.ok) return targets;
  const body: WirePolicy = {
    name: opts.input.name,
    description: opts.input.description ?? "",
    targets: targets.value,
    event_types: translateEventTypes(opts.input.eventTypes, opts.version),
    enabled: opts.input.enabled,
  };
  if (atLeast(opts.version, 2, 3) && opts.creator) body.creator = opts.creator;
  return { ok: true, value: body };
}

export function buildUpdateBody(opts: {
  current: THarborWebhookPolicy;
  changes: Partial<WebhookPolicyInput>;
  version: HarborVersion;
  label: string;
}): Built<WirePolicy> {
  const { current: c, changes: ch, version: v } = opts;
  const targets = ch.targets ? buildTargets(ch.targets, v, opts.label, c.targets) : { ok: true as const, value: currentTargets(c.targets, v) };
  if (!targets.ok) return targets;
  const body: WirePolicy = {
    id: c.id,
    project_id: c.project_id,
    name: ch.name ?? c.name,
    description: ch.description ?? c.description ?? "",
    targets: targets.value,
    event_types: ch.eventTypes ? translateEventTypes(ch.eventTypes, v) : c.event_types,
    creator: c.creator ?? "",
    enabled: ch.enabled ?? c.enabled,
  };
  if (c.creation_time) body.creation_time = c.creation_time;
  return { ok: true, value: body };
}

function isFullUrl(s: string): boolean {
  try {
    const u = new URL(s.trim());
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}
