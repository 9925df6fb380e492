import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TemplateForm } from "@/components/webhooks/template-form";
import { Forbidden } from "@/components/layout/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getTemplate } from "@/lib/fleet/webhooks/templates";
import { hasRole } from "@/lib/schemas/user";
import { parseTemplateId } from "@/lib/schemas/webhook-template";

export const metadata: Metadata = { title: "Edit webhook template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ templateId: string }> }) {
  const user = await requireUser();
  if (!hasRole(user, "operator")) return <Forbidden need="operator" />;
  const id = parseTemplateId((await params).templateId);
  const template = id ? await getTemplate(id) : null;
  if (!template) notFound();
  return (
    <>
      <PageHeader title={`Edit template ${template.name}`} description="Saving changes no Harbor: run a dry run, then apply." />
      <TemplateForm template={template} />
    </>
  );
}
