import { Webhook } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Webhooks" description="Project webhook policies across the fleet." />
      <EmptyState icon={<Webhook className="size-8" aria-hidden />} title="No webhook policies to show yet">
        Viewing and editing webhook policies needs the Harbor API client, which is not built yet. Register your{" "}
        <Link href="/instances" className="text-accent hover:underline">
          instances
        </Link>{" "}
        so their projects can be listed here.
      </EmptyState>
    </>
  );
}
