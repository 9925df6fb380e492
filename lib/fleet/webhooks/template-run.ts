import "server-only";
import { createHash } from "node:crypto";
import { db } from "../../db";
import { AppError } from "../../errors";
import {
  createWebhookPolicy,
  listAllProjects,
  listWebhookPolicies,
  resolveVersion,
  updateWebhookPolicy,
  type HarborClient,
  type THarborWebhookPolicy,
} from "../../harbor";
import { maskedBody, planProject, versionRefusal, type ProjectPlan, type TemplatePolicy } from "../../harbor/template-plan";
import { effectiveVersion, versionLabel } from "../../harbor";
import type { PlanRowDto, TemplateDto } from "../../schemas/webhook-template";
import { recordAudit, type Actor } from "../audit";
import { semaphore } from "../collector/semaphore";
import { withInstanceClient, type SessionInstance } from "../harbor-session";
import { auditPolicy } from "./dto";
import { readFailureMessage } from "./failure";
import { getTemplateWithSecrets } from "./templates";
import { instanceSelected, projectSelected, type SelectorFields } from "./template-selector";

/**
 * Dry run and apply of a webhook template. The dry run reads every selected instance (a few at a time; a dead one is
 * a row with its reason and never holds up the others); the apply writes one instance at a time — the page calls it
 * per instance, a few at once, to show progress — re-planning first, so an unchanged project costs no Harbor write.
 */

export const INSTANCE_CONCURRENCY = 4;
export const PROJECT_CONCURRENCY = 4;

/** The template with its secrets, and the policies people adopted (instanceId/project → what was kept). */
export type Loaded = NonNullable<Awaited<ReturnType<typeof getTemplateWithSecrets>>> & {
  autoApply: boolean;
  adoptions: Map<string, { fingerprint: string; templateVersion: number }>;
};
export type Planned = {
  project: { id: number; name: string };
  plan: ProjectPlan;
  current: THarborWebhookPolicy | null;
  fingerprint: string | null;
  adopted: boolean;
};

export async function loadTemplate(id: string): Promise<Loaded> {
  const t = await getTemplateWithSecrets(id);
  if (!t) throw new AppError("not_found", "This template no longer exists.");
  const drift = await db.webhookTemplateDrift.findMany({
    where: { templateId: id, adoptedAt: { not: null } },
    select: { instanceId: true, project: true, fingerprint: true, templateVersion: true },
  });
  return {
    ...t,
    autoApply: t.dto.autoApply,
    adoptions: new Map(drift.map((d) => [`${d.instanceId}/${d.project}`, { fingerprint: d.fingerprint, templateVersion: d.templateVersion }])),
  };
}

/** The policy as Harbor holds it, hashed (auth header included): an adoption holds while this stays the same. */
export function policyFingerprint(p: THarborWebhookPolicy): string {
  const targets = p.targets.map((t) => [t.type, t.address, t.auth_header ?? "", Boolean(t.skip_cert_verify), t.payload_format ?? ""]);
  return createHash("sha256")
    .update(JSON.stringify([p.enabled, p.description ?? "", [...p.event_types].sort(), targets]))
    .digest("hex");
}

export async function selectedInstances(sel: SelectorFields): Promise<SessionInstance[]> {
  const all = await db.harborInstance.findMany({ select: { id: true, name: true, environment: true, labels: true, baseUrl: true }, orderBy: { name: "asc" } });
  return all.filter((i) => instanceSelected(sel, i)).map((i) => ({ id: i.id, name: i.name, baseUrl: i.baseUrl }));
}

const instanceRow = (i: SessionInstance, versionLabel: string | null, reason: string, action: PlanRowDto["action"] = "cannot"): PlanRowDto => ({
  instanceId: i.id,
  instanceName: i.name,
  versionLabel,
  project: null,
  action,
  reason,
  policyName: null,
  body: null,
  changes: [],
});

function toRow(i: SessionInstance, label: string, p: Planned): PlanRowDto {
  const { plan } = p;
  return {
    instanceId: i.id,
    instanceName: i.name,
    versionLabel: label,
    project: p.project.name,
    action: plan.action,
    reason: plan.action === "cannot" ? plan.reason : p.adopted ? "Adopted: Harbor's version of this policy is kept until it or the template changes." : null,
    policyName: plan.policyName,
    body: plan.action === "create" || plan.action === "update" ? maskedBody(plan.body) : null,
    changes: plan.action === "update" ? plan.changes : [],
  };
}

/**
 * Plans one instance: rows per selected project, or one row saying why the instance cannot be planned (`reachable`
 * false when its projects could not be read). A policy people adopted counts as unchanged while it stays as adopted.
 */
export async function planInstance(
  client: HarborClient,
  instance: SessionInstance,
  t: Loaded,
): Promise<{ label: string | null; planned: Planned[]; rows: PlanRowDto[]; reachable: boolean }> {
  const d = await resolveVersion({ client });
  if (!d.ok) return { label: null, planned: [], rows: [instanceRow(instance, null, `Instance unreachable: ${readFailureMessage(d.error)}`)], reachable: false };
  const v = effectiveVersion(d.value);
  const label = versionLabel(d.value);
  const projects = await listAllProjects({ client });
  if (!projects.ok)
    return { label, planned: [], rows: [instanceRow(instance, label, `Projects could not be read: ${readFailureMessage(projects.error)}`)], reachable: false };
  const chosen = projects.value.items.filter((p) => projectSelected(t.selector, p.name)).sort((a, b) => a.name.localeCompare(b.name));
  if (!chosen.length)
    return { label, planned: [], rows: [instanceRow(instance, label, `No project matches "${t.selector.projectPattern}".`, "unchanged")], reachable: true };
  const refusal = versionRefusal(t.policy, v, label);
  const slot = semaphore(PROJECT_CONCURRENCY);
  const planned = await Promise.all(
    chosen.map((p) =>
      slot(async (): Promise<Planned> => {
        const project = { id: p.project_id, name: p.name };
        const none = { current: null, fingerprint: null, adopted: false };
        // the version cannot carry the template at all: no need to read the project's policies
        if (refusal) return { project, ...none, plan: planProject({ template: t.policy, version: v, label, project: p.name, policies: [], creator: null }) };
        const policies = await listWebhookPolicies({ client, project: p.project_id });
        if (!policies.ok)
          return { project, ...none, plan: { action: "cannot", policyName: "", reason: `Policies could not be read: ${readFailureMessage(policies.error)}` } };
        const plan = planProject({ template: t.policy, version: v, label, project: p.name, policies: policies.value, creator: client.username });
        const current = policies.value.find((x) => x.name === plan.policyName) ?? null;
        const fingerprint = current ? policyFingerprint(current) : null;
        const adoption = t.adoptions.get(`${instance.id}/${p.name}`);
        if (plan.action === "update" && adoption && adoption.fingerprint === fingerprint && adoption.templateVersion === t.dto.version) {
          return { project, current, fingerprint, adopted: true, plan: { action: "unchanged", policyName: plan.policyName, policyId: plan.policyId } };
        }
        return { project, plan, current, fingerprint, adopted: false };
      }),
    ),
  );
  return { label, planned, rows: planned.map((p) => toRow(instance, label, p)), reachable: true };
}

async function onInstance<T>(instance: SessionInstance, fn: (client: HarborClient, i: SessionInstance) => Promise<T>, fail: (reason: string) => T): Promise<T> {
  try {
    return await withInstanceClient(instance.id, fn);
  } catch (e) {
    if (e instanceof AppError) return fail(e.message);
    throw e;
  }
}

export async function dryRunTemplate(opts: { id: string }): Promise<{ template: TemplateDto; rows: PlanRowDto[] }> {
  const t = await loadTemplate(opts.id);
  const instances = await selectedInstances(t.selector);
  const slot = semaphore(INSTANCE_CONCURRENCY);
  const per = await Promise.all(
    instances.map((i) =>
      slot(() =>
        onInstance(
          i,
          async (client) => (await planInstance(client, i, t)).rows,
          (reason) => [instanceRow(i, null, reason)],
        ),
      ),
    ),
  );
  return { template: t.dto, rows: per.flat() };
}

const asInput = (t: TemplatePolicy, name: string) => ({ name, description: t.description, enabled: t.enabled, eventTypes: t.eventTypes, targets: t.targets });

/**
 * Applies the template to one selected instance: creates and updates where the fresh plan says so, one audit row per
 * Harbor write. `version`: the template's version the page showed; another edit since is a conflict.
 */
export async function applyTemplateToInstance(o: { id: string; instanceId: string; version: number; actor: Actor; requestId: string }): Promise<PlanRowDto[]> {
  const t = await loadTemplate(o.id);
  if (t.dto.version !== o.version) throw new AppError("conflict", "The template was changed after this page was loaded — reload it and run the dry run again.");
  const instance = (await selectedInstances(t.selector)).find((i) => i.id === o.instanceId);
  if (!instance) throw new AppError("validation", "This instance is not selected by the template.");
  return onInstance(
    instance,
    async (client) => {
      const { label, planned, rows } = await planInstance(client, instance, t);
      if (!planned.length) return rows;
      const slot = semaphore(PROJECT_CONCURRENCY);
      return Promise.all(
        planned.map((p, i) =>
          slot(async () => {
            if (p.plan.action !== "create" && p.plan.action !== "update") return { ...rows[i], applied: null };
            const applied = await writePlanned({ client, instance, t, p, label: label ?? "", actor: o.actor, requestId: o.requestId });
            if (applied.ok && p.plan.action === "update")
              await db.webhookTemplateDrift.deleteMany({ where: { templateId: t.dto.id, instanceId: instance.id, project: p.project.name } });
            return { ...rows[i], applied };
          }),
        ),
      );
    },
    (reason) => [instanceRow(instance, null, reason)],
  );
}

/** One create or update in Harbor, as planned, audited when Harbor took it. */
export async function writePlanned(o: {
  client: HarborClient;
  instance: SessionInstance;
  t: Loaded;
  p: Planned;
  label: string;
  actor: Actor;
  requestId: string;
}): Promise<{ ok: boolean; message: string | null }> {
  const { client, instance, t, p, label } = o;
  const { plan } = p;
  if (plan.action !== "create" && plan.action !== "update") return { ok: true, message: null };
  const input = asInput(t.policy, plan.policyName);
  const r =
    plan.action === "create"
      ? await createWebhookPolicy({ client, project: p.project.id, policy: input })
      : await updateWebhookPolicy({ client, project: p.project.id, policyId: plan.policyId, changes: input, ifUpdateTime: p.current?.update_time ?? null });
  if (!r.ok) return { ok: false, message: readFailureMessage(r.error) };
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: o.actor,
      action: `webhook.template.apply.${plan.action}`,
      targetType: "webhook",
      targetId: instance.id,
      targetName: `${instance.name} / ${p.project.name} / ${plan.policyName}`,
      before: p.current ? auditPolicy(p.current) : null,
      after: { template: t.dto.name, id: r.value.id, version: label, ...auditPolicy(plan.body) },
      requestId: o.requestId,
    }),
  );
  return { ok: true, message: null };
}
