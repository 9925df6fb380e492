/**
 * The "What changes" section both reconfigure READMEs open with (compose: readme-reconfigure.ts, Helm:
 * readme-reconfigure-helm.ts), and the backup tag they name. Pure; deterministic.
 */
import type { Rollout } from "./rollout";

export function tag(revision: number | null): string {
  return revision ? `before-r${revision}` : "before-reconfigure";
}

function whyTogether(r: Rollout): string {
  const parts = [r.patch ? `it is a patch upgrade (${r.patch.from} → ${r.patch.to})` : "", r.reasons.length ? `it changes ${r.reasons.join(", ")}` : ""].filter(
    Boolean,
  );
  return parts.length ? parts.join(" and ") : "the console cannot tell what changes";
}

export function changeSection(r: Rollout, deployment: "compose" | "helm", nodeCount: number): string[] {
  const out = ["## What changes", ""];
  if (r.previousRevision === null) {
    out.push(
      "This is the first revision the console records for this instance, so it cannot tell what differs from what runs.",
      deployment === "compose"
        ? 'Compare each node\'s `harbor.yml` with the new one first (`diff -u "$H/harbor.yml" "$B/nodes/<node>/harbor.yml"`); the steps below take all nodes down at once, which is safe whatever changed.'
        : "Compare first: `helm -n <namespace> get values <release>` against `helm/values.yaml`.",
    );
  } else {
    const shown = r.changed.slice(0, 12).map((f) => `\`${f}\``);
    const more = r.changed.length > 12 ? ` and ${r.changed.length - 12} more` : "";
    out.push(
      `Against r${r.previousRevision}, taken as what runs now: ${shown.length ? `${shown.join(", ")}${more}` : "no setting"}${r.patch ? ", and the version" : ""}.`,
    );
  }
  if (r.patch) {
    out.push(
      "",
      `It moves Harbor ${r.patch.from} → ${r.patch.to}, a patch upgrade: the first core to start on the new version migrates the database, and two versions never share one.`,
    );
    for (const n of r.patch.notes) out.push(`- ${n}`);
  }
  if (deployment === "compose" && nodeCount === 1) {
    out.push("", "One node: Harbor is down from `docker compose down` until it answers again.");
  } else if (deployment === "compose") {
    out.push(
      "",
      r.allAtOnce
        ? `**All nodes at once**: ${whyTogether(r)}, so no two nodes may run with different settings. Harbor is down from the first \`docker compose down\` until the first node answers again.`
        : "**One node at a time**: nothing in it needs every node to agree at every moment, so Harbor stays up behind the load balancer.",
    );
  } else if (r.patch || r.reasons.length) {
    out.push(
      "",
      `**All pods at once**: ${whyTogether(r)}; a rolling update would run old and new pods side by side, so core, jobservice and registry are scaled to 0 first.`,
    );
  }
  return [...out, ""];
}
