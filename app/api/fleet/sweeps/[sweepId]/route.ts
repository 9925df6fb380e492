import * as z from "zod";
import { getApiUser } from "@/lib/auth";
import { getSweep } from "@/lib/fleet/sweeps";

export const dynamic = "force-dynamic";

/** Progress of a collector round ("refresh all"): done of total, and when it finished. */
export async function GET(_req: Request, ctx: { params: Promise<{ sweepId: string }> }) {
  if (!(await getApiUser())) return Response.json({ error: "Sign in first." }, { status: 401 });
  const id = z.uuid().safeParse((await ctx.params).sweepId);
  if (!id.success) return Response.json({ error: "No such round." }, { status: 404 });
  const sweep = await getSweep(id.data);
  return sweep ? Response.json(sweep, { headers: { "Cache-Control": "no-store" } }) : Response.json({ error: "No such round." }, { status: 404 });
}
