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
  const byVersion = p.sort === "version" && p.dir === "asc";
  return [
    health("healthy", "text-success", CheckCircle2, "every component healthy"),
    health("degraded", "text-warning", AlertTriangle, "answering, some component unhealthy"),
    health("down", "text-danger", XCircle, "unreachable, timing out or TLS failing"),
    health("unknown", "text-muted", CircleHelp, "not polled yet, or no verdict"),
    {
      id: "credential",
      label: "Credential problems",
      count: s.credentialProblems,
      hint: s.credentialsExpiring ? `rejected, or lacking rights · including ${s.credentialsExpiring} robot${s.credentialsExpiring === 1 ? "" : "s"} expired or expiring within ${EXPIRY_WARNING_DAYS} days` : "rejected, or lacking rights", icon: KeyRound, tone: "text-danger", patch: { credential: p.credential ? undefined : "problem" }, active: Boolean(p.credential) },
    { id: "behind", label: "Behind latest", count: s.behind, hint: "2 or more minor lines behind · oldest first", icon: History, tone: "text-warning", patch: byVersion ? { sort: "name", dir: "asc" } : { sort: "version", dir: "asc" }, active: byVersion },
    { id: "unmaintained", label: "Outside maintained lines", count: s.unmaintained, hint: "no more patches · oldest first", icon: ShieldOff, tone: "text-warning", patch: byVersion ? { sort: "name", dir: "asc" } : { sort: "version", dir: "asc" }, active: byVersion },
    { id: "stale", label: "Stale snapshots", count: s.stale, hint: "not polled for 3 intervals", icon: Clock, tone: "text-warning", patch: { stale: p.stale ? undefined : "1" }, active: Boolean(p.stale) },
  ];
}

/** Counts over the current scope; each tile toggles the table filter (or order) it stands for. */
export function SummaryTiles({ summary, params }: { summary: FleetSummary; params: TFleetParams }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Fleet summary">
      {tiles(summary, params).map((t) => {
        const qs = fleetSearch({ ...params, ...t.patch, page: 1 });
        return (
          <li key={t.id}>
            <Link
              href={qs ? `/?${qs}` : "/"}
              replace
              scroll={false}
              prefetch={false}
              aria-current={t.active ? "true" : undefined}
              data-testid={`fleet-tile-${t.id}`}
              data-count={t.count}
              className={cn(
                "flex h-full items-start gap-3 rounded-lg border bg-surface p-4 shadow-sm transition hover:border-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                t.active ? "border-accent ring-1 ring-accent" : "border-border",
              )}
            >
              <t.icon className={cn("mt-0.5 size-5 shrink-0", t.count ? t.tone : "text-muted")} aria-hidden />
              <span className="min-w-0">
                <span className="block text-sm text-muted">{t.label}</span>
                <span className={cn("block text-2xl font-semibold tabular-nums", t.count && t.id !== "healthy" ? t.tone : "")}>{t.count}</span>
                <span className="block text-xs text-muted">{t.hint}</span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
