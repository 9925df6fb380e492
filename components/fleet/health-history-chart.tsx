"use client";
import { Card, CardTitle } from "@/components/ui/card";
import { HEALTH_STATES } from "@/lib/schemas/fleet-constants";
import type { HealthPoint } from "@/lib/queries/fleet";
import { ChartFrame } from "@/components/ui/chart-frame";
import { useAfterLoad } from "@/components/ui/use-after-load";
import { HealthHistoryBars } from "./charts/lazy-charts";

/** Per hour of the last 24, how many instances were last seen in each state (stacked). */
export function HealthHistoryChart({ points }: { points: HealthPoint[] }) {
  const drawn = useAfterLoad();
  return (
    <Card className="min-w-0">
      <CardTitle>Health over time</CardTitle>
      <p className="text-xs text-muted">Whole fleet, last 24 hours, per hour (UTC)</p>
      {points.length === 0 ? (
        <p className="mt-6 text-sm text-muted">No polls in the last 24 hours.</p>
      ) : (
        <ChartFrame
          className="mt-3 h-56"
          label={`Health per hour over the last 24 hours; latest hour: ${HEALTH_STATES.map((h) => `${points[points.length - 1][h]} ${h}`).join(", ")}`}
        >
          {drawn && <HealthHistoryBars points={points} />}
        </ChartFrame>
      )}
    </Card>
  );
}
