import "server-only";
import crypto from "node:crypto";
import { X509Certificate } from "node:crypto";
import { Prisma } from "../generated/prisma/client";
import { db, isUniqueViolation } from "../db";
import { storedSecretRefusal } from "../security/secret-binding";
import { AppError } from "../errors";
import {
  instanceColumns,
  pemBlocks,
  type InstanceDto,
  type InstanceLifecycle,
  type TInstanceCreate,
  type TInstanceListParams,
  type TInstanceUpdate,
} from "../schemas/instance";
import { recordAudit, type Actor } from "./audit";
import { PUBLIC_SELECT, auditView, toDto } from "./instance-dto";
import { sealSecret, secretContext } from "./keyring";

export const INSTANCE_PAGE_SIZE = 50;

/** What the collector's credential check learnt, reset when the credential changes. */
export const CREDENTIAL_UNKNOWN = { credentialCheckedAt: null, credentialKind: null, robotExpiry: null, robotExpiresAt: null } as const;

export async function listInstances(params: TInstanceListParams): Promise<{ instances: InstanceDto[]; total: number; page: number; pageCount: number }> {
  const where: Prisma.HarborInstanceWhereInput = {};
  if (params.q)
    where.OR = [
      { name: { contains: params.q, mode: "insensitive" } },
      { description: { contains: params.q, mode: "insensitive" } },
      { baseUrl: { contains: params.q, mode: "insensitive" } },
    ];
  if (params.environment) where.environment = params.environment;
  if (params.label) where[params.label.includes("=") ? "labels" : "labelKeys"] = { has: params.label };
  const [total, rows] = await db.$transaction([
    db.harborInstance.count({ where }),
    db.harborInstance.findMany({
      where,
      select: PUBLIC_SELECT,
      orderBy: { name: "asc" },
      skip: (params.page - 1) * INSTANCE_PAGE_SIZE,
      take: INSTANCE_PAGE_SIZE,
    }),
  ]);
  return { instances: rows.map(toDto), total, page: params.page, pageCount: Math.max(1, Math.ceil(total / INSTANCE_PAGE_SIZE)) };
}

export async function getInstance(id: string): Promise<InstanceDto | null> {
  const row = await db.harborInstance.findUnique({ where: { id }, select: PUBLIC_SELECT });
  return row ? toDto(row) : null;
}

/** Server-side check beyond the client-safe schema: each PEM block must parse as an X.509 certificate. */
function checkCaBundle(pem: string): void {
  if (!pem) return;
  for (const [i, block] of (pemBlocks(pem) ?? []).entries()) {
    try {
      new X509Certificate(block);
    } catch {
      throw new AppError("validation", "Invalid CA bundle", {
        fieldErrors: { caBundle: [`Certificate ${i + 1} in the bundle cannot be parsed: it is not a valid X.509 certificate`] },
      });
    }
  }
}

const DUPLICATE = (name: string) => new AppError("conflict", "Duplicate name", { fieldErrors: { name: [`An instance named "${name}" already exists`] } });

const columns = instanceColumns;

export async function createInstance(opts: { input: TInstanceCreate; actor: Actor; requestId: string }): Promise<InstanceDto> {
  const { input, actor, requestId } = opts;
  checkCaBundle(input.caBundle);
  const id = crypto.randomUUID();
  const data = columns(input);
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.harborInstance.create({
        data: {
          id,
          ...data,
          secretCipher: sealSecret(input.secret, secretContext("harbor-instance", id, "secret")),
          createdById: actor.id,
          updatedById: actor.id,
        },
        select: PUBLIC_SELECT,
      });
      await recordAudit(tx, {
        actor,
        action: "instance.create",
        targetType: "instance",
        targetId: id,
        targetName: data.name,
        after: auditView(data, "[set]"),
        requestId,
      });
      return created;
    });
    return toDto(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw DUPLICATE(input.name);
    throw e;
  }
}

export async function updateInstance(opts: { input: TInstanceUpdate; actor: Actor; requestId: string }): Promise<InstanceDto> {
  const { input, actor, requestId } = opts;
  checkCaBundle(input.caBundle);
  const data = columns(input);
  try {
    const row = await db.$transaction(async (tx) => {
      const before = await tx.harborInstance.findUnique({ where: { id: input.id }, select: PUBLIC_SELECT });
      if (!before) throw new AppError("not_found", "This instance no longer exists; someone deleted it.");
      // The stored secret stays bound to where it was saved: a new URL or looser TLS trust needs it typed again.
      const refusal = input.secret ? null : storedSecretRefusal(before, data);
      if (refusal) throw new AppError("validation", "Enter the secret again", { fieldErrors: { secret: [refusal] } });
      // Compare-and-set on version: a concurrent edit makes this match no row.
      const res = await tx.harborInstance.updateMany({
        where: { id: input.id, version: input.version },
        data: {
          ...data,
          ...(input.secret ? { secretCipher: sealSecret(input.secret, secretContext("harbor-instance", input.id, "secret")) } : {}),
          updatedById: actor.id,
          version: { increment: 1 },
        },
      });
      if (res.count === 0) {
        throw new AppError(
          "conflict",
          `Someone else changed this instance (by ${before.updatedBy?.email ?? "another user"}) since you opened it. Your edits are still in the form: reload the page in another tab to see theirs, then save again.`,
        );
      }
      // A new credential (or URL) is checked at the next poll, not up to an hour later, and what was learnt
      // about the old one (its kind, a robot's expiry) is not shown as the new one's.
      if (input.secret || data.username !== before.username || data.baseUrl !== before.baseUrl) {
        await tx.instanceStatus.updateMany({ where: { instanceId: input.id }, data: CREDENTIAL_UNKNOWN });
      }
      await recordAudit(tx, {
        actor,
        action: "instance.update",
        targetType: "instance",
        targetId: input.id,
        targetName: data.name,
        before: auditView(toDto(before), "[set]"),
        after: auditView(data, input.secret ? "[changed]" : "[set]"),
        requestId,
      });
      return tx.harborInstance.findUniqueOrThrow({ where: { id: input.id }, select: PUBLIC_SELECT });
    });
    return toDto(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw DUPLICATE(input.name);
    throw e;
  }
}

export async function deleteInstance(opts: { id: string; actor: Actor; requestId: string }): Promise<{ name: string }> {
  return db.$transaction(async (tx) => {
    const before = await tx.harborInstance.findUnique({ where: { id: opts.id }, select: PUBLIC_SELECT });
    if (!before) throw new AppError("not_found", "This instance no longer exists.");
    await tx.harborInstance.delete({ where: { id: opts.id } });
    await recordAudit(tx, {
      actor: opts.actor,
      action: "instance.delete",
      targetType: "instance",
      targetId: opts.id,
      targetName: before.name,
      before: auditView(toDto(before), "[set]"),
      requestId: opts.requestId,
    });
    return { name: before.name };
  });
}

/**
 * Marks an instance planned (not deployed yet: its bundles install it with keys the console generates) or running
 * (its bundles reconfigure it and carry no key). Planned only while the collector never reached it: a Harbor that
 * answered runs, and an install bundle would replace its keys. Audited; a no-op when nothing changes.
 */
export async function setInstanceLifecycle(opts: { id: string; lifecycle: InstanceLifecycle; actor: Actor; requestId: string }): Promise<InstanceDto> {
  const row = await db.$transaction(async (tx) => {
    // The row lock orders this against the collector's first reach, which sets reachedAt in one statement.
    const [before] = await tx.$queryRaw<{ name: string; lifecycle: InstanceLifecycle; reachedAt: Date | null }[]>`
      select name, lifecycle::text as lifecycle, "reachedAt" from "HarborInstance" where id = ${opts.id}::uuid for update`;
    if (!before) throw new AppError("not_found", "This instance no longer exists.");
    if (opts.lifecycle === "planned" && before.reachedAt) {
      const when = before.reachedAt.toISOString().slice(0, 16).replace("T", " ");
      throw new AppError("validation", `The collector reached this Harbor on ${when} UTC: it runs, so it cannot be marked planned.`, {
        fieldErrors: { lifecycle: ["A Harbor that has answered is running."] },
      });
    }
    if (before.lifecycle !== opts.lifecycle) {
      // Not an edit of the registration (its "updated at/by" stay); the audit trail says who and when.
      await tx.$executeRaw`update "HarborInstance" set lifecycle = ${opts.lifecycle}::"InstanceLifecycle" where id = ${opts.id}::uuid`;
      await recordAudit(tx, {
        actor: opts.actor,
        action: "instance.lifecycle",
        targetType: "instance",
        targetId: opts.id,
        targetName: before.name,
        before: { lifecycle: before.lifecycle },
        after: { lifecycle: opts.lifecycle },
        requestId: opts.requestId,
      });
    }
    return tx.harborInstance.findUniqueOrThrow({ where: { id: opts.id }, select: PUBLIC_SELECT });
  });
  return toDto(row);
}
