import Link from "next/link";
import { fleetSearch } from "@/lib/queries/fleet";
import type { TFleetParams } from "@/lib/schemas/fleet";

/** "N instances" and server-side paging links that keep every other filter. */
export function FleetPager({
  params,
  total,
  page,
  pageCount,
  filtered,
}: {
  params: TFleetParams;
  total: number;
  page: number;
  pageCount: number;
  filtered: boolean;
}) {
  const href = (p: number) => {
    const qs = fleetSearch({ ...params, page: p });
    return qs ? `/?${qs}` : "/";
  };
  return (
    <div className="mt-3 flex items-center justify-between text-sm text-muted">
      <span data-testid="fleet-count">
        {total} instance{total === 1 ? "" : "s"}
        {filtered ? (total === 1 ? " matches" : " match") : ""}
      </span>
      {pageCount > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-3">
          {page > 1 ? (
            <Link href={href(page - 1)} replace prefetch={false} className="text-accent hover:underline">
              ← Previous
            </Link>
          ) : (
            <span aria-hidden className="opacity-40">
              ← Previous
            </span>
          )}
          <span aria-current="page">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link href={href(page + 1)} replace prefetch={false} className="text-accent hover:underline">
              Next →
            </Link>
          ) : (
            <span aria-hidden className="opacity-40">
              Next →
            </span>
          )}
        </nav>
      )}
    </div>
  );
}
