"use client";
import { useSearchParams } from "next/navigation";
import { useUrlFilters } from "@/components/forms/use-url-filters";

/** "Failing only": policies whose latest deliveries failed. */
export function FailingFilter() {
  const sp = useSearchParams();
  const apply = useUrlFilters();
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        className="size-4 accent-[var(--accent)]"
        checked={sp.get("failing") === "1"}
        onChange={(e) => apply({ failing: e.target.checked ? "1" : undefined })}
      />{" "}
      Failing only
    </label>
  );
}
