import type { Metadata } from "next";
import { notFound } from "next/navigation";
import * as z from "zod";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { AdoptPanel } from "@/components/topology/adopt-panel";
import { AdoptedNotice } from "@/components/topology/adopted-notice";
import { RevisionHistory } from "@/components/topology/revision-history";
import { TopologyForm } from "@/components/topology/topology-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { initialTopologyFor } from "@/lib/config/initial-topology";
import { SECRET_MASK } from "@/lib/config/types";
import { checkTopology } from "@/lib/config/validate";
import { getInstance } from "@/lib/fleet/instances";
import { getTopologyRevision, listTopologyRevisions } from "@/lib/fleet/topology";
import { markStoredSecrets } from "@/lib/schemas/topology-path";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Topology" };

export default async function TopologyPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).instanceId);
  if (!id.success) notFound();
  const [instance, current, revisions] = await Promise.all([
    getInstance(id.data),
    getTopologyRevision({ instanceId: id.data }),
    listTopologyRevisions(id.data),
  ]);
  if (!instance) notFound();
  const initial =
    current?.topology ?? initialTopologyFor({ baseUrl: instance.baseUrl, harborVersion: instance.harborVersion, deploymentMode: instance.deploymentMode });
  const secretsSet = current?.secretsSet ?? [];
  // the form's first check, done here: the form loads the checker after its first paint
  const initialIssues = checkTopology(markStoredSecrets(initial, secretsSet, SECRET_MASK)).issues;
  return (
    <>
      <PageHeader
        title={instance.name}
        description={
          current
            ? `Topology revision ${current.revision} — Harbor ${current.harborVersion}`
            : "No topology recorded yet: describe how this Harbor is (or will be) deployed."
        }
      />
      <InstanceTabs instanceId={instance.id} />
      {current?.adoption && <AdoptedNotice revision={current.revision} adoption={current.adoption} />}
      {hasRole(user, "operator") && (
        <AdoptPanel key={`adopt-${current?.revision ?? 0}`} instanceId={instance.id} nodes={current?.topology.deployment.nodes ?? []} />
      )}
      <TopologyForm
        key={current?.revision ?? 0}
        instanceId={instance.id}
        instanceName={instance.name}
        initial={initial}
        baseRevision={current?.revision ?? 0}
        secretsSet={secretsSet}
        canEdit={hasRole(user, "operator")}
        initialIssues={initialIssues}
      />
      <RevisionHistory instanceId={instance.id} revisions={revisions} />
    </>
  );
}
