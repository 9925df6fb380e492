"use client";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardTitle } from "@/components/ui/card";
import { HEALTH_STATES } from "@/lib/schemas/fleet";
import type { HealthPoint } from "@/lib/queries/fleet";
import { ChartFrame } from "@/components/ui/chart-frame";
import { useHydrated } from "@/components/ui/use-hydrated";
import { CHART } from "./chart-theme";
import { formatHour, formatUtc } from "./format";

/** Per hour of the last 24, how many instances were last seen in each state (stacked). */
export function HealthHistoryChart({ points }: { points: HealthPoint[] }) {
  const hydrated = useHydrated();
  return (
    <Card className="min-w-0">
      <CardTitle>Health over time</CardTitle>
      <p className="text-xs text-muted">Whole fleet, last 24 hours, per hour (UTC)</p>
      {points.length === 0 ? (
        <p className="mt-6 text-sm text-muted">No polls in the last 24 hours.</p>
      ) : (
        <ChartFrame className="mt-3 h-56" label={`Health per hour over the last 24 hours; latest hour: ${HEALTH_STATES.map((h) => `${points[points.length - 1][h]} ${h}`).join(", ")}`}>
          {hydrated && (
            <BarChart accessibilityLayer={false} data={points} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 4, bottom: 0, left: -24 }}>
              <CartesianGrid vertical={false} stroke={CHART.grid} />
              <XAxis dataKey="t" tickFormatter={formatHour} tick={CHART.axis} tickLine={false} axisLine={{ stroke: CHART.grid }} minTickGap={16} />
              <YAxis allowDecimals={false} tick={CHART.axis} tickLine={false} axisLine={false} />
              <Tooltip {...CHART.tooltip} labelFormatter={(t) => formatUtc(String(t))} />
              <Legend iconType="circle" iconSize={8} itemSorter={null} wrapperStyle={{ fontSize: 12, color: "var(--muted)" }} />
              {HEALTH_STATES.map((h, i) => (
                <Bar key={h} dataKey={h} stackId="health" fill={CHART.health[h]} maxBarSize={28} isAnimationActive={false} radius={i === HEALTH_STATES.length - 1 ? [3, 3, 0, 0] : 0} />
              ))}
            </BarChart>
          )}
        </ChartFrame>
      )}
    </Card>
  );
}
