import { readAsUser } from "@/lib/auth";
import { getCollectorStatusCached } from "@/lib/fleet/collector/status";
import { getFleetSummary } from "@/lib/fleet/fleet-summary";
import { listFleet } from "@/lib/fleet/fleet-rows";
import { DATABASE_UNREACHABLE, isDatabaseUnavailable } from "@/lib/fleet/outage";
import { ZFleetParams } from "@/lib/schemas/fleet";
import { parseSearchParams } from "@/lib/schemas/search-params";

export const dynamic = "force-dynamic";

/**
 * What the fleet page polls: the summary (over the search/environment/label scope), one page of rows for the filters in
 * the query string, and the collector's status (the page's banner). Server-Timing says where the time went: `db` until
 * the data was read (it starts once the session cookie is verified, alongside the read of its user — see readAsUser),
 * `handler` until the user was known too. With the database unreachable: 503 and a sentence that says so.
 */
export async function GET(req: Request) {
  const t0 = performance.now();
  const raw = Object.fromEntries(new URL(req.url).searchParams);
  const { params, notices } = parseSearchParams(ZFleetParams, raw);
  let tDb = 0;
  let r;
  try {
    r = await readAsUser(() =>
      Promise.all([
        getFleetSummary(new Date(), { q: params.q, environment: params.environment, label: params.label }),
        listFleet(params),
        getCollectorStatusCached().catch(() => null),
      ]).finally(() => (tDb = performance.now() - t0)),
    );
  } catch (e) {
    if (isDatabaseUnavailable(e))
      return Response.json({ error: DATABASE_UNREACHABLE, code: "database_unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
    throw e;
  }
  if (!r) return Response.json({ error: "Sign in first." }, { status: 401 });
  const tHandler = performance.now() - t0;
  const [summary, page, collector] = r.data;
  return Response.json(
    { summary, ...page, notices, collector },
    { headers: { "Cache-Control": "no-store", "Server-Timing": `db;dur=${tDb.toFixed(1)}, handler;dur=${tHandler.toFixed(1)}` } },
  );
}
