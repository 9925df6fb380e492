import { ArrowUpCircle } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { InstanceDto } from "@/lib/schemas/instance";
import type { TUpgradePlanListParams, UpgradePlanDto } from "@/lib/schemas/upgrade";
import { PlanFilters } from "./plan-filters";
import { PlanTable } from "./plan-table";
import { PlanViewTabs } from "./plan-view-tabs";
import { UpgradeFactsTable } from "./upgrade-facts-table";
import { WindowCalendar } from "./window-calendar";

/** The Upgrades page: the plans (a list or the windows' calendar, filtered), then each instance's upgrade facts, paged. */
export function UpgradesOverview({
  plans,
  planned,
  filters,
  notices,
  now,
  instances: { instances, total, page, pageCount },
  canAct,
}: {
  plans: UpgradePlanDto[];
  /** the instances that have a plan, for the filter */
  planned: { id: string; name: string }[];
  filters: TUpgradePlanListParams;
  notices: string[];
  /** the calendar's first day, ISO */
  now: string;
  instances: { instances: InstanceDto[]; total: number; page: number; pageCount: number };
  /** operators plan waves and act on plans */
  canAct: boolean;
}) {
  const filtered = Boolean(filters.state || filters.instance);
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
        {filters.view === "calendar" ? (
          <WindowCalendar plans={plans} from={now} canAct={canAct} />
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
