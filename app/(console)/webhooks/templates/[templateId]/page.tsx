import { Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplateDeleteButton } from "@/components/webhooks/template-delete-button";
import { TemplateDrift } from "@/components/webhooks/template-drift";
import { TemplateRunPanel } from "@/components/webhooks/template-run-panel";
import { TemplateSummary } from "@/components/webhooks/template-summary";
import { WebhookTabs } from "@/components/webhooks/webhook-tabs";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { countFlaggedPolicies } from "@/lib/fleet/webhooks/failed-deliveries";
import { listTemplateDrift } from "@/lib/fleet/webhooks/template-reconcile";
import { getTemplate } from "@/lib/fleet/webhooks/templates";
import { hasRole } from "@/lib/schemas/user";
import { parseTemplateId } from "@/lib/schemas/webhook-template";

export const metadata: Metadata = { title: "Webhook template" };

export default async function TemplatePage({ params }: { params: Promise<{ templateId: string }> }) {
  const user = await requireUser();
  const id = parseTemplateId((await params).templateId);
  const [template, flagged, drift] = await Promise.all([id ? getTemplate(id) : null, countFlaggedPolicies(), id ? listTemplateDrift(id) : []]);
  if (!template) notFound();
  const operator = hasRole(user, "operator");
  return (
    <>
      <PageHeader
        title={`Template ${template.name}`}
        description={template.description || undefined}
        actions={
          operator ? (
            <div className="flex flex-wrap gap-2">
              <Button asChild variant="secondary">
                <Link href={`/webhooks/templates/${template.id}/edit`}>
                  <Pencil className="size-4" aria-hidden /> Edit template
                </Link>
              </Button>
              <TemplateDeleteButton id={template.id} name={template.name} />
            </div>
          ) : undefined
        }
      />
      <WebhookTabs active="templates" flagged={flagged} />
      <TemplateSummary template={template} />
      <TemplateDrift templateId={template.id} version={template.version} drift={drift} canAct={operator} />
      {operator ? (
        <TemplateRunPanel templateId={template.id} version={template.version} />
      ) : (
        <Notice data-testid="viewer-notice">Operators and admins run and apply templates; as a viewer you can see what a template does.</Notice>
      )}
    </>
  );
}
