import "server-only";
import { Prisma } from "../generated/prisma/client";
import { rawQuery, sql } from "../db";
import { env } from "../env";
import { HEALTH_BY_SEVERITY } from "./collector/hours";
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
    `with old as (select "fleetLastViewAt" as last, "fleetSinceAt" as since from "User" where id = $1::uuid for no key update),
     mark as (
       select case when last is null then null
         when $2::timestamp - last > make_interval(secs => $3) then last
         else coalesce(since, last) end as since
       from old
     ),
     upd as (
       update "User" u set "fleetSinceAt" = coalesce(mark.since, $2::timestamp), "fleetLastViewAt" = greatest(u."fleetLastViewAt", $2::timestamp)
       from mark where u.id = $1::uuid
     )
     select since from mark`,
    [userId, now.toISOString(), VISIT_GAP_MS / 1000],
  );
  return rows[0]?.since ?? null;
}

/**
 * "Mark as seen": the changes shown, computed at `asOf`, are no longer news; the next comparison starts there (never
 * later than now: the time comes from the browser).
 */
export async function markFleetSeen(userId: string, asOf: Date, now = new Date()): Promise<Date> {
  const at = asOf > now ? now : asOf;
  await sql().query(`update "User" set "fleetSinceAt" = $2::timestamp, "fleetLastViewAt" = greatest("fleetLastViewAt", $3::timestamp) where id = $1::uuid`, [
    userId,
    at.toISOString(),
    now.toISOString(),
  ]);
  return at;
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
}

export interface FleetChanges {
  /** the end of the user's last visit */
  lastVisit: string;
  /** where the comparison starts: the last visit, or the oldest history the prune is sure to have kept */
  since: string;
  /** when these changes were computed: "Mark as seen" marks up to here, not to the click */
  asOf: string;
  worse: InstanceChange[];
  better: InstanceChange[];
  /** the console can no longer tell (a failed poll, a rejected credential) */
  unknown: InstanceChange[];
  /** registered before, but first polled since */
  firstPolled: InstanceChange[];
  versions: InstanceChange[];
  /** on the same version then and now, but another one in between (an upgrade rolled back) */
  versionBack: InstanceChange[];
  credentials: InstanceChange[];
  /** healthy then and now but not at some poll in between, or degraded then and now but down in between */
  flapped: InstanceChange[];
  added: { name: string; by: string; at: string }[];
  removed: { name: string; by: string; at: string }[];
  /** totals, when the lists above stop at LIST_LIMIT */
  addedTotal: number;
  removedTotal: number;
}

/** Severity for "worse" and "recovered"; unknown sits between healthy and degraded only as a state to leave. */
const severity = (h: THealthState) => HEALTH_BY_SEVERITY.indexOf(h);
const LIST_LIMIT = 200;
/** The prune runs hourly and keeps `retention`; with the longest backoff (30 min), a poll before this margin is kept. */
const RETENTION_MARGIN_MS = 2 * 3_600_000;

/**
 * What changed in the fleet since `lastVisit`: each instance's state then (its last snapshot at or before it: the
 * state of its last poll, since every poll that changed it is kept) against
 * now; instances healthy (or degraded) then and now that were worse at some poll in between, and instances on the same
 * version then and now that ran another in between (the snapshots of the partial first hour, then the hourly rows); instances added (with who added them) and removed (from the audit trail).
 */
export async function getFleetChanges(lastVisit: Date, now = new Date()): Promise<FleetChanges> {
  // Only what the history surely still holds: an older visit compares with the oldest polls the prune keeps.
  const oldest = new Date(now.getTime() - env().COLLECTOR_RETENTION_DAYS * 86_400_000 + RETENTION_MARGIN_MS);
  const since = lastVisit < oldest ? oldest : lastVisit;
  const nextHour = new Date(Math.floor(since.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
  const [rows, added, removed] = await Promise.all([
    rawQuery<
      {
        id: string;
        name: string;
        healthBefore: THealthState | null;
        health: THealthState | null;
        versionBefore: string | null;
        version: string | null;
        credentialBefore: string | null;
        credential: string | null;
        troubled: boolean | null;
        versionBack: boolean | null;
      }[]
    >(Prisma.sql`
      select i.id, i.name, b.health::text as "healthBefore", s.health::text as health, b."harborVersion" as "versionBefore", s."harborVersion" as version,
        b.credential::text as "credentialBefore", s.credential::text as credential,
        case when b.health = 'healthy' and s.health = 'healthy' then
          exists (select 1 from "InstanceSnapshot" x where x."instanceId" = i.id and x."checkedAt" > ${since} and x."checkedAt" < ${nextHour} and x.health <> 'healthy')
          or exists (select 1 from "InstanceHealthHour" h where h."instanceId" = i.id and h.worst in ('degraded', 'down', 'unknown') and h.hour >= ${nextHour})
        when b.health = 'degraded' and s.health = 'degraded' then
          exists (select 1 from "InstanceSnapshot" x where x."instanceId" = i.id and x."checkedAt" > ${since} and x."checkedAt" < ${nextHour} and x.health = 'down')
          or exists (select 1 from "InstanceHealthHour" h where h."instanceId" = i.id and h.worst = 'down' and h.hour >= ${nextHour})
        end as troubled,
        case when b."harborVersion" is not null and b."harborVersion" = s."harborVersion" then
          exists (select 1 from "InstanceSnapshot" x where x."instanceId" = i.id and x."checkedAt" > ${since} and x."checkedAt" < ${nextHour} and x."harborVersion" <> s."harborVersion")
          or exists (select 1 from "InstanceHealthHour" h where h."instanceId" = i.id and h."versionChanges" > 0 and h.hour >= ${nextHour})
        end as "versionBack"
      from "HarborInstance" i
      join "InstanceStatus" s on s."instanceId" = i.id
      left join lateral (
        select health, "harborVersion", credential from "InstanceSnapshot" x where x."instanceId" = i.id and x."checkedAt" <= ${since} order by x."checkedAt" desc limit 1
      ) b on true
      where i."createdAt" <= ${since} and s."checkedAt" > ${since}
      order by i.name`),
    rawQuery<{ name: string; by: string | null; at: Date; total: bigint }[]>(Prisma.sql`
      select i.name, a."actorEmail" as by, i."createdAt" as at, count(*) over () as total
      from "HarborInstance" i
      left join lateral (select "actorEmail" from "AuditEvent" where "targetType" = 'instance' and "targetId" = i.id::text and action = 'instance.create' order by at desc limit 1) a on true
      where i."createdAt" > ${since} order by i."createdAt" desc limit ${LIST_LIMIT}`),
    rawQuery<{ name: string | null; by: string; at: Date; total: bigint }[]>(Prisma.sql`
      select "targetName" as name, "actorEmail" as by, at, count(*) over () as total from "AuditEvent"
      where "targetType" = 'instance' and action = 'instance.delete' and at > ${since} order by at desc limit ${LIST_LIMIT}`),
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
  }));
  const troubled = new Set(rows.filter((r) => r.troubled).map((r) => r.id));
  const versionBack = new Set(rows.filter((r) => r.versionBack).map((r) => r.id));
  const before = all.filter((c) => c.healthBefore !== null);
  const known = (c: string | null) => c !== null && c !== "unknown";
  const problem = (c: string | null) => c === "invalid" || c === "forbidden";
  return {
    lastVisit: lastVisit.toISOString(),
    since: since.toISOString(),
    asOf: now.toISOString(),
    worse: before.filter((c) => c.health !== "unknown" && severity(c.health) > severity(c.healthBefore!)),
    better: before.filter((c) => c.health !== "unknown" && severity(c.health) < severity(c.healthBefore!)),
    unknown: before.filter((c) => c.health === "unknown" && c.healthBefore !== "unknown"),
    firstPolled: all.filter((c) => c.healthBefore === null),
    versions: before.filter((c) => c.versionBefore && c.version && c.versionBefore !== c.version),
    versionBack: all.filter((c) => versionBack.has(c.id)),
    // a failed poll stores "unknown": only two known states compare
    credentials: before.filter((c) => known(c.credential) && known(c.credentialBefore) && problem(c.credential) !== problem(c.credentialBefore)),
    flapped: all.filter((c) => troubled.has(c.id)),
    added: added.map((a) => ({ name: a.name, by: a.by ?? "unknown", at: a.at.toISOString() })),
    removed: removed.map((a) => ({ name: a.name ?? "(unnamed)", by: a.by, at: a.at.toISOString() })),
    addedTotal: Number(added[0]?.total ?? 0),
    removedTotal: Number(removed[0]?.total ?? 0),
  };
}
