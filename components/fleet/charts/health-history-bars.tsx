"use client";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { HealthPoint } from "@/lib/queries/fleet";
import { HEALTH_STATES } from "@/lib/schemas/fleet-constants";
import { CHART } from "../chart-theme";
import { formatHour, formatUtc } from "../format";

/** The stacked bars of HealthHistoryChart (recharts: loaded after the page, see lazy-charts.ts). */
export function HealthHistoryBars({ points }: { points: HealthPoint[] }) {
  return (
    <BarChart accessibilityLayer={false} data={points} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 4, bottom: 0, left: -24 }}>
      <CartesianGrid vertical={false} stroke={CHART.grid} />
      <XAxis dataKey="t" tickFormatter={formatHour} tick={CHART.axis} tickLine={false} axisLine={{ stroke: CHART.grid }} minTickGap={16} />
      <YAxis allowDecimals={false} tick={CHART.axis} tickLine={false} axisLine={false} />
      <Tooltip {...CHART.tooltip} labelFormatter={(t) => formatUtc(String(t))} />
      <Legend iconType="circle" iconSize={8} itemSorter={null} wrapperStyle={{ fontSize: 12, color: "var(--muted)" }} />
      {HEALTH_STATES.map((h, i) => (
        <Bar
          key={h}
          dataKey={h}
          stackId="health"
          fill={CHART.health[h]}
          maxBarSize={28}
          isAnimationActive={false}
          radius={i === HEALTH_STATES.length - 1 ? [3, 3, 0, 0] : 0}
        />
      ))}
    </BarChart>
  );
}
