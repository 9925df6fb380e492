"use client";
import { Bar, BarChart, Line, LineChart, Rectangle, Tooltip, YAxis, type BarShapeProps } from "recharts";
import type { HistoryPoint } from "@/lib/queries/fleet";
import { CHART } from "./chart-theme";
import { formatLatency, formatUtc } from "./format";

const colour = (h: string) => CHART.health[h as keyof typeof CHART.health] ?? CHART.health.unknown;

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Latency and health of each poll over the last 24 h, as two sparklines. */
export function InstanceSparklines({ points }: { points: HistoryPoint[] }) {
  if (!points.length) return <p className="mt-3 text-sm text-muted">No polls in the last 24 hours.</p>;
  const data = points.map((p) => ({ ...p, one: 1 }));
  const latencies = points.map((p) => p.latencyMs).filter((l): l is number => l !== null);
  const counts = points.reduce<Record<string, number>>((a, p) => ({ ...a, [p.health]: (a[p.health] ?? 0) + 1 }), {});
  return (
    <div className="mt-3 space-y-4">
      <div>
        <p className="flex justify-between text-xs text-muted">
          <span>Latency</span>
          <span>median {formatLatency(median(latencies))} · max {formatLatency(latencies.length ? Math.max(...latencies) : null)}</span>
        </p>
        <div className="h-16" role="img" aria-label={`Latency per poll; median ${formatLatency(median(latencies))}`}>
          <LineChart data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 2, bottom: 2, left: 2 }}>
            <YAxis hide domain={[0, "auto"]} />
            <Tooltip {...CHART.tooltip} cursor={{ stroke: "var(--border)" }} labelFormatter={(_, p) => (p[0] ? formatUtc(String(p[0].payload.t)) : "")} formatter={(v) => [formatLatency(typeof v === "number" ? v : null), "Latency"]} />
            <Line type="monotone" dataKey="latencyMs" stroke="var(--accent)" strokeWidth={1.5} dot={points.length < 3} connectNulls isAnimationActive={false} />
          </LineChart>
        </div>
      </div>
      <div>
        <p className="flex justify-between text-xs text-muted">
          <span>Health</span>
          <span>{Object.entries(counts).map(([h, n]) => `${n} ${h}`).join(" · ")}</span>
        </p>
        <div className="h-8" role="img" aria-label={`Health per poll: ${Object.entries(counts).map(([h, n]) => `${n} ${h}`).join(", ")}`}>
          <BarChart data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 2, bottom: 0, left: 2 }} barCategoryGap={1}>
            <YAxis hide domain={[0, 1]} />
            <Tooltip {...CHART.tooltip} labelFormatter={(_, p) => (p[0] ? formatUtc(String(p[0].payload.t)) : "")} formatter={(_v, _n, item) => [String(item.payload.health), "Health"]} />
            <Bar dataKey="one" maxBarSize={12} isAnimationActive={false} shape={(p: BarShapeProps) => <Rectangle {...p} fill={colour(String(p.payload?.health))} />} />
          </BarChart>
        </div>
        <p className="mt-1 flex justify-between text-xs text-muted">
          <span>{formatUtc(points[0].t)}</span>
          <span>{formatUtc(points[points.length - 1].t)}</span>
        </p>
      </div>
    </div>
  );
}
