import type { Metadata } from "next";
import { InstanceForm } from "@/components/instances/instance-form";
import { Forbidden } from "@/components/layout/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Add instance" };

export default async function NewInstancePage() {
  const user = await requireUser();
  if (!hasRole(user, "admin")) return <Forbidden need="admin" />;
  return (
    <>
      <PageHeader
        title="Add a Harbor instance"
        description="The console reaches Harbor through its REST API with the account you give here. The secret is encrypted at rest and never shown again."
      />
      <InstanceForm />
    </>
  );
}
