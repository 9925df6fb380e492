/** Display helpers for fleet numbers and times. Pure. */

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** 1536 → "1.5 KiB"; null → "—" */
export function formatBytes(n: number | null): string {
  if (n === null) return "—";
  let i = 0;
  let v = n;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${UNITS[i]}`;
}

export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago" */
export function formatRelative(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 10) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** "2026-01-31 14:05 UTC": the same on server and client, so it can be rendered before hydration. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** "14:05" in UTC, for chart axes */
export function formatHour(iso: string): string {
  return iso.slice(11, 16);
}

/** Share of healthy polls, "99.2 %"; rounded down, so a single failure never shows as 100 %. */
export function formatUptime(healthy: number, polls: number): string {
  if (!polls) return "—";
  const pct = Math.floor((healthy / polls) * 1000) / 10;
  return `${pct.toFixed(pct === 100 ? 0 : 1)} %`;
}

const STEP = { hour: 3_600_000, day: 86_400_000 } as const;

/** A history bucket without polls, where the collector stored none (the console was down, the instance new). */
export interface EmptyBucket {
  t: string;
  polls: 0;
  health: null;
  healthyPolls: 0;
  latencyMs: null;
  latencyPolls: 0;
  latencyMaxMs: null;
}

/** Every bucket from the first point to the last, the missing ones empty, so a sparkline's x axis is time. */
export function fillGaps<P extends { t: string }>(points: P[], bucket: "hour" | "day"): (P | EmptyBucket)[] {
  if (!points.length) return [];
  const by = new Map(points.map((p) => [p.t, p]));
  const out: (P | EmptyBucket)[] = [];
  for (let t = Date.parse(points[0].t); t <= Date.parse(points[points.length - 1].t); t += STEP[bucket]) {
    const iso = new Date(t).toISOString();
    out.push(by.get(iso) ?? { t: iso, polls: 0, health: null, healthyPolls: 0, latencyMs: null, latencyPolls: 0, latencyMaxMs: null });
  }
  return out;
}
