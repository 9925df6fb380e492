import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InstanceLive } from "@/components/fleet/instance-live";
import { InstanceActions, InstanceDetails } from "@/components/instances/instance-details";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getFleetRow } from "@/lib/fleet/fleet-rows";
import { getDeployedRevision, getDrift, getInstanceHistory } from "@/lib/fleet/instance-health";
import { getInstance } from "@/lib/fleet/instances";
import { ZInstanceId } from "@/lib/schemas/ids";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Instance" };

export default async function InstancePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const user = await requireUser();
  const id = ZInstanceId.safeParse((await params).instanceId);
  if (!id.success) notFound();
  const instance = await getInstance(id.data);
  if (!instance) notFound();
  const [status, history, drift, deployed] = await Promise.all([
    getFleetRow(id.data),
    getInstanceHistory(id.data),
    getDrift(id.data),
    getDeployedRevision(id.data),
  ]);
  if (!status) notFound();
  const isAdmin = hasRole(user, "admin");
  return (
    <>
      <PageHeader title={instance.name} description={instance.description || undefined} actions={<InstanceActions instance={instance} isAdmin={isAdmin} />} />
      <InstanceTabs instanceId={instance.id} />
      {instance.skipTlsVerify && instance.baseUrl.startsWith("https://") && (
        <Notice tone="danger" className="mb-4">
          TLS verification is skipped for this instance: the console cannot tell this Harbor from an impostor. Paste its CA bundle and turn verification back
          on.
        </Notice>
      )}
      {deployed.kind !== "none" && (
        <Notice tone={deployed.kind === "undeployed" ? "warning" : "info"} className="mb-4" data-testid="deployed-revision" data-kind={deployed.kind}>
          {deployed.text}
        </Notice>
      )}
      <InstanceLive
        initial={{ status, ...history, drift }}
        canRefresh={hasRole(user, "operator")}
        isAdmin={isAdmin}
        everReached={Boolean(instance.reachedAt)}
      />
      <InstanceDetails instance={instance} canTest={hasRole(user, "operator")} />
    </>
  );
}
