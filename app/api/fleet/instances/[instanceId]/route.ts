import * as z from "zod";
import { getApiUser } from "@/lib/auth";
import { getFleetRow } from "@/lib/fleet/fleet-rows";
import { getDrift, getInstanceHistory } from "@/lib/fleet/instance-health";

export const dynamic = "force-dynamic";

/** What an instance page polls: its current status, its history over the retention window with recent errors, and drift. */
export async function GET(_req: Request, ctx: { params: Promise<{ instanceId: string }> }) {
  if (!(await getApiUser())) return Response.json({ error: "Sign in first." }, { status: 401 });
  const id = z.uuid().safeParse((await ctx.params).instanceId);
  if (!id.success) return Response.json({ error: "No such instance." }, { status: 404 });
  const [status, history, drift] = await Promise.all([getFleetRow(id.data), getInstanceHistory(id.data), getDrift(id.data)]);
  if (!status) return Response.json({ error: "No such instance." }, { status: 404 });
  return Response.json({ status, ...history, drift }, { headers: { "Cache-Control": "no-store" } });
}
