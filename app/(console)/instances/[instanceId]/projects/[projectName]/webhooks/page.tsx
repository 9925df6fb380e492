import { Plus, Webhook } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { PolicyTable } from "@/components/webhooks/policy-table";
import { ProjectBreadcrumb } from "@/components/webhooks/project-breadcrumb";
import { VersionNotes } from "@/components/webhooks/version-notes";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getInstance } from "@/lib/fleet/instances";
import { getProjectWebhooks } from "@/lib/fleet/webhooks/policies";
import { hasRole } from "@/lib/schemas/user";
import { parseProjectRoute, policyForViewer } from "@/lib/schemas/webhook";

export const metadata: Metadata = { title: "Project webhooks" };

export default async function ProjectWebhooksPage({ params }: { params: Promise<{ instanceId: string; projectName: string }> }) {
  const user = await requireUser();
  const route = parseProjectRoute(await params);
  if (!route) notFound();
  const instance = await getInstance(route.instanceId);
  if (!instance) notFound();
  const result = await getProjectWebhooks({ instanceId: route.instanceId, project: route.project });
  const canEdit = hasRole(user, "operator");
  const base = `/instances/${route.instanceId}/projects/${encodeURIComponent(route.project)}/webhooks`;
  const full = result.ok && result.capabilities.onePolicyPerProject && result.policies.length > 0;
  return (
    <>
      <PageHeader
        title={`${route.project} — webhooks`}
        description={`Project ${route.project} on ${instance.name}${result.ok ? ` (${result.capabilities.versionLabel})` : ""}.`}
        actions={
          canEdit &&
          result.ok &&
          !full && (
            <Button asChild>
              <Link href={`${base}/new`}>
                <Plus className="size-4" aria-hidden /> New policy
              </Link>
            </Button>
          )
        }
      />
      <InstanceTabs instanceId={instance.id} />
      <ProjectBreadcrumb instanceId={instance.id} project={route.project} />
      {!result.ok ? (
        <Notice tone="danger" data-testid="webhooks-error">
          Could not read the webhooks of {route.project}: {result.error}
        </Notice>
      ) : (
        <>
          <VersionNotes capabilities={result.capabilities} />
          {full && canEdit && (
            <Notice className="mb-4" data-testid="one-policy-notice">
              {result.capabilities.versionLabel} allows one webhook policy per project, and this project has one: edit it instead of adding another.
            </Notice>
          )}
          {!canEdit && <p className="mb-3 text-sm text-muted">You can see these policies and their deliveries; operators and admins change them.</p>}
          {result.policies.length === 0 ? (
            <EmptyState icon={<Webhook className="size-8" aria-hidden />} title="No webhook policies">
              Nothing in project {route.project} notifies anyone yet.
            </EmptyState>
          ) : (
            <PolicyTable
              instanceId={instance.id}
              project={route.project}
              policies={canEdit ? result.policies : result.policies.map(policyForViewer)}
              canEdit={canEdit}
            />
          )}
        </>
      )}
    </>
  );
}
