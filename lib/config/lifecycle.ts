/**
 * What an instance's lifecycle means for the files the console writes (issue #18). Pure.
 *
 * - planned: nothing runs yet. The bundle installs Harbor and carries the shared keys the console generated for it.
 * - running: a Harbor runs with keys of its own (`<data_volume>/secret`, the release's Kubernetes Secrets). A key the
 *   console generated would make every credential stored in its database unreadable and every token invalid, so
 *   the bundle carries none: it reconfigures what runs, and refers to the keys where they are.
 *
 * A version change of a running instance is an upgrade, not a reconfigure (docs/harbor/upgrade.md §2.2: the schema migrates, and
 * Harbor never downgrades); only a patch of the line it runs goes through a plain save.
 */
import { hopNotes, planUpgradePath } from "../upgrade";
import { compareVersions, formatRelease, releaseLine, toVersion } from "../releases";
import type { InstanceLifecycle } from "../schemas/instance";

export type { InstanceLifecycle } from "../schemas/instance";

/** Does the console generate (and put into bundles) the instance's shared keys? Only before it runs. */
export function generatesSharedKeys(lifecycle: InstanceLifecycle): boolean {
  return lifecycle === "planned";
}

/** The one line the Config tab shows: which kind of bundle this is, and why. */
export function bundleKindLine(lifecycle: InstanceLifecycle): string {
  return lifecycle === "running"
    ? "Reconfigure bundle: this instance is running; it keeps the keys on its hosts."
    : "Install bundle: this instance is planned (not deployed yet); it gets the shared keys the console generated for it.";
}

/** The one line an instance page shows about its lifecycle. */
export function lifecycleLine(opts: { lifecycle: InstanceLifecycle; reachedAt: string | null }): string {
  if (opts.lifecycle === "planned") return "Planned: not deployed yet; the collector has never reached it, and its bundles install Harbor.";
  const since = opts.reachedAt ? ` (first reached ${opts.reachedAt.slice(0, 10)})` : "";
  return `Running${since}: its bundles reconfigure it and never carry its keys.`;
}

export type VersionChange =
  | { kind: "same" }
  /** a later patch of the line that runs: allowed, with what the operator must know */
  | { kind: "patch"; from: string; to: string; notes: string[] }
  /** an upgrade to another line, or any lower version: not a reconfigure */
  | { kind: "refused"; from: string; to: string; message: string };

/**
 * What moving a running instance from `running` (the version it runs, or its last revision's) to `target` is.
 * `internalDatabase`: the bundled harbor-db, whose PostgreSQL some releases upgrade (hopNotes says so).
 */
export function versionChange(running: string | null, target: string, opts: { internalDatabase?: boolean } = {}): VersionChange {
  const from = toVersion(running);
  const to = toVersion(target);
  if (!from || !to) return { kind: "same" };
  const cmp = compareVersions(to, from);
  if (cmp === 0) return { kind: "same" };
  const F = formatRelease(from);
  const T = formatRelease(to);
  if (cmp < 0) {
    return {
      kind: "refused",
      from: F,
      to: T,
      message: `Harbor ${F} runs here and ${T} is older: Harbor does not downgrade (an older core refuses the migrated database; going back means restoring a backup). Keep ${F} or a later patch of ${releaseLine(from)}.`,
    };
  }
  if (from.major === to.major && from.minor === to.minor) {
    // the config tool is not needed within a line; the references are the console's own notes
    const notes = hopNotes(from, to, { internalDatabase: opts.internalDatabase })
      .filter((n) => !n.startsWith("config:"))
      .map((n) => n.replace(/ \(upgrade\.md [^)]*\)$/, ""));
    return { kind: "patch", from: F, to: T, notes };
  }
  const plan = planUpgradePath(from, to, { internalDatabase: opts.internalDatabase });
  const path = plan.ok ? ` (path: ${[F, ...plan.hops.map((h) => formatRelease(h.to))].join(" → ")})` : plan.error ? ` (${plan.error})` : "";
  return {
    kind: "refused",
    from: F,
    to: T,
    message: `Harbor ${F} → ${T}: this is an upgrade — plan it on the Upgrades page${path}. A topology save reconfigures the version that runs, or moves it to a later patch of ${releaseLine(from)}.`,
  };
}

/** The warning a save of a patch upgrade carries. */
export function patchUpgradeWarning(change: Extract<VersionChange, { kind: "patch" }>): string {
  const notes = change.notes.length ? ` ${change.notes.join("; ")}.` : "";
  return `Patch upgrade ${change.from} → ${change.to}: the bundle stops every node, backs up, and starts the new version on one node first (its core migrates the database), then the others.${notes}`;
}
