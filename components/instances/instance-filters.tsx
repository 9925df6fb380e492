"use client";
import { Search } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { LabelFilter, selfLabelled, UrlSelect } from "@/components/forms/url-filter-fields";
import { useDebouncedSearch, useUrlFilters } from "@/components/forms/use-url-filters";
import { Input } from "@/components/ui/input";
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
        <UrlSelect param="environment" label="Environment" anyLabel="All environments" options={selfLabelled(ENVIRONMENTS)} />
      </label>
      <LabelFilter value={label} onChange={setLabel} srLabel />
    </div>
  );
}
