import { getUser } from "@/lib/auth";
import { getFleetSummary, listFleet } from "@/lib/fleet/fleet";
import { ZFleetParams } from "@/lib/schemas/fleet";
import { parseSearchParams } from "@/lib/schemas/search-params";

export const dynamic = "force-dynamic";

/**
 * What the fleet page polls: the summary (over the search/environment/label scope) and one page of rows, for the
 * filters in the query string. Server-Timing says where the time went (session check, database).
 */
export async function GET(req: Request) {
  const t0 = performance.now();
  if (!(await getUser())) return Response.json({ error: "Sign in first." }, { status: 401 });
  const t1 = performance.now();
  const raw = Object.fromEntries(new URL(req.url).searchParams);
  const { params, notices } = parseSearchParams(ZFleetParams, raw);
  const [summary, page] = await Promise.all([getFleetSummary(new Date(), { q: params.q, environment: params.environment, label: params.label }), listFleet(params)]);
  const t2 = performance.now();
  return Response.json(
    { summary, ...page, notices },
    { headers: { "Cache-Control": "no-store", "Server-Timing": `auth;dur=${(t1 - t0).toFixed(1)}, db;dur=${(t2 - t1).toFixed(1)}` } },
  );
}
