import "server-only";
import { topologyDrift } from "../config/topology-drift";
import { db } from "../db";
import type { TTopology } from "../schemas/topology";

export interface HistoryPoint {
  t: string;
  health: string;
  latencyMs: number | null;
}

export interface DriftItem {
  field: string;
  recorded: string | null;
  live: string | null;
  advice: string;
}

/** The instance's polls over the last `hours` (oldest first, at most 500 points) and its recent errors. */
export async function getInstanceHistory(id: string, opts: { hours: number }) {
  const since = new Date(Date.now() - opts.hours * 3_600_000);
  const snaps = await db.instanceSnapshot.findMany({
    where: { instanceId: id, checkedAt: { gte: since } },
    orderBy: { checkedAt: "desc" },
    take: 500,
    select: { checkedAt: true, health: true, latencyMs: true, errorKind: true, errorMessage: true, harborVersion: true },
  });
  const points: HistoryPoint[] = snaps.map((s) => ({ t: s.checkedAt.toISOString(), health: s.health, latencyMs: s.latencyMs })).reverse();
  const errors = snaps.filter((s) => s.errorKind).slice(0, 10).map((s) => ({ t: s.checkedAt.toISOString(), kind: s.errorKind!, message: s.errorMessage ?? "" }));
  return { points, errors };
}

function host(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url.includes("://") ? url : `https://${url}`).host.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

/** Where what the console has recorded disagrees with what the live instance reports, with what to do. */
export async function getDrift(id: string): Promise<DriftItem[]> {
  const inst = await db.harborInstance.findUnique({
    where: { id },
    select: { baseUrl: true, deploymentMode: true, status: true, topologyRevisions: { orderBy: { revision: "desc" }, take: 1, select: { revision: true, topology: true } } },
  });
  const s = inst?.status;
  if (!inst || !s?.checkedAt) return [];
  const drift: DriftItem[] = [];
  const current = inst.topologyRevisions[0];
  if (current) {
    drift.push(...topologyDrift(current.topology as unknown as TTopology, current.revision, { harborVersion: s.harborVersion, externalUrl: s.externalUrl, storageProvider: s.storageProvider }, { deploymentMode: inst.deploymentMode }));
  }
  if (s.externalUrl && host(s.externalUrl) !== host(inst.baseUrl)) {
    drift.push({
      field: "External URL",
      recorded: inst.baseUrl,
      live: s.externalUrl,
      advice: "Harbor's external_url differs from the URL registered here. Pull commands and webhook payloads use external_url: fix harbor.yml's hostname/external_url, or update this instance's URL.",
    });
  }
  const versions = await db.instanceSnapshot.findMany({ where: { instanceId: id, harborVersion: { not: null } }, orderBy: { checkedAt: "desc" }, distinct: ["harborVersion"], take: 2, select: { harborVersion: true, checkedAt: true } });
  if (versions.length === 2 && s.harborVersion && versions[0].harborVersion === s.harborVersion) {
    drift.push({
      field: "Version",
      recorded: versions[1].harborVersion,
      live: s.harborVersion,
      advice: `Harbor changed from ${versions[1].harborVersion} to ${s.harborVersion} (first seen ${versions[0].checkedAt.toISOString().slice(0, 16).replace("T", " ")} UTC). If nobody planned it, check who upgraded or rolled back this instance.`,
    });
  }
  if (s.readOnly) drift.push({ field: "Read-only", recorded: "read-write", live: "read-only", advice: "Harbor is in read-only mode (usually during garbage collection or maintenance). Pushes fail until an admin turns it off." });
  return drift;
}
