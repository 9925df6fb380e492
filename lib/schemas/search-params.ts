import * as z from "zod";

export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * Parses URL search params key by key: a bad value is dropped (with a notice naming it) instead of
 * failing the page, so a hand-edited or stale link still opens.
 */
export function parseSearchParams<S extends z.ZodObject>(schema: S, raw: RawSearchParams): { params: z.output<S>; notices: string[] } {
  const notices: string[] = [];
  const clean: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const value = raw[key];
    const single = Array.isArray(value) ? value[0] : value;
    if (single === undefined || single === "") continue;
    const r = (field as z.ZodType).safeParse(single);
    if (r.success) clean[key] = single;
    else notices.push(`Ignored the filter ${key}="${single.slice(0, 60)}": not a valid value.`);
  }
  return { params: schema.parse(clean), notices };
}
