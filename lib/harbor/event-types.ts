/**
 * Webhook event types across versions (docs/harbor/api.md §7.3). Pure: the UI, the simulator and the probe CLI may use it.
 * "canonical" is the 2.x spelling; 1.x camelCase names map onto it (projectQuota → QUOTA_EXCEED: 1.10's
 * quota event fires when a push exceeds the quota).
 */
import { supportsPayloadFormat, webhookEventTypes, type HarborVersion } from "./facts";

const V1_TO_CANONICAL: Record<string, string> = {
  pushImage: "PUSH_ARTIFACT",
  pullImage: "PULL_ARTIFACT",
  deleteImage: "DELETE_ARTIFACT",
  uploadChart: "UPLOAD_CHART",
  deleteChart: "DELETE_CHART",
  downloadChart: "DOWNLOAD_CHART",
  scanningCompleted: "SCANNING_COMPLETED",
  scanningFailed: "SCANNING_FAILED",
  projectQuota: "QUOTA_EXCEED",
};
const CANONICAL_TO_V1 = Object.fromEntries(Object.entries(V1_TO_CANONICAL).map(([k, v]) => [v, k]));

export const EVENT_TYPE_LABEL: Record<string, string> = {
  PUSH_ARTIFACT: "Artifact pushed",
  PULL_ARTIFACT: "Artifact pulled",
  DELETE_ARTIFACT: "Artifact deleted",
  UPLOAD_CHART: "Chart uploaded",
  DOWNLOAD_CHART: "Chart downloaded",
  DELETE_CHART: "Chart deleted",
  QUOTA_EXCEED: "Quota exceeded",
  QUOTA_WARNING: "Quota near threshold",
  SCANNING_FAILED: "Scanning failed",
  SCANNING_STOPPED: "Scanning stopped",
  SCANNING_COMPLETED: "Scanning finished",
  REPLICATION: "Replication status changed",
  TAG_RETENTION: "Tag retention finished",
};

export const CHART_EVENT_TYPES: readonly string[] = ["UPLOAD_CHART", "DOWNLOAD_CHART", "DELETE_CHART"];

export interface WebhookEventType {
  /** exactly as this Harbor spells it: send this back */
  name: string;
  /** the 2.x spelling, to compare across versions */
  canonical: string;
  label: string;
}

/** One shape for every version. */
export interface SupportedEventTypes {
  /** sorted by label */
  eventTypes: WebhookEventType[];
  notifyTypes: string[];
  /** per notify type; before 2.8 http has only ["Default"], slack never has one */
  payloadFormats: { notifyType: string; formats: string[] }[];
  source: "server" | "facts";
}

export function canonicalEventType(name: string): string {
  return V1_TO_CANONICAL[name] ?? name;
}

/** Any spelling → this version's, or null when the version has no such event (e.g. charts on 2.8+). */
export function eventTypeForVersion(name: string, v: HarborVersion): string | null {
  const canonical = canonicalEventType(name);
  const spelled = v.major === 1 ? CANONICAL_TO_V1[canonical] : canonical;
  return spelled && webhookEventTypes(v).includes(spelled) ? spelled : null;
}

export function normaliseEventTypes(opts: {
  eventTypes: string[];
  notifyTypes: string[];
  /** as the server sent it (2.8+); ignored before 2.8 */
  payloadFormats?: { notify_type: string; formats: string[] }[];
  version: HarborVersion;
  source: "server" | "facts";
}): SupportedEventTypes {
  const pf = supportsPayloadFormat(opts.version);
  const seen = new Set<string>();
  const eventTypes: WebhookEventType[] = [];
  for (const name of opts.eventTypes) {
    const canonical = canonicalEventType(name);
    if (seen.has(name) || (pf && CHART_EVENT_TYPES.includes(canonical))) continue; // charts are gone from 2.8
    seen.add(name);
    eventTypes.push({ name, canonical, label: EVENT_TYPE_LABEL[canonical] ?? name });
  }
  eventTypes.sort((a, b) => a.label.localeCompare(b.label) || a.name.localeCompare(b.name));
  const notifyTypes = [...new Set(opts.notifyTypes)].sort();
  const payloadFormats = pf
    ? (opts.payloadFormats ?? []).filter((p) => p.notify_type !== "slack").map((p) => ({ notifyType: p.notify_type, formats: [...p.formats] }))
    : notifyTypes.includes("http")
      ? [{ notifyType: "http", formats: ["Default"] }]
      : [];
  return { eventTypes, notifyTypes, payloadFormats, source: opts.source };
}
