"use server";
import { revalidatePath } from "next/cache";
import { actorOf, requestId, requireRole } from "../auth";
import { createProjectWebhook, deleteProjectWebhook, setProjectWebhookEnabled, updateProjectWebhook } from "../fleet/webhooks/changes";
import { refreshWebhookInventory } from "../fleet/webhooks/inventory";
import { testProjectWebhookDelivery } from "../fleet/webhooks/test-delivery";
import { ZInventoryRefreshInput, ZWebhookCreateInput, ZWebhookDeleteInput, ZWebhookTestInput, ZWebhookToggleInput, ZWebhookUpdateInput, type TestDeliveryDto } from "../schemas/webhook";
import { runAction, validationResult, type ActionResult } from "./result";

/** Project webhook policies (operators and admins): validate → authorize → Harbor → audit → revalidate. */

const pagePath = (i: { instanceId: string; project: string }) => `/instances/${i.instanceId}/projects/${i.project}/webhooks`;

export async function createWebhookPolicyAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  const rid = await requestId();
  return runAction("createWebhookPolicy", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZWebhookCreateInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await createProjectWebhook({ input: parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath(pagePath(parsed.data));
    return out;
  });
}

export async function updateWebhookPolicyAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  const rid = await requestId();
  return runAction("updateWebhookPolicy", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZWebhookUpdateInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await updateProjectWebhook({ input: parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath(pagePath(parsed.data));
    return out;
  });
}

export async function setWebhookPolicyEnabledAction(input: unknown): Promise<ActionResult<{ id: number; enabled: boolean }>> {
  const rid = await requestId();
  return runAction("setWebhookPolicyEnabled", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZWebhookToggleInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await setProjectWebhookEnabled({ input: parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath(pagePath(parsed.data));
    return out;
  });
}

export async function deleteWebhookPolicyAction(input: unknown): Promise<ActionResult<{ id: number; name: string }>> {
  const rid = await requestId();
  return runAction("deleteWebhookPolicy", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZWebhookDeleteInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await deleteProjectWebhook({ input: parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath(pagePath(parsed.data));
    return out;
  });
}

/** "Refresh" of one instance's webhook inventory, now (operators and admins: it logs in to that Harbor). */
export async function refreshWebhookInventoryAction(input: unknown): Promise<ActionResult<{ ok: boolean; policies: number; error: string | null; truncated: boolean }>> {
  const rid = await requestId();
  return runAction("refreshWebhookInventory", rid, async () => {
    await requireRole("operator");
    const parsed = ZInventoryRefreshInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const r = await refreshWebhookInventory({ instanceId: parsed.data.instanceId });
    revalidatePath("/webhooks");
    return { ok: r.ok, policies: r.policies, error: r.error, truncated: Boolean(r.truncated) };
  });
}

/** "Test delivery" to one target of a policy, from the console (operators and admins; audited). */
export async function testWebhookDeliveryAction(input: unknown): Promise<ActionResult<TestDeliveryDto>> {
  const rid = await requestId();
  return runAction("testWebhookDelivery", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZWebhookTestInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    return testProjectWebhookDelivery({ input: parsed.data, actor: actorOf(user), requestId: rid });
  });
}
