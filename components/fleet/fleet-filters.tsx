"use client";
import { Search, X } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Input } from "@/components/ui/input";
import type { FleetSummary } from "@/lib/queries/fleet";
import { FLEET_FILTER_KEYS, HEALTH_STATES } from "@/lib/schemas/fleet-constants";
import { ENVIRONMENTS } from "@/lib/schemas/instance-constants";
import { LabelFilter, selfLabelled, UrlSelect } from "@/components/forms/url-filter-fields";
import { useDebouncedSearch, useUrlFilters } from "@/components/forms/use-url-filters";

const TOGGLES = [
  { key: "error", value: "1", label: "Has an error" },
  { key: "credential", value: "problem", label: "Credential problems" },
  { key: "stale", value: "1", label: "Stale" },
  { key: "behind", value: "1", label: "Behind latest" },
  { key: "unmaintained", value: "1", label: "Outside maintained lines" },
] as const;

/** The fleet table's filters; all of them live in the URL. */
export function FleetFilters({ versions }: { versions: FleetSummary["versions"] }) {
  const sp = useSearchParams();
  const apply = useUrlFilters();
  const [q, setQ] = useDebouncedSearch(apply);
  const [label, setLabel] = useState(sp.get("label") ?? "");
  const version = sp.get("version") ?? "";
  const lines = versions.some((v) => v.line === version) || !version ? versions : [...versions, { line: version, count: 0, minorsBehind: null }];
  const filtered = FLEET_FILTER_KEYS.some((k) => sp.has(k));

  return (
    <div className="mb-3 space-y-2" role="search" aria-label="Filter the fleet">
      <div className="flex flex-wrap items-end gap-2">
        <label className="relative min-w-56 flex-1">
          <span className="sr-only">Search by name</span>
          <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted" aria-hidden />
          <Input className="pl-8" placeholder="Search by name, description or URL" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <UrlSelect param="environment" label="Environment" anyLabel="All environments" options={selfLabelled(ENVIRONMENTS)} className="w-auto" />
        <UrlSelect param="health" label="Filter by health" anyLabel="Any health" options={selfLabelled(HEALTH_STATES)} className="w-auto" />
        <UrlSelect
          param="version"
          label="Filter by version line"
          anyLabel="All versions"
          options={lines.map((v) => [v.line, `Harbor ${v.line} (${v.count})`] as const)}
          className="w-auto"
        />
        <LabelFilter value={label} onChange={setLabel} className="w-48" />
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        {TOGGLES.map((t) => (
          <label key={t.key} className="inline-flex items-center gap-1.5">
            <input
              type="checkbox"
              className="size-4 accent-[var(--accent)]"
              checked={sp.get(t.key) === t.value}
              onChange={(e) => apply({ [t.key]: e.target.checked ? t.value : undefined })}
            />
            {t.label}
          </label>
        ))}
        {filtered && (
          <Link
            href="/"
            replace
            scroll={false}
            prefetch={false}
            className="inline-flex items-center gap-1 text-accent hover:underline"
            onClick={() => (setQ(""), setLabel(""))}
          >
            <X className="size-3.5" aria-hidden /> Clear filters
          </Link>
        )}
      </div>
    </div>
  );
}
