import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import * as z from "zod";
import { BundleKind } from "@/components/config/bundle-kind";
import { ConfigViewer } from "@/components/config/config-viewer";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getConfigPreview } from "@/lib/fleet/config";
import { getInstance } from "@/lib/fleet/instances";
import { listTopologyRevisions } from "@/lib/fleet/topology";
import { ZRevisionParam } from "@/lib/schemas/topology-actions";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Config" };

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
  const preview = revision ? await getConfigPreview({ instanceId: id.data, revision }) : null;
  return (
    <>
      <PageHeader
        title={instance.name}
        description={preview ? `Files for topology revision ${preview.revision.revision} — Harbor ${preview.revision.harborVersion}` : undefined}
      />
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
      {preview ? (
        <ConfigViewer
          key={preview.revision.revision}
          instanceId={instance.id}
          preview={preview}
          revisions={revisions}
          canDownload={hasRole(user, "operator")}
        />
      ) : (
        <EmptyState
          title="No topology yet"
          action={
            <Link className="text-accent hover:underline" href={`/instances/${instance.id}/topology`}>
              Describe the topology
            </Link>
          }
        >
          Config files are generated from a saved topology.
        </EmptyState>
      )}
    </>
  );
}
