import { Webhook } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { FailedDeliveryInbox } from "@/components/webhooks/failed-delivery-inbox";
import { FailingFilter } from "@/components/webhooks/failing-filter";
import { InventoryInstances } from "@/components/webhooks/inventory-instances";
import { InventoryTable } from "@/components/webhooks/inventory-table";
import { UrlSearch } from "@/components/webhooks/url-search";
import { WebhookTabs } from "@/components/webhooks/webhook-tabs";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { countFlaggedPolicies, listFailedDeliveries } from "@/lib/fleet/webhooks/failed-deliveries";
import { listWebhookInventory } from "@/lib/fleet/webhooks/inventory-list";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";
import { hasRole } from "@/lib/schemas/user";
import { ZInboxParams, ZInventoryParams } from "@/lib/schemas/webhook";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const raw = await searchParams;
  if (raw.view === "inbox") return <InboxView raw={raw} viewer={!hasRole(user, "operator")} />;
  const { params, notices } = parseSearchParams(ZInventoryParams, raw);
  const [inv, flagged] = await Promise.all([listWebhookInventory(params), countFlaggedPolicies()]);
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
      <Notices notices={notices} />
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
        {inv.pageCount > 1 && (
          <nav aria-label="Pages" className="flex items-center gap-3">
            {inv.page > 1 && <Link href={pageLink(inv.page - 1)}>← Previous</Link>}
            <span>
              Page {inv.page} of {inv.pageCount}
            </span>
            {inv.page < inv.pageCount && <Link href={pageLink(inv.page + 1)}>Next →</Link>}
          </nav>
        )}
      </div>
      <h2 className="mb-2 mt-8 text-base font-semibold">Per instance</h2>
      {inv.instances.length === 0 ? (
        <p className="text-sm text-muted">No instances registered.</p>
      ) : (
        <InventoryInstances instances={inv.instances} canRefresh={hasRole(user, "operator")} />
      )}
    </>
  );
}

/** The failed-delivery inbox (`?view=inbox`): viewers see it too, with target hosts and every URL in Harbor's messages reduced to its origin. */
async function InboxView({ raw, viewer }: { raw: RawSearchParams; viewer: boolean }) {
  const { params, notices } = parseSearchParams(ZInboxParams, raw);
  const [inbox, flagged] = await Promise.all([listFailedDeliveries(params, { viewer }), countFlaggedPolicies()]);
  return (
    <>
      <PageHeader title="Webhooks" description="Failed deliveries across the fleet, as last read from each Harbor by the webhook inventory." />
      <WebhookTabs active="inbox" flagged={flagged} />
      <Notices notices={notices} />
      <FailedDeliveryInbox inbox={inbox} filtered={Object.values(params).some(Boolean)} canRedeliver={!viewer} />
    </>
  );
}

function Notices({ notices }: { notices: string[] }) {
  return notices.map((n) => (
    <Notice key={n} tone="warning" className="mb-3">
      {n}
    </Notice>
  ));
}
