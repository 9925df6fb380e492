"use server";
import { revalidatePath } from "next/cache";
import { actorOf, requestId, requireRole } from "../auth";
import { getCollector } from "../fleet/collector/runtime";
import { createInstance, deleteInstance, setInstanceLifecycle, updateInstance, type InstanceDto } from "../fleet/instances";
import { ZInstanceCreateInput, ZInstanceDeleteInput, ZInstanceLifecycleInput, ZInstanceUpdateInput } from "../schemas/instance";
import { log } from "../log";
import { runAction, validationResult, type ActionResult } from "./result";

/**
 * A saved instance is polled at once, not at the collector's next round, so its page fills within seconds instead of
 * saying "never · stale" until someone presses Refresh. The save stands if the queue cannot take the poll now.
 */
async function pollNow(instanceId: string, requestedBy: string, rid: string): Promise<void> {
  try {
    const collector = await getCollector();
    await collector.startSweep({ trigger: "manual", requestedBy, instanceIds: [instanceId] });
  } catch (e) {
    log.warn("could not queue the first poll of a saved instance; the next round polls it", { instanceId, requestId: rid, error: e instanceof Error ? e.message : String(e) });
  }
}

export async function createInstanceAction(input: unknown): Promise<ActionResult<InstanceDto>> {
  const rid = await requestId();
  return runAction("createInstance", rid, async () => {
    const user = await requireRole("admin");
    const parsed = ZInstanceCreateInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const created = await createInstance({ input: parsed.data, actor: actorOf(user), requestId: rid });
    await pollNow(created.id, user.email, rid);
    revalidatePath("/instances");
    revalidatePath("/");
    return created;
  });
}

export async function updateInstanceAction(input: unknown): Promise<ActionResult<InstanceDto>> {
  const rid = await requestId();
  return runAction("updateInstance", rid, async () => {
    const user = await requireRole("admin");
    const parsed = ZInstanceUpdateInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const updated = await updateInstance({ input: parsed.data, actor: actorOf(user), requestId: rid });
    await pollNow(updated.id, user.email, rid);
    revalidatePath("/instances");
    revalidatePath(`/instances/${updated.id}`);
    return updated;
  });
}

export async function deleteInstanceAction(input: unknown): Promise<ActionResult<{ name: string }>> {
  const rid = await requestId();
  return runAction("deleteInstance", rid, async () => {
    const user = await requireRole("admin");
    const parsed = ZInstanceDeleteInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const deleted = await deleteInstance({ id: parsed.data.id, actor: actorOf(user), requestId: rid });
    revalidatePath("/instances");
    revalidatePath("/");
    return deleted;
  });
}

/** Operators, who download the bundles a lifecycle decides: planned only while the collector never reached it. */
export async function setInstanceLifecycleAction(input: unknown): Promise<ActionResult<InstanceDto>> {
  const rid = await requestId();
  return runAction("setInstanceLifecycle", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZInstanceLifecycleInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const updated = await setInstanceLifecycle({ id: parsed.data.id, lifecycle: parsed.data.lifecycle, actor: actorOf(user), requestId: rid });
    revalidatePath(`/instances/${updated.id}`);
    revalidatePath(`/instances/${updated.id}/config`);
    return updated;
  });
}
