import { getApiUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { getCollectorStatusCached, publicCollectorStatus, unreachableStatus } from "@/lib/fleet/collector/status";
import { isDraining } from "@/lib/fleet/collector/shutdown";

export const dynamic = "force-dynamic";

/**
 * Liveness and readiness for a load balancer in front of console replicas: 200 when this replica's database answers,
 * 503 when it does not, or while it is stopping (draining after SIGTERM) — the collector's state does not take a replica out of service, it is only reported. Anyone
 * gets the collector's state with short reasons; a signed-in user gets the whole status (what failed, when, the queue).
 */
export async function GET() {
  const headers = { "Cache-Control": "no-store" };
  if (isDraining()) return Response.json({ status: "draining" }, { status: 503, headers });
  try {
    await db.$queryRaw`select 1`;
  } catch {
    return Response.json({ status: "database_unreachable", collector: publicCollectorStatus(unreachableStatus()) }, { status: 503, headers });
  }
  const [collector, user] = await Promise.all([getCollectorStatusCached().catch(() => null), getApiUser().catch(() => null)]);
  if (!collector)
    return Response.json({ status: "ok", collector: { status: "unknown", reasons: ["collector status unreadable"], lastRoundAt: null } }, { headers });
  return Response.json(
    { status: "ok", collector: user ? { ...publicCollectorStatus(collector), detail: collector } : publicCollectorStatus(collector) },
    { headers },
  );
}
