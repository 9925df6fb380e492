import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageLinks } from "@/components/ui/page-links";
import { Notice } from "@/components/ui/notice";
import type { TProjectListParams } from "@/lib/schemas/webhook";
import type { ProjectRowDto } from "@/lib/schemas/webhook-dto";
import { ProjectTable } from "./project-table";

/** One page of an instance's projects as the Projects tab reads it from Harbor. */
export type InstanceProjectPage = { ok: true; items: ProjectRowDto[]; total: number | null; page: number; pageCount: number } | { ok: false; error: string };

/** The Projects tab's list: Harbor's answer (or why there is none), with the count and the page links; streamed. */
export async function InstanceProjectList({
  instanceId,
  instanceName,
  list,
  result: pending,
}: {
  instanceId: string;
  instanceName: string;
  list: TProjectListParams;
  result: Promise<InstanceProjectPage>;
}) {
  const result = await pending;
  const pageLink = (p: number) => {
    const qs = new URLSearchParams(Object.entries({ q: list.q, page: p > 1 ? String(p) : undefined }).filter((e): e is [string, string] => Boolean(e[1])));
    return `/instances/${instanceId}/projects${qs.size ? `?${qs}` : ""}`;
  };
  if (!result.ok) {
    return (
      <Notice tone="danger" data-testid="projects-error">
        Could not list the projects of {instanceName}: {result.error}
      </Notice>
    );
  }
  if (result.items.length === 0) {
    return (
      <EmptyState title={list.q ? `No project matches “${list.q}”` : "No projects"}>
        {list.q ? (
          <Link href={`/instances/${instanceId}/projects`} className="text-accent hover:underline">
            Clear the search
          </Link>
        ) : (
          "Harbor lists no project this account may see."
        )}
      </EmptyState>
    );
  }
  return (
    <>
      <ProjectTable instanceId={instanceId} rows={result.items} />
      <div className="mt-3 flex items-center justify-between text-sm text-muted">
        <span data-testid="project-count">
          {result.total ?? result.items.length} project{result.total === 1 ? "" : "s"}
          {list.q ? " match" : ""}
        </span>
        <PageLinks page={result.page} pageCount={result.pageCount} href={pageLink} />
      </div>
    </>
  );
}
