import Link from "next/link";
import { cn } from "@/lib/cn";

/** Policies · Failed deliveries · Templates, on the fleet Webhooks page (the view is in the URL: `?view=inbox`, /webhooks/templates). */
export function WebhookTabs({ active, flagged }: { active: "policies" | "inbox" | "templates"; flagged: number }) {
  const tabs = [
    { id: "policies", href: "/webhooks", label: "Policies" },
    { id: "inbox", href: "/webhooks?view=inbox", label: "Failed deliveries" },
    { id: "templates", href: "/webhooks/templates", label: "Templates" },
  ] as const;
  return (
    <nav aria-label="Webhooks" className="mb-4 flex gap-1 border-b border-border">
      {tabs.map((t) => (
        <Link
          key={t.id}
          href={t.href}
          aria-current={t.id === active ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            t.id === active ? "border-accent text-foreground" : "border-transparent text-muted hover:text-foreground",
          )}
        >
          {t.label}
          {t.id === "inbox" && flagged > 0 && (
            <span className="badge badge-danger ml-1.5" data-testid="inbox-flagged-count">
              {flagged}
            </span>
          )}
        </Link>
      ))}
    </nav>
  );
}
