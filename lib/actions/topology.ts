"use server";
import { revalidatePath } from "next/cache";
import { actorOf, requestId, requireRole } from "../auth";
import { AppError } from "../errors";
import { saveTopology, type SaveTopologyResult } from "../fleet/topology";
import { diffConfig, type ConfigDiffResult } from "../fleet/config";
import { ZConfigDiffInput, ZTopologySaveInput } from "../schemas/topology-actions";
import { runAction, validationResult, type ActionResult } from "./result";

export async function saveTopologyAction(input: unknown): Promise<ActionResult<SaveTopologyResult>> {
  const rid = await requestId();
  return runAction("saveTopology", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZTopologySaveInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const { instanceId, baseRevision, message, topology, clearSecrets } = parsed.data;
    const result = await saveTopology({ instanceId, baseRevision, input: topology, message, clearSecrets, actor: actorOf(user), requestId: rid });
    if (result.ok) {
      revalidatePath(`/instances/${instanceId}/topology`);
      revalidatePath(`/instances/${instanceId}/config`);
    }
    return { data: result };
  });
}

/** Viewers may diff: the result never holds a secret value. */
export async function diffConfigAction(input: unknown): Promise<ActionResult<ConfigDiffResult>> {
  const rid = await requestId();
  return runAction("diffConfig", rid, async () => {
    await requireRole("viewer");
    const parsed = ZConfigDiffInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const result = await diffConfig(parsed.data);
    if (!result) throw new AppError("not_found", "That revision does not exist (any more).");
    return { data: result };
  });
}
