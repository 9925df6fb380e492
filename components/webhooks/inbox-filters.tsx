"use client";
import { X } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { UrlSelect } from "@/components/forms/url-filter-fields";
import { useUrlFilters } from "@/components/forms/use-url-filters";
import { Input } from "@/components/ui/input";
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
      <UrlSelect param="instance" label="Instance" anyLabel="All instances" options={instances.map((i) => [i.id, i.name] as const)} className="w-auto" />
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
      <UrlSelect
        param="event"
        label="Event"
        anyLabel="Any event"
        options={events.map((e) => [e.value, e.label === e.value ? e.label : `${e.label} (${e.value})`] as const)}
        className="w-auto"
      />
      <UrlSelect param="since" label="Time" anyLabel="Any time" options={Object.entries(SINCE_LABEL)} className="w-auto" />
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
