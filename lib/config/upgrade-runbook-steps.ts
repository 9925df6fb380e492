/**
 * The runbook's steps as a checklist (issue #12 step 6): per hop, the same steps, in the same order, as the Markdown
 * of upgrade-runbook.ts. Ids are stable (a tick is stored against hop index + step id), so a runbook regenerated with
 * other hostnames or notes keeps its ticks. Pure.
 */
export interface RunbookStep {
  id: string;
  title: string;
  /** the console can do this step itself through Harbor's API (read_only in configurations) */
  readOnly?: "on" | "off";
}

const COMPOSE: RunbookStep[] = [
  { id: "pre-stage", title: "Pre-stage the installer and its images on every node" },
  { id: "read-only-on", title: "Switch Harbor to read-only and let running jobs end", readOnly: "on" },
  { id: "stop", title: "Stop every node" },
  { id: "back-up", title: "Back up the install directory, the keys and the database" },
  { id: "install", title: "Install the hop's version with its harbor.yml on every node" },
  { id: "start-first", title: "Start the first node alone and wait for the schema migration" },
  { id: "start-rest", title: "Start the other nodes, one after the other" },
  { id: "verify", title: "Verify version, health, sign-in, push and pull" },
  { id: "read-only-off", title: "Switch read-only off", readOnly: "off" },
];

const HELM: RunbookStep[] = [
  { id: "read-only-on", title: "Switch Harbor to read-only and let running jobs end", readOnly: "on" },
  { id: "back-up", title: "Back up the release's values, its Secrets and the database" },
  { id: "upgrade", title: "Scale the old version to 0 and helm upgrade to the hop's chart" },
  { id: "verify", title: "Verify version, health, push and pull" },
  { id: "read-only-off", title: "Switch read-only off", readOnly: "off" },
];

/** The steps of one hop; `multiNode` is false for a single compose node (no "start the others" step). */
export function runbookSteps(opts: { helm: boolean; multiNode: boolean }): RunbookStep[] {
  if (opts.helm) return HELM;
  return opts.multiNode ? COMPOSE : COMPOSE.filter((s) => s.id !== "start-rest");
}

export const ALL_STEP_IDS: readonly string[] = [...new Set([...COMPOSE, ...HELM].map((s) => s.id))];
