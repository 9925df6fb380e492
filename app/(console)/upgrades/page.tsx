import type { Metadata } from "next";
import { Suspense } from "react";
import { PageSkeleton } from "@/components/ui/skeleton";
import { UpgradesOverview } from "@/components/upgrades/upgrades-overview";
import { requireUser } from "@/lib/auth";
import { listInstances } from "@/lib/fleet/instances";
import { listPlannedInstances, listUpgradePlans } from "@/lib/fleet/upgrade-plans";
import { ZUpgradePlanListParams } from "@/lib/schemas/upgrade";
import { hasRole } from "@/lib/schemas/user";
import { CALENDAR_DAYS } from "@/lib/upgrade";
import { ZInstanceListParams } from "@/lib/schemas/instance";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";

export const metadata: Metadata = { title: "Upgrades" };

/** The shell shows at once; the page's shape while its data is read (a Suspense boundary inside the page, so a 404 elsewhere keeps its status). */
export default function UpgradesPage(props: { searchParams: Promise<RawSearchParams> }) {
  return (
    <Suspense fallback={<PageSkeleton label="Loading the upgrades…" />}>
      <UpgradesPageContent {...props} />
    </Suspense>
  );
}

async function UpgradesPageContent({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const raw = await searchParams;
  const { params } = parseSearchParams(ZInstanceListParams.pick({ page: true }), raw);
  const { params: filters, notices } = parseSearchParams(ZUpgradePlanListParams, raw);
  // the calendar's first day starts at most a day before now in any zone; its last ends at most a day after
  const now = new Date();
  const windows =
    filters.view === "calendar"
      ? {
          windowsBetween: { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + (CALENDAR_DAYS + 1) * 86_400_000) },
          excludeCancelled: !filters.state,
        }
      : {};
  const [instances, plans, planned] = await Promise.all([
    listInstances({ page: params.page }),
    listUpgradePlans({ ...filters, ...windows }),
    listPlannedInstances(),
  ]);
  return (
    <UpgradesOverview
      plans={plans}
      planned={planned}
      filters={filters}
      notices={notices}
      now={now.toISOString()}
      instances={instances}
      canAct={hasRole(user, "operator")}
    />
  );
}
