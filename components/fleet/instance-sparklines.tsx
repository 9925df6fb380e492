"use client";
import { Bar, BarChart, Line, LineChart, Rectangle, Tooltip, YAxis, type BarShapeProps } from "recharts";
import type { HistoryPoint } from "@/lib/queries/fleet";
import { ChartFrame } from "@/components/ui/chart-frame";
import { useHydrated } from "@/components/ui/use-hydrated";
import { CHART } from "./chart-theme";
import { fillGaps, formatLatency, formatUptime, formatUtc } from "./format";

const colour = (h: string) => CHART.health[h as keyof typeof CHART.health] ?? CHART.health.unknown;
const bucketLabel = (iso: string, bucket: "hour" | "day") =>
  bucket === "day" ? `${iso.slice(0, 10)} (UTC)` : `${formatUtc(iso).replace(" UTC", "")}–${String((Number(iso.slice(11, 13)) + 1) % 24).padStart(2, "0")}:00 UTC`;

/** Latency and health per hour (per day over long windows) over the retained window, as two sparklines. */
export function InstanceSparklines({ points, bucket = "hour" }: { points: HistoryPoint[]; bucket?: "hour" | "day" }) {
  const hydrated = useHydrated();
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
          {hydrated && (
            <LineChart accessibilityLayer={false} data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 2, bottom: 2, left: 2 }}>
              <YAxis hide domain={[0, "auto"]} />
              <Tooltip
                {...CHART.tooltip}
                cursor={{ stroke: "var(--border)" }}
                labelFormatter={(_, p) => (p[0] ? bucketLabel(String(p[0].payload.t), bucket) : "")}
                formatter={(v, _n, item) => [`${formatLatency(typeof v === "number" ? v : null)} (max ${formatLatency(item.payload.latencyMaxMs ?? null)})`, "Latency"]}
              />
              <Line type="monotone" dataKey="latencyMs" stroke="var(--accent)" strokeWidth={1.5} dot={points.length < 3} isAnimationActive={false} />
            </LineChart>
          )}
        </ChartFrame>
      </div>
      <div>
        <p className="flex justify-between text-xs text-muted">
          <span>Health (worst of each {unit})</span>
          <span>
            {formatUptime(healthy, polls)} of polls healthy{badBuckets ? ` · ${badBuckets} ${unit}${badBuckets === 1 ? "" : "s"} with problems` : ""}
          </span>
        </p>
        <ChartFrame className="h-8" label={`Health per ${unit}: ${formatUptime(healthy, polls)} of ${polls} polls healthy, ${badBuckets} ${unit}s with problems`}>
          {hydrated && (
            <BarChart accessibilityLayer={false} data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 2, bottom: 0, left: 2 }} barCategoryGap={1}>
              <YAxis hide domain={[0, 1]} />
              <Tooltip
                {...CHART.tooltip}
                labelFormatter={(_, p) => (p[0] ? bucketLabel(String(p[0].payload.t), bucket) : "")}
                formatter={(_v, _n, item) => (item.payload.polls ? [`${item.payload.health} — ${item.payload.healthyPolls} of ${item.payload.polls} polls healthy`, "Health"] : ["no polls", "Health"])}
              />
              <Bar dataKey="one" maxBarSize={12} isAnimationActive={false} shape={(p: BarShapeProps) => <Rectangle {...p} fill={colour(String(p.payload?.health))} />} />
            </BarChart>
          )}
        </ChartFrame>
        <p className="mt-1 flex justify-between text-xs text-muted">
          <span>{formatUtc(points[0].t)}</span>
          <span>{formatUtc(points[points.length - 1].t)}</span>
        </p>
      </div>
    </div>
  );
}
