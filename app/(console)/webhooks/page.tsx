import type { Metadata } from "next";
import { Suspense } from "react";
import { PageSkeleton } from "@/components/ui/skeleton";
import { WebhookInboxView } from "@/components/webhooks/webhook-inbox-view";
import { WebhookPoliciesView } from "@/components/webhooks/webhook-policies-view";
import { requireUser } from "@/lib/auth";
import { countFlaggedPolicies, listFailedDeliveries } from "@/lib/fleet/webhooks/failed-deliveries";
import { listWebhookInventory } from "@/lib/fleet/webhooks/inventory-list";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";
import { hasRole } from "@/lib/schemas/user";
import { ZInboxParams, ZInventoryParams } from "@/lib/schemas/webhook";

export const metadata: Metadata = { title: "Webhooks" };

/** The shell shows at once; the page's shape while its data is read (a Suspense boundary inside the page, so a 404 elsewhere keeps its status). */
export default function WebhooksPage(props: { searchParams: Promise<RawSearchParams> }) {
  return (
    <Suspense fallback={<PageSkeleton label="Loading the webhooks…" />}>
      <WebhooksPageContent {...props} />
    </Suspense>
  );
}

async function WebhooksPageContent({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const raw = await searchParams;
  const operator = hasRole(user, "operator");
  if (raw.view === "inbox") {
    const { params, notices } = parseSearchParams(ZInboxParams, raw);
    const [inbox, flagged] = await Promise.all([listFailedDeliveries(params, { viewer: !operator }), countFlaggedPolicies()]);
    return <WebhookInboxView inbox={inbox} filtered={Object.values(params).some(Boolean)} notices={notices} flagged={flagged} canRedeliver={operator} />;
  }
  const { params, notices } = parseSearchParams(ZInventoryParams, raw);
  const [inventory, flagged] = await Promise.all([listWebhookInventory(params), countFlaggedPolicies()]);
  return <WebhookPoliciesView inventory={inventory} params={params} notices={notices} flagged={flagged} canRefresh={operator} />;
}
