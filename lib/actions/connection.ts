"use server";
import { revalidatePath } from "next/cache";
import { testDraftConnection, testInstanceConnection } from "../fleet/connection";
import { ZDraftConnectionTestInput, ZSavedConnectionTestInput } from "../schemas/connection";
import { action } from "./define";

/**
 * "Test connection" of a saved instance, with what is stored for it (operators and admins); the result is cached
 * with the instance and the use of its secret audited.
 */
export const testSavedConnectionAction = action("testSavedConnection", "operator", ZSavedConnectionTestInput, async (input, { actor, requestId }) => {
  const report = await testInstanceConnection({ instanceId: input.instanceId, actor, requestId });
  revalidatePath(`/instances/${input.instanceId}`);
  return report;
});

/**
 * "Test connection" of the add/edit form's unsaved values (admins only: they are the ones handling credentials).
 * A stored secret only goes where it was saved to (lib/security/secret-binding.ts).
 */
export const testDraftConnectionAction = action("testDraftConnection", "admin", ZDraftConnectionTestInput, async (input, { actor, requestId }) => {
  return testDraftConnection({ draft: input, actor, requestId });
});
