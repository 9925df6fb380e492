import { readAsUser } from "@/lib/auth";
import { getFleetSummary, listFleet } from "@/lib/fleet/fleet";
import { ZFleetParams } from "@/lib/schemas/fleet";
import { parseSearchParams } from "@/lib/schemas/search-params";

export const dynamic = "force-dynamic";

/**
 * What the fleet page polls: the summary (over the search/environment/label scope) and one page of rows, for the
 * filters in the query string. Server-Timing says where the time went: `db` until the data was read (it starts once
 * the session cookie is verified, alongside the read of its user — see readAsUser), `handler` until the user was
 * known too.
 */
export async function GET(req: Request) {
  const t0 = performance.now();
  const raw = Object.fromEntries(new URL(req.url).searchParams);
  const { params, notices } = parseSearchParams(ZFleetParams, raw);
  let tDb = 0;
  const r = await readAsUser(() =>
    Promise.all([getFleetSummary(new Date(), { q: params.q, environment: params.environment, label: params.label }), listFleet(params)]).finally(
      () => (tDb = performance.now() - t0),
    ),
  );
  if (!r) return Response.json({ error: "Sign in first." }, { status: 401 });
  const tHandler = performance.now() - t0;
  const [summary, page] = r.data;
  return Response.json(
    { summary, ...page, notices },
    { headers: { "Cache-Control": "no-store", "Server-Timing": `db;dur=${tDb.toFixed(1)}, handler;dur=${tHandler.toFixed(1)}` } },
  );
}
