import type { Metadata } from "next";
import { notFound } from "next/navigation";
import * as z from "zod";
import { InstanceForm } from "@/components/instances/instance-form";
import { Forbidden } from "@/components/layout/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getInstance } from "@/lib/fleet/instances";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Edit instance" };

export default async function EditInstancePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const user = await requireUser();
  if (!hasRole(user, "admin")) return <Forbidden need="admin" />;
  const id = z.uuid().safeParse((await params).instanceId);
  if (!id.success) notFound();
  const i = await getInstance(id.data);
  if (!i) notFound();
  return (
    <>
      <PageHeader title={`Edit ${i.name}`} />
      <InstanceForm
        secretSet={i.secretSet}
        initial={{
          id: i.id,
          version: i.version,
          name: i.name,
          description: i.description,
          environment: i.environment,
          labels: i.labels.join(", "),
          baseUrl: i.baseUrl,
          username: i.username,
          caBundle: i.caBundle ?? "",
          skipTlsVerify: i.skipTlsVerify,
          deploymentMode: i.deploymentMode,
        }}
      />
    </>
  );
}
