/**
 * What one size's run hands to main.ts (as JSON, one file per size): the figures the targets of issue #19 compare.
 */
export interface SizeFigures {
  n: number;
  concurrency: number;
  latencyMs: number;
  sweepDurations: number[];
  warmDurations: number[];
  sweepMedianMs: number;
  sweepBestMs: number;
  /** ⌈N/c⌉ × the simulator's latency */
  nominalBoundMs: number;
  /** one poll, idle, one after another in the bench process (the unit of the round's bound) */
  idlePollMs: number;
  idlePollSample: number;
  /** console CPU per poll during the timed rounds (ms), and the cores each side used */
  cpuPerPollMs: number;
  cores: { console: number; simulator: number; bench: number; postgres: number };
  pageMs: number;
  apiMs: number;
  floorPageMs: number;
  healthMs: number;
  instanceMs: number;
  /** console (Next.js server) RSS peak during the timed and warm-up rounds, KiB */
  rssPeakKiB: number;
  hwmKiB: number;
  history: string;
  loadAverage: number;
}
