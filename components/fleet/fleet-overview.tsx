"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { fleetQueries, fleetSearch, LiveFetchError, type FleetOverview as TFleetOverview, type HealthPoint } from "@/lib/queries/fleet";
import type { TFleetParams } from "@/lib/schemas/fleet";
import { CollectorBanner } from "./collector-banner";
import { FleetFilters } from "./fleet-filters";
import { FleetPager } from "./fleet-pager";
import { FleetTable } from "./fleet-table";
import { HealthHistoryChart } from "./health-history-chart";
import { SinceLastVisit } from "./since-last-visit";
import { FLEET_TABLE_ANCHOR, SummaryTiles } from "./summary-tiles";
import { fleetUsageText } from "./usage-text";
import { VersionChart } from "./version-chart";

/**
 * The fleet page below its header: tiles, charts, filters, table. The server renders the first state;
 * react-query keeps it live from /api/fleet (every 10 s) under the view's canonical query string.
 */
export function FleetOverview({ initial, params, history }: { initial: TFleetOverview; params: TFleetParams; history: HealthPoint[] }) {
  const search = fleetSearch(params);
  const { data, isError, error, dataUpdatedAt } = useQuery({ ...fleetQueries.overview(search), initialData: initial });
  const { summary, rows, total, page, pageCount } = data;
  const databaseDown = isError && error instanceof LiveFetchError && error.code === "database_unreachable";
  const scoped = Boolean(params.q || params.environment || params.label);
  const filtered = Boolean(
    scoped || params.health || params.credential || params.version || params.error || params.stale || params.behind || params.unmaintained,
  );
  return (
    <div className="space-y-6">
      <CollectorBanner status={data.collector ?? null} databaseDown={databaseDown} lastDataAt={dataUpdatedAt} />
      {isError && !databaseDown && <Notice tone="warning">Live refresh failed; showing the last data received. Retrying…</Notice>}
      <SinceLastVisit />
      <section aria-labelledby="fleet-summary-title">
        <h2 id="fleet-summary-title" className="sr-only">
          Summary
        </h2>
        {scoped && (
          <p className="mb-2 text-xs text-muted">
            Counting the {summary.total} instance{summary.total === 1 ? "" : "s"} that match the search, environment and label filters.
          </p>
        )}
        <SummaryTiles summary={summary} params={params} />
        {(summary.usage.counted > 0 || summary.usage.partial > 0) && (
          <p className="mt-2 text-xs text-muted" data-testid="fleet-usage-total">
            {fleetUsageText(summary.usage)}
          </p>
        )}
      </section>
      <section id={FLEET_TABLE_ANCHOR} aria-labelledby="fleet-instances-title" className="scroll-mt-4">
        <div className="mb-3 flex flex-wrap items-baseline gap-x-3">
          <h2 id="fleet-instances-title" className="text-lg font-semibold">
            Instances
          </h2>
          {params.sort === "status" && (
            <p className="text-xs text-muted" data-testid="fleet-order">
              Worst first: down, degraded, credential problems, unknown, then healthy; by name within each. A column header sorts by it.
            </p>
          )}
        </div>
        <FleetFilters versions={summary.versions} />
        {rows.length === 0 ? (
          <EmptyState title="No instance matches these filters">
            <Link href="/" replace prefetch={false} className="text-accent hover:underline">
              Clear the filters
            </Link>
          </EmptyState>
        ) : (
          <FleetTable rows={rows} params={params} />
        )}
        <FleetPager params={params} total={total} page={page} pageCount={pageCount} filtered={filtered} />
      </section>
      {/* Below the table, so that the table starts on the first screen (the tiles carry the same counts). */}
      <section className="grid gap-4 lg:grid-cols-2" aria-label="Charts">
        <VersionChart versions={summary.versions} params={params} />
        <HealthHistoryChart points={history} />
      </section>
    </div>
  );
}
