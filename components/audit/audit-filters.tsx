"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";

export function AuditFilters({ actions }: { actions: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  return (
    <form
      className="mb-4 flex flex-wrap items-end gap-3"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const qs = new URLSearchParams();
        for (const k of ["actor", "action", "targetType", "target"]) {
          const v = String(data.get(k) ?? "").trim();
          if (v) qs.set(k, v);
        }
        router.replace(qs.size ? `${pathname}?${qs}` : pathname);
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
