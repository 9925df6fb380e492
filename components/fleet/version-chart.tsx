"use client";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { fleetSearch, type FleetSummary } from "@/lib/queries/fleet";
import type { TFleetParams } from "@/lib/schemas/fleet";
import { ChartFrame } from "@/components/ui/chart-frame";
import { useAfterLoad } from "@/components/ui/use-after-load";
import { VersionBars } from "./charts/lazy-charts";
import { behindTone, toneColour } from "./version-tone";

type Line = FleetSummary["versions"][number];

const colour = (l: Line) => toneColour(behindTone(l.minorsBehind));

/** Instances per Harbor release line, oldest to newest; lines two or more behind the newest in the warning colour. */
export function VersionChart({ versions, params }: { versions: FleetSummary["versions"]; params: TFleetParams }) {
  const drawn = useAfterLoad();
  const data = [...versions].reverse();
  const href = (line: string) => {
    const qs = fleetSearch({ ...params, version: params.version === line ? undefined : line, page: 1 });
    return qs ? `/?${qs}` : "/";
  };
  return (
    <Card className="min-w-0">
      <CardTitle>Versions</CardTitle>
      <p className="text-xs text-muted">Instances per release line · amber: 2 or more minor lines behind the newest</p>
      {data.length === 0 ? (
        <p className="mt-6 text-sm text-muted">No version known yet: the collector has not reached any instance.</p>
      ) : (
        <>
          <ChartFrame className="mt-3 h-48" label={`Instances per version line: ${data.map((d) => `${d.line}: ${d.count}`).join(", ")}`}>
            {drawn && <VersionBars data={data} />}
          </ChartFrame>
          <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Filter by version line">
            {data.map((v) => (
              <li key={v.line}>
                <Link
                  href={href(v.line)}
                  replace
                  scroll={false}
                  prefetch={false}
                  aria-current={params.version === v.line ? "true" : undefined}
                  className={cn(
                    "inline-flex items-center gap-1.5 rounded border px-2 py-0.5 text-xs hover:border-accent",
                    params.version === v.line ? "border-accent bg-accent/10" : "border-border",
                  )}
                >
                  <span className="size-2 rounded-full" style={{ background: colour(v) }} data-tone={behindTone(v.minorsBehind)} aria-hidden />
                  {v.line}
                  <span className="text-muted">{v.count}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
