"use client";
import { Search } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Input, Select } from "@/components/ui/input";
import { ENVIRONMENTS } from "@/lib/schemas/instance";

/** Filters live in the URL, so a filtered view can be bookmarked and shared. */
export function InstanceFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const [q, setQ] = useState(sp.get("q") ?? "");
  const [label, setLabel] = useState(sp.get("label") ?? "");

  const apply = (patch: Record<string, string>) => {
    const next = new URLSearchParams(sp.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete("page");
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname);
  };

  // Debounced search-as-you-type.
  useEffect(() => {
    if (q === (sp.get("q") ?? "")) return;
    const t = setTimeout(() => apply({ q }), 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" role="search">
      <label className="relative min-w-64 flex-1">
        <span className="sr-only">Search instances</span>
        <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted" aria-hidden />
        <Input className="pl-8" placeholder="Search by name, description or URL" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <label className="text-sm">
        <span className="sr-only">Environment</span>
        <Select aria-label="Environment" value={sp.get("environment") ?? ""} onChange={(e) => apply({ environment: e.target.value })}>
          <option value="">All environments</option>
          {ENVIRONMENTS.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </Select>
      </label>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply({ label: label.trim() });
        }}
      >
        <label>
          <span className="sr-only">Label</span>
          <Input aria-label="Label filter" placeholder="label, e.g. region=eu" value={label} onChange={(e) => setLabel(e.target.value)} onBlur={() => label.trim() !== (sp.get("label") ?? "") && apply({ label: label.trim() })} />
        </label>
      </form>
    </div>
  );
}
