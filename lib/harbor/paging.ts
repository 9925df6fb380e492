/**
 * Paging rules. Pure. 2.x go-swagger lists: page_size ≤ 100 (more → 422). 1.x legacy (beego) lists:
 * default 500 and larger values silently clamped to 500.
 */
import type { HarborResult } from "./errors";
import { harborOk } from "./errors";
import type { ApiGeneration } from "./facts";

export interface HarborPage<T> {
  items: T[];
  /** X-Total-Count; null when Harbor did not send it */
  total: number | null;
  page: number;
  pageSize: number;
}

export function maxPageSize(g: ApiGeneration): number {
  return g === "v1" ? 500 : 100;
}

/** Clamps to 1…max (max by generation); non-numbers fall back to `fallback`. */
export function clampPageSize(size: number | undefined, g: ApiGeneration, fallback = 10): number {
  const n = size === undefined || !Number.isFinite(size) ? fallback : Math.floor(size);
  return Math.min(Math.max(n, 1), maxPageSize(g));
}

export function clampPage(page: number | undefined): number {
  return page === undefined || !Number.isFinite(page) ? 1 : Math.max(1, Math.floor(page));
}

/**
 * Fetches pages until X-Total-Count is reached, a short or empty page arrives, or `maxItems` is hit
 * (a bound so a hostile or huge instance cannot make us loop forever).
 */
export async function collectPages<T>(opts: {
  pageSize: number;
  maxItems: number;
  fetchPage: (page: number) => Promise<HarborResult<HarborPage<T>>>;
}): Promise<HarborResult<{ items: T[]; total: number | null; truncated: boolean }>> {
  const items: T[] = [];
  let requestId = "";
  let total: number | null = null;
  for (let page = 1; ; page++) {
    const r = await opts.fetchPage(page);
    if (!r.ok) return r;
    requestId = r.requestId;
    total = r.value.total ?? total;
    items.push(...r.value.items);
    const done = r.value.items.length < opts.pageSize || (total !== null && items.length >= total);
    if (done) return harborOk({ items, total, truncated: false }, requestId);
    if (items.length >= opts.maxItems) return harborOk({ items: items.slice(0, opts.maxItems), total, truncated: true }, requestId);
  }
}
