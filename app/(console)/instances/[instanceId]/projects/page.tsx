import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import * as z from "zod";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { UrlSearch } from "@/components/webhooks/url-search";
import { ProjectTable } from "@/components/webhooks/project-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getInstance } from "@/lib/fleet/instances";
import { listInstanceProjects } from "@/lib/fleet/webhooks/projects";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";
import { ZProjectListParams } from "@/lib/schemas/webhook";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({ params, searchParams }: { params: Promise<{ instanceId: string }>; searchParams: Promise<RawSearchParams> }) {
  await requireUser();
  const id = z.uuid().safeParse((await params).instanceId);
  if (!id.success) notFound();
  const instance = await getInstance(id.data);
  if (!instance) notFound();
  const { params: list, notices } = parseSearchParams(ZProjectListParams, await searchParams);
  const result = await listInstanceProjects({ instanceId: id.data, params: list });
  const pageLink = (p: number) => {
    const qs = new URLSearchParams(Object.entries({ q: list.q, page: p > 1 ? String(p) : undefined }).filter((e): e is [string, string] => Boolean(e[1])));
    return `/instances/${id.data}/projects${qs.size ? `?${qs}` : ""}`;
  };
  return (
    <>
      <PageHeader title={instance.name} description="Its projects, as Harbor lists them to the console's account, with their webhook policies." />
      <InstanceTabs instanceId={instance.id} />
      {notices.map((n) => (
        <Notice key={n} tone="warning" className="mb-3">
          {n}
        </Notice>
      ))}
      <div className="mb-4" role="search">
        <UrlSearch label="Search projects" placeholder="Search projects by name" />
      </div>
      {!result.ok ? (
        <Notice tone="danger" data-testid="projects-error">
          Could not list the projects of {instance.name}: {result.error}
        </Notice>
      ) : result.items.length === 0 ? (
        <EmptyState title={list.q ? `No project matches “${list.q}”` : "No projects"}>
          {list.q ? (
            <Link href={`/instances/${id.data}/projects`} className="text-accent hover:underline">
              Clear the search
            </Link>
          ) : (
            "Harbor lists no project this account may see."
          )}
        </EmptyState>
      ) : (
        <>
          <ProjectTable instanceId={id.data} rows={result.items} />
          <div className="mt-3 flex items-center justify-between text-sm text-muted">
            <span data-testid="project-count">
              {result.total ?? result.items.length} project{result.total === 1 ? "" : "s"}
              {list.q ? " match" : ""}
            </span>
            {result.pageCount > 1 && (
              <nav aria-label="Pages" className="flex items-center gap-3">
                {result.page > 1 && <Link href={pageLink(result.page - 1)}>← Previous</Link>}
                <span>
                  Page {result.page} of {result.pageCount}
                </span>
                {result.page < result.pageCount && <Link href={pageLink(result.page + 1)}>Next →</Link>}
              </nav>
            )}
          </div>
        </>
      )}
    </>
  );
}
