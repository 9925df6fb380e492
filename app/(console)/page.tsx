import { Server } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { FleetOverview } from "@/components/fleet/fleet-overview";
import { RefreshAllButton } from "@/components/fleet/refresh-all-button";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getCollectorStatusCached } from "@/lib/fleet/collector/status";
import { getFleetSummary } from "@/lib/fleet/fleet-summary";
import { getHealthHistory } from "@/lib/fleet/health-history";
import { listFleet } from "@/lib/fleet/fleet-rows";
import { ZFleetParams } from "@/lib/schemas/fleet";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";
import { hasRole } from "@/lib/schemas/user";
import { PageSkeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Fleet" };

/** The shell shows at once; the page's shape while its data is read (a Suspense boundary inside the page, so a 404 elsewhere keeps its status). */
export default function FleetPage(props: { searchParams: Promise<RawSearchParams> }) {
  return (
    <Suspense fallback={<PageSkeleton label="Loading the fleet…" />}>
      <FleetPageContent {...props} />
    </Suspense>
  );
}

async function FleetPageContent({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const { params, notices } = parseSearchParams(ZFleetParams, await searchParams);
  const scope = { q: params.q, environment: params.environment, label: params.label };
  const scoped = Boolean(scope.q || scope.environment || scope.label);
  const [summary, page, history, collector] = await Promise.all([
    getFleetSummary(undefined, scope),
    listFleet(params),
    getHealthHistory({ hours: 24 }),
    getCollectorStatusCached().catch(() => null),
  ]);
  const fleetEmpty = summary.total === 0 && (!scoped || (await getFleetSummary()).total === 0);
  const isAdmin = hasRole(user, "admin");
  return (
    <>
      <PageHeader
        title="Fleet"
        description="Every Harbor registry you run, at a glance: health, versions and usage, refreshed live."
        actions={!fleetEmpty && hasRole(user, "operator") ? <RefreshAllButton /> : undefined}
      />
      {notices.map((n) => (
        <Notice key={n} tone="warning" className="mb-3">
          {n}
        </Notice>
      ))}
      {fleetEmpty ? (
        <EmptyState
          icon={<Server className="size-8" aria-hidden />}
          title="Your fleet is empty"
          action={
            isAdmin ? (
              <Button asChild>
                <Link href="/instances/new">Add your first Harbor instance</Link>
              </Button>
            ) : undefined
          }
        >
          {isAdmin ? "Register the Harbor instances you run; the console will keep them in one view." : "Ask an admin to register your Harbor instances."}
        </EmptyState>
      ) : (
        <FleetOverview initial={{ summary, ...page, notices, collector }} params={params} history={history} />
      )}
    </>
  );
}
