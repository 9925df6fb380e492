import { getApiUser } from "@/lib/auth";
import { getUpgradePlanView } from "@/lib/fleet/upgrade-view";
import { ZPlanIdParam } from "@/lib/schemas/upgrade";

export const dynamic = "force-dynamic";

/** A plan's runbook as Markdown. Viewers may read it: it carries no secret (generated files are masked). */
export async function GET(_req: Request, ctx: { params: Promise<{ planId: string }> }) {
  if (!(await getApiUser())) return Response.json({ error: "Sign in first." }, { status: 401 });
  const id = ZPlanIdParam.safeParse((await ctx.params).planId);
  if (!id.success) return Response.json({ error: "No such upgrade plan." }, { status: 404 });
  const view = await getUpgradePlanView(id.data);
  if (!view) return Response.json({ error: "No such upgrade plan." }, { status: 404 });
  if (!view.runbook) return Response.json({ error: view.impact.ok ? "No runbook." : view.impact.error }, { status: 409 });
  const name = `${view.plan.instanceName}-upgrade-${view.plan.fromVersion}-to-${view.plan.targetVersion}.md`.replace(/[^\w.-]/g, "_");
  return new Response(view.runbook, {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
  });
}
