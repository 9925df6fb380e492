import { getUser } from "@/lib/auth";
import { getFleetSummary, listFleet } from "@/lib/fleet/fleet";
import { ZFleetParams } from "@/lib/schemas/fleet";
import { parseSearchParams } from "@/lib/schemas/search-params";

export const dynamic = "force-dynamic";

/**
 * What the fleet page polls: the summary (over the search/environment/label scope) and one page of rows, for the
 * filters in the query string. Server-Timing says where the time went (session check, database).
 *
 * The reads start while the session is checked, not after it: nothing is answered before the check passes, they
 * change nothing, and the proxy has already turned away requests without a session cookie. Checking first cost the
 * check's 2–3 ms on every poll of every open fleet page (measured with `npm run bench:fleet`).
 */
export async function GET(req: Request) {
  const t0 = performance.now();
  const raw = Object.fromEntries(new URL(req.url).searchParams);
  const { params, notices } = parseSearchParams(ZFleetParams, raw);
  let tAuth = 0;
  let tDb = 0;
  const user = getUser().finally(() => (tAuth = performance.now() - t0));
  const data = Promise.all([getFleetSummary(new Date(), { q: params.q, environment: params.environment, label: params.label }), listFleet(params)]).finally(
    () => (tDb = performance.now() - t0),
  );
  data.catch(() => {}); // awaited below only once the user is known
  if (!(await user)) return Response.json({ error: "Sign in first." }, { status: 401 });
  const [summary, page] = await data;
  return Response.json(
    { summary, ...page, notices },
    { headers: { "Cache-Control": "no-store", "Server-Timing": `auth;dur=${tAuth.toFixed(1)}, db;dur=${tDb.toFixed(1)}` } },
  );
}
