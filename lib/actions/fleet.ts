"use server";
import { revalidatePath } from "next/cache";
import * as z from "zod";
import { ZInstanceId } from "../schemas/ids";
import { getFleetChanges, markFleetSeen, recordFleetView } from "../fleet/changes";
import { getCollector } from "../fleet/collector/runtime";
import { action } from "./define";

/** "Refresh all": a round over every instance now; returns its id for the progress bar. */
export const refreshAllAction = action("refreshAll", "operator", null, async (_, { user }) => {
  const collector = await getCollector();
  return collector.startSweep({ trigger: "manual", requestedBy: user.email, all: true });
});

/** "Refresh now" for one instance. */
export const refreshInstanceAction = action("refreshInstance", "operator", z.object({ instanceId: ZInstanceId }), async (input, { user }) => {
  const collector = await getCollector();
  const out = await collector.startSweep({ trigger: "manual", requestedBy: user.email, instanceIds: [input.instanceId] });
  revalidatePath(`/instances/${input.instanceId}`);
  return out;
});

/**
 * The fleet page, once loaded, records the visit and asks what changed since the user's last one (null on a first
 * visit). Any signed-in user: it reads the fleet and moves only their own marker.
 */
export const fleetVisitAction = action("fleetVisit", "viewer", null, async (_, { user }) => {
  const since = await recordFleetView(user.id);
  return since ? await getFleetChanges(since) : null;
});

/** While the fleet page stays open and visible, it says so every few minutes: the visit goes on. */
export const fleetHeartbeatAction = action("fleetHeartbeat", "viewer", null, async (_, { user }) => {
  await recordFleetView(user.id);
  return null;
});

/** "Mark as seen" on the fleet page's changes (computed at `asOf`): the next comparison starts there. */
export const markFleetSeenAction = action("markFleetSeen", "viewer", z.object({ asOf: z.iso.datetime() }), async (input, { user }) => {
  const at = await markFleetSeen(user.id, new Date(input.asOf));
  return { since: at.toISOString() };
});
