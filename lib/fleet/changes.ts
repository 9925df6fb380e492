import "server-only";
import { Prisma } from "../generated/prisma/client";
import { rawQuery, sql } from "../db";
import { env } from "../env";
import type { THealthState } from "../schemas/fleet";

/** Views of the fleet page closer together than this are one visit; "since your last visit" means before it. */
export const VISIT_GAP_MS = 30 * 60_000;

/**
 * Records a view of the fleet page and returns where "since your last visit" starts for it, in one statement so two
 * tabs opening at once agree. Null on a first view: there is no last visit to compare with. If the last view was
 * longer ago than the visit gap, a new visit starts and compares with that view; within a visit, every view compares
 * with where its first view did. Not an edit: no audit row, no updatedAt.
 */
export async function recordFleetView(userId: string, now = new Date()): Promise<Date | null> {
  const { rows } = await sql().query<{ since: Date | null }>(
    `with old as (select "fleetLastViewAt" as last, "fleetSinceAt" as since from "User" where id = $1::uuid for update),
     mark as (
       select case when last is null then null
         when $2::timestamp - last > make_interval(secs => $3) then last
         else coalesce(since, last) end as since
       from old
     ),
     upd as (
       update "User" u set "fleetSinceAt" = coalesce(mark.since, $2::timestamp), "fleetLastViewAt" = $2::timestamp
       from mark where u.id = $1::uuid
     )
     select since from mark`,
    [userId, now.toISOString(), VISIT_GAP_MS / 1000],
  );
  return rows[0]?.since ?? null;
}

/** "Mark as seen": the changes shown so far are no longer news. */
export async function markFleetSeen(userId: string, now = new Date()): Promise<void> {
  await sql().query(`update "User" set "fleetSinceAt" = $2::timestamp, "fleetLastViewAt" = $2::timestamp where id = $1::uuid`, [userId, now.toISOString()]);
}

export interface InstanceChange {
  id: string;
  name: string;
  /** null: the instance had not been polled yet at `since` */
  healthBefore: THealthState | null;
  health: THealthState;
  versionBefore: string | null;
  version: string | null;
  credentialBefore: string | null;
  credential: string;
  /** not healthy at some point since `since` (by the hour), though healthy before and now */
  troubledMeanwhile: boolean;
}

export interface FleetChanges {
  /** the end of the user's last visit */
  lastVisit: string;
  /** where the comparison starts: the last visit, or the oldest retained history if that is later */
  since: string;
  worse: InstanceChange[];
  better: InstanceChange[];
  versions: InstanceChange[];
  credentials: InstanceChange[];
  flapped: InstanceChange[];
  added: { name: string; by: string; at: string }[];
  removed: { name: string; by: string; at: string }[];
}

const SEVERITY: Record<THealthState, number> = { healthy: 0, unknown: 1, degraded: 2, down: 3 };

/**
 * What changed in the fleet since `since`: each instance's state then (its last poll before) against now, instances
 * that had problems meanwhile but are healthy again (from the hourly rows, from the hour holding `since`), instances
 * added (with who added them) and removed (from the audit trail, with who removed them).
 */
export async function getFleetChanges(lastVisit: Date, now = new Date()): Promise<FleetChanges> {
  // Only what the history still holds: a visit longer ago than the retention compares with its oldest day.
  const oldest = new Date(now.getTime() - env().COLLECTOR_RETENTION_DAYS * 86_400_000);
  const since = lastVisit < oldest ? oldest : lastVisit;
  const [rows, audit] = await Promise.all([
    rawQuery<
      { id: string; name: string; healthBefore: THealthState | null; health: THealthState | null; versionBefore: string | null; version: string | null; credentialBefore: string | null; credential: string | null; troubled: boolean | null }[]
    >(Prisma.sql`
      select i.id, i.name, b.health::text as "healthBefore", s.health::text as health, b."harborVersion" as "versionBefore", s."harborVersion" as version,
        b.credential::text as "credentialBefore", s.credential::text as credential,
        (select bool_or(h.worst <> 'healthy') from "InstanceHealthHour" h where h."instanceId" = i.id and h.hour >= date_trunc('hour', ${since}::timestamp)) as troubled
      from "HarborInstance" i
      join "InstanceStatus" s on s."instanceId" = i.id
      left join lateral (
        select health, "harborVersion", credential from "InstanceSnapshot" x where x."instanceId" = i.id and x."checkedAt" <= ${since} order by x."checkedAt" desc limit 1
      ) b on true
      where i."createdAt" <= ${since} and s."checkedAt" > ${since}
      order by i.name`),
    rawQuery<{ action: string; name: string | null; by: string; at: Date }[]>(Prisma.sql`
      select 'instance.create' as action, i.name, coalesce(a."actorEmail", 'unknown') as by, i."createdAt" as at
      from "HarborInstance" i
      left join lateral (select "actorEmail" from "AuditEvent" where "targetType" = 'instance' and "targetId" = i.id::text and action = 'instance.create' order by at desc limit 1) a on true
      where i."createdAt" > ${since}
      union all
      (select action, "targetName", "actorEmail", at from "AuditEvent" where action = 'instance.delete' and at > ${since} order by at desc limit 200)
      order by at desc`),
  ]);
  const all: InstanceChange[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    healthBefore: r.healthBefore,
    health: r.health ?? "unknown",
    versionBefore: r.versionBefore,
    version: r.version,
    credentialBefore: r.credentialBefore,
    credential: r.credential ?? "unknown",
    troubledMeanwhile: Boolean(r.troubled) && r.healthBefore === "healthy" && r.health === "healthy",
  }));
  const polledBefore = all.filter((c) => c.healthBefore !== null);
  const problem = (c: string | null) => c === "invalid" || c === "forbidden";
  const entry = (a: { name: string | null; by: string; at: Date }) => ({ name: a.name ?? "(unnamed)", by: a.by, at: a.at.toISOString() });
  return {
    lastVisit: lastVisit.toISOString(),
    since: since.toISOString(),
    worse: polledBefore.filter((c) => SEVERITY[c.health] > SEVERITY[c.healthBefore!]),
    better: polledBefore.filter((c) => SEVERITY[c.health] < SEVERITY[c.healthBefore!]),
    versions: polledBefore.filter((c) => c.versionBefore && c.version && c.versionBefore !== c.version),
    credentials: polledBefore.filter((c) => problem(c.credential) !== problem(c.credentialBefore)),
    flapped: all.filter((c) => c.troubledMeanwhile),
    added: audit.filter((a) => a.action === "instance.create").map(entry),
    removed: audit.filter((a) => a.action === "instance.delete").map(entry),
  };
}
