import "server-only";
import { deployedRevision, type DeployedRevision } from "../config/deployed-revision";
import { topologyDrift } from "../config/topology-drift";
import { Prisma } from "../generated/prisma/client";
import { db, rawQuery } from "../db";
import { env } from "../env";
import { HEALTH_BY_SEVERITY, healthRank } from "./collector/hours";
import type { TTopology } from "../schemas/topology";

/** One bucket (an hour, or a day over long windows) of an instance's polls (UTC). */
export interface HistoryPoint {
  t: string;
  /** the worst health of the bucket */
  health: string;
  polls: number;
  healthyPolls: number;
  /** mean latency of the bucket's polls that measured one (latencyPolls of them) */
  latencyMs: number | null;
  latencyPolls: number;
  latencyMaxMs: number | null;
}

/** Longest window the instance page draws, and the longest it draws by the hour (beyond it: one point per day). */
const MAX_DAYS = 366;
const MAX_HOURLY_DAYS = 31;

export interface DriftItem {
  field: string;
  recorded: string | null;
  live: string | null;
  advice: string;
}

/** One error as it recurred: the same kind and message over and over (every poll of a down instance) is one row. */
export interface RecentError {
  kind: string;
  message: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

/**
 * The instance's history over the last `days` (default: the retention window, at most a year): one point per hour
 * (per day beyond a month) from the hourly rows the collector keeps, whatever the poll interval; and its ten most
 * recently seen errors, each distinct error once with how often and when it was first and last seen, read only from
 * the snapshots of hours that had any.
 */
export async function getInstanceHistory(
  id: string,
  opts: { days?: number } = {},
): Promise<{ days: number; bucket: "hour" | "day"; points: HistoryPoint[]; errors: RecentError[] }> {
  const days = Math.min(opts.days ?? env().COLLECTOR_RETENTION_DAYS, MAX_DAYS);
  const bucket = days > MAX_HOURLY_DAYS ? "day" : "hour";
  const since = new Date(Math.floor((Date.now() - days * 86_400_000) / 3_600_000) * 3_600_000);
  const [rows, errors] = await Promise.all([
    rawQuery<
      { t: Date; worst: number; polls: bigint; healthyPolls: bigint; latencySumMs: bigint; latencyPolls: bigint; latencyMaxMs: number | null }[]
    >(Prisma.sql`
      select date_trunc(${bucket}, hour) as t, max(${Prisma.raw(healthRank("worst"))}) as worst, sum(polls) as polls, sum("healthyPolls") as "healthyPolls",
        sum("latencySumMs") as "latencySumMs", sum("latencyPolls") as "latencyPolls", max("latencyMaxMs") as "latencyMaxMs"
      from "InstanceHealthHour" where "instanceId" = ${id}::uuid and hour >= ${since} group by 1 order by 1`),
    rawQuery<{ kind: string; message: string; n: number; firstAt: Date; lastAt: Date }[]>(Prisma.sql`
      select e."errorKind" as kind, coalesce(e."errorMessage", '') as message, count(*)::int as n, min(e."checkedAt") as "firstAt", max(e."checkedAt") as "lastAt"
      from (select hour from "InstanceHealthHour" where "instanceId" = ${id}::uuid and "errorPolls" > 0 and hour >= ${since}) h
      cross join lateral (
        select s."checkedAt", s."errorKind", s."errorMessage" from "InstanceSnapshot" s
        where s."instanceId" = ${id}::uuid and s."checkedAt" >= h.hour and s."checkedAt" < h.hour + interval '1 hour' and s."errorKind" is not null
      ) e
      group by 1, 2 order by max(e."checkedAt") desc limit 10`),
  ]);
  return {
    days,
    bucket,
    points: rows.map((r) => ({
      t: r.t.toISOString(),
      health: HEALTH_BY_SEVERITY[r.worst],
      polls: Number(r.polls),
      healthyPolls: Number(r.healthyPolls),
      latencyMs: r.latencyPolls ? Math.round(Number(r.latencySumMs) / Number(r.latencyPolls)) : null,
      latencyPolls: Number(r.latencyPolls),
      latencyMaxMs: r.latencyMaxMs,
    })),
    errors: errors.map((e) => ({ kind: e.kind, message: e.message, count: e.n, firstAt: e.firstAt.toISOString(), lastAt: e.lastAt.toISOString() })),
  };
}

/**
 * The version the instance ran before its current one, if the retained history has one. The hourly rows find the
 * latest hour that ended on another version or saw the version change; that hour's snapshots give the other
 * version's last snapshot, and the first poll after it that reported the current one (exact: the poll that changed
 * the version is always kept).
 */
async function previousVersion(id: string, current: string): Promise<{ version: string; firstSeen: Date | null } | null> {
  const [r] = await rawQuery<{ version: string; firstSeen: Date | null }[]>(Prisma.sql`
    with h as (
      select hour from "InstanceHealthHour"
      where "instanceId" = ${id}::uuid and (("harborVersion" is not null and "harborVersion" <> ${current}) or "versionChanges" > 0)
      order by hour desc limit 1
    ), prev as (
      select s."harborVersion", s."checkedAt" from "InstanceSnapshot" s, h
      where s."instanceId" = ${id}::uuid and s."checkedAt" >= h.hour and s."checkedAt" < h.hour + interval '1 hour'
        and s."harborVersion" is not null and s."harborVersion" <> ${current}
      order by s."checkedAt" desc limit 1
    )
    select prev."harborVersion" as version,
      (select s."checkedAt" from "InstanceSnapshot" s where s."instanceId" = ${id}::uuid and s."checkedAt" > prev."checkedAt" and s."harborVersion" = ${current}
        order by s."checkedAt" limit 1) as "firstSeen"
    from prev`);
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

/** How many recent revisions are compared with the live instance to find the one it matches. */
const DEPLOYED_LOOKBACK = 20;

/** Where what the console has recorded disagrees with what the live instance reports, with what to do. */
export async function getDrift(id: string): Promise<DriftItem[]> {
  const inst = await db.harborInstance.findUnique({
    where: { id },
    select: {
      baseUrl: true,
      deploymentMode: true,
      status: true,
      topologyRevisions: { orderBy: { revision: "desc" }, take: DEPLOYED_LOOKBACK, select: { revision: true, topology: true, createdAt: true } },
    },
  });
  const s = inst?.status;
  if (!inst || !s?.checkedAt) return [];
  const drift: DriftItem[] = [];
  const current = inst.topologyRevisions[0];
  if (current) {
    const live = { harborVersion: s.harborVersion, externalUrl: s.externalUrl, storageProvider: s.storageProvider };
    drift.push(...topologyDrift(current.topology as unknown as TTopology, current.revision, live, { deploymentMode: inst.deploymentMode }));
    const deployed = deployedRevision(
      inst.topologyRevisions.map((r) => ({ ...r, topology: r.topology as unknown as TTopology })),
      live,
      { deploymentMode: inst.deploymentMode },
      new Date(),
    );
    if (deployed.kind === "undeployed") {
      drift.push({
        field: "Undeployed revision",
        recorded: `r${deployed.latest} (the current revision)`,
        live: `matches r${deployed.matches}`,
        advice: `${deployed.text} Deploy r${deployed.latest}'s bundle (Config tab), or save a revision that says what runs.`,
      });
    }
  }
  if (s.externalUrl && host(s.externalUrl) !== host(inst.baseUrl)) {
    drift.push({
      field: "External URL",
      recorded: inst.baseUrl,
      live: s.externalUrl,
      advice:
        "Harbor's external_url differs from the URL registered here. Pull commands and webhook payloads use external_url: fix harbor.yml's hostname/external_url, or update this instance's URL.",
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
  if (s.readOnly)
    drift.push({
      field: "Read-only",
      recorded: "read-write",
      live: "read-only",
      advice: "Harbor is in read-only mode (usually during garbage collection or maintenance). Pushes fail until an admin turns it off.",
    });
  return drift;
}

/** Which revision the instance matches as far as its API shows, or that the console cannot tell (lib/config/deployed-revision.ts). */
export async function getDeployedRevision(id: string): Promise<DeployedRevision> {
  const inst = await db.harborInstance.findUnique({
    where: { id },
    select: {
      deploymentMode: true,
      status: true,
      topologyRevisions: { orderBy: { revision: "desc" }, take: DEPLOYED_LOOKBACK, select: { revision: true, topology: true, createdAt: true } },
    },
  });
  const s = inst?.status;
  if (!inst || !s?.checkedAt) return { kind: "none" };
  const live = { harborVersion: s.harborVersion, externalUrl: s.externalUrl, storageProvider: s.storageProvider };
  return deployedRevision(
    inst.topologyRevisions.map((r) => ({ ...r, topology: r.topology as unknown as TTopology })),
    live,
    { deploymentMode: inst.deploymentMode },
    new Date(),
  );
}
