/**
 * Optional components by release: the one statement of when Clair, ChartMuseum and Notary left and Trivy arrived
 * (docs/harbor/config.md §2.1, docs/harbor/upgrade.md §1). Installer flags, harbor.yml keys, health and the advisor read it. Pure.
 */
import { atLeast, type HarborVersion } from "./version";

export const OPTIONAL_COMPONENTS = ["clair", "chartmuseum", "notary", "trivy"] as const;
export type OptionalComponent = (typeof OPTIONAL_COMPONENTS)[number];

/** [first line that has it, first line without it]; null = open-ended. */
export const COMPONENT_SPANS: Readonly<Record<OptionalComponent, readonly [since: string | null, removedIn: string | null]>> = {
  clair: [null, "2.2"],
  chartmuseum: [null, "2.8"],
  notary: [null, "2.9"],
  trivy: ["2.0", null],
};

const lineAtLeast = (v: HarborVersion, line: string) => {
  const [major, minor] = line.split(".").map(Number);
  return atLeast(v, major, minor);
};

/** Does the release ship the component? */
export function shipsComponent(v: HarborVersion, c: OptionalComponent): boolean {
  const [since, removedIn] = COMPONENT_SPANS[c];
  return (since === null || lineAtLeast(v, since)) && (removedIn === null || !lineAtLeast(v, removedIn));
}
