/**
 * Which topology revision the running instance matches, as far as the live API can tell (issue #18): only version,
 * public URL, storage driver (when systeminfo names it) and deployment mode are visible, so "matches" means agreeing
 * on those (topologyDrift finds nothing). When the newest revision does not match and an older one does, the newest
 * was never deployed; when two revisions agree on everything visible, the console says it cannot tell. Pure.
 */
import type { TTopology } from "../schemas/topology";
import { topologyDrift } from "./topology-drift";

export interface RevisionFacts {
  revision: number;
  createdAt: Date;
  topology: TTopology;
}

type Live = Parameters<typeof topologyDrift>[2];
type Registration = Parameters<typeof topologyDrift>[3];

export type DeployedRevision =
  /** no revision, or nothing known about the live instance */
  | { kind: "none" }
  | { kind: "latest"; revision: number; text: string }
  | { kind: "ambiguous"; revision: number; alsoMatches: number; text: string }
  | { kind: "undeployed"; latest: number; matches: number; text: string }
  | { kind: "unknown"; latest: number; text: string };

const VISIBLE = "version, URL, storage driver and mode";

export function savedAgo(at: Date, now: Date): string {
  const hours = Math.floor((now.getTime() - at.getTime()) / 3_600_000);
  if (hours < 1) return "less than an hour ago";
  if (hours < 24) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? "" : "s"} ago`;
}

/** `revisions`: newest first. */
export function deployedRevision(revisions: readonly RevisionFacts[], live: Live, registration: Registration, now: Date): DeployedRevision {
  const [latest, ...older] = revisions;
  if (!latest || !live.harborVersion) return { kind: "none" };
  const matches = (r: RevisionFacts) => topologyDrift(r.topology, r.revision, live, registration).length === 0;
  const saved = `r${latest.revision} saved ${savedAgo(latest.createdAt, now)}`;
  if (matches(latest)) {
    const previous = older[0];
    if (previous && matches(previous)) {
      return {
        kind: "ambiguous",
        revision: latest.revision,
        alsoMatches: previous.revision,
        text: `The instance matches r${latest.revision} and r${previous.revision} alike on what its API shows (${VISIBLE}); the console cannot tell whether ${saved} is deployed.`,
      };
    }
    return { kind: "latest", revision: latest.revision, text: `The instance matches r${latest.revision} on what its API shows (${VISIBLE}).` };
  }
  const match = older.find(matches);
  if (match) {
    return {
      kind: "undeployed",
      latest: latest.revision,
      matches: match.revision,
      text: `${saved}; the instance still matches r${match.revision} (${VISIBLE}): r${latest.revision} was never deployed.`,
    };
  }
  return {
    kind: "unknown",
    latest: latest.revision,
    text: `No recorded revision matches what the instance reports (${VISIBLE}); the console cannot tell which configuration it runs.`,
  };
}
