"use server";
import { revalidatePath } from "next/cache";
import { adoptTopology, previewAdoption } from "../fleet/adopt";
import { ZAdoptPreviewInput, ZAdoptSaveInput } from "../schemas/adopt";
import { action } from "./define";

/** Operators only: the preview is the first half of a save, and reads the files' secrets on the server. */
export const previewAdoptionAction = action("previewAdoption", "operator", ZAdoptPreviewInput, async (input) => {
  return await previewAdoption(input);
});

export const adoptTopologyAction = action("adoptTopology", "operator", ZAdoptSaveInput, async (input, { actor, requestId }) => {
  const { instanceId, baseRevision, message, upload } = input;
  const result = await adoptTopology({ instanceId, baseRevision, message, upload, actor, requestId });
  if (result.ok) {
    revalidatePath(`/instances/${instanceId}`);
    revalidatePath(`/instances/${instanceId}/topology`);
    revalidatePath(`/instances/${instanceId}/config`);
  }
  return result;
});
