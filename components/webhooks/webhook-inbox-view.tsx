import { PageHeader } from "@/components/ui/page-header";
import { SearchNotices } from "@/components/ui/search-notices";
import type { FailedDeliveryInbox as TInbox } from "@/lib/schemas/webhook-inventory";
import { FailedDeliveryInbox } from "./failed-delivery-inbox";
import { WebhookTabs } from "./webhook-tabs";

/** The failed-delivery inbox (the Webhooks page's `?view=inbox`): viewers see it too, with target hosts and every URL in Harbor's messages reduced to its origin. */
export function WebhookInboxView({
  inbox,
  filtered,
  notices,
  flagged,
  canRedeliver,
}: {
  inbox: TInbox;
  filtered: boolean;
  notices: string[];
  flagged: number;
  canRedeliver: boolean;
}) {
  return (
    <>
      <PageHeader title="Webhooks" description="Failed deliveries across the fleet, as last read from each Harbor by the webhook inventory." />
      <WebhookTabs active="inbox" flagged={flagged} />
      <SearchNotices notices={notices} />
      <FailedDeliveryInbox inbox={inbox} filtered={filtered} canRedeliver={canRedeliver} />
    </>
  );
}
