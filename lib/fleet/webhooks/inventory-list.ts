import "server-only";
import { db } from "../../db";
import { env } from "../../env";
import type { Prisma } from "../../generated/prisma/client";
import type { TInventoryParams } from "../../schemas/webhook";
import type { InventoryInstanceDto, InventoryRowDto } from "../../schemas/webhook-inventory";
import { eventLabel } from "./dto";

export const INVENTORY_PAGE_SIZE = 50;

/**
 * An instance's inventory is stale when its latest refresh failed, or its last success is older than twice the
 * cadence (the collector missed a turn); never read: no rows at all.
 */
export function isStale(r: { succeededAt: Date | null; error: string | null } | null, minutes: number, now = new Date()): boolean {
  if (!r?.succeededAt) return true;
  return r.error !== null || now.getTime() - r.succeededAt.getTime() > 2 * minutes * 60_000;
}

/** The fleet Webhooks page: one page of policies (search over instance, project, policy and target host), and each instance's refresh. */
export async function listWebhookInventory(
  params: TInventoryParams,
): Promise<{ rows: InventoryRowDto[]; total: number; page: number; pageCount: number; instances: InventoryInstanceDto[]; minutes: number }> {
  const minutes = env().WEBHOOK_INVENTORY_MINUTES;
  const q = params.q?.trim();
  const where: Prisma.WebhookInventoryEntryWhereInput = q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" } },
          { projectName: { contains: q, mode: "insensitive" } },
          { instance: { name: { contains: q, mode: "insensitive" } } },
          { targetHosts: { has: q.toLowerCase() } },
        ],
      }
    : {};
  if (params.failing) where.failingStreak = { gt: 0 };
  const page = params.page ?? 1;
  const [total, entries, instances] = await Promise.all([
    db.webhookInventoryEntry.count({ where }),
    db.webhookInventoryEntry.findMany({
      where,
      include: { instance: { select: { name: true, webhookRefresh: true } } },
      orderBy: [{ instance: { name: "asc" } }, { projectName: "asc" }, { name: "asc" }],
      skip: (page - 1) * INVENTORY_PAGE_SIZE,
      take: INVENTORY_PAGE_SIZE,
    }),
    db.harborInstance.findMany({ select: { id: true, name: true, webhookRefresh: true }, orderBy: { name: "asc" } }),
  ]);
  const rows = entries.map((e): InventoryRowDto => ({
    instanceId: e.instanceId,
    instanceName: e.instance.name,
    projectName: e.projectName,
    policyId: e.policyId,
    name: e.name,
    enabled: e.enabled,
    events: e.eventTypes.map(eventLabel),
    targets: e.targetHosts.map((host, i) => ({ host, type: e.targetTypes[i] ?? "http", format: e.payloadFormats[i] || null })),
    lastDeliveryAt: e.lastDeliveryAt?.toISOString() ?? null,
    lastDeliveryStatus: e.lastDeliveryStatus,
    lastDeliveryOk: e.lastDeliveryOk,
    failingStreak: e.failingStreak,
    refreshedAt: e.refreshedAt.toISOString(),
    stale: isStale(e.instance.webhookRefresh, minutes),
  }));
  return {
    rows,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / INVENTORY_PAGE_SIZE)),
    minutes,
    instances: instances.map((i) => ({
      id: i.id,
      name: i.name,
      attemptedAt: i.webhookRefresh?.attemptedAt.toISOString() ?? null,
      succeededAt: i.webhookRefresh?.succeededAt?.toISOString() ?? null,
      error: i.webhookRefresh?.error ?? null,
      policyCount: i.webhookRefresh?.policyCount ?? null,
      truncated: i.webhookRefresh?.truncated ?? false,
      running: Boolean(i.webhookRefresh?.runningSince),
      stale: isStale(i.webhookRefresh ?? null, minutes),
    })),
  };
}
