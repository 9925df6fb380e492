"use server";
import { revalidatePath } from "next/cache";
import { createProjectWebhook, deleteProjectWebhook, setProjectWebhookEnabled, updateProjectWebhook } from "../fleet/webhooks/changes";
import { refreshWebhookInventory } from "../fleet/webhooks/inventory";
import { testProjectWebhookDelivery } from "../fleet/webhooks/test-delivery";
import {
  ZWebhookCreateInput,
  ZWebhookDeleteInput,
  ZWebhookTestInput,
  ZWebhookToggleInput,
  ZWebhookUpdateInput,
  ZInventoryRefreshInput,
} from "../schemas/webhook";
import { action } from "./define";

/** Project webhook policies (operators and admins): validate → authorize → Harbor → audit → revalidate. */

const pagePath = (i: { instanceId: string; project: string }) => `/instances/${i.instanceId}/projects/${i.project}/webhooks`;

export const createWebhookPolicyAction = action("createWebhookPolicy", "operator", ZWebhookCreateInput, async (input, { actor, requestId }) => {
  const out = await createProjectWebhook({ input, actor, requestId });
  revalidatePath(pagePath(input));
  return out;
});

export const updateWebhookPolicyAction = action("updateWebhookPolicy", "operator", ZWebhookUpdateInput, async (input, { actor, requestId }) => {
  const out = await updateProjectWebhook({ input, actor, requestId });
  revalidatePath(pagePath(input));
  return out;
});

export const setWebhookPolicyEnabledAction = action("setWebhookPolicyEnabled", "operator", ZWebhookToggleInput, async (input, { actor, requestId }) => {
  const out = await setProjectWebhookEnabled({ input, actor, requestId });
  revalidatePath(pagePath(input));
  return out;
});

export const deleteWebhookPolicyAction = action("deleteWebhookPolicy", "operator", ZWebhookDeleteInput, async (input, { actor, requestId }) => {
  const out = await deleteProjectWebhook({ input, actor, requestId });
  revalidatePath(pagePath(input));
  return out;
});

/** "Refresh" of one instance's webhook inventory, now (operators and admins: it logs in to that Harbor). */
export const refreshWebhookInventoryAction = action("refreshWebhookInventory", "operator", ZInventoryRefreshInput, async (input) => {
  const r = await refreshWebhookInventory({ instanceId: input.instanceId });
  revalidatePath("/webhooks");
  return { ok: r.ok, policies: r.policies, error: r.error, truncated: Boolean(r.truncated) };
});

/** "Test delivery" to one target of a policy, from the console (operators and admins; audited). */
export const testWebhookDeliveryAction = action("testWebhookDelivery", "operator", ZWebhookTestInput, async (input, { actor, requestId }) => {
  return testProjectWebhookDelivery({ input, actor, requestId });
});
