import "server-only";
import { Prisma } from "../../generated/prisma/client";
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
 * Stores a batch of polls in one transaction: the snapshots (history), each instance's current status with
 * its next poll time (backoff when it keeps failing), the cached detection, and the rounds' progress.
 */
export async function writePollResults(opts: { results: PollResult[]; jobs: { instanceId: string; sweepId: string }[]; intervalSeconds: number }): Promise<void> {
  const { results, jobs, intervalSeconds } = opts;
  const sweepOf = new Map(jobs.map((j) => [j.instanceId, j.sweepId]));
  const prev = new Map(
    (await db.instanceStatus.findMany({ where: { instanceId: { in: results.map((r) => r.instanceId) } }, select: { instanceId: true, consecutiveFailures: true } })).map((s) => [s.instanceId, s.consecutiveFailures]),
  );
  const present = new Set((await db.harborInstance.findMany({ where: { id: { in: results.map((r) => r.instanceId) } }, select: { id: true } })).map((i) => i.id));
  const live = results.filter((r) => present.has(r.instanceId)); // deleted meanwhile: nothing to store
  await db.$transaction(async (tx) => {
    if (live.length) {
      await tx.instanceSnapshot.createMany({
        data: live.map((r) => ({
          instanceId: r.instanceId,
          sweepId: sweepOf.get(r.instanceId) ?? null,
          checkedAt: r.checkedAt,
          health: r.health,
          credential: r.credential,
          harborVersion: r.harborVersion,
          apiGeneration: r.apiGeneration,
          components: (r.components ?? Prisma.DbNull) as Prisma.InputJsonValue,
          projectCount: r.projectCount,
          repoCount: r.repoCount,
          storageBytes: r.storageBytes,
          readOnly: r.readOnly,
          authMode: r.authMode,
          latencyMs: r.latencyMs,
          errorKind: r.errorKind,
          errorMessage: r.errorMessage,
        })),
      });
    }
    for (const r of live) {
      const failing = r.health === "down" || (r.health === "unknown" && r.errorKind !== null);
      const failures = failing ? (prev.get(r.instanceId) ?? 0) + 1 : 0;
      const wait = failing ? Math.min(MAX_BACKOFF_SECONDS, intervalSeconds * 2 ** Math.min(failures - 1, 10)) : intervalSeconds;
      const status = {
        health: r.health,
        credential: r.credential,
        harborVersion: r.harborVersion,
        ...versionColumns(r.harborVersion),
        apiGeneration: r.apiGeneration,
        components: (r.components ?? Prisma.DbNull) as Prisma.InputJsonValue,
        projectCount: r.projectCount,
        repoCount: r.repoCount,
        storageBytes: r.storageBytes,
        readOnly: r.readOnly,
        authMode: r.authMode,
        externalUrl: r.externalUrl,
        storageProvider: r.storageProvider,
        latencyMs: r.latencyMs,
        errorKind: r.errorKind,
        errorMessage: r.errorMessage,
        checkedAt: r.checkedAt,
        consecutiveFailures: failures,
        nextPollAt: new Date(r.checkedAt.getTime() + wait * 1000),
      };
      await tx.instanceStatus.upsert({ where: { instanceId: r.instanceId }, create: { instanceId: r.instanceId, ...status }, update: status });
      if (r.apiGeneration) {
        // Raw SQL on purpose: a detection is not an edit, so "updatedAt/updatedBy" stay the last person's.
        await tx.$executeRaw`update "HarborInstance" set "apiGeneration" = ${r.apiGeneration}, "harborVersion" = ${r.harborVersion}, "detectedAt" = ${r.checkedAt}
          where id = ${r.instanceId}::uuid and ("apiGeneration" is distinct from ${r.apiGeneration} or "harborVersion" is distinct from ${r.harborVersion})`;
      }
    }
    const perSweep = new Map<string, number>();
    for (const j of jobs) perSweep.set(j.sweepId, (perSweep.get(j.sweepId) ?? 0) + 1);
    for (const [sweepId, n] of perSweep) {
      await tx.$executeRaw`update "CollectorSweep" set done = least(total, done + ${n}), "finishedAt" = case when done + ${n} >= total then coalesce("finishedAt", now()) else "finishedAt" end where id = ${sweepId}::uuid`;
    }
  });
}
