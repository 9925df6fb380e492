"use client";
import { Search } from "lucide-react";
import { useDebouncedSearch, useUrlFilters } from "@/components/forms/use-url-filters";
import { Input } from "@/components/ui/input";

/** Harbor's own (fuzzy) project-name search, held in the URL's `q`. */
export function ProjectSearch() {
  const apply = useUrlFilters();
  const [q, setQ] = useDebouncedSearch(apply);
  return (
    <div className="mb-4" role="search">
      <label className="relative block max-w-md">
        <span className="sr-only">Search projects</span>
        <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted" aria-hidden />
        <Input className="pl-8" placeholder="Search projects by name" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
      </label>
    </div>
  );
}
