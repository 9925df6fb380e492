import { ArrowUpCircle } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PlanFilters } from "@/components/upgrades/plan-filters";
import { PlanTable } from "@/components/upgrades/plan-table";
import { PlanViewTabs } from "@/components/upgrades/plan-view-tabs";
import { WindowCalendar } from "@/components/upgrades/window-calendar";
import { UpgradeFactsTable } from "@/components/upgrades/upgrade-facts-table";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listInstances } from "@/lib/fleet/instances";
import { listPlannedInstances, listUpgradePlans } from "@/lib/fleet/upgrade-plans";
import { ZUpgradePlanListParams } from "@/lib/schemas/upgrade";
import { hasRole } from "@/lib/schemas/user";
import { CALENDAR_DAYS } from "@/lib/upgrade";
import { ZInstanceListParams } from "@/lib/schemas/instance";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";

export const metadata: Metadata = { title: "Upgrades" };

export default async function UpgradesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const raw = await searchParams;
  const { params } = parseSearchParams(ZInstanceListParams.pick({ page: true }), raw);
  const { params: filters, notices } = parseSearchParams(ZUpgradePlanListParams, raw);
  const calendar = filters.view === "calendar";
  // the calendar's first day starts at most a day before now in any zone; its last ends at most a day after
  const now = new Date();
  const windows = calendar
    ? {
        windowsBetween: { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + (CALENDAR_DAYS + 1) * 86_400_000) },
        excludeCancelled: !filters.state,
      }
    : {};
  const [{ instances, total, page, pageCount }, plans, planned] = await Promise.all([
    listInstances({ page: params.page }),
    listUpgradePlans({ ...filters, ...windows }),
    listPlannedInstances(),
  ]);
  const filtered = Boolean(filters.state || filters.instance);
  const canAct = hasRole(user, "operator");
  return (
    <>
      <PageHeader
        title="Upgrades"
        description="Guided Harbor upgrades across the fleet: plan the supported path, pre-flight it against the running Harbor, and follow the runbook for each hop."
        actions={
          canAct && (
            <Button asChild variant="secondary" size="sm">
              <Link href="/upgrades/waves/new">Plan a wave</Link>
            </Button>
          )
        }
      />
      <Card className="mb-6 space-y-3" data-testid="upgrade-plan-list">
        <CardTitle>Plans</CardTitle>
        <PlanViewTabs params={filters} />
        {notices.map((n) => (
          <p key={n} className="text-sm text-warning">
            {n}
          </p>
        ))}
        {planned.length > 0 && <PlanFilters instances={planned} />}
        {calendar ? (
          <WindowCalendar plans={plans} from={now.toISOString()} canAct={canAct} />
        ) : plans.length > 0 ? (
          <PlanTable plans={plans} canAct={canAct} />
        ) : (
          <p className="text-sm text-muted">
            {filtered
              ? "No plan matches these filters."
              : "No upgrade planned yet. Start one with “Plan an upgrade” on an instance below, in the fleet table or on an instance’s page."}
          </p>
        )}
      </Card>
      {total === 0 ? (
        <EmptyState icon={<ArrowUpCircle className="size-8" aria-hidden />} title="No instances yet">
          <Link href="/instances" className="text-accent underline underline-offset-2">
            Register your Harbor instances
          </Link>{" "}
          and their upgrade paths show here.
        </EmptyState>
      ) : (
        <>
          <UpgradeFactsTable rows={instances.map(({ id, name, environment, harborVersion }) => ({ id, name, environment, harborVersion }))} />
          {pageCount > 1 && (
            <nav aria-label="Pages" className="mt-3 flex items-center justify-end gap-3 text-sm text-muted">
              {page > 1 && <Link href={page === 2 ? "/upgrades" : `/upgrades?page=${page - 1}`}>← Previous</Link>}
              <span>
                Page {page} of {pageCount}
              </span>
              {page < pageCount && <Link href={`/upgrades?page=${page + 1}`}>Next →</Link>}
            </nav>
          )}
        </>
      )}
    </>
  );
}
