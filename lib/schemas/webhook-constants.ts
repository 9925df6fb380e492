// Webhook inbox figures without zod, for client components that need only these (a value imported from
// lib/schemas/webhook.ts would bring zod into the page's first load).

/** Failed deliveries kept per policy for the inbox, of the newest read (lib/fleet/webhooks/inventory.ts). */
export const WEBHOOK_FAILURES_KEPT = 5;
/** A policy whose last this-many deliveries all failed is flagged, in the inbox and on the fleet page. */
export const WEBHOOK_FLAG_STREAK = 3;

/** The inbox's time windows, in hours. */
export const INBOX_SINCE = { "1h": 1, "24h": 24, "7d": 24 * 7, "30d": 24 * 30 } as const;
