import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import * as z from "zod";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { InstanceProjectList } from "@/components/webhooks/instance-project-list";
import { UrlSearch } from "@/components/webhooks/url-search";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth";
import { getInstance } from "@/lib/fleet/instances";
import { listInstanceProjects } from "@/lib/fleet/webhooks/projects";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";
import { ZProjectListParams } from "@/lib/schemas/webhook";

export const metadata: Metadata = { title: "Projects" };

/** The 404 check first (no loading.tsx: it would answer an unknown id with 200), then the header at once and Harbor's list streamed. */
export default async function ProjectsPage({ params, searchParams }: { params: Promise<{ instanceId: string }>; searchParams: Promise<RawSearchParams> }) {
  await requireUser();
  const id = z.uuid().safeParse((await params).instanceId);
  if (!id.success) notFound();
  const instance = await getInstance(id.data);
  if (!instance) notFound();
  const { params: list, notices } = parseSearchParams(ZProjectListParams, await searchParams);
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
      <Suspense fallback={<SectionSkeleton label="Loading the projects…" rows={6} />}>
        <InstanceProjectList
          instanceId={id.data}
          instanceName={instance.name}
          list={list}
          result={listInstanceProjects({ instanceId: id.data, params: list })}
        />
      </Suspense>
    </>
  );
}
