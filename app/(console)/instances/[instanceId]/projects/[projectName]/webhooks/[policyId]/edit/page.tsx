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
import { parsePolicyIdParam, parseProjectRoute } from "@/lib/schemas/webhook";

export const metadata: Metadata = { title: "Edit webhook policy" };

export default async function EditPolicyPage({ params }: { params: Promise<{ instanceId: string; projectName: string; policyId: string }> }) {
  const user = await requireUser();
  if (!hasRole(user, "operator")) return <Forbidden need="operator" />;
  const raw = await params;
  const route = parseProjectRoute(raw);
  const policyId = parsePolicyIdParam(raw.policyId);
  if (!route || !policyId) notFound();
  const instance = await getInstance(route.instanceId);
  if (!instance) notFound();
  const result = await getProjectWebhooks({ ...route, policyId, withDeliveries: false });
  const policy = result.ok ? result.policies[0] : undefined;
  return (
    <>
      <PageHeader
        title={`Edit ${policy?.name ?? "webhook policy"} — ${route.project}`}
        description={`Project ${route.project} on ${instance.name}${result.ok ? ` (${result.capabilities.versionLabel})` : ""}.`}
      />
      <InstanceTabs instanceId={instance.id} />
      <ProjectBreadcrumb instanceId={instance.id} project={route.project} current={{ label: policy ? `Edit ${policy.name}` : "Edit" }} />
      {!result.ok ? (
        <Notice tone="danger">Could not read the policy: {result.error}</Notice>
      ) : !policy ? (
        <Notice tone="danger">
          Project {route.project} has no webhook policy {policyId} (any more).
        </Notice>
      ) : (
        <>
          <VersionNotes capabilities={result.capabilities} />
          <PolicyForm instanceId={instance.id} project={route.project} capabilities={result.capabilities} policy={policy} />
        </>
      )}
    </>
  );
}
