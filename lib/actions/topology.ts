"use server";
import { revalidatePath } from "next/cache";
import { AppError } from "../errors";
import { saveTopology } from "../fleet/topology";
import { diffConfig } from "../fleet/config";
import { ZConfigDiffInput, ZTopologySaveInput } from "../schemas/topology-actions";
import { action } from "./define";

export const saveTopologyAction = action("saveTopology", "operator", ZTopologySaveInput, async (input, { actor, requestId }) => {
  const { instanceId, baseRevision, message, topology, clearSecrets } = input;
  const result = await saveTopology({ instanceId, baseRevision, input: topology, message, clearSecrets, actor, requestId });
  if (result.ok) {
    revalidatePath(`/instances/${instanceId}/topology`);
    revalidatePath(`/instances/${instanceId}/config`);
  }
  return result;
});

/** Viewers may diff: the result never holds a secret value. */
export const diffConfigAction = action("diffConfig", "viewer", ZConfigDiffInput, async (input) => {
  const result = await diffConfig(input);
  if (!result) throw new AppError("not_found", "That revision does not exist (any more).");
  return result;
});
