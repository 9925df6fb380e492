"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import type { FleetRow } from "@/lib/queries/fleet";
import { expiryUrgency } from "@/lib/harbor/robot-expiry";
import { formatRelative, formatUtc } from "./format";
import { useNow } from "./use-now";
import { behindTone } from "./version-tone";

export const HEALTH_TONE = { healthy: "success", degraded: "warning", down: "danger", unknown: "neutral" } as const;
const HEALTH_ICON = { healthy: "circle-check", degraded: "triangle-alert", down: "circle-x", unknown: "circle-help" } as const;

export function HealthBadge({ health, className }: { health: FleetRow["health"]; className?: string }) {
  return (
    <Badge tone={HEALTH_TONE[health]} className={className} data-health={health}>
      <SpriteIcon name={HEALTH_ICON[health]} className="mr-1 size-3" />
      {health}
    </Badge>
  );
}

export const CREDENTIAL_PROBLEM: Partial<Record<FleetRow["credential"], string>> = { invalid: "credential rejected", forbidden: "credential lacks rights" };

export function CredentialBadge({ credential }: { credential: FleetRow["credential"] }) {
  const text = CREDENTIAL_PROBLEM[credential];
  if (!text) return null;
  return (
    <Badge tone="danger" data-credential={credential}>
      <SpriteIcon name="key-round" className="mr-1 size-3" />
      {text}
    </Badge>
  );
}

/** A robot credential that expired or expires within the warning window, e.g. "robot expires in 3 days". */
export function RobotExpiryBadge({ row }: { row: Pick<FleetRow, "credentialKind" | "robotExpiry" | "robotExpiresAt" | "credentialCheckedAt"> }) {
  const now = useNow();
  if (row.credentialKind !== "robot" || row.robotExpiry !== "expires" || !row.robotExpiresAt) return null;
  // Before hydration there is no clock: measure from the last check, so server and client agree.
  const e = expiryUrgency(new Date(row.robotExpiresAt), new Date(now ?? Date.parse(row.credentialCheckedAt ?? row.robotExpiresAt)));
  if (e.urgency === "ok") return null;
  return (
    <Badge
      tone={e.urgency === "expired" ? "danger" : "warning"}
      data-testid="robot-expiry-badge"
      title={`Robot account expires on ${formatUtc(row.robotExpiresAt)}`}
    >
      <SpriteIcon name="key-round" className="mr-1 size-3" />
      {e.urgency === "expired" ? `robot expired ${e.relative}` : `robot expires ${e.relative}`}
    </Badge>
  );
}

/**
 * "4 behind" (minor lines behind the newest release) with the upgrade hops it takes, toned as the chart and tile count
 * it; with `planHref`, the hops are a link to plan that upgrade.
 */
export function VersionBadge({ row, planHref }: { row: Pick<FleetRow, "minorsBehind" | "hopsToLatest" | "support">; planHref?: string }) {
  if (!row.support) return null;
  if (row.support === "latest") return <Badge tone="success">latest</Badge>;
  const hops = row.hopsToLatest !== null ? `${row.hopsToLatest} upgrade hop${row.hopsToLatest === 1 ? "" : "s"} to latest` : "no supported upgrade path";
  const behind = row.minorsBehind ? `${row.minorsBehind} behind` : "older patch";
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge
        tone={behindTone(row.minorsBehind)}
        data-testid="version-behind"
        data-tone={behindTone(row.minorsBehind)}
        title={`${row.support === "maintained" ? "Maintained line" : row.support === "outdated" ? "No longer maintained" : "Unsupported"}: ${hops}`}
      >
        {behind}
      </Badge>
      {planHref && row.hopsToLatest !== null ? (
        <Link href={planHref} className="text-xs text-accent underline underline-offset-2" aria-label={`Plan an upgrade: ${behind}, ${hops}`}>
          {hops}
        </Link>
      ) : (
        <span className="text-xs text-muted">{hops}</span>
      )}
    </span>
  );
}

/**
 * Relative time of the last poll ("3 min ago"), marked stale when older than three polling intervals; with `reason`,
 * a stale one also says since when and why.
 */
export function CheckedAt({ iso, stale, since, reason }: { iso: string | null; stale: boolean; since?: string | null; reason?: string | null }) {
  const now = useNow();
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {iso ? (
        <time dateTime={iso} title={formatUtc(iso)} className="whitespace-nowrap">
          {now ? formatRelative(iso, now) : formatUtc(iso)}
        </time>
      ) : (
        <span className="text-muted" data-testid="first-poll">
          {stale ? "never" : "first poll under way"}
        </span>
      )}
      {stale && (
        <Badge tone="warning" title="Older than three polling intervals">
          stale
        </Badge>
      )}
      {stale && reason && (
        <span className="block w-full max-w-56 text-xs text-muted" data-testid="stale-reason">
          {since && (
            <>
              Since <time dateTime={since}>{formatUtc(since)}</time>:{" "}
            </>
          )}
          {reason}
        </span>
      )}
    </span>
  );
}

/** The components Harbor reports in /health, with their errors. */
export function ComponentList({ components, className, neverReached }: { components: FleetRow["components"]; className?: string; neverReached?: boolean }) {
  if (!components?.length)
    return <p className={className}>{neverReached ? "Not reached yet: no component report." : "No component report (the last poll did not reach /health)."}</p>;
  return (
    <ul className={className}>
      {components.map((c) => (
        <li key={c.name} className="flex items-start justify-between gap-3 py-0.5" data-component={c.name} data-status={c.status}>
          <span className="font-mono">{c.name}</span>
          <span className="text-right">
            <Badge tone={c.status === "healthy" ? "success" : "danger"}>{c.status}</Badge>
            {c.error && <span className="mt-0.5 block max-w-64 break-words text-muted">{c.error}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
