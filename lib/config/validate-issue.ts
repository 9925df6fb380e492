/** Building blocks shared by the validate-*.ts rule sets. */
import type { ConfigIssue } from "../schemas/config-issue";
import type { TTopology } from "../schemas/topology";
import type { HarborFeatures } from "./features";

/** A rule set: the topology and its version's features in, issues out. */
export type Rules = (t: TTopology, f: HarborFeatures) => ConfigIssue[];

export function error(field: string, message: string): ConfigIssue {
  return { section: field.split(".")[0], field, message, severity: "error" };
}

export function warning(field: string, message: string): ConfigIssue {
  return { section: field.split(".")[0], field, message, severity: "warning" };
}

/** Jobservice processes that run at once: one per compose node, or the chart's jobservice replicas. */
export function jobserviceCount(t: TTopology): number {
  return t.deployment.kind === "compose" ? t.deployment.nodes.length : t.deployment.helm.replicas.jobservice;
}

/** More than one Harbor process of any stateless component. */
export function isMultiInstance(t: TTopology): boolean {
  if (t.deployment.kind === "compose") return t.deployment.nodes.length > 1;
  const r = t.deployment.helm.replicas;
  return Math.max(r.core, r.jobservice, r.registry, r.portal) > 1;
}
