"use server";
import { revalidatePath } from "next/cache";
import { requestId, requireRole } from "../auth";
import { testDraftConnection, testInstanceConnection } from "../fleet/connection";
import type { ConnectionReportDto } from "../schemas/connection";
import { ZConnectionTestInput } from "../schemas/connection";
import { runAction, validationResult, type ActionResult } from "./result";

/**
 * "Test connection": a saved instance (operators and admins; the result is cached with the instance), or
 * the unsaved values of the add/edit form (admins only: they are the ones handling credentials).
 */
export async function testConnectionAction(input: unknown): Promise<ActionResult<ConnectionReportDto>> {
  const rid = await requestId();
  return runAction("testConnection", rid, async () => {
    const saved = typeof input === "object" && input !== null && "instanceId" in input;
    await requireRole(saved ? "operator" : "admin");
    const parsed = ZConnectionTestInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    if ("instanceId" in parsed.data) {
      const report = await testInstanceConnection({ instanceId: parsed.data.instanceId, requestId: rid });
      revalidatePath(`/instances/${parsed.data.instanceId}`);
      return report;
    }
    return testDraftConnection({ draft: parsed.data, requestId: rid });
  });
}
