"use server";
import { revalidatePath } from "next/cache";
import { actorOf, requestId, requireRole } from "../auth";
import { adoptTopology, previewAdoption, type AdoptPreview } from "../fleet/adopt";
import type { SaveTopologyResult } from "../fleet/topology";
import type { AdoptError } from "../config/adopt-types";
import { ZAdoptPreviewInput, ZAdoptSaveInput } from "../schemas/adopt";
import { runAction, validationResult, type ActionResult } from "./result";

/** Operators only: the preview is the first half of a save, and reads the files' secrets on the server. */
export async function previewAdoptionAction(input: unknown): Promise<ActionResult<AdoptPreview>> {
  const rid = await requestId();
  return runAction("previewAdoption", rid, async () => {
    await requireRole("operator");
    const parsed = ZAdoptPreviewInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    return { data: await previewAdoption(parsed.data) };
  });
}

export async function adoptTopologyAction(input: unknown): Promise<ActionResult<SaveTopologyResult | { ok: false; reason: "refused"; errors: AdoptError[] }>> {
  const rid = await requestId();
  return runAction("adoptTopology", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZAdoptSaveInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const { instanceId, baseRevision, message, upload } = parsed.data;
    const result = await adoptTopology({ instanceId, baseRevision, message, upload, actor: actorOf(user), requestId: rid });
    if (result.ok) {
      revalidatePath(`/instances/${instanceId}`);
      revalidatePath(`/instances/${instanceId}/topology`);
      revalidatePath(`/instances/${instanceId}/config`);
    }
    return { data: result };
  });
}
