import "server-only";
import { createHash } from "node:crypto";
import {
  EVENT_TYPE_LABEL,
  canonicalEventType,
  type SupportedEventTypes,
  type THarborExecution,
  type THarborWebhookJob,
  type THarborWebhookPolicy,
} from "../../harbor";
import type { DetectedVersion } from "../../harbor";
import { supportsPayloadFormat } from "../../harbor/facts";
import { effectiveVersion, versionLabel } from "../../harbor";
import { addressForViewer } from "../../schemas/webhook";
import type { DeliveryDto, WebhookCapabilities, WebhookPolicyDto } from "../../schemas/webhook-dto";

/** Harbor's zero time (a PUT without creation_time stores NULL, read back as 0001-01-01) is no time. */
export function harborTime(t: string | null | undefined): string | null {
  return !t || t.startsWith("0001-01-01") ? null : t;
}

export const eventLabel = (name: string) => EVENT_TYPE_LABEL[canonicalEventType(name)] ?? name;

/** The policy as the browser may see it: the auth header reduced to "stored or not". */
export function toPolicyDto(p: THarborWebhookPolicy, lastDelivery: DeliveryDto | null, lastDeliveryError: string | null): WebhookPolicyDto {
  return {
    id: p.id,
    name: p.name,
    description: p.description ?? "",
    enabled: p.enabled,
    eventTypes: p.event_types.map((name) => ({ name, label: eventLabel(name) })),
    targets: p.targets.map((t) => ({
      type: t.type,
      address: t.address,
      authHeaderSet: Boolean(t.auth_header),
      skipCertVerify: Boolean(t.skip_cert_verify),
      payloadFormat: t.type === "http" && t.payload_format ? t.payload_format : null,
    })),
    creator: p.creator ?? "",
    creationTime: harborTime(p.creation_time),
    updateTime: p.update_time ?? null,
    lastDelivery,
    lastDeliveryError,
  };
}

/** A short SHA-256 of the full address: an audit row shows that it changed without holding it (viewers read the trail). */
export function addressFingerprint(address: string): string {
  return createHash("sha256").update(address).digest("hex").slice(0, 12);
}

/** The policy for the audit trail: every field, the auth header masked, each address as origin + fingerprint. */
export function auditPolicy(p: {
  name: string;
  description?: string | null;
  enabled: boolean;
  event_types: string[];
  targets: { type: string; address: string; auth_header?: string | null; skip_cert_verify?: boolean | null; payload_format?: string | null }[];
}) {
  return {
    name: p.name,
    description: p.description ?? "",
    enabled: p.enabled,
    eventTypes: p.event_types,
    targets: p.targets.map((t) => ({
      type: t.type,
      address: addressForViewer(t.address),
      addressSha256: addressFingerprint(t.address),
      authHeader: t.auth_header ? "********" : null,
      skipCertVerify: Boolean(t.skip_cert_verify),
      payloadFormat: t.payload_format || null,
    })),
  };
}

const OK_STATUSES = new Set(["success", "finished"]);
const FAILED_STATUSES = new Set(["error", "stopped"]);

export function deliveryOk(status: string): boolean | null {
  const s = status.toLowerCase();
  return OK_STATUSES.has(s) ? true : FAILED_STATUSES.has(s) ? false : null;
}

export function executionDelivery(e: THarborExecution): DeliveryDto {
  const ev = e.extra_attrs?.event_type;
  return {
    at: harborTime(e.start_time),
    status: e.status,
    ok: deliveryOk(e.status),
    eventType: typeof ev === "string" ? ev : null,
    message: e.status_message || null,
  };
}

export function jobDelivery(j: THarborWebhookJob): DeliveryDto {
  return { at: harborTime(j.creation_time), status: j.status, ok: deliveryOk(j.status), eventType: j.event_type };
}

/** The newest of the given deliveries (by time; legacy lists come unordered). */
export function newest(ds: DeliveryDto[]): DeliveryDto | null {
  return ds.reduce<DeliveryDto | null>((best, d) => (!best || (d.at ?? "") > (best.at ?? "") ? d : best), null);
}

export function capabilitiesOf(d: DetectedVersion, supported: SupportedEventTypes): WebhookCapabilities {
  const v = effectiveVersion(d);
  const payloadFormats: Record<string, string[]> = {};
  for (const t of supported.notifyTypes) payloadFormats[t] = [];
  if (supportsPayloadFormat(v)) for (const p of supported.payloadFormats) payloadFormats[p.notifyType] = p.formats;
  return {
    versionLabel: versionLabel(d),
    eventTypes: supported.eventTypes.map((e) => ({ name: e.name, label: e.label })),
    notifyTypes: supported.notifyTypes,
    payloadFormats,
    onePolicyPerProject: d.generation === "v1",
    namesGlobal: v.major === 2 && v.minor === 0,
    executions: d.generation === "v2.8" || d.generation === "v2.13",
  };
}
