"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requestId, requireRole } from "../auth";
import { getFleetChanges, markFleetSeen, recordFleetView, type FleetChanges } from "../fleet/changes";
import { getCollector } from "../fleet/collector/runtime";
import { runAction, validationResult, type ActionResult } from "./result";

/** "Refresh all": a round over every instance now; returns its id for the progress bar. */
export async function refreshAllAction(): Promise<ActionResult<{ sweepId: string; total: number }>> {
  const rid = await requestId();
  return runAction("refreshAll", rid, async () => {
    const user = await requireRole("operator");
    const collector = await getCollector();
    return collector.startSweep({ trigger: "manual", requestedBy: user.email, all: true });
  });
}

/** "Refresh now" for one instance. */
export async function refreshInstanceAction(input: unknown): Promise<ActionResult<{ sweepId: string; total: number }>> {
  const rid = await requestId();
  return runAction("refreshInstance", rid, async () => {
    const user = await requireRole("operator");
    const parsed = z.object({ instanceId: z.uuid() }).safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const collector = await getCollector();
    const out = await collector.startSweep({ trigger: "manual", requestedBy: user.email, instanceIds: [parsed.data.instanceId] });
    revalidatePath(`/instances/${parsed.data.instanceId}`);
    return out;
  });
}

/**
 * The fleet page, once loaded, records the visit and asks what changed since the user's last one (null on a first
 * visit). Any signed-in user: it reads the fleet and moves only their own marker.
 */
export async function fleetVisitAction(): Promise<ActionResult<FleetChanges | null>> {
  const rid = await requestId();
  return runAction("fleetVisit", rid, async () => {
    const user = await requireRole("viewer");
    const since = await recordFleetView(user.id);
    return since ? await getFleetChanges(since) : null;
  });
}

/** While the fleet page stays open and visible, it says so every few minutes: the visit goes on. */
export async function fleetHeartbeatAction(): Promise<ActionResult<null>> {
  const rid = await requestId();
  return runAction("fleetHeartbeat", rid, async () => {
    const user = await requireRole("viewer");
    await recordFleetView(user.id);
    return null;
  });
}

/** "Mark as seen" on the fleet page's changes (computed at `asOf`): the next comparison starts there. */
export async function markFleetSeenAction(input: unknown): Promise<ActionResult<{ since: string }>> {
  const rid = await requestId();
  return runAction("markFleetSeen", rid, async () => {
    const user = await requireRole("viewer");
    const parsed = z.object({ asOf: z.iso.datetime() }).safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const at = await markFleetSeen(user.id, new Date(parsed.data.asOf));
    return { since: at.toISOString() };
  });
}
