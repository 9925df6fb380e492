import { ArrowUpCircle } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { UpgradeFactsTable } from "@/components/upgrades/upgrade-facts-table";
import { Card, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listInstances } from "@/lib/fleet/instances";
import { ZInstanceListParams } from "@/lib/schemas/instance";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";

export const metadata: Metadata = { title: "Upgrades" };

export default async function UpgradesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireUser();
  const { params } = parseSearchParams(ZInstanceListParams.pick({ page: true }), await searchParams);
  const { instances, total, page, pageCount } = await listInstances({ page: params.page });
  return (
    <>
      <PageHeader title="Upgrades" description="Guided Harbor upgrades across the fleet: not here yet. What the console already knows about each instance's upgrade is below." />
      <Card className="mb-6 space-y-3 text-sm" data-testid="upgrades-coming">
        <CardTitle>Coming next</CardTitle>
        <p>
          An upgrade wizard per instance: the supported path to a target release, pre-flight checks against the running Harbor (version, database, free
          space), a maintenance window, and a runbook for every hop with the config files for its version; then progress and history here.
        </p>
        <CardTitle className="pt-2">What you can use today</CardTitle>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            The upgrade planner&apos;s verdict for each instance below: whether its release line is maintained, and the shortest supported path to the newest
            release, each stop being the latest patch of its line.
          </li>
          <li>
            Each instance&apos;s <strong>Config</strong> tab: set the target version in the Topology tab, save, and the Config tab generates the files for that
            version; compare them with the running revision. Its <strong>README</strong> says which file goes to which host and the order to apply them.
          </li>
        </ul>
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
