import "server-only";
import { randomUUID } from "node:crypto";
import {
  listAllProjects,
  listExecutions,
  listWebhookJobs,
  listWebhookPolicies,
  redeliveryBlocker,
  resolveVersion,
  type HarborClient,
  type HarborResult,
  type THarborWebhookPolicy,
} from "../../harbor";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { INVENTORY_POLICY_CAP } from "../../schemas/webhook-inventory";
import { semaphore } from "../collector/semaphore";
import { withInstanceClient } from "../harbor-session";
import { executionDelivery, jobDelivery } from "./dto";
import { executionRecord, jobRecord, type KeptDelivery } from "./delivery-record";
import { readFailureMessage } from "./failure";
import { failingStreak, recentFailures, targetHost, timeOrNull } from "./delivery-summary";

/**
 * The webhook inventory (issue #13): every policy of every project of one instance, read through Harbor's API and
 * stored without secrets (targets by host only). A refresh replaces the instance's rows in one transaction; a failed
 * one keeps them and records why, so the page marks them stale. Calls to one Harbor run at most CONCURRENCY at once.
 * Bounded: at most MAX_POLICIES_PER_REFRESH policies per instance (the rest is not read; the result says "truncated"),
 * and one refresh per instance at a time, across replicas (a mark in WebhookInventoryRefresh, claimed atomically).
 */

const CONCURRENCY = 4;
export const MAX_POLICIES_PER_REFRESH = INVENTORY_POLICY_CAP;
/** A running mark older than this is a refresh that died with its process: the next one may start. */
const RUNNING_LEASE_MINUTES = 15;
export const ALREADY_RUNNING = "A refresh of this instance is already running; its result will show here when it ends.";
/** Deliveries read per policy, for the last one and the failing streak. */
const STREAK_WINDOW = 10;

export interface InventoryRefreshResult {
  instanceId: string;
  ok: boolean;
  policies: number;
  error: string | null;
  /** stopped at MAX_POLICIES_PER_REFRESH */
  truncated?: boolean;
  /** another refresh of the instance was under way; this one did nothing */
  alreadyRunning?: boolean;
}

/** Claims the instance's running mark; false when another refresh holds it (and is younger than the lease). */
async function claimRefresh(instanceId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ instanceId: string }[]>`
    insert into "WebhookInventoryRefresh" ("instanceId", "attemptedAt", "runningSince") values (${instanceId}::uuid, now(), now())
    on conflict ("instanceId") do update set "runningSince" = now()
    where "WebhookInventoryRefresh"."runningSince" is null
       or "WebhookInventoryRefresh"."runningSince" < now() - make_interval(mins => ${RUNNING_LEASE_MINUTES}::int)
    returning "instanceId"`;
  return rows.length === 1;
}

async function releaseRefresh(instanceId: string): Promise<void> {
  await db.webhookInventoryRefresh.updateMany({ where: { instanceId }, data: { runningSince: null } });
}

async function deliveriesOf(client: HarborClient, project: number, p: THarborWebhookPolicy, executions: boolean): Promise<HarborResult<KeptDelivery[]>> {
  if (executions) {
    const r = await listExecutions({ client, project, policyId: p.id, page: 1, pageSize: STREAK_WINDOW, sort: "-start_time" });
    return r.ok ? { ...r, value: r.value.items.map((e) => ({ ...executionDelivery(e), ...executionRecord(e) })) } : r;
  }
  const r = await listWebhookJobs({ client, project, policyId: p.id, page: 1, pageSize: STREAK_WINDOW, sort: "-creation_time" });
  if (!r.ok) return r;
  const all = r.value.items.map((j) => ({ ...jobDelivery(j), ...jobRecord(j) })).sort((a, b) => (b.at ?? "").localeCompare(a.at ?? ""));
  return { ...r, value: all.slice(0, STREAK_WINDOW) };
}

export async function refreshWebhookInventory(opts: { instanceId: string; maxPolicies?: number; signal?: AbortSignal }): Promise<InventoryRefreshResult> {
  const attemptedAt = new Date();
  const cap = opts.maxPolicies ?? MAX_POLICIES_PER_REFRESH;
  const outcome = await withInstanceClient(opts.instanceId, async (client): Promise<Read | { busy: true }> => {
    if (!(await claimRefresh(opts.instanceId))) return { busy: true };
    try {
      return await readInventory(client, opts.instanceId, attemptedAt, cap, opts.signal);
    } catch (e) {
      await releaseRefresh(opts.instanceId);
      throw e;
    }
  });
  if ("busy" in outcome) return { instanceId: opts.instanceId, ok: false, policies: 0, error: ALREADY_RUNNING, alreadyRunning: true };
  if ("error" in outcome) {
    await db.webhookInventoryRefresh.upsert({
      where: { instanceId: opts.instanceId },
      create: { instanceId: opts.instanceId, attemptedAt, error: outcome.error },
      update: { attemptedAt, error: outcome.error, runningSince: null },
    });
    return { instanceId: opts.instanceId, ok: false, policies: 0, error: outcome.error };
  }
  const { rows, failures, projectCount, truncated } = outcome;
  await db.$transaction([
    // The failures go with their entries (on delete cascade).
    db.webhookInventoryEntry.deleteMany({ where: { instanceId: opts.instanceId } }),
    db.webhookInventoryEntry.createMany({ data: rows }),
    db.webhookFailedDelivery.createMany({ data: failures }),
    db.webhookInventoryRefresh.upsert({
      where: { instanceId: opts.instanceId },
      create: { instanceId: opts.instanceId, attemptedAt, succeededAt: attemptedAt, error: null, projectCount, policyCount: rows.length, truncated },
      update: { attemptedAt, succeededAt: attemptedAt, error: null, projectCount, policyCount: rows.length, truncated, runningSince: null },
    }),
  ]);
  return { instanceId: opts.instanceId, ok: true, policies: rows.length, error: null, truncated };
}

type Read =
  | { error: string }
  | { rows: Prisma.WebhookInventoryEntryCreateManyInput[]; failures: Prisma.WebhookFailedDeliveryCreateManyInput[]; projectCount: number; truncated: boolean };

/** Every policy of every project, up to `cap` (projects after the cap is reached are not asked), with its deliveries. */
async function readInventory(client: HarborClient, instanceId: string, attemptedAt: Date, cap: number, signal?: AbortSignal): Promise<Read> {
  // A stopping replica asks Harbor nothing more: the refresh is dropped unrecorded (released, due again next minute).
  const go = () => {
    if (signal?.aborted) throw new Error("stopped: this console is stopping");
  };
  go();
  const d = await resolveVersion({ client });
  if (!d.ok) return { error: readFailureMessage(d.error) };
  const generation = d.value.generation;
  const executions = generation === "v2.8" || generation === "v2.13";
  go();
  const projects = await listAllProjects({ client });
  if (!projects.ok) return { error: readFailureMessage(projects.error) };
  const slot = semaphore(CONCURRENCY);
  let seen = 0;
  let skipped = false;
  const perProject = await Promise.all(
    projects.value.items.map((project) =>
      slot(async () => {
        if (seen > cap) {
          skipped = true;
          return { project, policies: [] };
        }
        go();
        const r = await listWebhookPolicies({ client, project: project.project_id });
        if (r.ok) seen += r.value.length;
        return r.ok ? { project, policies: r.value } : { error: `${project.name}: ${readFailureMessage(r.error)}` };
      }),
    ),
  );
  const failed = perProject.find((p): p is { error: string } => "error" in p);
  if (failed) return { error: failed.error };
  const all = perProject.flatMap((p) => ("error" in p ? [] : p.policies.map((policy) => ({ project: p.project, policy }))));
  const truncated = skipped || all.length > cap;
  const found = all.slice(0, cap);
  const read = await Promise.all(
    found.map(({ project, policy }) =>
      slot(async () => {
        go();
        const ds = await deliveriesOf(client, project.project_id, policy, executions);
        const last = ds.ok ? (ds.value[0] ?? null) : null;
        const id = randomUUID();
        // 2.8+ executions do not say their event (the spec types extra_attrs' values as objects): a policy with one event
        // type can only have delivered that one.
        const onlyEvent = policy.event_types.length === 1 ? policy.event_types[0] : null;
        const targetTypes = policy.targets.map((t) => t.type);
        const failures = ds.ok
          ? recentFailures(ds.value).map((f) => ({
              entryId: id,
              at: timeOrNull(f.at),
              status: f.status,
              eventType: f.eventType ?? onlyEvent,
              message: f.message?.slice(0, 1000) ?? null,
              harborJobId: f.harborJobId,
              notifyType: f.notifyType,
              redeliverBlocker: redeliveryBlocker({ generation, notifyType: f.notifyType, targetTypes, hasPayload: f.hasPayload }),
            }))
          : [];
        const row = {
          id,
          instanceId,
          projectId: project.project_id,
          projectName: project.name,
          policyId: policy.id,
          name: policy.name,
          enabled: policy.enabled,
          eventTypes: policy.event_types,
          targetTypes,
          targetHosts: policy.targets.map((t) => targetHost(t.address)),
          payloadFormats: policy.targets.map((t) => (t.type === "http" && t.payload_format ? t.payload_format : "")),
          lastDeliveryAt: last?.at ? new Date(last.at) : null,
          lastDeliveryStatus: last?.status ?? null,
          lastDeliveryOk: last?.ok ?? null,
          failingStreak: ds.ok ? failingStreak(ds.value) : null,
          refreshedAt: attemptedAt,
        };
        return { row, failures };
      }),
    ),
  );
  return { rows: read.map((r) => r.row), failures: read.flatMap((r) => r.failures), projectCount: projects.value.items.length, truncated };
}

/**
 * The collector's share: every instance whose inventory is older than `minutes` (or never read), refreshed a few at a
 * time; a dead instance records its reason and never holds up the others.
 */
export async function refreshDueInventories(opts: {
  minutes: number;
  concurrency?: number;
  now?: Date;
  only?: string[];
  signal?: AbortSignal;
}): Promise<InventoryRefreshResult[]> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.minutes * 60_000);
  const due = await db.harborInstance.findMany({
    where: { ...(opts.only ? { id: { in: opts.only } } : {}), OR: [{ webhookRefresh: null }, { webhookRefresh: { attemptedAt: { lt: cutoff } } }] },
    select: { id: true },
    orderBy: { name: "asc" },
  });
  const slot = semaphore(opts.concurrency ?? 4);
  // A stopping replica starts no further refresh (they are due again at the next minute, on another replica).
  const started = due.map((d) =>
    slot(async () =>
      opts.signal?.aborted
        ? null
        : refreshWebhookInventory({ instanceId: d.id, signal: opts.signal }).catch((e: unknown) => ({
            instanceId: d.id,
            ok: false,
            policies: 0,
            error: e instanceof Error ? e.message : String(e),
          })),
    ),
  );
  return (await Promise.all(started)).filter((r): r is InventoryRefreshResult => r !== null);
}
