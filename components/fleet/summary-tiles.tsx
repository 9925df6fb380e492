import { AlertTriangle, CheckCircle2, CircleHelp, Clock, History, KeyRound, ShieldOff, XCircle } from "lucide-react";
import Link from "next/link";
import { cn } from "@/lib/cn";
import { fleetSearch, type FleetSummary } from "@/lib/queries/fleet";
import { EXPIRY_WARNING_DAYS } from "@/lib/harbor/robot-expiry";
import type { TFleetParams } from "@/lib/schemas/fleet";

type TileId = "healthy" | "degraded" | "down" | "unknown" | "credential" | "behind" | "unmaintained" | "stale";

interface Tile {
  id: TileId;
  label: string;
  count: number;
  hint: string;
  icon: typeof CheckCircle2;
  /** the colour of the number when it is not zero */
  tone: string;
  /** the filter this tile toggles */
  patch: Partial<TFleetParams>;
  active: boolean;
}

function tiles(s: FleetSummary, p: TFleetParams): Tile[] {
  const health = (id: "healthy" | "degraded" | "down" | "unknown", tone: string, icon: Tile["icon"], hint: string): Tile => ({
    id,
    label: id[0].toUpperCase() + id.slice(1),
    count: s.byHealth[id],
    hint,
    icon,
    tone,
    patch: { health: p.health === id ? undefined : id },
    active: p.health === id,
  });
  return [
    health("healthy", "text-success", CheckCircle2, "every component healthy"),
    health("degraded", "text-warning", AlertTriangle, "answering, some component unhealthy"),
    health("down", "text-danger", XCircle, "unreachable, timing out or TLS failing"),
    health("unknown", "text-muted", CircleHelp, "not polled yet, or no verdict"),
    {
      id: "credential",
      label: "Credential problems",
      count: s.credentialProblems,
      hint: s.credentialsExpiring
        ? `rejected, or lacking rights · including ${s.credentialsExpiring} robot${s.credentialsExpiring === 1 ? "" : "s"} expired or expiring within ${EXPIRY_WARNING_DAYS} days`
        : "rejected, or lacking rights",
      icon: KeyRound,
      tone: "text-danger",
      patch: { credential: p.credential ? undefined : "problem" },
      active: Boolean(p.credential),
    },
    {
      id: "behind",
      label: "Behind latest",
      count: s.behind,
      hint: "2 or more minor lines behind the newest",
      icon: History,
      tone: "text-warning",
      patch: { behind: p.behind ? undefined : "1" },
      active: Boolean(p.behind),
    },
    {
      id: "unmaintained",
      label: "Outside maintained lines",
      count: s.unmaintained,
      hint: "no more patches for its line",
      icon: ShieldOff,
      tone: "text-warning",
      patch: { unmaintained: p.unmaintained ? undefined : "1" },
      active: Boolean(p.unmaintained),
    },
    {
      id: "stale",
      label: "Stale snapshots",
      count: s.stale,
      hint: "not polled for 3 intervals",
      icon: Clock,
      tone: "text-warning",
      patch: { stale: p.stale ? undefined : "1" },
      active: Boolean(p.stale),
    },
  ];
}

/** The table's section: a tile's click brings it into view with the filtered rows. */
export const FLEET_TABLE_ANCHOR = "fleet-instances";

/** Counts over the current scope, compact enough that the table starts on the first screen; each tile toggles its filter. */
export function SummaryTiles({ summary, params }: { summary: FleetSummary; params: TFleetParams }) {
  return (
    <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8" aria-label="Fleet summary">
      {tiles(summary, params).map((t) => {
        const qs = fleetSearch({ ...params, ...t.patch, page: 1 });
        return (
          <li key={t.id}>
            <Link
              href={`${qs ? `/?${qs}` : "/"}#${FLEET_TABLE_ANCHOR}`}
              replace
              scroll={false}
              prefetch={false}
              onClick={() => document.getElementById(FLEET_TABLE_ANCHOR)?.scrollIntoView({ block: "start" })}
              aria-current={t.active ? "true" : undefined}
              data-testid={`fleet-tile-${t.id}`}
              data-count={t.count}
              className={cn(
                "flex h-full flex-col rounded-lg border bg-surface px-3 py-2 shadow-sm transition hover:border-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                t.active ? "border-accent ring-1 ring-accent" : "border-border",
              )}
            >
              <span className="flex items-center gap-1.5 text-xs text-muted">
                <t.icon className={cn("size-4 shrink-0", t.count ? t.tone : "text-muted")} aria-hidden />
                {t.label}
              </span>
              <span className={cn("text-xl font-semibold tabular-nums", t.count && t.id !== "healthy" ? t.tone : "")}>{t.count}</span>
              {/* On a phone the hint is for screen readers only: eight tiles then take four short rows. */}
              <span className="sr-only text-xs leading-snug text-muted sm:not-sr-only">{t.hint}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
