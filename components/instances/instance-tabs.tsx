"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

/** Overview · Projects · Topology · Config, for one instance. */
export function InstanceTabs({ instanceId }: { instanceId: string }) {
  const pathname = usePathname();
  const base = `/instances/${instanceId}`;
  const tabs = [
    { href: base, label: "Overview", active: pathname === base },
    { href: `${base}/projects`, label: "Projects", active: pathname.startsWith(`${base}/projects`) },
    { href: `${base}/topology`, label: "Topology", active: pathname.startsWith(`${base}/topology`) },
    { href: `${base}/config`, label: "Config", active: pathname.startsWith(`${base}/config`) },
  ];
  return (
    <nav aria-label="Instance" className="mb-6 flex gap-1 border-b border-border">
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
