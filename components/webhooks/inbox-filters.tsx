"use client";
import { X } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useUrlFilters } from "@/components/forms/use-url-filters";
import { Input, Select } from "@/components/ui/input";
import { INBOX_SINCE } from "@/lib/schemas/webhook-constants";

const TEXT_KEYS = ["project", "policy"] as const;
const SINCE_LABEL: Record<keyof typeof INBOX_SINCE, string> = { "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" };

/** The inbox's filters (instance, project, policy, event, time), all held in the URL; text filters apply on Enter or on leaving the field. */
export function InboxFilters({ instances, events }: { instances: { id: string; name: string }[]; events: { value: string; label: string }[] }) {
  const sp = useSearchParams();
  const apply = useUrlFilters();
  const [text, setText] = useState<Record<(typeof TEXT_KEYS)[number], string>>({ project: sp.get("project") ?? "", policy: sp.get("policy") ?? "" });
  const filtered = ["instance", "project", "policy", "event", "since"].some((k) => sp.has(k));
  const commit = (k: (typeof TEXT_KEYS)[number]) => text[k].trim() !== (sp.get(k) ?? "") && apply({ [k]: text[k].trim() });
  return (
    <div className="mb-4 flex flex-wrap items-end gap-2" role="search" aria-label="Filter failed deliveries">
      <Select aria-label="Instance" className="w-auto" value={sp.get("instance") ?? ""} onChange={(e) => apply({ instance: e.target.value })}>
        <option value="">All instances</option>
        {instances.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </Select>
      {TEXT_KEYS.map((k) => (
        <form
          key={k}
          onSubmit={(e) => {
            e.preventDefault();
            commit(k);
          }}
        >
          <Input
            aria-label={k === "project" ? "Project" : "Policy"}
            className="w-44"
            maxLength={100}
            placeholder={k === "project" ? "Project name" : "Policy name"}
            value={text[k]}
            onChange={(e) => setText({ ...text, [k]: e.target.value })}
            onBlur={() => commit(k)}
          />
        </form>
      ))}
      <Select aria-label="Event" className="w-auto" value={sp.get("event") ?? ""} onChange={(e) => apply({ event: e.target.value })}>
        <option value="">Any event</option>
        {events.map((e) => (
          <option key={e.value} value={e.value}>
            {e.label === e.value ? e.label : `${e.label} (${e.value})`}
          </option>
        ))}
      </Select>
      <Select aria-label="Time" className="w-auto" value={sp.get("since") ?? ""} onChange={(e) => apply({ since: e.target.value })}>
        <option value="">Any time</option>
        {Object.entries(SINCE_LABEL).map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </Select>
      {filtered && (
        <Link
          href="/webhooks?view=inbox"
          replace
          scroll={false}
          prefetch={false}
          className="inline-flex items-center gap-1 self-center text-sm text-accent hover:underline"
          onClick={() => setText({ project: "", policy: "" })}
        >
          <X className="size-3.5" aria-hidden /> Clear filters
        </Link>
      )}
    </div>
  );
}
