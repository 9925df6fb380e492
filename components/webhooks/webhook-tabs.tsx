import { TabNav } from "@/components/ui/tab-nav";

/** Policies · Failed deliveries · Templates, on the fleet Webhooks page (the view is in the URL: `?view=inbox`, /webhooks/templates). */
export function WebhookTabs({ active, flagged }: { active: "policies" | "inbox" | "templates"; flagged: number }) {
  const inbox = (
    <>
      Failed deliveries
      {flagged > 0 && (
        <span className="badge badge-danger ml-1.5" data-testid="inbox-flagged-count">
          {flagged}
        </span>
      )}
    </>
  );
  const tabs = [
    { href: "/webhooks", label: "Policies", active: active === "policies" },
    { href: "/webhooks?view=inbox", label: inbox, active: active === "inbox" },
    { href: "/webhooks/templates", label: "Templates", active: active === "templates" },
  ];
  return <TabNav label="Webhooks" tabs={tabs} className="mb-4" />;
}
