"use client";
import { Activity, ArrowUpCircle, Gauge, ScrollText, Server, Settings, Users, Webhook } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const NAV = [
  { href: "/", label: "Fleet", icon: Gauge, exact: true },
  { href: "/instances", label: "Instances", icon: Server },
  { href: "/upgrades", label: "Upgrades", icon: ArrowUpCircle },
  { href: "/webhooks", label: "Webhooks", icon: Webhook },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/users", label: "Users", icon: Users, adminOnly: true },
  { href: "/settings", label: "Settings", icon: Settings, adminOnly: true },
];

/** The console's main navigation; `onNavigate` runs on every link's click (the phone menu closes on it). */
export function Sidebar({ isAdmin, onNavigate }: { isAdmin: boolean; onNavigate?: () => void }) {
  const path = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      <Link href="/" onClick={onNavigate} className="mb-6 flex items-center gap-2 px-2 text-sm font-semibold">
        <Activity className="size-5 text-accent" aria-hidden />
        Harbor Fleet Console
      </Link>
      {NAV.filter((n) => !n.adminOnly || isAdmin).map(({ href, label, icon: Icon, exact }) => {
        const active = exact ? path === href : path === href || path.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm transition",
              active ? "bg-accent/15 font-medium text-accent" : "text-muted hover:bg-surface-muted hover:text-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
