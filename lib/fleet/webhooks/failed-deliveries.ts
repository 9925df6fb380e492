import "server-only";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { urlsForViewer, type TInboxParams } from "../../schemas/webhook";
import { INBOX_SINCE, WEBHOOK_FLAG_STREAK } from "../../schemas/webhook-constants";
import { INBOX_LIMIT, type FailedDeliveryInbox } from "../../schemas/webhook-inventory";
import { eventLabel } from "./dto";

function entryWhere(p: TInboxParams): Prisma.WebhookInventoryEntryWhereInput {
  return {
    ...(p.instance ? { instanceId: p.instance } : {}),
    ...(p.project ? { projectName: { contains: p.project, mode: "insensitive" } } : {}),
    ...(p.policy ? { name: { contains: p.policy, mode: "insensitive" } } : {}),
  };
}

/**
 * The failed-delivery inbox across the fleet (issue #13), from the webhook inventory: the newest failures each
 * refresh kept per policy, filtered by instance, project, policy, event and time, newest first. `viewer`: Harbor's
 * messages with every URL reduced to its origin (a receiver's path or query may be its secret).
 */
export async function listFailedDeliveries(p: TInboxParams, opts: { viewer: boolean; now?: Date }): Promise<FailedDeliveryInbox> {
  const now = opts.now ?? new Date();
  const entry = entryWhere(p);
  const where: Prisma.WebhookFailedDeliveryWhereInput = {
    entry,
    ...(p.event ? { eventType: p.event } : {}),
    ...(p.since ? { at: { gte: new Date(now.getTime() - INBOX_SINCE[p.since] * 3_600_000) } } : {}),
  };
  const [total, failures, flagged, instances, events] = await Promise.all([
    db.webhookFailedDelivery.count({ where }),
    db.webhookFailedDelivery.findMany({
      where,
      include: { entry: { include: { instance: { select: { name: true } } } } },
      orderBy: [{ at: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      take: INBOX_LIMIT,
    }),
    db.webhookInventoryEntry.findMany({
      where: { ...entry, failingStreak: { gte: WEBHOOK_FLAG_STREAK } },
      include: { instance: { select: { name: true } } },
      orderBy: [{ instance: { name: "asc" } }, { projectName: "asc" }, { name: "asc" }],
      take: INBOX_LIMIT,
    }),
    db.harborInstance.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.webhookFailedDelivery.findMany({
      where: { eventType: { not: null } },
      distinct: ["eventType"],
      select: { eventType: true },
      orderBy: { eventType: "asc" },
    }),
  ]);
  return {
    total,
    rows: failures.map((f) => ({
      id: f.id,
      instanceId: f.entry.instanceId,
      instanceName: f.entry.instance.name,
      projectName: f.entry.projectName,
      policyName: f.entry.name,
      at: f.at?.toISOString() ?? null,
      status: f.status,
      event: f.eventType ? eventLabel(f.eventType) : null,
      message: f.message && opts.viewer ? urlsForViewer(f.message) : f.message,
      targets: f.entry.targetHosts,
      failingStreak: f.entry.failingStreak,
      flagged: (f.entry.failingStreak ?? 0) >= WEBHOOK_FLAG_STREAK,
      policyId: f.entry.policyId,
      jobId: f.harborJobId,
      redeliverBlocker: f.harborJobId === null ? "Read before the console could redeliver: the next inventory refresh offers it." : f.redeliverBlocker,
    })),
    flagged: flagged.map((e) => ({
      instanceId: e.instanceId,
      instanceName: e.instance.name,
      projectName: e.projectName,
      policyName: e.name,
      failingStreak: e.failingStreak ?? 0,
      lastDeliveryAt: e.lastDeliveryAt?.toISOString() ?? null,
    })),
    instances,
    events: events.flatMap((e) => (e.eventType ? [{ value: e.eventType, label: eventLabel(e.eventType) }] : [])),
  };
}

/** Policies in the fleet whose last WEBHOOK_FLAG_STREAK deliveries all failed (the inbox tab's count). */
export async function countFlaggedPolicies(): Promise<number> {
  return db.webhookInventoryEntry.count({ where: { failingStreak: { gte: WEBHOOK_FLAG_STREAK } } });
}
