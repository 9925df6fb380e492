import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { PolicyForm } from "@/components/webhooks/policy-form";
import { ProjectBreadcrumb } from "@/components/webhooks/project-breadcrumb";
import { VersionNotes } from "@/components/webhooks/version-notes";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/layout/forbidden";
import { requireUser } from "@/lib/auth";
import { getInstance } from "@/lib/fleet/instances";
import { getProjectWebhooks } from "@/lib/fleet/webhooks/policies";
import { hasRole } from "@/lib/schemas/user";
import { parseProjectRoute } from "@/lib/schemas/webhook";

export const metadata: Metadata = { title: "New webhook policy" };

export default async function NewPolicyPage({ params }: { params: Promise<{ instanceId: string; projectName: string }> }) {
  const user = await requireUser();
  if (!hasRole(user, "operator")) return <Forbidden need="operator" />;
  const route = parseProjectRoute(await params);
  if (!route) notFound();
  const instance = await getInstance(route.instanceId);
  if (!instance) notFound();
  const result = await getProjectWebhooks({ ...route, withDeliveries: false });
  return (
    <>
      <PageHeader
        title={`New webhook policy — ${route.project}`}
        description={`Project ${route.project} on ${instance.name}${result.ok ? ` (${result.capabilities.versionLabel})` : ""}.`}
      />
      <InstanceTabs instanceId={instance.id} />
      <ProjectBreadcrumb instanceId={instance.id} project={route.project} current={{ label: "New policy" }} />
      {!result.ok ? (
        <Notice tone="danger">Could not read what this Harbor offers: {result.error}</Notice>
      ) : (
        <>
          <VersionNotes capabilities={result.capabilities} />
          <PolicyForm instanceId={instance.id} project={route.project} capabilities={result.capabilities} />
        </>
      )}
    </>
  );
}
