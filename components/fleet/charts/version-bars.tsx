"use client";
import { Bar, BarChart, CartesianGrid, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import type { FleetSummary } from "@/lib/queries/fleet";
import { CHART } from "../chart-theme";
import { behindTone, toneColour } from "../version-tone";

type Line = FleetSummary["versions"][number];

const colour = (l: Line) => toneColour(behindTone(l.minorsBehind));

/** The bars of VersionChart, oldest line first (recharts: loaded after the page, see lazy-charts.ts). */
export function VersionBars({ data }: { data: Line[] }) {
  return (
    <BarChart accessibilityLayer={false} data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 4, bottom: 0, left: -24 }}>
      <CartesianGrid vertical={false} stroke={CHART.grid} />
      <XAxis dataKey="line" tick={CHART.axis} tickLine={false} axisLine={{ stroke: CHART.grid }} />
      <YAxis allowDecimals={false} tick={CHART.axis} tickLine={false} axisLine={false} />
      <Tooltip {...CHART.tooltip} formatter={(v) => [`${v} instance${v === 1 ? "" : "s"}`, "Count"]} labelFormatter={(l) => `Harbor ${l}`} />
      <Bar
        dataKey="count"
        radius={[3, 3, 0, 0]}
        maxBarSize={48}
        isAnimationActive={false}
        shape={(p: BarShapeProps) => <Rectangle {...p} fill={colour(p.payload as Line)} />}
      />
    </BarChart>
  );
}
