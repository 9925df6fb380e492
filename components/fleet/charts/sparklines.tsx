"use client";
import { Bar, BarChart, Line, LineChart, Rectangle, Tooltip, YAxis, type BarShapeProps } from "recharts";
import { CHART } from "../chart-theme";
import { formatLatency, formatUtc, type fillGaps } from "../format";

export type SparkPoint = ReturnType<typeof fillGaps>[number] & { one: number };
type Bucket = "hour" | "day";

const colour = (h: string) => CHART.health[h as keyof typeof CHART.health] ?? CHART.health.unknown;
const bucketLabel = (iso: string, bucket: Bucket) =>
  bucket === "day"
    ? `${iso.slice(0, 10)} (UTC)`
    : `${formatUtc(iso).replace(" UTC", "")}–${String((Number(iso.slice(11, 13)) + 1) % 24).padStart(2, "0")}:00 UTC`;

/** InstanceSparklines' latency line (recharts: loaded after the page, see lazy-charts.ts). */
export function LatencySparkline({ data, bucket, dots }: { data: SparkPoint[]; bucket: Bucket; dots: boolean }) {
  return (
    <LineChart accessibilityLayer={false} data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 2, bottom: 2, left: 2 }}>
      <YAxis hide domain={[0, "auto"]} />
      <Tooltip
        {...CHART.tooltip}
        cursor={{ stroke: "var(--border)" }}
        labelFormatter={(_, p) => (p[0] ? bucketLabel(String(p[0].payload.t), bucket) : "")}
        formatter={(v, _n, item) => [`${formatLatency(typeof v === "number" ? v : null)} (max ${formatLatency(item.payload.latencyMaxMs ?? null)})`, "Latency"]}
      />
      <Line type="monotone" dataKey="latencyMs" stroke="var(--accent)" strokeWidth={1.5} dot={dots} isAnimationActive={false} />
    </LineChart>
  );
}

/** InstanceSparklines' health strip, one bar per bucket in its worst state's colour. */
export function HealthSparkline({ data, bucket }: { data: SparkPoint[]; bucket: Bucket }) {
  return (
    <BarChart
      accessibilityLayer={false}
      data={data}
      responsive
      style={{ width: "100%", height: "100%" }}
      margin={{ top: 0, right: 2, bottom: 0, left: 2 }}
      barCategoryGap={1}
    >
      <YAxis hide domain={[0, 1]} />
      <Tooltip
        {...CHART.tooltip}
        labelFormatter={(_, p) => (p[0] ? bucketLabel(String(p[0].payload.t), bucket) : "")}
        formatter={(_v, _n, item) =>
          item.payload.polls
            ? [`${item.payload.health} — ${item.payload.healthyPolls} of ${item.payload.polls} polls healthy`, "Health"]
            : ["no polls", "Health"]
        }
      />
      <Bar
        dataKey="one"
        maxBarSize={12}
        isAnimationActive={false}
        shape={(p: BarShapeProps) => <Rectangle {...p} fill={colour(String(p.payload?.health))} />}
      />
    </BarChart>
  );
}
