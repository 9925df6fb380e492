import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db, isUniqueViolation } from "../db";
import { AppError } from "../errors";
import { checkTopology } from "../config/validate";
import { diffTopologies } from "../config/topology-diff";
import { generatesSharedKeys, patchUpgradeWarning, versionChange } from "../config/lifecycle";
import { isBlocking, type InstanceLifecycle, type SharedSecrets } from "../config/types";
import { mergeSecrets, SECRET_PATHS, stripSecrets, type SecretPath } from "../schemas/topology-secrets";
import { ZTopology, type TTopology } from "../schemas/topology";
import type { ConfigIssue } from "../schemas/config-issue";
import { stripUnknownKeys } from "../schemas/topology-keys";
import type { NotRepresented } from "../config/adopt-types";
import type { SaveTopologyResult, TopologyConflict, TopologyRevisionDto, TopologyRevisionSummary } from "../schemas/topology-actions";
import { recordAudit, type Actor } from "./audit";
import { openSecret, sealSecret, secretContext } from "./keyring";
import { ensureSharedSecrets, readSharedSecrets } from "./shared-secrets";

export type { SaveTopologyResult, TopologyConflict, TopologyRevisionDto, TopologyRevisionSummary } from "../schemas/topology-actions";

type Secrets = Partial<Record<SecretPath, string>>;

const SUMMARY = {
  revision: true,
  harborVersion: true,
  deploymentKind: true,
  message: true,
  createdAt: true,
  createdByEmail: true,
} satisfies Prisma.TopologyRevisionSelect;
const FULL = { ...SUMMARY, topology: true, secretsCipher: true, notRepresented: true, adoptedFrom: true } satisfies Prisma.TopologyRevisionSelect;
type SummaryRow = Prisma.TopologyRevisionGetPayload<{ select: typeof SUMMARY }>;
type FullRow = Prisma.TopologyRevisionGetPayload<{ select: typeof FULL }>;

const toSummary = (r: SummaryRow): TopologyRevisionSummary => ({
  revision: r.revision,
  harborVersion: r.harborVersion,
  deploymentKind: r.deploymentKind,
  message: r.message,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdByEmail,
});

/**
 * A stored revision's topology. ZTopology refuses keys it does not know; a revision written by a version of the console
 * that had a key since removed or renamed must still open, so such keys are dropped here.
 */
const storedTopology = (r: Pick<FullRow, "topology">): TTopology => stripUnknownKeys(ZTopology, r.topology) as TTopology;

function openRevisionSecrets(instanceId: string, r: Pick<FullRow, "revision" | "secretsCipher">): Secrets {
  if (!r.secretsCipher) return {};
  return JSON.parse(openSecret(r.secretsCipher, secretContext("topology-revision", instanceId, String(r.revision)))) as Secrets;
}

function toDto(instanceId: string, r: FullRow): TopologyRevisionDto {
  const secrets = openRevisionSecrets(instanceId, r);
  const adoption = r.adoptedFrom ? { source: r.adoptedFrom, notRepresented: (r.notRepresented ?? []) as unknown as NotRepresented[] } : null;
  return { ...toSummary(r), topology: storedTopology(r), secretsSet: SECRET_PATHS.filter((p) => !!secrets[p]), adoption };
}

/**
 * The current revision with its secrets, to diff an adoption against on the server (what changed, secrets included);
 * the caller returns only masked changes. null when the instance has no revision.
 */
export async function getCurrentTopologyWithSecrets(instanceId: string): Promise<{ revision: number; topology: TTopology; secrets: Secrets } | null> {
  const row = await db.topologyRevision.findFirst({ where: { instanceId }, select: FULL, orderBy: { revision: "desc" } });
  return row ? { revision: row.revision, topology: storedTopology(row), secrets: openRevisionSecrets(instanceId, row) } : null;
}

export async function listTopologyRevisions(instanceId: string): Promise<TopologyRevisionSummary[]> {
  const rows = await db.topologyRevision.findMany({ where: { instanceId }, select: SUMMARY, orderBy: { revision: "desc" } });
  return rows.map(toSummary);
}

/** The given revision, or the current (latest) one; null when the instance has none yet. */
export async function getTopologyRevision(opts: { instanceId: string; revision?: number }): Promise<TopologyRevisionDto | null> {
  const row = await db.topologyRevision.findFirst({
    where: { instanceId: opts.instanceId, ...(opts.revision ? { revision: opts.revision } : {}) },
    select: FULL,
    orderBy: { revision: "desc" },
  });
  return row ? toDto(opts.instanceId, row) : null;
}

/**
 * The only way to read a revision with its secrets and the instance's shared secrets: for generating the files a
 * user downloads, never for a page. A running instance's shared keys are never read nor generated (`shared` is
 * null): its files carry none (lib/config/lifecycle.ts).
 */
export async function getTopologyWithSecrets(opts: {
  instanceId: string;
  revision: number;
  createShared?: boolean;
}): Promise<{ topology: TTopology; shared: SharedSecrets | null; lifecycle: InstanceLifecycle } | null> {
  const [row, instance] = await Promise.all([
    db.topologyRevision.findUnique({ where: { instanceId_revision: { instanceId: opts.instanceId, revision: opts.revision } }, select: FULL }),
    db.harborInstance.findUnique({ where: { id: opts.instanceId }, select: { lifecycle: true } }),
  ]);
  if (!row || !instance) return null;
  const topology = mergeSecrets(storedTopology(row), openRevisionSecrets(opts.instanceId, row));
  if (!generatesSharedKeys(instance.lifecycle)) return { topology, shared: null, lifecycle: instance.lifecycle };
  // Every save of a planned instance creates the shared keys, so reading them never needs to write (and viewers'
  // reads never do); one marked planned after its saves gets them at its first download.
  const shared = opts.createShared ? await ensureSharedSecrets(opts.instanceId) : await readSharedSecrets(opts.instanceId);
  if (!shared) throw new Error(`instance ${opts.instanceId} has a topology revision but no shared keys`);
  return { topology, shared, lifecycle: instance.lifecycle };
}

function changedSecrets(a: Secrets, b: Secrets): SecretPath[] {
  return SECRET_PATHS.filter((p) => (a[p] ?? "") !== (b[p] ?? ""));
}

/** The stale-edit refusal: an AppError like every conflict, carrying the revision saved meanwhile and what it changed. */
async function staleBase(instanceId: string, baseRevision: number): Promise<AppError> {
  const conflict = await conflictSince(instanceId, baseRevision);
  const { revision, createdBy } = conflict.current;
  return new AppError("conflict", `Revision ${revision} was saved by ${createdBy} since you opened this topology.`, { conflict });
}

async function conflictSince(instanceId: string, baseRevision: number): Promise<TopologyConflict> {
  const [base, current] = await Promise.all([
    baseRevision > 0 ? db.topologyRevision.findUnique({ where: { instanceId_revision: { instanceId, revision: baseRevision } }, select: FULL }) : null,
    db.topologyRevision.findFirstOrThrow({ where: { instanceId }, select: FULL, orderBy: { revision: "desc" } }),
  ]);
  const baseTopology = base ? storedTopology(base) : null;
  const secretDiff = changedSecrets(base ? openRevisionSecrets(instanceId, base) : {}, openRevisionSecrets(instanceId, current));
  return { current: toSummary(current), changes: diffTopologies(baseTopology, storedTopology(current), secretDiff) };
}

/**
 * A running instance's version moves only to a later patch of the line it runs (then with a warning); anything else
 * is an upgrade to plan, or a downgrade Harbor cannot do, and is refused at the harborVersion field. "What it runs" is
 * what the collector last saw, else the last detection, else the base revision's version.
 */
function checkRunningVersion(running: string | null, t: TTopology): ConfigIssue[] {
  const change = versionChange(running, t.harborVersion, { internalDatabase: t.database.type === "internal" });
  if (change.kind === "refused") throw new AppError("validation", change.message, { fieldErrors: { harborVersion: [change.message] } });
  return change.kind === "patch" ? [{ section: "harborVersion", field: "harborVersion", message: patchUpgradeWarning(change), severity: "warning" }] : [];
}

/**
 * Saves the next revision on top of `baseRevision` (0 for the first). Secret fields left empty keep the base
 * revision's values, except those named in `clearSecrets`. Throws a conflict (AppError carrying `TopologyConflict`),
 * never overwrites, when someone saved since the base.
 */
export async function saveTopology(opts: {
  instanceId: string;
  baseRevision: number;
  input: unknown;
  message: string;
  clearSecrets?: readonly SecretPath[];
  /** adopted from a running Harbor's files: stored on the revision, and the instance is running from then on */
  adoption?: { source: string; notRepresented: NotRepresented[] };
  actor: Actor;
  requestId: string;
}): Promise<SaveTopologyResult> {
  const { instanceId, baseRevision, actor } = opts;
  const instance = await db.harborInstance.findUnique({
    where: { id: instanceId },
    select: { name: true, lifecycle: true, harborVersion: true, status: { select: { harborVersion: true } } },
  });
  if (!instance) throw new AppError("not_found", "This instance no longer exists; someone deleted it.");

  const base = await db.topologyRevision.findFirst({ where: { instanceId }, select: FULL, orderBy: { revision: "desc" } });
  if ((base?.revision ?? 0) !== baseRevision) throw await staleBase(instanceId, baseRevision);
  const baseSecrets = base ? openRevisionSecrets(instanceId, base) : {};
  const keptSecrets: Secrets = Object.fromEntries(Object.entries(baseSecrets).filter(([path]) => !opts.clearSecrets?.includes(path as SecretPath)));

  const parsed = checkTopology(opts.input);
  if (!parsed.topology) return { ok: false, reason: "invalid", issues: parsed.issues };
  // Authoritative check on what will be stored: the submitted values plus the kept secrets.
  const merged = mergeSecrets(parsed.topology, keptSecrets);
  const checked = checkTopology(merged);
  if (!checked.topology || isBlocking(checked.issues)) return { ok: false, reason: "invalid", issues: checked.issues };

  const running = instance.lifecycle === "running" || !!opts.adoption;
  // adopted files say what runs: only what the collector saw can contradict them, not an older revision
  const live = instance.status?.harborVersion ?? instance.harborVersion ?? (opts.adoption ? null : (base?.harborVersion ?? null));
  const warnings = running ? checkRunningVersion(live, checked.topology) : [];
  const lifecycle = running ? "running" : instance.lifecycle;

  const { topology, secrets } = stripSecrets(checked.topology);
  const revision = baseRevision + 1;
  // A running instance's keys are on its hosts: the console never makes any for it.
  if (generatesSharedKeys(lifecycle)) await ensureSharedSecrets(instanceId);
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.topologyRevision.create({
        data: {
          instanceId,
          revision,
          topology: topology as unknown as Prisma.InputJsonValue,
          secretsCipher: Object.keys(secrets).length
            ? sealSecret(JSON.stringify(secrets), secretContext("topology-revision", instanceId, String(revision)))
            : null,
          harborVersion: topology.harborVersion,
          deploymentKind: topology.deployment.kind,
          message: opts.message,
          createdById: actor.id,
          createdByEmail: actor.email,
          ...(opts.adoption ? { adoptedFrom: opts.adoption.source, notRepresented: opts.adoption.notRepresented as unknown as Prisma.InputJsonValue } : {}),
        },
        select: SUMMARY,
      });
      if (opts.adoption && instance.lifecycle !== "running") {
        await tx.harborInstance.update({ where: { id: instanceId }, data: { lifecycle: "running" } });
        await recordAudit(tx, {
          actor,
          action: "instance.lifecycle",
          targetType: "instance",
          targetId: instanceId,
          targetName: instance.name,
          before: { lifecycle: instance.lifecycle },
          after: { lifecycle: "running", reason: "adopted from its files" },
          requestId: opts.requestId,
        });
      }
      await recordAudit(tx, {
        actor,
        action: opts.adoption ? "topology.adopt" : "topology.save",
        targetType: "instance",
        targetId: instanceId,
        targetName: instance.name,
        before: base ? { revision: base.revision } : null,
        after: {
          revision,
          harborVersion: topology.harborVersion,
          message: opts.message,
          // the first revision is all new: its audit row names the version and mode, not every default
          changes: base ? (diffTopologies(storedTopology(base), topology, changedSecrets(baseSecrets, secrets)) as unknown as Prisma.InputJsonValue) : null,
          deploymentKind: topology.deployment.kind,
          lifecycle,
          ...(opts.adoption ? { adoptedFrom: opts.adoption.source, notRepresented: opts.adoption.notRepresented.map((n) => n.path) } : {}),
          ...(warnings.length ? { warnings: warnings.map((w) => w.message) } : {}),
        },
        requestId: opts.requestId,
      });
      return created;
    });
    return { ok: true, revision: toSummary(row), ...(warnings.length ? { warnings } : {}) };
  } catch (e) {
    if (isUniqueViolation(e)) throw await staleBase(instanceId, baseRevision);
    throw e;
  }
}
