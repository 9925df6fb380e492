import * as z from "zod";
import { actorOf, requestId, requireRole } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { getConfigDownload } from "@/lib/fleet/config";
import { ZRevisionParam } from "@/lib/schemas/topology-actions";

export const dynamic = "force-dynamic";

/**
 * The zip of a revision's files, secrets included: operators and admins only, and every download is audited.
 * A revision that does not validate is refused with its error list (422), never turned into files.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ instanceId: string; revision: string }> }) {
  let user;
  try {
    user = await requireRole("operator");
  } catch (e) {
    if (isAppError(e)) return Response.json({ error: e.message }, { status: e.status });
    throw e;
  }
  const params = await ctx.params;
  const id = z.uuid().safeParse(params.instanceId);
  const revision = ZRevisionParam.safeParse(params.revision);
  if (!id.success || !revision.success) return Response.json({ error: "No such revision." }, { status: 404 });
  const result = await getConfigDownload({ instanceId: id.data, revision: revision.data, actor: actorOf(user), requestId: await requestId() });
  if (!result) return Response.json({ error: "No such revision." }, { status: 404 });
  if (!result.ok) {
    const errors = result.issues.filter((i) => i.severity === "error").map(({ field, message }) => ({ field, message }));
    return Response.json({ error: "This revision has errors, so no files were generated.", errors }, { status: 422 });
  }
  return new Response(Buffer.from(result.zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${result.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
