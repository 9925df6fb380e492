import "server-only";
import { harborOk, type HarborResult } from "./errors";
import type { ApiGeneration, HarborVersion } from "./facts";
import { projectSegment, type ProjectRef } from "./projects";
import { apiPath, type HarborClient } from "./transport";
import { effectiveVersion, resolveVersion, versionLabel } from "./version";

/** What every project-scoped webhook call needs: generation, version, and the project's path segment. */
export interface WebhookScope {
  generation: ApiGeneration;
  version: HarborVersion;
  /** "Harbor 2.7.4", for messages */
  label: string;
  /** "/api/v2.0/projects/7/webhook" + more segments */
  path: (...segments: (string | number)[]) => string;
  /** X-Is-Resource-Name: true (2.3+ by name only) */
  byName: boolean;
}

export async function webhookScope(opts: { client: HarborClient; project: ProjectRef }): Promise<HarborResult<WebhookScope>> {
  const d = await resolveVersion(opts);
  if (!d.ok) return d;
  const generation = d.value.generation;
  const seg = await projectSegment({ client: opts.client, generation, project: opts.project });
  if (!seg.ok) return seg;
  return harborOk(
    {
      generation,
      version: effectiveVersion(d.value),
      label: versionLabel(d.value),
      path: (...segments) => apiPath(generation, "projects", seg.value.segment, "webhook", ...segments),
      byName: seg.value.byName,
    },
    seg.requestId,
  );
}

export function checkId(name: string, id: number): void {
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`${name} must be a positive integer, got ${id}`);
}

export function hasExecutions(g: ApiGeneration): boolean {
  return g === "v2.8" || g === "v2.13";
}

export function paginatedPolicies(g: ApiGeneration): boolean {
  return g !== "v1" && g !== "v2.0";
}
