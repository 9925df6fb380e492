import "server-only";
import { sendJson, totalCount } from "./call";
import { harborFail, harborOk, type HarborResult } from "./errors";
import type { ApiGeneration } from "./facts";
import { clampPage, clampPageSize, collectPages, maxPageSize, type HarborPage } from "./paging";
import { ZHarborProject, type THarborProject } from "./schemas";
import { apiPath, type HarborClient } from "./transport";
import { resolveVersion } from "./version";

/**
 * Projects (docs/harbor/api.md §6). A project is addressed by numeric id (number) or by name (string; "2024" is a
 * legal name). Prefer ids. By name: 2.3+ sends X-Is-Resource-Name: true; older generations only take
 * ids in paths, so the name is first resolved through the (fuzzy) name filter of the list.
 */
export type ProjectRef = number | string;

type Opts = { client: HarborClient };

export interface ListProjectsOptions extends Opts {
  page?: number;
  /** clamped to 1…100 (2.x) or 1…500 (1.x); default 10 */
  pageSize?: number;
  /** fuzzy name match */
  name?: string;
  public?: boolean;
}

/** One page. Wrong credentials are answered as anonymous: public projects only, never an error. */
export async function listProjects(opts: ListProjectsOptions): Promise<HarborResult<HarborPage<THarborProject>>> {
  const d = await resolveVersion(opts);
  if (!d.ok) return d;
  const g = d.value.generation;
  const page = clampPage(opts.page);
  const pageSize = clampPageSize(opts.pageSize, g);
  const query = { page, page_size: pageSize, name: opts.name || undefined, public: opts.public };
  const r = await sendJson(opts.client, { method: "GET", path: apiPath(g, "projects"), query, schema: ZHarborProject.array() });
  if (!r.ok) return r;
  return harborOk({ items: r.value.data, total: totalCount(r.value.response), page, pageSize }, r.requestId);
}

/** Every page (largest page size), bounded by maxItems (default 10 000). */
export async function listAllProjects(opts: Omit<ListProjectsOptions, "page" | "pageSize"> & { maxItems?: number }) {
  const d = await resolveVersion(opts);
  if (!d.ok) return d;
  const pageSize = maxPageSize(d.value.generation);
  return collectPages({ pageSize, maxItems: opts.maxItems ?? 10_000, fetchPage: (page) => listProjects({ ...opts, page, pageSize }) });
}

export async function getProject(opts: Opts & { project: ProjectRef }): Promise<HarborResult<THarborProject>> {
  const d = await resolveVersion(opts);
  if (!d.ok) return d;
  const g = d.value.generation;
  checkRef(opts.project);
  if (typeof opts.project === "string" && !namesInPaths(g)) return findByName({ ...opts, name: opts.project });
  const r = await sendJson(opts.client, {
    method: "GET",
    path: apiPath(g, "projects", opts.project),
    byName: typeof opts.project === "string",
    schema: ZHarborProject,
  });
  return r.ok ? harborOk(r.value.data, r.requestId) : r;
}

/** The path segment for a project in project-scoped routes (webhooks), and whether it is a name. */
export async function projectSegment(
  opts: Opts & { generation: ApiGeneration; project: ProjectRef },
): Promise<HarborResult<{ segment: string | number; byName: boolean }>> {
  checkRef(opts.project);
  if (typeof opts.project === "number") return harborOk({ segment: opts.project, byName: false }, "");
  if (namesInPaths(opts.generation)) return harborOk({ segment: opts.project, byName: true }, "");
  const p = await findByName({ client: opts.client, name: opts.project });
  return p.ok ? harborOk({ segment: p.value.project_id, byName: false }, p.requestId) : p;
}

/** {project_name_or_id} arrived in 2.2 for projects and 2.3 for webhooks; generation v2.0 spans 2.0–2.2. */
function namesInPaths(g: ApiGeneration): boolean {
  return g !== "v1" && g !== "v2.0";
}

async function findByName(opts: Opts & { name: string }): Promise<HarborResult<THarborProject>> {
  const all = await listAllProjects({ client: opts.client, name: opts.name });
  if (!all.ok) return all;
  const hit = all.value.items.find((p) => p.name === opts.name);
  if (hit) return harborOk(hit, all.requestId);
  const host = new URL(opts.client.baseUrl).host;
  return harborFail({
    kind: "not_found",
    message: `No project named "${opts.name}" on ${host} — it does not exist, or this account cannot see it.`,
    requestId: all.requestId,
  });
}

function checkRef(p: ProjectRef): void {
  if (typeof p === "number" ? !Number.isSafeInteger(p) || p <= 0 : p.length === 0) throw new Error(`invalid project reference ${JSON.stringify(p)}`);
}
