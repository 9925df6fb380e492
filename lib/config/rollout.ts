/**
 * How a reconfigure reaches a running instance: node by node (Harbor stays up behind the load balancer) or all nodes at
 * once (never two configurations side by side). Pure.
 *
 * All at once when the nodes must agree at every moment: a new Harbor version (two versions never share a database,
 * docs/harbor/upgrade.md §4 and §7), another database, Redis or image storage (nodes would write to different places), another
 * public address (a token one node issues must be valid on the others), another data volume (the keys live there) or
 * the cache switched (docs/harbor/config.md §5: it must match on every node). Without the revision that runs, it cannot tell, so
 * all at once, which is safe whatever changed.
 */
import type { TTopology } from "../schemas/topology";
import { diffTopologies } from "./topology-diff";
import { versionChange } from "./lifecycle";
import type { RunningInstance } from "./types";

export interface Rollout {
  allAtOnce: boolean;
  /** what it changes that makes it all at once, in words ("the database", "Redis"); a patch upgrade is in `patch` */
  reasons: string[];
  /** the revision the hosts are taken to run; null when the console has none before this one */
  previousRevision: number | null;
  /** changed fields against that revision, secrets excluded */
  changed: string[];
  /** compose nodes new in this revision (nothing runs there yet) and nodes it no longer has */
  addedNodes: string[];
  removedNodes: string[];
  /** the version that runs → this revision's, when they differ (a patch of the same line; anything else is refused) */
  patch: { from: string; to: string; notes: string[] } | null;
  /** data_volume before, when this revision moves it */
  movedDataVolume: string | null;
}

const TOGETHER: ReadonlyArray<readonly [RegExp, string]> = [
  [/^database\./, "the database"],
  [/^redis\./, "Redis"],
  [/^storage\./, "the image storage"],
  [/^access\.(hostname|externalUrl|tls|httpPort|httpsPort)$/, "the address clients use"],
  [/^deployment\.dataVolume$/, "the data volume, where the keys are"],
  [/^components\.cache\./, "the cache, which must match on every node"],
];

export function planRollout(t: TTopology, running: RunningInstance | undefined): Rollout {
  const previous = running?.previous ?? null;
  const from = running?.version ?? previous?.topology.harborVersion ?? null;
  const change = versionChange(from, t.harborVersion, { internalDatabase: t.database.type === "internal" });
  const patch = change.kind === "patch" ? { from: change.from, to: change.to, notes: change.notes } : null;
  const reasons: string[] = [];
  if (!previous) {
    return { allAtOnce: true, reasons, previousRevision: null, changed: [], addedNodes: [], removedNodes: [], patch, movedDataVolume: null };
  }
  const changed = diffTopologies(previous.topology, t)
    .map((c) => c.field)
    // nodes are compared by name below; the helm block of a compose topology (and the reverse) is not deployed
    .filter(
      (f) =>
        f !== "harborVersion" &&
        !f.startsWith("deployment.nodes") &&
        !f.startsWith(t.deployment.kind === "helm" ? "deployment.loadBalancer" : "deployment.helm"),
    );
  for (const [pattern, why] of TOGETHER) if (changed.some((f) => pattern.test(f)) && !reasons.includes(why)) reasons.push(why);
  const names = (x: TTopology) => x.deployment.nodes.map((n) => n.name);
  const before = names(previous.topology);
  const now = names(t);
  return {
    allAtOnce: reasons.length > 0 || patch !== null,
    reasons,
    previousRevision: previous.revision,
    changed,
    addedNodes: now.filter((n) => !before.includes(n)),
    removedNodes: before.filter((n) => !now.includes(n)),
    patch,
    movedDataVolume: previous.topology.deployment.dataVolume !== t.deployment.dataVolume ? previous.topology.deployment.dataVolume : null,
  };
}
