import "server-only";
import * as z from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { planUpgradePath } from "../upgrade";
import { formatRelease } from "../releases";

const ZDatabaseKind = z.object({ database: z.object({ type: z.enum(["internal", "external"]) }) });

/** What planning needs to know about an instance: the version it runs (last poll, else last detection) and its database. */
export async function getUpgradeSubject(instanceId: string) {
  const inst = await db.harborInstance.findUnique({
    where: { id: instanceId },
    select: { id: true, name: true, deploymentMode: true, harborVersion: true, detectedAt: true, status: { select: { harborVersion: true, checkedAt: true } } },
  });
  if (!inst) return null;
  const rev = await db.topologyRevision.findFirst({ where: { instanceId }, select: { topology: true, revision: true }, orderBy: { revision: "desc" } });
  const parsed = rev ? ZDatabaseKind.safeParse(rev.topology) : null;
  // the newer of the last poll and the last detection (a "Re-check now" is a detection)
  const polled = inst.status?.harborVersion ? { version: inst.status.harborVersion, at: inst.status.checkedAt } : null;
  const detected = inst.harborVersion ? { version: inst.harborVersion, at: inst.detectedAt } : null;
  const live = polled && (!detected || (polled.at?.getTime() ?? 0) >= (detected.at?.getTime() ?? 0)) ? polled : detected;
  return {
    id: inst.id,
    name: inst.name,
    deploymentMode: inst.deploymentMode,
    liveVersion: live?.version ?? null,
    liveAt: live?.at?.toISOString() ?? null,
    /** unknown without a recorded topology: the planner then assumes the internal one (it only adds constraints) */
    internalDatabase: parsed?.success ? parsed.data.database.type === "internal" : true,
    topologyRevision: rev?.revision ?? null,
  };
}

/** The path from the instance's live version to the target, or a refusal at the target field. */
export async function planFor(instanceId: string, target: string) {
  const subject = await getUpgradeSubject(instanceId);
  if (!subject) throw new AppError("not_found", "This instance no longer exists; someone deleted it.");
  if (!subject.liveVersion) {
    const msg = "The console has not detected this instance's version yet: press “Re-check now” (or Test connection on its page) first.";
    throw new AppError("validation", msg, { fieldErrors: { target: [msg] } });
  }
  const plan = planUpgradePath(subject.liveVersion, target, { internalDatabase: subject.internalDatabase });
  if (!plan.ok) throw new AppError("validation", plan.error, { fieldErrors: { target: [plan.error] } });
  if (plan.hops.length === 0) {
    const msg = `${subject.name} already runs ${formatRelease(plan.from)}: choose a newer release.`;
    throw new AppError("validation", msg, { fieldErrors: { target: [msg] } });
  }
  return { subject, from: formatRelease(plan.from), path: plan.hops.map((h) => formatRelease(h.to)) };
}
