import "server-only";
import { db } from "../../db";
import { AppError } from "../../errors";
import { log } from "../../log";
import type { DriftDto } from "../../schemas/webhook-template";
import { recordAudit, type Actor } from "../audit";
import { semaphore } from "../collector/semaphore";
import { withInstanceClient } from "../harbor-session";
import { INSTANCE_CONCURRENCY, loadTemplate, planInstance, selectedInstances, writePlanned } from "./template-run";

/**
 * The reconcile job (issue #13), on the collector's pg-boss: for every template, on every selected instance, creates
 * the policy in projects that do not have it yet where the template says so (autoApply: new projects), and records
 * drift — a managed policy someone changed in Harbor — without touching it: re-apply or adopt is a person's call.
 * A dead instance is skipped (its drift rows stay as last seen).
 */

export const SYSTEM_ACTOR: Actor = { id: null, email: "system" };

export interface ReconcileResult {
  templates: number;
  created: number;
  drifted: number;
  failed: number;
}

export async function reconcileTemplates(opts: { signal?: AbortSignal } = {}): Promise<ReconcileResult> {
  const out: ReconcileResult = { templates: 0, created: 0, drifted: 0, failed: 0 };
  const templates = await db.webhookTemplate.findMany({ select: { id: true }, orderBy: { name: "asc" } });
  for (const { id } of templates) {
    if (opts.signal?.aborted) break;
    const t = await loadTemplate(id).catch((e: unknown) => (e instanceof AppError ? null : Promise.reject(e)));
    if (!t) continue;
    out.templates++;
    const slot = semaphore(INSTANCE_CONCURRENCY);
    const instances = await selectedInstances(t.selector);
    await Promise.all(
      instances.map((instance) =>
        slot(async () => {
          try {
            await withInstanceClient(instance.id, async (client) => {
              const { label, planned, reachable } = await planInstance(client, instance, t);
              if (!reachable) return;
              const now = new Date();
              for (const p of planned) {
                const key = { templateId_instanceId_project: { templateId: t.dto.id, instanceId: instance.id, project: p.project.name } };
                if (p.plan.action === "create" && t.autoApply) {
                  const r = await writePlanned({ client, instance, t, p, label: label ?? "", actor: SYSTEM_ACTOR, requestId: `reconcile-${now.getTime()}` });
                  if (r.ok) out.created++;
                  else out.failed++;
                } else if (p.plan.action === "update") {
                  out.drifted++;
                  const data = {
                    policyName: p.plan.policyName,
                    changes: p.plan.changes as object[],
                    fingerprint: p.fingerprint ?? "",
                    templateVersion: t.dto.version,
                    detectedAt: now,
                    adoptedAt: null,
                    adoptedByEmail: null,
                  };
                  await db.webhookTemplateDrift.upsert({ where: key, create: { ...key.templateId_instanceId_project, ...data }, update: data });
                } else if (p.plan.action === "unchanged" && !p.adopted) {
                  await db.webhookTemplateDrift.deleteMany({ where: key.templateId_instanceId_project });
                }
              }
              // projects gone from the selection (or from Harbor) have no drift to show
              await db.webhookTemplateDrift.deleteMany({
                where: { templateId: t.dto.id, instanceId: instance.id, project: { notIn: planned.map((p) => p.project.name) } },
              });
            });
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            out.failed++;
          }
        }),
      ),
    );
  }
  if (out.created || out.drifted || out.failed) log.info("webhook templates reconciled", { ...out });
  return out;
}

export async function listTemplateDrift(templateId: string): Promise<DriftDto[]> {
  const rows = await db.webhookTemplateDrift.findMany({
    where: { templateId },
    include: { instance: { select: { name: true } } },
    orderBy: [{ instance: { name: "asc" } }, { project: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    instanceId: r.instanceId,
    instanceName: r.instance.name,
    project: r.project,
    policyName: r.policyName,
    changes: r.changes as unknown as DriftDto["changes"],
    detectedAt: r.detectedAt.toISOString(),
    adoptedAt: r.adoptedAt?.toISOString() ?? null,
    adoptedByEmail: r.adoptedByEmail,
  }));
}

/** "Adopt": Harbor's version of this project's policy is kept; the template leaves it alone until either changes. */
export async function adoptTemplateDrift(o: { id: string; actor: Actor; requestId: string }): Promise<{ id: string }> {
  const row = await db.webhookTemplateDrift.findUnique({
    where: { id: o.id },
    include: { instance: { select: { name: true } }, template: { select: { name: true } } },
  });
  if (!row) throw new AppError("not_found", "This difference is no longer recorded — run a dry run to see the current state.");
  await db.$transaction(async (tx) => {
    await tx.webhookTemplateDrift.update({ where: { id: row.id }, data: { adoptedAt: new Date(), adoptedByEmail: o.actor.email } });
    await recordAudit(tx, {
      actor: o.actor,
      action: "webhook.template.adopt",
      targetType: "webhook",
      targetId: row.instanceId,
      targetName: `${row.instance.name} / ${row.project} / ${row.policyName}`,
      after: { template: row.template.name, kept: row.changes as object[] },
      requestId: o.requestId,
    });
  });
  return { id: row.id };
}
