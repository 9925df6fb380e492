/**
 * The targets of issue #19 items 1, 2 and 5, each a ratio of figures measured in this run, with ✓/✗: rounds that scale
 * linearly (10k ≤ 10.5 × 1k; 1k ≤ 1.25 × ⌈N/c⌉ × one idle poll), pages that do not grow with the fleet (10k ≤ 1.2 × 1k,
 * each ≤ 1.5 × its floor), and memory (10k ≤ 1.3 × 1k, 1k ≤ 350 MB). A target that needs both sizes says so when only
 * one was measured.
 */
import { mib, ms } from "./config";
import type { SizeFigures } from "./figures";
import { printTable, type Row } from "./size-table";

const r = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "n/a");
const check = (v: number, max: number) => `≤${max}× ${Number.isFinite(v) && v <= max ? "✓" : "✗"}`;
const MB = (kib: number) => `${((kib * 1024) / 1e6).toFixed(0)} MB`;

export function targetRows(small: SizeFigures | undefined, large: SizeFigures | undefined): Row[] {
  const rows: Row[] = [];
  const both = small && large;
  const needBoth: Row = ["", "", "needs BENCH_INSTANCES=10000 (both sizes)", "n/a"];
  const idleBound = (f: SizeFigures) => Math.ceil(f.n / f.concurrency) * f.idlePollMs;
  // 1. rounds
  if (both) {
    const v = r(large.sweepMedianMs, small.sweepMedianMs);
    rows.push([`1. Round ${large.n} / round ${small.n} (medians)`, `${ms(large.sweepMedianMs)} / ${ms(small.sweepMedianMs)}`, x(v), check(v, 10.5)]);
  } else rows.push(["1. Round 10,000 / round 1,000", ...needBoth.slice(1)] as Row);
  for (const f of [small, large]) {
    if (!f) continue;
    const v = r(f.sweepMedianMs, idleBound(f));
    rows.push([
      `1. Round ${f.n} / ⌈N/c⌉ × idle poll`,
      `${ms(f.sweepMedianMs)} / ${ms(idleBound(f))}`,
      `${x(v)} (${Math.ceil(f.n / f.concurrency)} × ${ms(f.idlePollMs)})`,
      f.n === 1000 ? check(v, 1.25) : "(info)",
    ]);
  }
  for (const f of [small, large])
    if (f) rows.push([`1. Console CPU per poll at ${f.n}`, `${f.cpuPerPollMs.toFixed(2)} ms`, `console ${f.cores.console.toFixed(2)} cores`, "report"]);
  if (both) {
    const v = r(large.cpuPerPollMs, small.cpuPerPollMs);
    rows.push([`1. CPU per poll ${large.n} / ${small.n}`, `${large.cpuPerPollMs.toFixed(2)} / ${small.cpuPerPollMs.toFixed(2)} ms`, x(v), "(info)"]);
  }
  // 2. pages
  for (const [label, key] of [
    ["GET /", "pageMs"],
    ["GET /api/fleet", "apiMs"],
  ] as const) {
    if (both) {
      const v = r(large[key], small[key]);
      rows.push([`2. ${label} at ${large.n} / at ${small.n}`, `${ms(large[key])} / ${ms(small[key])}`, x(v), check(v, 1.2)]);
    } else rows.push([`2. ${label} at 10,000 / at 1,000`, ...needBoth.slice(1)] as Row);
  }
  for (const f of [small, large]) {
    if (!f) continue;
    const page = r(f.pageMs, f.floorPageMs);
    const api = r(f.apiMs, f.healthMs);
    rows.push([`2. GET / at ${f.n} / /instances/new (no data)`, `${ms(f.pageMs)} / ${ms(f.floorPageMs)}`, x(page), check(page, 1.5)]);
    rows.push([`2. GET /api/fleet at ${f.n} / GET /api/health`, `${ms(f.apiMs)} / ${ms(f.healthMs)}`, x(api), check(api, 1.5)]);
  }
  // 5. memory
  if (both) {
    const v = r(large.rssPeakKiB, small.rssPeakKiB);
    rows.push([`5. Console peak RSS ${large.n} / ${small.n}`, `${mib(large.rssPeakKiB)} / ${mib(small.rssPeakKiB)}`, x(v), check(v, 1.3)]);
  } else rows.push(["5. Console peak RSS 10,000 / 1,000", ...needBoth.slice(1)] as Row);
  if (small) {
    const ok = (small.rssPeakKiB * 1024) / 1e6 <= 350;
    rows.push([`5. Console peak RSS at ${small.n}`, MB(small.rssPeakKiB), mib(small.rssPeakKiB), `≤350 MB ${ok ? "✓" : "✗"}`]);
  }
  return rows;
}

export function printTargets(figures: SizeFigures[]) {
  const small = figures.find((f) => f.n === 1000) ?? figures[0];
  const large = figures.find((f) => f.n === 10_000);
  printTable(`Issue #19 targets (items 1, 2, 5), this run: ${figures.map((f) => f.n).join(" then ")} instances`, targetRows(small, large));
  for (const f of figures)
    console.log(
      `  ${f.n}: rounds ${f.sweepDurations.map((d) => d.toFixed(0)).join(", ")} ms (warm-up ${f.warmDurations.map((d) => d.toFixed(0)).join(", ")}); ` +
        `cores console ${f.cores.console.toFixed(2)}, simulators ${f.cores.simulator.toFixed(2)}, postgres ${f.cores.postgres.toFixed(2)}; ` +
        `load ${f.loadAverage.toFixed(2)}; history ${f.history}`,
    );
}
