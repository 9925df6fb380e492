import { Webhook } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageLinks } from "@/components/ui/page-links";
import { PageHeader } from "@/components/ui/page-header";
import { SearchNotices } from "@/components/ui/search-notices";
import type { TInventoryParams } from "@/lib/schemas/webhook";
import type { InventoryInstanceDto, InventoryRowDto } from "@/lib/schemas/webhook-inventory";
import { FailingFilter } from "./failing-filter";
import { InventoryInstances } from "./inventory-instances";
import { InventoryTable } from "./inventory-table";
import { UrlSearch } from "./url-search";
import { WebhookTabs } from "./webhook-tabs";

export interface WebhookInventoryPage {
  rows: InventoryRowDto[];
  total: number;
  page: number;
  pageCount: number;
  instances: InventoryInstanceDto[];
  /** how often the collector reads each instance's policies */
  minutes: number;
}

/** The fleet's webhook policies (the Webhooks page's first tab): search, the failing filter, one page of policies, each instance's refresh. */
export function WebhookPoliciesView({
  inventory: inv,
  params,
  notices,
  flagged,
  canRefresh,
}: {
  inventory: WebhookInventoryPage;
  params: TInventoryParams;
  notices: string[];
  flagged: number;
  canRefresh: boolean;
}) {
  const filtered = Boolean(params.q || params.failing);
  const pageLink = (p: number) => {
    const qs = new URLSearchParams(
      Object.entries({ q: params.q, failing: params.failing, page: p > 1 ? String(p) : undefined }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `/webhooks${qs.size ? `?${qs}` : ""}`;
  };
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={`Every project webhook policy in the fleet, as last read from each Harbor (every ${inv.minutes} minutes, or now with Refresh). Edit them on each instance's Projects tab.`}
      />
      <WebhookTabs active="policies" flagged={flagged} />
      <SearchNotices notices={notices} />
      <div className="mb-4 flex flex-wrap items-center gap-4" role="search">
        <UrlSearch label="Search webhook policies" placeholder="Instance, project, policy or target host" />
        <FailingFilter />
      </div>
      {inv.rows.length === 0 ? (
        <EmptyState icon={<Webhook className="size-8" aria-hidden />} title={filtered ? "No policy matches" : "No webhook policies read yet"}>
          {filtered ? (
            <Link href="/webhooks" className="text-accent hover:underline">
              Clear the filters
            </Link>
          ) : (
            "The collector reads every instance's policies in the background; an operator can refresh an instance below."
          )}
        </EmptyState>
      ) : (
        <InventoryTable rows={inv.rows} />
      )}
      <div className="mt-3 flex items-center justify-between text-sm text-muted">
        <span data-testid="inventory-count">
          {inv.total} polic{inv.total === 1 ? "y" : "ies"}
          {filtered ? " match" : ""}
        </span>
        <PageLinks page={inv.page} pageCount={inv.pageCount} href={pageLink} />
      </div>
      <h2 className="mb-2 mt-8 text-base font-semibold">Per instance</h2>
      {inv.instances.length === 0 ? (
        <p className="text-sm text-muted">No instances registered.</p>
      ) : (
        <InventoryInstances instances={inv.instances} canRefresh={canRefresh} />
      )}
    </>
  );
}
