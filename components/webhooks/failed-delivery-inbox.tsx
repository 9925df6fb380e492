import { Inbox } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { WEBHOOK_FAILURES_KEPT } from "@/lib/schemas/webhook-constants";
import { INBOX_LIMIT, type FailedDeliveryInbox as TInbox } from "@/lib/schemas/webhook-inventory";
import { FailedDeliveryTable } from "./failed-delivery-table";
import { FlaggedPolicies } from "./flagged-policies";
import { InboxFilters } from "./inbox-filters";

/** The failed-delivery inbox across the fleet, as the webhook inventory last read it. */
export function FailedDeliveryInbox({ inbox, filtered, canRedeliver }: { inbox: TInbox; filtered: boolean; canRedeliver: boolean }) {
  return (
    <>
      <p className="mb-3 text-sm text-muted">
        The newest {WEBHOOK_FAILURES_KEPT} failed deliveries of each policy, as each Harbor reported them at the inventory&apos;s last refresh. Redeliver
        re-sends, from the console, the body Harbor kept for a delivery to the policy&apos;s target (Harbor&apos;s own record stays failed); where Harbor kept
        no body it can resend, the row says why.
      </p>
      <InboxFilters instances={inbox.instances} events={inbox.events} />
      <FlaggedPolicies policies={inbox.flagged} />
      {inbox.rows.length === 0 ? (
        <EmptyState icon={<Inbox className="size-8" aria-hidden />} title={filtered ? "No failed delivery matches" : "No failed deliveries"}>
          {filtered ? (
            <Link href="/webhooks?view=inbox" className="text-accent hover:underline">
              Clear the filters
            </Link>
          ) : (
            "Every delivery the inventory read succeeded (or none was read yet)."
          )}
        </EmptyState>
      ) : (
        <FailedDeliveryTable rows={inbox.rows} canRedeliver={canRedeliver} />
      )}
      <p className="mt-3 text-sm text-muted" data-testid="inbox-count">
        {inbox.total} failed deliver{inbox.total === 1 ? "y" : "ies"}
        {filtered ? " match" : ""}
      </p>
      {inbox.total > INBOX_LIMIT && (
        <Notice tone="info" className="mt-2">
          Showing the newest {INBOX_LIMIT}; narrow the filters to see the others.
        </Notice>
      )}
    </>
  );
}
