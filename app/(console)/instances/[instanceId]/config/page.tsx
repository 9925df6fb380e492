import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import * as z from "zod";
import { BundleKind } from "@/components/config/bundle-kind";
import { ConfigPreviewSection, NoTopologyYet } from "@/components/config/config-preview-section";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth";
import { getConfigPreview } from "@/lib/fleet/config";
import { getInstance } from "@/lib/fleet/instances";
import { listTopologyRevisions } from "@/lib/fleet/topology";
import { ZRevisionParam } from "@/lib/schemas/topology-actions";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Config" };

/** The 404 check and the revision list first (no loading.tsx: it would answer an unknown id with 200), then the header at once and the files streamed. */
export default async function ConfigPage({
  params,
  searchParams,
}: {
  params: Promise<{ instanceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).instanceId);
  if (!id.success) notFound();
  const rawRevision = (await searchParams).revision;
  const requested = rawRevision === undefined ? null : ZRevisionParam.safeParse(rawRevision);
  const [instance, revisions] = await Promise.all([getInstance(id.data), listTopologyRevisions(id.data)]);
  if (!instance) notFound();
  const badParam = requested !== null && (!requested.success || !revisions.some((r) => r.revision === requested.data));
  const revision = requested?.success && !badParam ? requested.data : revisions[0]?.revision;
  const shown = revisions.find((r) => r.revision === revision);
  return (
    <>
      <PageHeader title={instance.name} description={shown ? `Files for topology revision ${shown.revision} — Harbor ${shown.harborVersion}` : undefined} />
      <InstanceTabs instanceId={instance.id} />
      <BundleKind
        instanceId={instance.id}
        name={instance.name}
        lifecycle={instance.lifecycle}
        reachedAt={instance.reachedAt}
        canChange={hasRole(user, "operator")}
      />
      {badParam && (
        <Notice tone="warning" className="mb-4">
          There is no revision “{String(rawRevision)}”; showing the current one.
        </Notice>
      )}
      {revision ? (
        <Suspense fallback={<SectionSkeleton label="Generating the config files…" rows={8} />}>
          <ConfigPreviewSection
            instanceId={instance.id}
            preview={getConfigPreview({ instanceId: id.data, revision })}
            revisions={revisions}
            canDownload={hasRole(user, "operator")}
          />
        </Suspense>
      ) : (
        <NoTopologyYet instanceId={instance.id} />
      )}
    </>
  );
}
