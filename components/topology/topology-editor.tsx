import { initialTopologyFor } from "@/lib/config/initial-topology";
import { SECRET_MASK } from "@/lib/config/types";
import { checkTopology } from "@/lib/config/validate";
import type { TopologyRevisionDto } from "@/lib/schemas/topology-actions";
import { markStoredSecrets } from "@/lib/schemas/topology-path";
import { AdoptPanel } from "./adopt-panel";
import { AdoptedNotice } from "./adopted-notice";
import { TopologyForm } from "./topology-form";

/** The current revision's adoption note, the adopt panel and the form, streamed once the page has read the revision. */
export async function TopologyEditor({
  instance,
  current: pending,
  canEdit,
}: {
  instance: { id: string; name: string } & Parameters<typeof initialTopologyFor>[0];
  current: Promise<TopologyRevisionDto | null>;
  canEdit: boolean;
}) {
  const current = await pending;
  const initial =
    current?.topology ?? initialTopologyFor({ baseUrl: instance.baseUrl, harborVersion: instance.harborVersion, deploymentMode: instance.deploymentMode });
  const secretsSet = current?.secretsSet ?? [];
  // the form's first check, done here: the form loads the checker after its first paint
  const initialIssues = checkTopology(markStoredSecrets(initial, secretsSet, SECRET_MASK)).issues;
  return (
    <>
      {current?.adoption && <AdoptedNotice revision={current.revision} adoption={current.adoption} />}
      {canEdit && <AdoptPanel key={`adopt-${current?.revision ?? 0}`} instanceId={instance.id} nodes={current?.topology.deployment.nodes ?? []} />}
      <TopologyForm
        key={current?.revision ?? 0}
        instanceId={instance.id}
        instanceName={instance.name}
        initial={initial}
        baseRevision={current?.revision ?? 0}
        secretsSet={secretsSet}
        canEdit={canEdit}
        initialIssues={initialIssues}
      />
    </>
  );
}
