import "server-only";
import { generateBundle } from "../config/bundle";
import { diffBundles, diffYaml, type FileDiff, type YamlDiff } from "../config/diff";
import { HARBOR_YML_SECRET_KEYS } from "../config/secret-keys";
import { inspectHarborYml } from "../config/inspect-harbor-yml";
import { SECRET_MASK, type ConfigFile, type InstanceLifecycle, type RunningInstance } from "../config/types";
import { zipBundle } from "../config/zip";
import type { TConfigDiffInput } from "../schemas/topology-actions";
import { markStoredSecrets } from "../schemas/topology-secrets";
import type { ConfigIssue } from "../schemas/config-issue";
import { db } from "../db";
import { recordAudit, type Actor } from "./audit";
import { getTopologyRevision, getTopologyWithSecrets, type TopologyRevisionSummary } from "./topology";

/** Files as a page may show them: secret values masked, secret files reduced to a note. */
export interface ConfigPreview {
  revision: TopologyRevisionSummary;
  /** planned: an install bundle; running: a reconfigure bundle (lib/config/lifecycle.ts) */
  lifecycle: InstanceLifecycle;
  ok: boolean;
  files: ConfigFile[];
  issues: ConfigIssue[];
}

const SECRET_FILE_NOTE = `${SECRET_MASK}\n(secret material: included in the download only)\n`;

interface BundleInstance {
  name: string;
  lifecycle: InstanceLifecycle;
  /** what the collector last saw, else the last detection */
  liveVersion: string | null;
}

async function bundleInstance(instanceId: string): Promise<BundleInstance | null> {
  const row = await db.harborInstance.findUnique({
    where: { id: instanceId },
    select: { name: true, lifecycle: true, harborVersion: true, status: { select: { harborVersion: true } } },
  });
  return row ? { name: row.name, lifecycle: row.lifecycle, liveVersion: row.status?.harborVersion ?? row.harborVersion ?? null } : null;
}

/** What a running instance's bundle knows: the version it runs, and the revision before (taken as what runs). */
async function runningContext(instanceId: string, revision: number, instance: BundleInstance): Promise<RunningInstance | undefined> {
  if (instance.lifecycle !== "running") return undefined;
  const previous = revision > 1 ? await getTopologyRevision({ instanceId, revision: revision - 1 }) : null;
  return { version: instance.liveVersion, previous: previous ? { revision: previous.revision, topology: previous.topology } : null };
}

export async function getConfigPreview(opts: { instanceId: string; revision?: number }): Promise<ConfigPreview | null> {
  const [rev, instance] = await Promise.all([getTopologyRevision(opts), bundleInstance(opts.instanceId)]);
  if (!rev || !instance) return null;
  const { topology, secretsSet, ...summary } = rev;
  const running = await runningContext(opts.instanceId, rev.revision, instance);
  // Previews are generated from the stored (secret-free) topology; secret fields that are set must not fail
  // "required" checks, so they are filled with the mask before generation.
  const bundle = generateBundle(markStoredSecrets(topology, secretsSet, SECRET_MASK), {
    secrets: null,
    mask: true,
    instanceName: instance.name,
    lifecycle: instance.lifecycle,
    running,
    revision: rev.revision,
  });
  const base = { revision: summary, lifecycle: instance.lifecycle };
  if (!bundle.ok) return { ...base, ok: false, files: [], issues: bundle.issues };
  return { ...base, ok: true, files: bundle.files.map((f) => (f.secret ? { ...f, content: SECRET_FILE_NOTE } : f)), issues: bundle.issues };
}

async function unmaskedFiles(
  instanceId: string,
  revision: number,
  instance: BundleInstance,
  createShared = false,
): Promise<{ ok: true; files: ConfigFile[]; lifecycle: InstanceLifecycle } | { ok: false; issues: ConfigIssue[] } | null> {
  const loaded = await getTopologyWithSecrets({ instanceId, revision, createShared });
  if (!loaded) return null;
  const running = await runningContext(instanceId, revision, { ...instance, lifecycle: loaded.lifecycle });
  const bundle = generateBundle(loaded.topology, {
    secrets: loaded.shared,
    mask: false,
    instanceName: instance.name,
    lifecycle: loaded.lifecycle,
    running,
    revision,
  });
  return bundle.ok ? { ok: true, files: bundle.files, lifecycle: loaded.lifecycle } : { ok: false, issues: bundle.issues };
}

export type ConfigDiffResult =
  | { kind: "revision"; from: number; to: number; files: FileDiff[] }
  | { kind: "upload"; fileName: string; target: string; unknownKeys: string[]; warnings: string[]; diff: YamlDiff }
  | { kind: "error"; message: string };

const noFiles = (revision: number, issues: ConfigIssue[]) =>
  `Revision ${revision} does not produce files: ${issues
    .filter((i) => i.severity === "error")
    .map((i) => i.message)
    .join("; ")}`;

/** Diffs computed on the real files (so a changed secret is noticed) and returned with every secret masked. */
export async function diffConfig(input: TConfigDiffInput & { against: { fileName?: string } }): Promise<ConfigDiffResult | null> {
  const instance = await bundleInstance(input.instanceId);
  if (!instance) return null;
  const against = input.against;
  if (against.kind === "upload")
    return diffUpload(input.instanceId, input.revision, instance, { text: against.text, fileName: against.fileName ?? "harbor.yml", node: against.node });
  const after = await unmaskedFiles(input.instanceId, input.revision, instance);
  if (!after) return null;
  if (!after.ok) return { kind: "error", message: noFiles(input.revision, after.issues) };
  const before = await unmaskedFiles(input.instanceId, against.revision, instance);
  if (!before) return null;
  if (!before.ok) return { kind: "error", message: `Revision ${against.revision} does not produce files, so there is nothing to compare with.` };
  return { kind: "revision", from: against.revision, to: input.revision, files: diffBundles(before.files, after.files) };
}

/** The upload is inspected first (size, YAML, unknown keys), so a bad file costs no generation. */
async function diffUpload(
  instanceId: string,
  revision: number,
  instance: BundleInstance,
  upload: { text: string; fileName: string; node?: string },
): Promise<ConfigDiffResult | null> {
  const rev = await getTopologyRevision({ instanceId, revision });
  if (!rev) return null;
  const inspected = inspectHarborYml(upload.text, rev.harborVersion);
  if (!inspected.ok) return { kind: "error", message: inspected.error };
  const after = await unmaskedFiles(instanceId, revision, instance);
  if (!after) return null;
  if (!after.ok) return { kind: "error", message: noFiles(revision, after.issues) };
  const targets = after.files.filter((f) => f.path.endsWith("harbor.yml"));
  if (targets.length === 0) return { kind: "error", message: "This revision deploys with Helm: there is no harbor.yml to compare an upload with." };
  const target = targets.find((f) => upload.node && f.path === `nodes/${upload.node}/harbor.yml`) ?? targets[0];
  return {
    kind: "upload",
    fileName: upload.fileName,
    target: target.path,
    unknownKeys: inspected.unknownKeys,
    warnings: inspected.warnings,
    diff: diffYaml(upload.text, target.content, { secretKeys: HARBOR_YML_SECRET_KEYS, blindSecrets: true }),
  };
}

/** The zip a user downloads, with real secrets; audited. Refused with the issues when the revision is invalid. */
export async function getConfigDownload(opts: {
  instanceId: string;
  revision: number;
  actor: Actor;
  requestId: string;
}): Promise<{ ok: true; zip: Uint8Array; fileName: string } | { ok: false; issues: ConfigIssue[] } | null> {
  const instance = await bundleInstance(opts.instanceId);
  if (!instance) return null;
  const name = instance.name;
  const files = await unmaskedFiles(opts.instanceId, opts.revision, instance, true);
  if (!files) return null;
  if (!files.ok) return files;
  const root = `${name}-r${opts.revision}`;
  const zip = zipBundle(files.files, root);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: opts.actor,
      action: "config.download",
      targetType: "instance",
      targetId: opts.instanceId,
      targetName: name,
      after: { revision: opts.revision, lifecycle: files.lifecycle, files: files.files.map((f) => f.path) },
      requestId: opts.requestId,
    }),
  );
  return { ok: true, zip, fileName: `${root}.zip` };
}
