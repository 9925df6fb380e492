"use client";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { Tip, TipZone } from "@/components/ui/tooltip";
import type { FleetRow } from "@/lib/queries/fleet";
import { DEFAULT_FLEET_SORT } from "@/lib/schemas/fleet-constants";
import type { TFleetParams } from "@/lib/schemas/fleet";
import { WEBHOOK_FLAG_STREAK } from "@/lib/schemas/webhook-constants";
import { formatBytes, formatLatency } from "./format";
import { partialReason, projectsAndRepos } from "./usage-text";
import { CheckedAt, ComponentList, CredentialBadge, RobotExpiryBadge, HealthBadge, VersionBadge } from "./status-badges";
import { useUrlFilters } from "@/components/forms/use-url-filters";

const ENV_TONE: Record<string, "danger" | "warning" | "accent" | "neutral"> = {
  production: "danger",
  staging: "warning",
  development: "accent",
  other: "neutral",
};
type Sort = TFleetParams["sort"];

function SortHeader({ label, sort, params, className }: { label: string; sort: Sort; params: TFleetParams; className?: string }) {
  const apply = useUrlFilters();
  const active = params.sort === sort;
  const Icon = !active ? ChevronsUpDown : params.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <Th aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : "none"} className={className}>
      <button
        type="button"
        className="inline-flex items-center gap-1 uppercase tracking-wide hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
        onClick={() => apply({ sort: sort === DEFAULT_FLEET_SORT ? undefined : sort, dir: active && params.dir === "asc" ? "desc" : undefined })}
      >
        {label}
        <Icon className={active ? "size-3.5 text-foreground" : "size-3.5 opacity-50"} aria-hidden />
      </button>
    </Th>
  );
}

function HealthCell({ row }: { row: FleetRow }) {
  const unhealthy = row.components?.filter((c) => c.status !== "healthy") ?? [];
  return (
    <div className="flex flex-col items-start gap-1">
      <Tip
        content={
          <div>
            <p className="mb-1 font-semibold">Components of {row.name}</p>
            <ComponentList components={row.components} />
          </div>
        }
      >
        <button
          type="button"
          className="rounded focus-visible:outline-2 focus-visible:outline-ring"
          aria-label={`${row.health}${unhealthy.length ? `: ${unhealthy.map((c) => c.name).join(", ")} unhealthy` : ""} — show components`}
        >
          <HealthBadge health={row.health} />
        </button>
      </Tip>
      {unhealthy.length > 0 && <span className="text-xs text-muted">{unhealthy.map((c) => c.name).join(", ")}</span>}
      {row.healthWord && (
        <span
          className="max-w-40 truncate text-xs text-muted"
          data-testid="health-word"
          title={`Harbor's /health said "${row.healthWord}", a word the console does not know`}
        >
          Harbor said &ldquo;{row.healthWord}&rdquo;
        </span>
      )}
      <CredentialBadge credential={row.credential} />
      <RobotExpiryBadge row={row} />
      {row.failingWebhooks > 0 && (
        <Link
          href={`/webhooks?view=inbox&instance=${row.id}`}
          prefetch={false}
          className="rounded focus-visible:outline-2 focus-visible:outline-ring"
          data-testid="failing-webhooks"
        >
          <Badge
            tone="danger"
            title={`${row.failingWebhooks} webhook polic${row.failingWebhooks === 1 ? "y" : "ies"} whose last ${WEBHOOK_FLAG_STREAK} deliveries failed`}
          >
            {row.failingWebhooks} webhook{row.failingWebhooks === 1 ? "" : "s"} failing
          </Badge>
        </Link>
      )}
    </div>
  );
}

function VersionCell({ row }: { row: FleetRow }) {
  if (!row.harborVersion) return <span className="text-muted">—</span>;
  return (
    <div className="space-y-1">
      <p className="whitespace-nowrap font-mono text-xs" title={row.generationLabel ? `API ${row.generationLabel}` : undefined}>
        {row.harborVersion}
      </p>
      <VersionBadge row={row} planHref={`/upgrades/new?instance=${row.id}`} />
    </div>
  );
}

/**
 * The fleet's instances: sorted and paged on the server; the header buttons change the URL's sort.
 *
 * The fleet views' links do not prefetch: every console page is per-user and dynamic, so a prefetch brings back an
 * empty shell yet costs the server a request, and the router prefetched each visible link twice (before and after
 * hydration) — 80 requests per fleet page view, measured, several times the page's own server time.
 */
export function FleetTable({ rows, params }: { rows: FleetRow[]; params: TFleetParams }) {
  return (
    <TipZone>
      <Table data-testid="fleet-table">
        <thead>
          <tr>
            <SortHeader label="Name" sort="name" params={params} />
            <Th>Environment</Th>
            <SortHeader label="Health" sort="health" params={params} />
            <SortHeader label="Version" sort="version" params={params} />
            <SortHeader label="Projects / repos" sort="projects" params={params} className="text-right" />
            <SortHeader label="Storage" sort="storage" params={params} className="text-right" />
            <SortHeader label="Latency" sort="latency" params={params} className="text-right" />
            <SortHeader label="Last checked" sort="checked" params={params} />
            <Th>Error</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`fleet-row-${r.name}`} data-health={r.health} className="hover:bg-surface-muted/50">
              <Td>
                <Link href={`/instances/${r.id}`} prefetch={false} className="whitespace-nowrap font-medium text-accent hover:underline">
                  {r.name}
                </Link>
                {r.labels.length > 0 && (
                  <div className="mt-1 flex max-w-56 flex-wrap gap-1">
                    {r.labels.map((l) => (
                      <Badge key={l} className="font-normal">
                        {l}
                      </Badge>
                    ))}
                  </div>
                )}
              </Td>
              <Td>
                <Badge tone={ENV_TONE[r.environment]}>{r.environment}</Badge>
              </Td>
              <Td>
                <HealthCell row={r} />
              </Td>
              <Td>
                <VersionCell row={r} />
              </Td>
              <Td className="whitespace-nowrap text-right tabular-nums" data-testid="fleet-usage" data-usage={r.usage ?? undefined}>
                {projectsAndRepos(r) ?? <span className="text-muted">—</span>}
                {r.usage === "partial" && (
                  <span className="block text-xs text-muted" title={partialReason(r)}>
                    partial view
                  </span>
                )}
              </Td>
              <Td className="whitespace-nowrap text-right tabular-nums">
                {r.usage === "partial" ? (
                  <span className="text-muted" title={partialReason(r)}>
                    not visible
                  </span>
                ) : (
                  formatBytes(r.storageBytes)
                )}
              </Td>
              <Td className="whitespace-nowrap text-right tabular-nums">{formatLatency(r.latencyMs)}</Td>
              <Td>
                <CheckedAt iso={r.checkedAt} stale={r.stale} since={r.staleSince} reason={r.staleReason} />
              </Td>
              <Td>
                {r.errorMessage ? (
                  <p className="max-w-40 truncate text-xs text-danger" title={r.errorMessage}>
                    {r.errorKind && <span className="font-mono">{r.errorKind}: </span>}
                    {r.errorMessage}
                  </p>
                ) : (
                  <span className="text-muted">—</span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </TipZone>
  );
}
