import { formatUtc } from "@/components/fleet/format";
import { Badge } from "@/components/ui/badge";
import type { DeliveryDto } from "@/lib/schemas/webhook-dto";

/** Harbor's time as "2026-01-31 14:05 UTC" (any parseable form), or the raw text. */
export function whenUtc(t: string | null): string {
  if (!t) return "—";
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : formatUtc(new Date(ms).toISOString());
}

export function DeliveryStatus({ status, ok }: { status: string; ok: boolean | null }) {
  return <Badge tone={ok === true ? "success" : ok === false ? "danger" : "neutral"}>{status}</Badge>;
}

/** A policy's last delivery: when, what, and how it went. */
export function LastDelivery({ delivery, error }: { delivery: DeliveryDto | null; error: string | null }) {
  if (error) return <span className="text-xs text-danger">{error}</span>;
  if (!delivery) return <span className="text-muted">none yet</span>;
  return (
    <span className="flex flex-col gap-0.5" data-testid="last-delivery">
      <span>
        <DeliveryStatus status={delivery.status} ok={delivery.ok} />
      </span>
      <span className="text-xs text-muted">
        {whenUtc(delivery.at)}
        {delivery.eventType ? ` · ${delivery.eventType}` : ""}
      </span>
    </span>
  );
}
