"use server";
import { revalidatePath } from "next/cache";
import { getCollector } from "../fleet/collector/runtime";
import { createInstance, deleteInstance, setInstanceLifecycle, updateInstance } from "../fleet/instances";
import { ZInstanceCreateInput, ZInstanceDeleteInput, ZInstanceLifecycleInput, ZInstanceUpdateInput } from "../schemas/instance";
import { log } from "../log";
import { action } from "./define";

/**
 * A saved instance is polled at once, not at the collector's next round, so its page fills within seconds instead of
 * saying "never · stale" until someone presses Refresh. The save stands if the queue cannot take the poll now.
 */
async function pollNow(instanceId: string, requestedBy: string, rid: string): Promise<void> {
  try {
    const collector = await getCollector();
    await collector.startSweep({ trigger: "manual", requestedBy, instanceIds: [instanceId] });
  } catch (e) {
    log.warn("could not queue the first poll of a saved instance; the next round polls it", {
      instanceId,
      requestId: rid,
      error: e instanceof Error ? e.message : String(e),
    });
  }
}

export const createInstanceAction = action("createInstance", "admin", ZInstanceCreateInput, async (input, { user, actor, requestId }) => {
  const created = await createInstance({ input, actor, requestId });
  await pollNow(created.id, user.email, requestId);
  revalidatePath("/instances");
  revalidatePath("/");
  return created;
});

export const updateInstanceAction = action("updateInstance", "admin", ZInstanceUpdateInput, async (input, { user, actor, requestId }) => {
  const updated = await updateInstance({ input, actor, requestId });
  await pollNow(updated.id, user.email, requestId);
  revalidatePath("/instances");
  revalidatePath(`/instances/${updated.id}`);
  return updated;
});

export const deleteInstanceAction = action("deleteInstance", "admin", ZInstanceDeleteInput, async (input, { actor, requestId }) => {
  const deleted = await deleteInstance({ id: input.id, actor, requestId });
  revalidatePath("/instances");
  revalidatePath("/");
  return deleted;
});

/** Operators, who download the bundles a lifecycle decides: planned only while the collector never reached it. */
export const setInstanceLifecycleAction = action("setInstanceLifecycle", "operator", ZInstanceLifecycleInput, async (input, { actor, requestId }) => {
  const updated = await setInstanceLifecycle({ id: input.id, lifecycle: input.lifecycle, actor, requestId });
  revalidatePath(`/instances/${updated.id}`);
  revalidatePath(`/instances/${updated.id}/config`);
  return updated;
});
