import "server-only";
import { getCurrentUser, listProjects, listWebhookPolicies, resolveVersion, type HarborClient } from "../../harbor";
import { semaphore } from "../collector/semaphore";
import { withInstanceClient, type SessionInstance } from "../harbor-session";
import type { TProjectListParams } from "../../schemas/webhook";
import type { ProjectRowDto } from "../../schemas/webhook-dto";
import { readFailureMessage } from "./failure";

/** The Projects tab's page size: Harbor 2.x allows at most 100 per page. */
export const PROJECT_PAGE_SIZE = 25;
/** Webhook counts are one call per project: at most this many at once against one Harbor. */
const COUNT_CONCURRENCY = 5;

export type ProjectListResult =
  | { ok: true; instance: SessionInstance; items: ProjectRowDto[]; total: number | null; page: number; pageSize: number; pageCount: number }
  | { ok: false; instance: SessionInstance; error: string };

/**
 * One page of an instance's projects (Harbor's fuzzy name search, X-Total-Count) with each one's webhook count.
 * A rejected credential is "authentication failed", never an empty list (Harbor answers it as anonymous).
 */
export async function listInstanceProjects(opts: { instanceId: string; params: TProjectListParams }): Promise<ProjectListResult> {
  return withInstanceClient(opts.instanceId, async (client, instance) => {
    const v = await resolveVersion({ client });
    if (!v.ok) return { ok: false, instance, error: readFailureMessage(v.error) };
    const page = opts.params.page ?? 1;
    const [me, list] = await Promise.all([
      getCurrentUser({ client }),
      listProjects({ client, page, pageSize: PROJECT_PAGE_SIZE, name: opts.params.q || undefined }),
    ]);
    // 412 (2.3+) and 500 (≤ 2.2) are how Harbor answers users/current for a robot: not a rejection.
    if (!me.ok && me.error.kind === "unauthorized") return { ok: false, instance, error: readFailureMessage(me.error) };
    if (!list.ok) return { ok: false, instance, error: readFailureMessage(list.error) };
    const items = await withWebhookCounts(client, list.value.items);
    const total = list.value.total;
    const pageCount = total === null ? page + (items.length === PROJECT_PAGE_SIZE ? 1 : 0) : Math.max(1, Math.ceil(total / PROJECT_PAGE_SIZE));
    return { ok: true, instance, items, total, page, pageSize: PROJECT_PAGE_SIZE, pageCount };
  });
}

async function withWebhookCounts(
  client: HarborClient,
  projects: { project_id: number; name: string; metadata?: Record<string, unknown> | null; repo_count?: number | null }[],
): Promise<ProjectRowDto[]> {
  const slot = semaphore(COUNT_CONCURRENCY);
  return Promise.all(
    projects.map((p) =>
      slot(async (): Promise<ProjectRowDto> => {
        const policies = await listWebhookPolicies({ client, project: p.project_id });
        return {
          id: p.project_id,
          name: p.name,
          public: p.metadata?.public === "true",
          repoCount: p.repo_count ?? null,
          webhookCount: policies.ok ? policies.value.length : null,
          webhookError: policies.ok ? null : readFailureMessage(policies.error),
        };
      }),
    ),
  );
}
