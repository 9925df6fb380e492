import "server-only";
import { topologyDrift } from "../config/topology-drift";
import { Prisma } from "../generated/prisma/client";
import { db, rawQuery } from "../db";
import { env } from "../env";
import type { TTopology } from "../schemas/topology";

/** One hour of an instance's polls (UTC). */
export interface HistoryPoint {
  t: string;
  /** the worst health of the hour */
  health: string;
  polls: number;
  healthyPolls: number;
  /** mean latency of the hour's polls that measured one */
  latencyMs: number | null;
  latencyMaxMs: number | null;
}

export interface DriftItem {
  field: string;
  recorded: string | null;
  live: string | null;
  advice: string;
}

/**
 * The instance's history over the last `days` (default: the retention window): one point per hour from the hourly rows the collector keeps (at most
 * 24 × days, whatever the poll interval), and its ten most recent errors, looked up only in the hours that had any.
 */
export async function getInstanceHistory(id: string, opts: { days?: number } = {}): Promise<{ days: number; points: HistoryPoint[]; errors: { t: string; kind: string; message: string }[] }> {
  const days = opts.days ?? env().COLLECTOR_RETENTION_DAYS;
  const since = new Date(Math.floor((Date.now() - days * 86_400_000) / 3_600_000) * 3_600_000);
  const [hours, errors] = await Promise.all([
    rawQuery<{ hour: Date; worst: string; polls: number; healthyPolls: number; latencySumMs: bigint; latencyPolls: number; latencyMaxMs: number | null }[]>(Prisma.sql`
      select hour, worst::text as worst, polls, "healthyPolls", "latencySumMs", "latencyPolls", "latencyMaxMs"
      from "InstanceHealthHour" where "instanceId" = ${id}::uuid and hour >= ${since} order by hour`),
    rawQuery<{ checkedAt: Date; errorKind: string; errorMessage: string | null }[]>(Prisma.sql`
      select e."checkedAt", e."errorKind", e."errorMessage"
      from (select hour from "InstanceHealthHour" where "instanceId" = ${id}::uuid and "errorPolls" > 0 and hour >= ${since} order by hour desc limit 10) h
      cross join lateral (
        select s."checkedAt", s."errorKind", s."errorMessage" from "InstanceSnapshot" s
        where s."instanceId" = ${id}::uuid and s."checkedAt" >= h.hour and s."checkedAt" < h.hour + interval '1 hour' and s."errorKind" is not null
        order by s."checkedAt" desc limit 10
      ) e
      order by e."checkedAt" desc limit 10`),
  ]);
  return {
    days,
    points: hours.map((h) => ({
      t: h.hour.toISOString(),
      health: h.worst,
      polls: h.polls,
      healthyPolls: h.healthyPolls,
      latencyMs: h.latencyPolls ? Math.round(Number(h.latencySumMs) / h.latencyPolls) : null,
      latencyMaxMs: h.latencyMaxMs,
    })),
    errors: errors.map((e) => ({ t: e.checkedAt.toISOString(), kind: e.errorKind, message: e.errorMessage ?? "" })),
  };
}

/**
 * The version the instance ran before its current one, if the retained history has one: the latest hour whose last
 * reported version differs, and the first poll after it that reported the current version.
 */
async function previousVersion(id: string, current: string): Promise<{ version: string; firstSeen: Date | null } | null> {
  const [r] = await rawQuery<{ version: string; firstSeen: Date | null }[]>(Prisma.sql`
    select p."harborVersion" as version,
      (select s."checkedAt" from "InstanceSnapshot" s where s."instanceId" = ${id}::uuid and s."checkedAt" > p."lastAt" and s."harborVersion" = ${current}
        order by s."checkedAt" limit 1) as "firstSeen"
    from (select "harborVersion", "lastAt" from "InstanceHealthHour" where "instanceId" = ${id}::uuid and "harborVersion" is not null and "harborVersion" <> ${current}
      order by hour desc limit 1) p`);
  return r ?? null;
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
  const previous = s.harborVersion ? await previousVersion(id, s.harborVersion) : null;
  if (previous && s.harborVersion) {
    drift.push({
      field: "Version",
      recorded: previous.version,
      live: s.harborVersion,
      advice: `Harbor changed from ${previous.version} to ${s.harborVersion}${previous.firstSeen ? ` (first seen ${previous.firstSeen.toISOString().slice(0, 16).replace("T", " ")} UTC)` : ""}. If nobody planned it, check who upgraded or rolled back this instance.`,
    });
  }
  if (s.readOnly) drift.push({ field: "Read-only", recorded: "read-write", live: "read-only", advice: "Harbor is in read-only mode (usually during garbage collection or maintenance). Pushes fail until an admin turns it off." });
  return drift;
}
