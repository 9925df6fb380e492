import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import * as z from "zod";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { RevisionHistory } from "@/components/topology/revision-history";
import { TopologyEditor } from "@/components/topology/topology-editor";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth";
import { getInstance } from "@/lib/fleet/instances";
import { getTopologyRevision, listTopologyRevisions } from "@/lib/fleet/topology";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Topology" };

/** The 404 check and the revision list first (no loading.tsx: it would answer an unknown id with 200), then the header at once and the form streamed. */
export default async function TopologyPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).instanceId);
  if (!id.success) notFound();
  const [instance, revisions] = await Promise.all([getInstance(id.data), listTopologyRevisions(id.data)]);
  if (!instance) notFound();
  const latest = revisions[0];
  return (
    <>
      <PageHeader
        title={instance.name}
        description={
          latest
            ? `Topology revision ${latest.revision} — Harbor ${latest.harborVersion}`
            : "No topology recorded yet: describe how this Harbor is (or will be) deployed."
        }
      />
      <InstanceTabs instanceId={instance.id} />
      <Suspense fallback={<SectionSkeleton label="Loading the topology…" rows={10} />}>
        <TopologyEditor instance={instance} current={getTopologyRevision({ instanceId: id.data })} canEdit={hasRole(user, "operator")} />
      </Suspense>
      <RevisionHistory instanceId={instance.id} revisions={revisions} />
    </>
  );
}
