import Link from "next/link";
import { cn } from "@/lib/cn";
import type { TUpgradePlanListParams } from "@/lib/schemas/upgrade";

/** List or calendar, kept in the URL with the filters (each view keeps the other's filters). */
export function PlanViewTabs({ params }: { params: TUpgradePlanListParams }) {
  const href = (view: "list" | "calendar") => {
    const q = new URLSearchParams();
    if (params.state) q.set("state", params.state);
    if (params.instance) q.set("instance", params.instance);
    if (view === "calendar") q.set("view", "calendar");
    const s = q.toString();
    return s ? `/upgrades?${s}` : "/upgrades";
  };
  const current = params.view ?? "list";
  return (
    <nav aria-label="Plan views" className="flex gap-1 border-b border-border">
      {(["list", "calendar"] as const).map((v) => (
        <Link
          key={v}
          href={href(v)}
          aria-current={current === v ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            current === v ? "border-accent text-foreground" : "border-transparent text-muted hover:text-foreground",
          )}
        >
          {v === "list" ? "List" : "Calendar (4 weeks)"}
        </Link>
      ))}
    </nav>
  );
}
