"use server";
import { revalidatePath } from "next/cache";
import { adoptTemplateDrift } from "../fleet/webhooks/template-reconcile";
import { applyTemplateToInstance, dryRunTemplate } from "../fleet/webhooks/template-run";
import { createTemplate, deleteTemplate, updateTemplate } from "../fleet/webhooks/templates";
import {
  ZTemplateAdoptInput,
  ZTemplateApplyInput,
  ZTemplateCreateInput,
  ZTemplateDeleteInput,
  ZTemplateDryRunInput,
  ZTemplateUpdateInput,
} from "../schemas/webhook-template";
import { action } from "./define";

/**
 * Fleet webhook templates (operators and admins, as for one project's policies: a template only does at scale what an
 * operator may already do per project). The dry run is theirs too: it logs in to every selected Harbor.
 */

const LIST = "/webhooks/templates";

export const createWebhookTemplateAction = action("createWebhookTemplate", "operator", ZTemplateCreateInput, async (input, { actor, requestId }) => {
  const out = await createTemplate({ input, actor, requestId });
  revalidatePath(LIST);
  return out;
});

export const updateWebhookTemplateAction = action("updateWebhookTemplate", "operator", ZTemplateUpdateInput, async (input, { actor, requestId }) => {
  const out = await updateTemplate({ input, actor, requestId });
  revalidatePath(LIST);
  return out;
});

export const deleteWebhookTemplateAction = action("deleteWebhookTemplate", "operator", ZTemplateDeleteInput, async (input, { actor, requestId }) => {
  const out = await deleteTemplate({ input, actor, requestId });
  revalidatePath(LIST);
  return out;
});

export const dryRunWebhookTemplateAction = action("dryRunWebhookTemplate", "operator", ZTemplateDryRunInput, async (input) => {
  const r = await dryRunTemplate({ id: input.id });
  return { rows: r.rows, version: r.template.version };
});

export const applyWebhookTemplateAction = action("applyWebhookTemplate", "operator", ZTemplateApplyInput, async (input, { actor, requestId }) => {
  const rows = await applyTemplateToInstance({ ...input, actor, requestId });
  revalidatePath("/webhooks");
  return rows;
});

/** "Adopt" a managed policy someone changed in Harbor: the template leaves it as it is until it changes again. */
export const adoptWebhookTemplateDriftAction = action("adoptWebhookTemplateDrift", "operator", ZTemplateAdoptInput, async (input, { actor, requestId }) => {
  const out = await adoptTemplateDrift({ id: input.driftId, actor, requestId });
  revalidatePath(LIST);
  return out;
});
