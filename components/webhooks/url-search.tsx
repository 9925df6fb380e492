"use client";
import { Search } from "lucide-react";
import { useDebouncedSearch, useUrlFilters } from "@/components/forms/use-url-filters";
import { Input } from "@/components/ui/input";

/** A search box held in the URL's `q` (bookmarkable), written 300 ms after the last keystroke. */
export function UrlSearch({ label, placeholder }: { label: string; placeholder: string }) {
  const apply = useUrlFilters();
  const [q, setQ] = useDebouncedSearch(apply);
  return (
    <label className="relative block max-w-md flex-1">
      <span className="sr-only">{label}</span>
      <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted" aria-hidden />
      <Input className="pl-8" placeholder={placeholder} value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
    </label>
  );
}
