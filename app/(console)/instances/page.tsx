import type { Metadata } from "next";
import { Suspense } from "react";
import { InstancesOverview } from "@/components/instances/instances-overview";
import { PageSkeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth";
import { listInstances } from "@/lib/fleet/instances";
import { ZInstanceListParams } from "@/lib/schemas/instance";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Instances" };

/** The shell shows at once; the page's shape while its data is read (a Suspense boundary inside the page, so a 404 elsewhere keeps its status). */
export default function InstancesPage(props: { searchParams: Promise<RawSearchParams> }) {
  return (
    <Suspense fallback={<PageSkeleton label="Loading the instances…" />}>
      <InstancesPageContent {...props} />
    </Suspense>
  );
}

async function InstancesPageContent({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const { params, notices } = parseSearchParams(ZInstanceListParams, await searchParams);
  const list = await listInstances(params);
  return <InstancesOverview {...list} params={params} notices={notices} isAdmin={hasRole(user, "admin")} />;
}
