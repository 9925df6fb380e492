"use server";
import { revalidatePath } from "next/cache";
import { actorOf, requestId, requireRole } from "../auth";
import { testDraftConnection, testInstanceConnection } from "../fleet/connection";
import type { ConnectionReportDto } from "../schemas/connection";
import { ZDraftConnectionTestInput, ZSavedConnectionTestInput } from "../schemas/connection";
import { runAction, validationResult, type ActionResult } from "./result";

/**
 * "Test connection" of a saved instance, with what is stored for it (operators and admins); the result is cached
 * with the instance and the use of its secret audited.
 */
export async function testSavedConnectionAction(input: unknown): Promise<ActionResult<ConnectionReportDto>> {
  const rid = await requestId();
  return runAction("testSavedConnection", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZSavedConnectionTestInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const report = await testInstanceConnection({ instanceId: parsed.data.instanceId, actor: actorOf(user), requestId: rid });
    revalidatePath(`/instances/${parsed.data.instanceId}`);
    return report;
  });
}

/**
 * "Test connection" of the add/edit form's unsaved values (admins only: they are the ones handling credentials).
 * A stored secret only goes where it was saved to (lib/security/secret-binding.ts).
 */
export async function testDraftConnectionAction(input: unknown): Promise<ActionResult<ConnectionReportDto>> {
  const rid = await requestId();
  return runAction("testDraftConnection", rid, async () => {
    const user = await requireRole("admin");
    const parsed = ZDraftConnectionTestInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    return testDraftConnection({ draft: parsed.data, actor: actorOf(user), requestId: rid });
  });
}
