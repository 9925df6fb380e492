import { FileStack, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { TemplateTable } from "@/components/webhooks/template-table";
import { WebhookTabs } from "@/components/webhooks/webhook-tabs";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { countFlaggedPolicies } from "@/lib/fleet/webhooks/failed-deliveries";
import { listTemplates } from "@/lib/fleet/webhooks/templates";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Webhook templates" };

export default async function TemplatesPage() {
  const user = await requireUser();
  const operator = hasRole(user, "operator");
  const [templates, flagged] = await Promise.all([listTemplates(), countFlaggedPolicies()]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Templates: one webhook policy for every project a selector picks, on every instance, in each Harbor version's own terms. Dry run first; apply writes only what differs."
        actions={
          operator ? (
            <Button asChild>
              <Link href="/webhooks/templates/new">
                <Plus className="size-4" aria-hidden /> New template
              </Link>
            </Button>
          ) : undefined
        }
      />
      <WebhookTabs active="templates" flagged={flagged} />
      {templates.length === 0 ? (
        <EmptyState icon={<FileStack className="size-8" aria-hidden />} title="No templates yet">
          {operator ? "Create one to send the same events from many projects to one receiver." : "Operators create templates; you will see them here."}
        </EmptyState>
      ) : (
        <TemplateTable templates={templates} />
      )}
    </>
  );
}
