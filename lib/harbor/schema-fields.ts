/**
 * The field types Harbor's answers are read with (lib/harbor/schemas.ts): strings cleaned and capped, counts bounded,
 * Go's nil slices read as []. Pure: the simulator may reuse them.
 */
import * as z from "zod";

export const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
export const bool = z.boolean().nullish();
export const int = z.number().int().nullish();

/** Longest value kept from one Harbor field, by kind (longer ones are cut, ending in "…"). */
export const TEXT_MAX = { word: 64, name: 256, url: 2_048, message: 2_000 } as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string from Harbor as the console keeps it: no NUL, no lone surrogate (as U+FFFD), at most `max` characters. */
export function cleanText(s: string, max: number): string {
  let t = s.includes("\0") ? s.replaceAll("\0", "") : s;
  t = t.replace(LONE_SURROGATE, "\uFFFD");
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

export const text = (max: number) => z.string().transform((s) => cleanText(s, max));
export const str = z.string().nullish();
export const message = text(TEXT_MAX.message).nullish();
export const word = text(TEXT_MAX.word).nullish();
export const url = text(TEXT_MAX.url).nullish();
/** A count (int64 in the specs): negative, fractional or beyond 2^53 − 1 makes the answer invalid. */
export const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullish();
