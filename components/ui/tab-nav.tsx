import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export interface NavTab {
  href: string;
  label: ReactNode;
  active: boolean;
}

/** A row of tabs that are links (the view is in the URL); the active one is marked as the current page. */
export function TabNav({ label, tabs, className }: { label: string; tabs: readonly NavTab[]; /** spacing around it */ className: string }) {
  return (
    <nav aria-label={label} className={cn(className, "flex gap-1 border-b border-border")}>
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.active ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            t.active ? "border-accent text-foreground" : "border-transparent text-muted hover:text-foreground",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
