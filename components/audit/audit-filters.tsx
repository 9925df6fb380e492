"use client";
import { useSearchParams } from "next/navigation";
import { useUrlFilters } from "@/components/forms/use-url-filters";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";

const KEYS = ["actor", "action", "targetType", "target"] as const;

/** The audit trail's filters, in the URL like every list's (useUrlFilters): applied on "Filter", paging reset. */
export function AuditFilters({ actions }: { actions: string[] }) {
  const sp = useSearchParams();
  const apply = useUrlFilters();
  return (
    <form
      className="mb-4 flex flex-wrap items-end gap-3"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        apply(Object.fromEntries(KEYS.map((k) => [k, String(data.get(k) ?? "").trim() || undefined])));
      }}
    >
      <Input name="actor" aria-label="Actor" placeholder="Actor email" defaultValue={sp.get("actor") ?? ""} className="w-full sm:w-56" />
      <Select name="action" aria-label="Action" defaultValue={sp.get("action") ?? ""} className="w-full sm:w-48">
        <option value="">All actions</option>
        {actions.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </Select>
      <Select name="targetType" aria-label="Target type" defaultValue={sp.get("targetType") ?? ""} className="w-full sm:w-40">
        <option value="">All targets</option>
        <option value="instance">instance</option>
        <option value="user">user</option>
        <option value="session">session</option>
        <option value="webhook">webhook</option>
      </Select>
      <Input name="target" aria-label="Target" placeholder="Target name or id" defaultValue={sp.get("target") ?? ""} className="w-full sm:w-56" />
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
