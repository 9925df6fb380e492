import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { InstanceActions, InstanceDetails } from "@/components/instances/instance-details";
import { InstanceHealthSection, type InstanceHealthData } from "@/components/instances/instance-health-section";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth";
import { getFleetRow } from "@/lib/fleet/fleet-rows";
import { getDeployedRevision, getDrift, getInstanceHistory } from "@/lib/fleet/instance-health";
import { getInstance } from "@/lib/fleet/instances";
import { ZInstanceId } from "@/lib/schemas/ids";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Instance" };

async function readHealth(id: string): Promise<InstanceHealthData> {
  const [status, history, drift, deployed] = await Promise.all([getFleetRow(id), getInstanceHistory(id), getDrift(id), getDeployedRevision(id)]);
  return status ? { live: { status, ...history, drift }, deployed } : null;
}

/** The 404 check first (no loading.tsx: it would answer an unknown id with 200), then the header at once and the health streamed. */
export default async function InstancePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const user = await requireUser();
  const id = ZInstanceId.safeParse((await params).instanceId);
  if (!id.success) notFound();
  const instance = await getInstance(id.data);
  if (!instance) notFound();
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
      <Suspense fallback={<SectionSkeleton label="Loading the instance's health…" rows={6} />}>
        <InstanceHealthSection data={readHealth(id.data)} canRefresh={hasRole(user, "operator")} isAdmin={isAdmin} everReached={Boolean(instance.reachedAt)} />
      </Suspense>
      <InstanceDetails instance={instance} canTest={hasRole(user, "operator")} />
    </>
  );
}
