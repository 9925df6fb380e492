import type { Metadata } from "next";
import { TemplateForm } from "@/components/webhooks/template-form";
import { Forbidden } from "@/components/layout/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "New webhook template" };

export default async function NewTemplatePage() {
  const user = await requireUser();
  if (!hasRole(user, "operator")) return <Forbidden need="operator" />;
  return (
    <>
      <PageHeader title="New webhook template" description="Saving changes no Harbor: run a dry run on the template's page, then apply." />
      <TemplateForm />
    </>
  );
}
