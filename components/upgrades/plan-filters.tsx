"use client";
import { UrlSelect } from "@/components/forms/url-filter-fields";
import { UPGRADE_PLAN_STATES, UPGRADE_STATE_LABEL } from "@/lib/schemas/upgrade-constants";

/** The plan list's filters, held in the URL (state, instance). */
export function PlanFilters({ instances }: { instances: { id: string; name: string }[] }) {
  return (
    <div className="mb-3 flex flex-wrap gap-3" role="search" aria-label="Filter upgrade plans">
      <UrlSelect
        param="state"
        label="State"
        anyLabel="All states"
        options={UPGRADE_PLAN_STATES.map((s) => [s, UPGRADE_STATE_LABEL[s]] as const)}
        className="w-full sm:w-48"
      />
      <UrlSelect
        param="instance"
        label="Instance"
        anyLabel="All instances"
        options={instances.map((i) => [i.id, i.name] as const)}
        className="w-full sm:w-56"
      />
    </div>
  );
}
