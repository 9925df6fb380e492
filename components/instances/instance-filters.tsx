"use client";
import { Search } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useDebouncedSearch, useUrlFilters } from "@/components/forms/use-url-filters";
import { Input, Select } from "@/components/ui/input";
import { ENVIRONMENTS } from "@/lib/schemas/instance-constants";

/** Filters live in the URL, so a filtered view can be bookmarked and shared. */
export function InstanceFilters() {
  const sp = useSearchParams();
  const apply = useUrlFilters();
  const [q, setQ] = useDebouncedSearch(apply);
  const [label, setLabel] = useState(sp.get("label") ?? "");

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
          <Input
            aria-label="Label filter"
            placeholder="label, e.g. region=eu"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            onBlur={() => label.trim() !== (sp.get("label") ?? "") && apply({ label: label.trim() })}
          />
        </label>
      </form>
    </div>
  );
}
