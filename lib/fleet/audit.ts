import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { TAuditListParams } from "../schemas/audit";
import { headers } from "next/headers";

export interface Actor {
  id: string | null;
  email: string;
}

export interface AuditInput {
  actor: Actor;
  action: string;
  targetType: "instance" | "user" | "session" | "setting" | "system" | "webhook" | "upgrade_wave";
  targetId?: string | null;
  targetName?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  requestId?: string | null;
  /** an X-Request-Id the client sent (proxy.ts keeps it apart); read from the request when not given */
  clientRequestId?: string | null;
}

/** The client's own request id of the request being served, if any; null outside a request (seed, collector). */
async function currentClientRequestId(): Promise<string | null> {
  try {
    return (await headers()).get("x-client-request-id");
  } catch {
    return null;
  }
}

type Tx = Prisma.TransactionClient;

/** Writes one audit row inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(tx: Tx, e: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: e.actor.id,
      actorEmail: e.actor.email,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId ?? null,
      targetName: e.targetName ?? null,
      before: e.before ?? undefined,
      after: e.after ?? undefined,
      requestId: e.requestId ?? null,
      clientRequestId: (e.clientRequestId ?? (await currentClientRequestId()))?.slice(0, 100) ?? null,
    },
  });
}

export interface AuditEventDto {
  id: string;
  at: string;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientRequestId: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, keyset-paged by id (`before`), filtered by actor, action and target. */
export async function listAuditEvents(params: TAuditListParams): Promise<{ events: AuditEventDto[]; nextBefore: number | null }> {
  const where: Prisma.AuditEventWhereInput = {
    ...(params.actor ? { actorEmail: { contains: params.actor, mode: "insensitive" } } : {}),
    ...(params.action ? { action: params.action } : {}),
    ...(params.targetType ? { targetType: params.targetType } : {}),
    ...(params.target ? { OR: [{ targetName: { contains: params.target, mode: "insensitive" } }, { targetId: params.target }] } : {}),
    ...(params.before ? { id: { lt: BigInt(params.before) } } : {}),
  };
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: AUDIT_PAGE_SIZE + 1 });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    events: page.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actorEmail: r.actorEmail,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      targetName: r.targetName,
      before: r.before,
      after: r.after,
      requestId: r.requestId,
      clientRequestId: r.clientRequestId,
    })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? Number(page[page.length - 1].id) : null,
  };
}

export async function listAuditActions(): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
