import { StartupError } from "./startup-error";

/** `npm start`'s heap cap when CONSOLE_MAX_HEAP_MB is unset. */
export const START_HEAP_MB = 256;
const MIN_HEAP_MB = 64;

/**
 * NODE_OPTIONS for the Next.js child the launcher starts. `start` caps the heap (CONSOLE_MAX_HEAP_MB, default 256): a
 * modest cap keeps the console's memory flat, where V8 would let the polling's garbage grow the heap toward its default
 * limit. `dev` is not capped unless CONSOLE_MAX_HEAP_MB says so: the dev server compiles every page in the same process
 * and ran out of 256 MB within two minutes of clicking (issue #17); uncapped, Next's dev server gives itself half the
 * machine's memory. A --max-old-space-size the operator put into NODE_OPTIONS wins either way.
 */
export function nextNodeOptions(opts: { command: "dev" | "start"; nodeOptions?: string; maxHeapMb?: string }): string | undefined {
  const given = (opts.nodeOptions ?? "").trim();
  if (/--max[-_]old[-_]space[-_]size/.test(given)) return given;
  const raw = (opts.maxHeapMb ?? "").trim();
  if (raw && (!/^\d+$/.test(raw) || Number(raw) < MIN_HEAP_MB)) {
    throw new StartupError(
      `CONSOLE_MAX_HEAP_MB must be a whole number of megabytes, at least ${MIN_HEAP_MB} (it is "${raw}"); unset, \`npm start\` uses ${START_HEAP_MB} and \`npm run dev\` no cap.`,
    );
  }
  const mb = raw ? Number(raw) : opts.command === "start" ? START_HEAP_MB : null;
  if (mb === null) return given || undefined;
  return `${given} --max-old-space-size=${mb}`.trim();
}
