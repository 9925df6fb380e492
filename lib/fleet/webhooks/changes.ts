import "server-only";
import { db } from "../../db";
import { AppError } from "../../errors";
import {
  createWebhookPolicy,
  deleteWebhookPolicy,
  getProject,
  getSupportedEventTypes,
  getWebhookPolicy,
  updateWebhookPolicy,
  type HarborClient,
  type HarborResult,
  type THarborWebhookTarget,
  type WebhookPolicyInput,
  type WebhookTargetInput,
} from "../../harbor";
import type { TWebhookCreateInput, TWebhookDeleteInput, TWebhookPolicyFields, TWebhookToggleInput, TWebhookUpdateInput } from "../../schemas/webhook";
import { recordAudit, type Actor } from "../audit";
import { withInstanceClient, type SessionInstance } from "../harbor-session";
import { auditPolicy } from "./dto";
import { webhookChangeError } from "./failure";
import { keptAuthHeaders } from "./kept-auth-headers";

/**
 * Changes to one project's webhook policies, through Harbor's API (GET-modify-PUT, lib/harbor/webhooks.ts), each
 * audited with before and after (auth headers masked). The project is resolved once to its numeric id: names that
 * look like numbers are sent with X-Is-Resource-Name by the lookup, never mistaken for ids.
 */

type Ctx = { actor: Actor; requestId: string };

function must<T>(r: HarborResult<T>, addresses: string[] = []): T {
  if (!r.ok) throw webhookChangeError(r.error, addresses);
  return r.value;
}

async function projectId(client: HarborClient, name: string): Promise<number> {
  return must(await getProject({ client, project: name })).project_id;
}

/** Refuses an event type this Harbor does not send, naming the event and the version (before Harbor's bare 400). */
async function checkEvents(client: HarborClient, project: number, eventTypes: string[]): Promise<void> {
  const supported = must(await getSupportedEventTypes({ client, project }));
  const offered = new Set(supported.eventTypes.map((e) => e.name));
  const missing = eventTypes.filter((e) => !offered.has(e));
  if (!missing.length) return;
  const label = client.known?.version ? `Harbor ${client.known.version}` : "This Harbor";
  const msg = `${label} has no event ${missing.map((m) => `"${m}"`).join(", ")}; it offers ${supported.eventTypes.map((e) => e.label).join(", ")}.`;
  throw new AppError("validation", msg, { fieldErrors: { eventTypes: [msg] } });
}

/** Form targets → the client's input, every auth header explicit. `stored`: on update, the policy's targets in Harbor. */
function targetsOf(f: TWebhookPolicyFields, stored: THarborWebhookTarget[] | null): WebhookTargetInput[] {
  const auth = stored ? keptAuthHeaders(f.targets, stored) : f.targets.map((t) => (t.clearAuthHeader ? null : t.authHeader || null));
  return f.targets.map((t, i) => ({
    type: t.type,
    address: t.address,
    authHeader: auth[i],
    skipCertVerify: t.skipCertVerify,
    payloadFormat: t.type === "http" ? t.payloadFormat : undefined,
  }));
}

function policyOf(f: TWebhookPolicyFields, stored: THarborWebhookTarget[] | null): WebhookPolicyInput {
  return { name: f.name, description: f.description, enabled: f.enabled, eventTypes: f.eventTypes, targets: targetsOf(f, stored) };
}

const targetName = (i: SessionInstance, project: string, policy: string) => `${i.name} / ${project} / ${policy}`;

async function audit(
  o: Ctx & { instance: SessionInstance; project: string; policyName: string; action: string; before?: object | null; after?: object | null },
) {
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: o.actor,
      action: o.action,
      targetType: "webhook",
      targetId: o.instance.id,
      targetName: targetName(o.instance, o.project, o.policyName),
      before: (o.before ?? null) as object | null,
      after: (o.after ?? null) as object | null,
      requestId: o.requestId,
    }),
  );
}

export async function createProjectWebhook(o: Ctx & { input: TWebhookCreateInput }): Promise<{ id: number }> {
  const { input } = o;
  return withInstanceClient(input.instanceId, async (client, instance) => {
    const project = await projectId(client, input.project);
    await checkEvents(client, project, input.eventTypes);
    const addresses = input.targets.map((t) => t.address);
    const created = must(await createWebhookPolicy({ client, project, policy: policyOf(input, null) }), addresses);
    const after = await getWebhookPolicy({ client, project, policyId: created.id });
    await audit({
      ...o,
      instance,
      project: input.project,
      policyName: input.name,
      action: "webhook.create",
      after: after.ok ? { id: created.id, ...auditPolicy(after.value) } : { id: created.id },
    });
    return created;
  });
}

export async function updateProjectWebhook(o: Ctx & { input: TWebhookUpdateInput }): Promise<{ id: number }> {
  const { input } = o;
  return withInstanceClient(input.instanceId, async (client, instance) => {
    const project = await projectId(client, input.project);
    const before = must(await getWebhookPolicy({ client, project, policyId: input.policyId }));
    await checkEvents(client, project, input.eventTypes);
    const addresses = input.targets.map((t) => t.address);
    must(
      await updateWebhookPolicy({ client, project, policyId: input.policyId, changes: policyOf(input, before.targets), ifUpdateTime: input.updateTime }),
      addresses,
    );
    const after = await getWebhookPolicy({ client, project, policyId: input.policyId });
    await audit({
      ...o,
      instance,
      project: input.project,
      policyName: input.name,
      action: "webhook.update",
      before: auditPolicy(before),
      after: after.ok ? auditPolicy(after.value) : null,
    });
    return { id: input.policyId };
  });
}

export async function setProjectWebhookEnabled(o: Ctx & { input: TWebhookToggleInput }): Promise<{ id: number; enabled: boolean }> {
  const { input } = o;
  return withInstanceClient(input.instanceId, async (client, instance) => {
    const project = await projectId(client, input.project);
    const before = must(await getWebhookPolicy({ client, project, policyId: input.policyId }));
    must(await updateWebhookPolicy({ client, project, policyId: input.policyId, changes: { enabled: input.enabled }, ifUpdateTime: input.updateTime }));
    await audit({
      ...o,
      instance,
      project: input.project,
      policyName: before.name,
      action: input.enabled ? "webhook.enable" : "webhook.disable",
      before: auditPolicy(before),
      after: auditPolicy({ ...before, enabled: input.enabled }),
    });
    return { id: input.policyId, enabled: input.enabled };
  });
}

export async function deleteProjectWebhook(o: Ctx & { input: TWebhookDeleteInput }): Promise<{ id: number; name: string }> {
  const { input } = o;
  return withInstanceClient(input.instanceId, async (client, instance) => {
    const project = await projectId(client, input.project);
    const before = must(await getWebhookPolicy({ client, project, policyId: input.policyId }));
    if (before.name !== input.name)
      throw new AppError("conflict", `The policy is now named "${before.name}" in Harbor, not "${input.name}" — reload the page and confirm again.`);
    must(await deleteWebhookPolicy({ client, project, policyId: input.policyId }));
    await audit({ ...o, instance, project: input.project, policyName: before.name, action: "webhook.delete", before: auditPolicy(before) });
    return { id: input.policyId, name: before.name };
  });
}
