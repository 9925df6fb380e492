import type { BadgeTone } from "@/components/ui/badge";

/**
 * One colour rule for "how far behind" wherever it shows (the version badge, the version chart and its legend, the
 * "Behind latest" tile): on the newest line green, one line behind accent, two or more amber (what the tile counts),
 * unknown muted.
 */
export function behindTone(minorsBehind: number | null): Exclude<BadgeTone, "danger"> {
  if (minorsBehind === null) return "neutral";
  if (minorsBehind === 0) return "success";
  return minorsBehind >= 2 ? "warning" : "accent";
}

/** The CSS colour of a tone, for charts. */
export const toneColour = (tone: ReturnType<typeof behindTone>) => (tone === "neutral" ? "var(--muted)" : `var(--${tone})`);
