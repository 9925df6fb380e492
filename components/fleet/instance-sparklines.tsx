"use client";
import type { HistoryPoint } from "@/lib/queries/fleet";
import { ChartFrame } from "@/components/ui/chart-frame";
import { useAfterLoad } from "@/components/ui/use-after-load";
import { HealthSparkline, LatencySparkline } from "./charts/lazy-charts";
import { fillGaps, formatLatency, formatUptime, formatUtc } from "./format";

/** Latency and health per hour (per day over long windows) over the retained window, as two sparklines. */
export function InstanceSparklines({ points, bucket = "hour" }: { points: HistoryPoint[]; bucket?: "hour" | "day" }) {
  const drawn = useAfterLoad();
  if (!points.length) return <p className="mt-3 text-sm text-muted">No polls yet in the retained history.</p>;
  const data = fillGaps(points, bucket).map((p) => ({ ...p, one: p.polls ? 1 : 0 }));
  const polls = points.reduce((a, p) => a + p.polls, 0);
  const healthy = points.reduce((a, p) => a + p.healthyPolls, 0);
  const measured = points.reduce((a, p) => a + p.latencyPolls, 0);
  const mean = measured ? Math.round(points.reduce((a, p) => a + (p.latencyMs ?? 0) * p.latencyPolls, 0) / measured) : null;
  const maxes = points.map((p) => p.latencyMaxMs).filter((l): l is number => l !== null);
  const badBuckets = points.filter((p) => p.health !== "healthy").length;
  const unit = bucket === "day" ? "day" : "hour";
  return (
    <div className="mt-3 space-y-4">
      <div>
        <p className="flex justify-between text-xs text-muted">
          <span>Latency ({bucket === "day" ? "daily" : "hourly"} mean)</span>
          <span>
            mean {formatLatency(mean)} · max {formatLatency(maxes.length ? Math.max(...maxes) : null)}
          </span>
        </p>
        <ChartFrame className="h-16" label={`Latency per ${unit}; mean ${formatLatency(mean)}`}>
          {drawn && <LatencySparkline data={data} bucket={bucket} dots={points.length < 3} />}
        </ChartFrame>
      </div>
      <div>
        <p className="flex justify-between text-xs text-muted">
          <span>Health (worst of each {unit})</span>
          <span>
            {formatUptime(healthy, polls)} of polls healthy{badBuckets ? ` · ${badBuckets} ${unit}${badBuckets === 1 ? "" : "s"} with problems` : ""}
          </span>
        </p>
        <ChartFrame
          className="h-8"
          label={`Health per ${unit}: ${formatUptime(healthy, polls)} of ${polls} polls healthy, ${badBuckets} ${unit}s with problems`}
        >
          {drawn && <HealthSparkline data={data} bucket={bucket} />}
        </ChartFrame>
        <p className="mt-1 flex justify-between text-xs text-muted">
          <span>{formatUtc(points[0].t)}</span>
          <span>{formatUtc(points[points.length - 1].t)}</span>
        </p>
      </div>
    </div>
  );
}
