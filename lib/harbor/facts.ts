/**
 * Wire facts by Harbor version that the client, the simulator and the UI share: base paths, webhook vocabularies,
 * health components. Pure: no I/O. Versions, generations and components themselves live in lib/releases.
 * Source: docs/harbor/api.md (read from goharbor/harbor tags).
 */
import { atLeast, shipsComponent, type ApiGeneration, type HarborVersion } from "../releases";

/** Re-exported for the wire modules that name them in signatures. */
export type { ApiGeneration, HarborVersion } from "../releases";

export function apiBasePath(g: ApiGeneration): "/api" | "/api/v2.0" {
  return g === "v1" ? "/api" : "/api/v2.0";
}

/** Webhook event types the server accepts, exactly (anything else → 400). docs/harbor/api.md §7.3. */
export function webhookEventTypes(v: HarborVersion): string[] {
  if (v.major === 1) {
    const base = ["pushImage", "pullImage", "deleteImage", "uploadChart", "deleteChart", "downloadChart", "scanningCompleted", "scanningFailed"];
    return v.minor >= 10 ? [...base, "projectQuota"] : base;
  }
  if (v.minor >= 8) {
    return [
      "PUSH_ARTIFACT",
      "PULL_ARTIFACT",
      "DELETE_ARTIFACT",
      "QUOTA_EXCEED",
      "QUOTA_WARNING",
      "SCANNING_FAILED",
      "SCANNING_STOPPED",
      "SCANNING_COMPLETED",
      "REPLICATION",
      "TAG_RETENTION",
    ];
  }
  const v20 = [
    "PUSH_ARTIFACT",
    "PULL_ARTIFACT",
    "DELETE_ARTIFACT",
    "UPLOAD_CHART",
    "DELETE_CHART",
    "DOWNLOAD_CHART",
    "QUOTA_EXCEED",
    "QUOTA_WARNING",
    "SCANNING_FAILED",
    "SCANNING_COMPLETED",
    "REPLICATION",
  ];
  if (v.minor === 0) return v20;
  if (v.minor <= 3) return [...v20, "TAG_RETENTION"];
  return [...v20, "TAG_RETENTION", "SCANNING_STOPPED"];
}

/** Notify types: http only on 1.x; http and slack from 2.0. */
export function webhookNotifyTypes(v: HarborVersion): string[] {
  return v.major === 1 ? ["http"] : ["http", "slack"];
}

/** payload_format (Default/CloudEvents) exists from 2.8; before, Harbor drops it silently. */
export function supportsPayloadFormat(v: HarborVersion): boolean {
  return atLeast(v, 2, 8);
}

/** Health components by version (docs/harbor/api.md §5), given which optional components are installed. */
export function healthComponents(v: HarborVersion, installed: { trivy?: boolean; notary?: boolean; chartmuseum?: boolean; clair?: boolean } = {}): string[] {
  const out = ["core", "portal", "jobservice", "registry", "registryctl", "database", "redis"];
  if (installed.chartmuseum && shipsComponent(v, "chartmuseum")) out.push("chartmuseum");
  if (installed.notary && shipsComponent(v, "notary")) out.push("notary");
  if (installed.clair && v.major === 1 && v.minor === 9) out.push("clair");
  if (installed.trivy && atLeast(v, 2, 2)) out.push("trivy");
  return out;
}

/** Harbor's project name rule (1–255 chars). */
export const PROJECT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
