import "server-only";
import { adoptHarborYml } from "../config/adopt-harbor-yml";
import { adoptHelmValues } from "../config/adopt-helm-values";
import type { AdoptError, AdoptResult } from "../config/adopt-types";
import { diffTopologies } from "../config/topology-diff";
import { checkTopology } from "../config/validate";
import { db } from "../db";
import { AppError } from "../errors";
import type { AdoptPreview, TAdoptFiles } from "../schemas/adopt";

export type { AdoptPreview } from "../schemas/adopt";
import { getPath } from "../schemas/topology-path";
import { markStoredSecrets, SECRET_PATHS, stripSecrets, type SecretPath } from "../schemas/topology-secrets";
import type { Actor } from "./audit";
import { getCurrentTopologyWithSecrets, saveTopology, type SaveTopologyResult } from "./topology";

/**
 * Helm values often leave the initial admin password out (an existing Secret, or the chart's default, read on the first
 * start only): then the stored one is kept rather than cleared. harbor.yml always states it.
 */
const keptWhenUnstated = (upload: TAdoptFiles): SecretPath[] => (upload.kind === "helm" ? ["adminPassword"] : []);

async function adopt(instanceId: string, upload: TAdoptFiles) {
  const instance = await db.harborInstance.findUnique({
    where: { id: instanceId },
    select: { harborVersion: true, status: { select: { harborVersion: true } } },
  });
  if (!instance) throw new AppError("not_found", "This instance no longer exists; someone deleted it.");
  const current = await getCurrentTopologyWithSecrets(instanceId);
  const base = current?.topology ?? null;
  const result: AdoptResult =
    upload.kind === "helm"
      ? adoptHelmValues({ file: upload.file, text: upload.text, chartVersion: upload.chartVersion, base })
      : adoptHarborYml({ files: upload.files, base, versionHint: instance.status?.harborVersion ?? instance.harborVersion ?? null });
  return { result, current };
}

export async function previewAdoption(opts: { instanceId: string; upload: TAdoptFiles }): Promise<AdoptPreview> {
  const { result, current } = await adopt(opts.instanceId, opts.upload);
  if (!result.ok) return result;
  const { topology, secrets } = stripSecrets(result.topology);
  const secretChanged = SECRET_PATHS.filter((p) => (secrets[p] ?? "") !== (current?.secrets[p] ?? ""));
  return {
    ok: true,
    source: result.source,
    harborVersion: topology.harborVersion,
    baseRevision: current?.revision ?? 0,
    changes: diffTopologies(current?.topology ?? null, topology, secretChanged),
    nodeDifferences: result.nodeDifferences,
    notRepresented: result.notRepresented,
    warnings: result.warnings,
    issues: checkTopology(
      markStoredSecrets(
        result.topology,
        keptWhenUnstated(opts.upload).filter((p) => !!current?.secrets[p]),
        "stored",
      ),
    ).issues,
  };
}

/**
 * Saves the adopted topology through the same checked path as the form (conflict on a stale base, the running
 * version rule, audit), with the not-represented list on the revision. A secret the files leave empty is cleared,
 * not kept from the previous revision: the files are what runs.
 */
export async function adoptTopology(opts: {
  instanceId: string;
  baseRevision: number;
  message: string;
  upload: TAdoptFiles;
  actor: Actor;
  requestId: string;
}): Promise<SaveTopologyResult | { ok: false; reason: "refused"; errors: AdoptError[] }> {
  const { result } = await adopt(opts.instanceId, opts.upload);
  if (!result.ok) return { ok: false, reason: "refused", errors: result.errors };
  const clearSecrets = SECRET_PATHS.filter((p): p is SecretPath => getPath(result.topology, p) === "" && !keptWhenUnstated(opts.upload).includes(p));
  return saveTopology({
    instanceId: opts.instanceId,
    baseRevision: opts.baseRevision,
    input: result.topology,
    message: opts.message || `Adopted from ${result.source}`,
    clearSecrets,
    adoption: { source: result.source, notRepresented: result.notRepresented },
    actor: opts.actor,
    requestId: opts.requestId,
  });
}
