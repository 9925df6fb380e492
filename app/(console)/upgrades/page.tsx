import { ArrowUpCircle } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Upgrades" };

export default async function UpgradesPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Upgrades" description="Planned and past Harbor upgrades across the fleet." />
      <EmptyState icon={<ArrowUpCircle className="size-8" aria-hidden />} title="No upgrades planned">
        The upgrade wizard (supported paths, pre-flight checks, maintenance windows, runbooks) is not built yet. Meanwhile, keep your{" "}
        <Link href="/instances" className="text-accent hover:underline">
          instance registry
        </Link>{" "}
        complete: upgrade planning starts from it.
      </EmptyState>
    </>
  );
}
