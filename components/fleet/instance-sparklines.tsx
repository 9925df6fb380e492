"use client";
import { Bar, BarChart, Line, LineChart, Rectangle, Tooltip, YAxis, type BarShapeProps } from "recharts";
import type { HistoryPoint } from "@/lib/queries/fleet";
import { CHART } from "./chart-theme";
import { formatLatency, formatUtc } from "./format";

const colour = (h: string) => CHART.health[h as keyof typeof CHART.health] ?? CHART.health.unknown;
const hourLabel = (iso: string) => `${formatUtc(iso).replace(" UTC", "")}–${String((Number(iso.slice(11, 13)) + 1) % 24).padStart(2, "0")}:00 UTC`;

/** Share of healthy polls, "99.2 %"; rounded down so a single failure never shows as 100 %. */
export function formatUptime(healthy: number, polls: number): string {
  if (!polls) return "—";
  const pct = Math.floor((healthy / polls) * 1000) / 10;
  return `${pct.toFixed(pct === 100 ? 0 : 1)} %`;
}

/** Latency and health per hour over the retained window, as two sparklines. */
export function InstanceSparklines({ points }: { points: HistoryPoint[] }) {
  if (!points.length) return <p className="mt-3 text-sm text-muted">No polls yet in the retained history.</p>;
  const data = points.map((p) => ({ ...p, one: 1 }));
  const polls = points.reduce((a, p) => a + p.polls, 0);
  const healthy = points.reduce((a, p) => a + p.healthyPolls, 0);
  const measured = points.filter((p) => p.latencyMs !== null);
  const maxes = points.map((p) => p.latencyMaxMs).filter((l): l is number => l !== null);
  const mean = measured.length ? Math.round(measured.reduce((a, p) => a + p.latencyMs! * p.polls, 0) / measured.reduce((a, p) => a + p.polls, 0)) : null;
  const badHours = points.filter((p) => p.health !== "healthy").length;
  return (
    <div className="mt-3 space-y-4">
      <div>
        <p className="flex justify-between text-xs text-muted">
          <span>Latency (hourly mean)</span>
          <span>
            mean {formatLatency(mean)} · max {formatLatency(maxes.length ? Math.max(...maxes) : null)}
          </span>
        </p>
        <div className="h-16" role="img" aria-label={`Latency per hour; mean ${formatLatency(mean)}`}>
          <LineChart data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 2, bottom: 2, left: 2 }}>
            <YAxis hide domain={[0, "auto"]} />
            <Tooltip
              {...CHART.tooltip}
              cursor={{ stroke: "var(--border)" }}
              labelFormatter={(_, p) => (p[0] ? hourLabel(String(p[0].payload.t)) : "")}
              formatter={(v, _n, item) => [`${formatLatency(typeof v === "number" ? v : null)} (max ${formatLatency(item.payload.latencyMaxMs ?? null)})`, "Latency"]}
            />
            <Line type="monotone" dataKey="latencyMs" stroke="var(--accent)" strokeWidth={1.5} dot={points.length < 3} connectNulls isAnimationActive={false} />
          </LineChart>
        </div>
      </div>
      <div>
        <p className="flex justify-between text-xs text-muted">
          <span>Health (worst of each hour)</span>
          <span>
            {formatUptime(healthy, polls)} of polls healthy{badHours ? ` · ${badHours} hour${badHours === 1 ? "" : "s"} with problems` : ""}
          </span>
        </p>
        <div className="h-8" role="img" aria-label={`Health per hour: ${formatUptime(healthy, polls)} of ${polls} polls healthy, ${badHours} hours with problems`}>
          <BarChart data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 2, bottom: 0, left: 2 }} barCategoryGap={1}>
            <YAxis hide domain={[0, 1]} />
            <Tooltip
              {...CHART.tooltip}
              labelFormatter={(_, p) => (p[0] ? hourLabel(String(p[0].payload.t)) : "")}
              formatter={(_v, _n, item) => [`${item.payload.health} — ${item.payload.healthyPolls} of ${item.payload.polls} polls healthy`, "Health"]}
            />
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
