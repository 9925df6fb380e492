import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness and readiness for a load balancer in front of console replicas: 200 when the database answers. */
export async function GET() {
  try {
    await db.$queryRaw`select 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "database_unreachable" }, { status: 503 });
  }
}
