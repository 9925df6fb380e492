import { StartupError } from "./startup-error";

/** `npm start`'s heap cap when CONSOLE_MAX_HEAP_MB is unset. */
export const START_HEAP_MB = 256;
const MIN_HEAP_MB = 64;

/**
 * `npm start`'s young generation (`--max-semi-space-size`, MB per semi-space). V8 sizes it by itself otherwise, larger
 * than a console that polls a fleet while serving pages can afford: with the 1,000-instance benchmark on this project's
 * machine, V8's default gave a peak RSS of 380 MB and a fleet page of 82 ms; 16 MB gave 314 MB and 19 ms, with the
 * collector's CPU per poll unchanged (README Performance has the runs).
 */
export const START_SEMI_SPACE_MB = 16;

/**
 * NODE_OPTIONS for the Next.js child the launcher starts. `start` caps the heap (CONSOLE_MAX_HEAP_MB, default 256): a
 * modest cap keeps the console's memory flat, where V8 would let the polling's garbage grow the heap toward its default
 * limit; and it bounds the young generation (START_SEMI_SPACE_MB). `dev` is not capped unless CONSOLE_MAX_HEAP_MB says
 * so: the dev server compiles every page in the same process and ran out of 256 MB within two minutes of clicking
 * (issue #17); uncapped, Next's dev server gives itself half the machine's memory. A --max-old-space-size or
 * --max-semi-space-size the operator put into NODE_OPTIONS wins either way.
 */
export function nextNodeOptions(opts: { command: "dev" | "start"; nodeOptions?: string; maxHeapMb?: string }): string | undefined {
  const given = (opts.nodeOptions ?? "").trim();
  const parts = given ? [given] : [];
  if (opts.command === "start" && !/--max[-_]semi[-_]space[-_]size/.test(given)) parts.push(`--max-semi-space-size=${START_SEMI_SPACE_MB}`);
  if (/--max[-_]old[-_]space[-_]size/.test(given)) return parts.join(" ") || undefined;
  const raw = (opts.maxHeapMb ?? "").trim();
  if (raw && (!/^\d+$/.test(raw) || Number(raw) < MIN_HEAP_MB)) {
    throw new StartupError(
      `CONSOLE_MAX_HEAP_MB must be a whole number of megabytes, at least ${MIN_HEAP_MB} (it is "${raw}"); unset, \`npm start\` uses ${START_HEAP_MB} and \`npm run dev\` no cap.`,
    );
  }
  const mb = raw ? Number(raw) : opts.command === "start" ? START_HEAP_MB : null;
  if (mb !== null) parts.splice(given ? 1 : 0, 0, `--max-old-space-size=${mb}`);
  return parts.join(" ") || undefined;
}
