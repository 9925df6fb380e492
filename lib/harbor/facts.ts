/**
 * Facts about Harbor versions that the client, the simulator and the UI share. Pure: no I/O.
 * Source: shared/harbor/api.md (read from goharbor/harbor tags).
 */

export interface HarborVersion {
  major: number;
  minor: number;
  patch: number;
}

/** "v2.11.2-35f09d55", "2.11.2", "v1.10.19" → {2,11,2}; anything else → null. */
export function parseHarborVersion(raw: string | null | undefined): HarborVersion | null {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec((raw ?? "").trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

export function formatVersion(v: HarborVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export function compareVersions(a: HarborVersion, b: HarborVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** At least major.minor? */
export function atLeast(v: HarborVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/**
 * API generations: the points where the wire format changes.
 * - v1:    1.9–1.10, base /api, numeric project ids, camelCase event types, one webhook policy per project
 * - v2.0:  2.0–2.2, base /api/v2.0, legacy routes, numeric ids, unpaginated policy lists
 * - v2.3:  2.3–2.7, project_name_or_id (+ X-Is-Resource-Name), paginated policy lists
 * - v2.8:  2.8–2.12, payload_format, executions/tasks/log
 * - v2.13: 2.13+, anonymous systeminfo hides harbor_version
 */
export const API_GENERATIONS = ["v1", "v2.0", "v2.3", "v2.8", "v2.13"] as const;
export type ApiGeneration = (typeof API_GENERATIONS)[number];

export const GENERATION_LABEL: Record<ApiGeneration, string> = {
  v1: "1.9–1.10",
  "v2.0": "2.0–2.2",
  "v2.3": "2.3–2.7",
  "v2.8": "2.8–2.12",
  "v2.13": "2.13+",
};

/** Oldest and newest versions the console speaks to. */
export const OLDEST_SUPPORTED: HarborVersion = { major: 1, minor: 9, patch: 0 };
export const NEWEST_KNOWN: HarborVersion = { major: 2, minor: 15, patch: 2 };

export function isSupportedVersion(v: HarborVersion): boolean {
  return compareVersions(v, OLDEST_SUPPORTED) >= 0 && v.major <= 2;
}

export function generationOf(v: HarborVersion): ApiGeneration | null {
  if (!isSupportedVersion(v)) return null;
  if (v.major === 1) return "v1";
  if (v.minor <= 2) return "v2.0";
  if (v.minor <= 7) return "v2.3";
  if (v.minor <= 12) return "v2.8";
  return "v2.13";
}

export function apiBasePath(g: ApiGeneration): "/api" | "/api/v2.0" {
  return g === "v1" ? "/api" : "/api/v2.0";
}

/** Webhook event types the server accepts, exactly (anything else → 400). api.md §7.3. */
export function webhookEventTypes(v: HarborVersion): string[] {
  if (v.major === 1) {
    const base = ["pushImage", "pullImage", "deleteImage", "uploadChart", "deleteChart", "downloadChart", "scanningCompleted", "scanningFailed"];
    return v.minor >= 10 ? [...base, "projectQuota"] : base;
  }
  if (v.minor >= 8) {
    return ["PUSH_ARTIFACT", "PULL_ARTIFACT", "DELETE_ARTIFACT", "QUOTA_EXCEED", "QUOTA_WARNING", "SCANNING_FAILED", "SCANNING_STOPPED", "SCANNING_COMPLETED", "REPLICATION", "TAG_RETENTION"];
  }
  const v20 = ["PUSH_ARTIFACT", "PULL_ARTIFACT", "DELETE_ARTIFACT", "UPLOAD_CHART", "DELETE_CHART", "DOWNLOAD_CHART", "QUOTA_EXCEED", "QUOTA_WARNING", "SCANNING_FAILED", "SCANNING_COMPLETED", "REPLICATION"];
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

/** Health components by version (api.md §5), given which optional components are installed. */
export function healthComponents(v: HarborVersion, installed: { trivy?: boolean; notary?: boolean; chartmuseum?: boolean; clair?: boolean } = {}): string[] {
  const out = ["core", "portal", "jobservice", "registry", "registryctl", "database", "redis"];
  if (installed.chartmuseum && !atLeast(v, 2, 8)) out.push("chartmuseum");
  if (installed.notary && !atLeast(v, 2, 9)) out.push("notary");
  if (installed.clair && v.major === 1 && v.minor === 9) out.push("clair");
  if (installed.trivy && atLeast(v, 2, 2)) out.push("trivy");
  return out;
}

/** Harbor's project name rule (1–255 chars). */
export const PROJECT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
