"use client";
import { usePathname } from "next/navigation";
import { TabNav } from "@/components/ui/tab-nav";

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
  return <TabNav label="Instance" tabs={tabs} className="mb-6" />;
}
