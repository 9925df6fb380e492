import "server-only";
import { db } from "../../db";
import { parseHarborVersion } from "../../harbor/facts";
import type { PollResult } from "./poll";

/** Longest wait between polls of an instance that keeps failing. */
const MAX_BACKOFF_SECONDS = 30 * 60;

function versionColumns(v: string | null) {
  const p = parseHarborVersion(v);
  return p ? { versionNum: p.major * 10_000 + p.minor * 100 + p.patch, versionLine: `${p.major}.${p.minor}` } : { versionNum: null, versionLine: null };
}

/**
 * Stores a batch of polls in one transaction with a handful of set-based statements (the cost does not grow
 * with the batch): the snapshots (history), each instance's current status with its next poll time (backoff
 * when it keeps failing), the cached detection where it changed, and the rounds' progress.
 */
export async function writePollResults(opts: { results: PollResult[]; jobs: { instanceId: string; sweepId: string }[]; intervalSeconds: number }): Promise<void> {
  const { results, jobs, intervalSeconds } = opts;
  const sweepOf = new Map(jobs.map((j) => [j.instanceId, j.sweepId]));
  const ids = results.map((r) => r.instanceId);
  // Instances deleted meanwhile drop out here; the others bring their failure count for the backoff.
  const known = await db.$queryRaw<{ id: string; failures: number | null }[]>`
    select i.id::text as id, s."consecutiveFailures" as failures from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id
    where i.id = any(${ids}::uuid[])`;
  const failuresOf = new Map(known.map((k) => [k.id, k.failures ?? 0]));
  const rows = results
    .filter((r) => failuresOf.has(r.instanceId))
    .map((r) => {
      const failing = r.health === "down" || (r.health === "unknown" && r.errorKind !== null);
      const failures = failing ? failuresOf.get(r.instanceId)! + 1 : 0;
      const wait = failing ? Math.min(MAX_BACKOFF_SECONDS, intervalSeconds * 2 ** Math.min(failures - 1, 10)) : intervalSeconds;
      return {
        instanceId: r.instanceId,
        sweepId: sweepOf.get(r.instanceId) ?? null,
        checkedAt: r.checkedAt.toISOString(),
        health: r.health,
        credential: r.credential,
        harborVersion: r.harborVersion,
        ...versionColumns(r.harborVersion),
        apiGeneration: r.apiGeneration,
        components: r.components,
        projectCount: r.projectCount,
        repoCount: r.repoCount,
        storageBytes: r.storageBytes === null ? null : r.storageBytes.toString(),
        readOnly: r.readOnly,
        authMode: r.authMode,
        externalUrl: r.externalUrl,
        storageProvider: r.storageProvider,
        latencyMs: r.latencyMs,
        errorKind: r.errorKind,
        errorMessage: r.errorMessage,
        consecutiveFailures: failures,
        nextPollAt: new Date(r.checkedAt.getTime() + wait * 1000).toISOString(),
        credentialCheckedAt: r.credentialCheck?.checkedAt.toISOString() ?? null,
        credentialKind: r.credentialCheck?.kind ?? null,
        robotExpiry: r.credentialCheck?.robotExpiry ?? null,
        robotExpiresAt: r.credentialCheck?.robotExpiresAt?.toISOString() ?? null,
      };
    });
  const perSweep = new Map<string, number>();
  for (const j of jobs) perSweep.set(j.sweepId, (perSweep.get(j.sweepId) ?? 0) + 1);
  const json = JSON.stringify(rows);
  await db.$transaction(async (tx) => {
    if (rows.length) {
      await tx.$executeRaw`
        insert into "InstanceSnapshot" ("instanceId", "sweepId", "checkedAt", health, credential, "harborVersion", "apiGeneration", components,
          "projectCount", "repoCount", "storageBytes", "readOnly", "authMode", "latencyMs", "errorKind", "errorMessage")
        select "instanceId", "sweepId", "checkedAt", health, credential, "harborVersion", "apiGeneration", components,
          "projectCount", "repoCount", "storageBytes", "readOnly", "authMode", "latencyMs", "errorKind", "errorMessage"
        from json_populate_recordset(null::"InstanceSnapshot", ${json}::json)`;
      await tx.$executeRaw`
        insert into "InstanceStatus" ("instanceId", health, credential, "harborVersion", "versionNum", "versionLine", "apiGeneration", components,
          "projectCount", "repoCount", "storageBytes", "readOnly", "authMode", "externalUrl", "storageProvider", "latencyMs", "errorKind",
          "errorMessage", "checkedAt", "consecutiveFailures", "nextPollAt", "credentialCheckedAt", "credentialKind", "robotExpiry", "robotExpiresAt")
        select "instanceId", health, credential, "harborVersion", "versionNum", "versionLine", "apiGeneration", components,
          "projectCount", "repoCount", "storageBytes", "readOnly", "authMode", "externalUrl", "storageProvider", "latencyMs", "errorKind",
          "errorMessage", "checkedAt", "consecutiveFailures", "nextPollAt", "credentialCheckedAt", "credentialKind", "robotExpiry", "robotExpiresAt"
        from json_populate_recordset(null::"InstanceStatus", ${json}::json)
        on conflict ("instanceId") do update set
          health = excluded.health, credential = excluded.credential, "harborVersion" = excluded."harborVersion",
          "versionNum" = excluded."versionNum", "versionLine" = excluded."versionLine", "apiGeneration" = excluded."apiGeneration",
          components = excluded.components, "projectCount" = excluded."projectCount", "repoCount" = excluded."repoCount",
          "storageBytes" = excluded."storageBytes", "readOnly" = excluded."readOnly", "authMode" = excluded."authMode",
          "externalUrl" = excluded."externalUrl", "storageProvider" = excluded."storageProvider", "latencyMs" = excluded."latencyMs",
          "errorKind" = excluded."errorKind", "errorMessage" = excluded."errorMessage", "checkedAt" = excluded."checkedAt",
          "consecutiveFailures" = excluded."consecutiveFailures", "nextPollAt" = excluded."nextPollAt",
          -- The credential check runs hourly: a poll without it keeps the last one's findings; one that learned
          -- nothing (401) only moves the time on.
          "credentialCheckedAt" = coalesce(excluded."credentialCheckedAt", "InstanceStatus"."credentialCheckedAt"),
          "credentialKind" = case when excluded."credentialKind" is null then "InstanceStatus"."credentialKind" else excluded."credentialKind" end,
          "robotExpiry" = case when excluded."credentialKind" is null then "InstanceStatus"."robotExpiry" else excluded."robotExpiry" end,
          "robotExpiresAt" = case when excluded."credentialKind" is null then "InstanceStatus"."robotExpiresAt" else excluded."robotExpiresAt" end`;
      // The cached detection, only where it changed. Raw SQL on purpose: a detection is not an edit, so the
      // instance's "updated at/by" stay those of the last person who changed it.
      await tx.$executeRaw`
        update "HarborInstance" h set "apiGeneration" = x."apiGeneration", "harborVersion" = x."harborVersion", "detectedAt" = x."checkedAt"
        from json_populate_recordset(null::"InstanceStatus", ${json}::json) x
        where h.id = x."instanceId" and x."apiGeneration" is not null
          and (h."apiGeneration" is distinct from x."apiGeneration" or h."harborVersion" is distinct from x."harborVersion")`;
    }
    for (const [sweepId, n] of perSweep) {
      await tx.$executeRaw`update "CollectorSweep" set done = least(total, done + ${n}), "finishedAt" = case when done + ${n} >= total then coalesce("finishedAt", now()) else "finishedAt" end where id = ${sweepId}::uuid`;
    }
  });
}
