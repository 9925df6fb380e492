"use client";
import { useSearchParams } from "next/navigation";
import { useUrlFilters } from "@/components/forms/use-url-filters";
import { Select } from "@/components/ui/input";
import { UPGRADE_PLAN_STATES, UPGRADE_STATE_LABEL } from "@/lib/schemas/upgrade-constants";

/** The plan list's filters, held in the URL (state, instance). */
export function PlanFilters({ instances }: { instances: { id: string; name: string }[] }) {
  const apply = useUrlFilters();
  const sp = useSearchParams();
  return (
    <div className="mb-3 flex flex-wrap gap-3" role="search" aria-label="Filter upgrade plans">
      <Select aria-label="State" value={sp.get("state") ?? ""} onChange={(e) => apply({ state: e.target.value || undefined })} className="w-full sm:w-48">
        <option value="">All states</option>
        {UPGRADE_PLAN_STATES.map((s) => (
          <option key={s} value={s}>
            {UPGRADE_STATE_LABEL[s]}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Instance"
        value={sp.get("instance") ?? ""}
        onChange={(e) => apply({ instance: e.target.value || undefined })}
        className="w-full sm:w-56"
      >
        <option value="">All instances</option>
        {instances.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
