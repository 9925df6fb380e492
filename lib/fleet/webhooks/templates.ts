import "server-only";
import crypto from "node:crypto";
import { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { TemplatePolicy } from "../../harbor/template-plan";
import type { TemplateDto, TemplateTargetDto, TTemplateFields, TTemplateUpdateInput } from "../../schemas/webhook-template";
import { recordAudit, type Actor } from "../audit";
import { openSecret, sealSecret, secretContext } from "../keyring";
import { auditPolicy } from "./dto";
import { keptAuthHeaders } from "./kept-auth-headers";
import type { SelectorFields } from "./template-selector";

/**
 * Webhook templates in the console's database. Auth headers are sealed together (one envelope per template, bound to
 * its id) and opened only by getTemplateWithSecrets, to be sent to Harbor; every change is audited with them masked.
 */

type Ctx = { actor: Actor; requestId: string };
type Row = Prisma.WebhookTemplateGetPayload<object>;
/** as the targets column holds them: whether a header is set is kept beside the envelope, so lists open nothing */
type StoredTarget = TemplateTargetDto;

const authContext = (id: string) => secretContext("webhook-template", id, "auth");

function toDto(r: Row): TemplateDto {
  const targets = r.targets as unknown as StoredTarget[];
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    eventTypes: r.eventTypes,
    targets: targets.map((t) => ({
      type: t.type,
      address: t.address,
      skipCertVerify: t.skipCertVerify,
      payloadFormat: t.payloadFormat,
      authHeaderSet: Boolean(t.authHeaderSet),
    })),
    environments: r.environments,
    labels: r.labels,
    instancePattern: r.instancePattern,
    projectPattern: r.projectPattern,
    autoApply: r.autoApply,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
    updatedByEmail: r.updatedByEmail,
  };
}

function openHeaders(r: Row): (string | null)[] {
  return r.authCipher ? (JSON.parse(openSecret(r.authCipher, authContext(r.id))) as (string | null)[]) : [];
}

export async function listTemplates(): Promise<TemplateDto[]> {
  const rows = await db.webhookTemplate.findMany({ orderBy: { name: "asc" } });
  return rows.map(toDto);
}

export async function getTemplate(id: string): Promise<TemplateDto | null> {
  const r = await db.webhookTemplate.findUnique({ where: { id } });
  return r ? toDto(r) : null;
}

/** The template with its auth headers in clear, for the dry run and the apply only. */
export async function getTemplateWithSecrets(id: string): Promise<{ dto: TemplateDto; policy: TemplatePolicy; selector: SelectorFields } | null> {
  const r = await db.webhookTemplate.findUnique({ where: { id } });
  if (!r) return null;
  const headers = openHeaders(r);
  const dto = toDto(r);
  const policy: TemplatePolicy = {
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    eventTypes: r.eventTypes,
    targets: dto.targets.map((t, i) => ({
      type: t.type,
      address: t.address,
      skipCertVerify: t.skipCertVerify,
      payloadFormat: t.type === "http" ? t.payloadFormat : undefined,
      authHeader: headers[i] ?? null,
    })),
  };
  return { dto, policy, selector: { environments: r.environments, labels: r.labels, instancePattern: r.instancePattern, projectPattern: r.projectPattern } };
}

function columns(f: TTemplateFields, headers: (string | null)[], id: string) {
  const targets = f.targets.map((t, i) => ({
    type: t.type,
    address: t.address.trim(),
    skipCertVerify: t.skipCertVerify,
    payloadFormat: t.type === "http" ? t.payloadFormat : "Default",
    authHeaderSet: Boolean(headers[i]),
  }));
  return {
    name: f.name,
    description: f.description,
    enabled: f.enabled,
    eventTypes: [...new Set(f.eventTypes)],
    targets,
    authCipher: headers.some(Boolean) ? sealSecret(JSON.stringify(headers), authContext(id)) : null,
    environments: f.environments,
    labels: f.labels,
    instancePattern: f.instancePattern,
    projectPattern: f.projectPattern,
    autoApply: f.autoApply,
  };
}

/** The template for the audit trail: addresses as origin + fingerprint, auth headers masked. */
function auditTemplate(c: ReturnType<typeof columns>) {
  const policy = auditPolicy({
    name: c.name,
    description: c.description,
    enabled: c.enabled,
    event_types: c.eventTypes,
    targets: c.targets.map((t) => ({
      type: t.type,
      address: t.address,
      auth_header: t.authHeaderSet ? "x" : null,
      skip_cert_verify: t.skipCertVerify,
      payload_format: t.payloadFormat,
    })),
  });
  return {
    ...policy,
    environments: c.environments,
    labels: c.labels,
    instancePattern: c.instancePattern,
    projectPattern: c.projectPattern,
    autoApply: c.autoApply,
  };
}

const duplicate = (e: unknown, name: string) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002"
    ? new AppError("conflict", "Duplicate name", { fieldErrors: { name: [`A template named "${name}" already exists`] } })
    : e;

async function audit(tx: Prisma.TransactionClient, o: Ctx & { action: string; id: string; name: string; before?: object | null; after?: object | null }) {
  await recordAudit(tx, {
    actor: o.actor,
    action: o.action,
    targetType: "webhook",
    targetId: o.id,
    targetName: `template ${o.name}`,
    before: o.before ?? null,
    after: o.after ?? null,
    requestId: o.requestId,
  });
}

export async function createTemplate(o: Ctx & { input: TTemplateFields }): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  const headers = o.input.targets.map((t) => (t.clearAuthHeader ? null : t.authHeader || null));
  const data = columns(o.input, headers, id);
  try {
    await db.$transaction(async (tx) => {
      await tx.webhookTemplate.create({ data: { id, ...data, createdByEmail: o.actor.email, updatedByEmail: o.actor.email } });
      await audit(tx, { ...o, action: "webhook.template.create", id, name: data.name, after: auditTemplate(data) });
    });
  } catch (e) {
    throw duplicate(e, data.name);
  }
  return { id };
}

export async function updateTemplate(o: Ctx & { input: TTemplateUpdateInput }): Promise<{ id: string; version: number }> {
  const { input } = o;
  const row = await db.webhookTemplate.findUnique({ where: { id: input.id } });
  if (!row) throw new AppError("not_found", "This template no longer exists.");
  const stored = openHeaders(row);
  const storedTargets = (row.targets as unknown as StoredTarget[]).map((t, i) => ({ type: t.type, address: t.address, auth_header: stored[i] ?? null }));
  const data = columns(input, keptAuthHeaders(input.targets, storedTargets), input.id);
  const before = auditTemplate({ ...data, ...columnsOf(row) });
  try {
    return await db.$transaction(async (tx) => {
      const n = await tx.webhookTemplate.updateMany({
        where: { id: input.id, version: input.version },
        data: { ...data, version: { increment: 1 }, updatedByEmail: o.actor.email },
      });
      if (n.count !== 1) throw new AppError("conflict", "Someone changed this template after you opened it — reload it and make your change again.");
      await audit(tx, { ...o, action: "webhook.template.update", id: input.id, name: data.name, before, after: auditTemplate(data) });
      return { id: input.id, version: input.version + 1 };
    });
  } catch (e) {
    throw duplicate(e, data.name);
  }
}

function columnsOf(r: Row) {
  return {
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    eventTypes: r.eventTypes,
    targets: r.targets as unknown as ReturnType<typeof columns>["targets"],
    environments: r.environments,
    labels: r.labels,
    instancePattern: r.instancePattern,
    projectPattern: r.projectPattern,
    autoApply: r.autoApply,
  };
}

/** Removes the template; the policies it made stay in Harbor (delete them there or per project). */
export async function deleteTemplate(o: Ctx & { input: { id: string; name: string } }): Promise<{ id: string }> {
  const row = await db.webhookTemplate.findUnique({ where: { id: o.input.id } });
  if (!row) throw new AppError("not_found", "This template no longer exists.");
  if (row.name !== o.input.name) throw new AppError("conflict", `The template is now named "${row.name}" — reload the page and confirm again.`);
  await db.$transaction(async (tx) => {
    await tx.webhookTemplate.delete({ where: { id: row.id } });
    await audit(tx, { ...o, action: "webhook.template.delete", id: row.id, name: row.name, before: auditTemplate({ ...columnsOf(row), authCipher: null }) });
  });
  return { id: row.id };
}
