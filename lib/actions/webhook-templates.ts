"use server";
import { revalidatePath } from "next/cache";
import { actorOf, requestId, requireRole } from "../auth";
import { adoptTemplateDrift } from "../fleet/webhooks/template-reconcile";
import { applyTemplateToInstance, dryRunTemplate } from "../fleet/webhooks/template-run";
import { createTemplate, deleteTemplate, updateTemplate } from "../fleet/webhooks/templates";
import { ZTemplateAdoptInput, ZTemplateApplyInput, ZTemplateCreateInput, ZTemplateDeleteInput, ZTemplateDryRunInput, ZTemplateUpdateInput, type PlanRowDto } from "../schemas/webhook-template";
import { runAction, validationResult, type ActionResult } from "./result";

/**
 * Fleet webhook templates (operators and admins, as for one project's policies: a template only does at scale what an
 * operator may already do per project). The dry run is theirs too: it logs in to every selected Harbor.
 */

const LIST = "/webhooks/templates";

export async function createWebhookTemplateAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const rid = await requestId();
  return runAction("createWebhookTemplate", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZTemplateCreateInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await createTemplate({ input: parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath(LIST);
    return out;
  });
}

export async function updateWebhookTemplateAction(input: unknown): Promise<ActionResult<{ id: string; version: number }>> {
  const rid = await requestId();
  return runAction("updateWebhookTemplate", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZTemplateUpdateInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await updateTemplate({ input: parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath(LIST);
    return out;
  });
}

export async function deleteWebhookTemplateAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const rid = await requestId();
  return runAction("deleteWebhookTemplate", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZTemplateDeleteInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await deleteTemplate({ input: parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath(LIST);
    return out;
  });
}

export async function dryRunWebhookTemplateAction(input: unknown): Promise<ActionResult<{ rows: PlanRowDto[]; version: number }>> {
  const rid = await requestId();
  return runAction("dryRunWebhookTemplate", rid, async () => {
    await requireRole("operator");
    const parsed = ZTemplateDryRunInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const r = await dryRunTemplate({ id: parsed.data.id });
    return { rows: r.rows, version: r.template.version };
  });
}

export async function applyWebhookTemplateAction(input: unknown): Promise<ActionResult<PlanRowDto[]>> {
  const rid = await requestId();
  return runAction("applyWebhookTemplate", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZTemplateApplyInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const rows = await applyTemplateToInstance({ ...parsed.data, actor: actorOf(user), requestId: rid });
    revalidatePath("/webhooks");
    return rows;
  });
}

/** "Adopt" a managed policy someone changed in Harbor: the template leaves it as it is until it changes again. */
export async function adoptWebhookTemplateDriftAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const rid = await requestId();
  return runAction("adoptWebhookTemplateDrift", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZTemplateAdoptInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await adoptTemplateDrift({ id: parsed.data.driftId, actor: actorOf(user), requestId: rid });
    revalidatePath(LIST);
    return out;
  });
}
