/**
 * The recorded topology seen from an upgrade (issue #12): the facts the advisor needs, and whether the topology is
 * valid for each hop's version (the same checkTopology as the Topology tab). Pure.
 */
import { SECRET_PATHS } from "../schemas/topology-secrets";
import type { ConfigIssue } from "../schemas/config-issue";
import type { TTopology } from "../schemas/topology";
import type { AdviceTopology } from "../upgrade";
import { checkTopology } from "./validate";

export function adviceTopologyOf(t: TTopology): AdviceTopology {
  return {
    deployment: t.deployment.kind === "helm" ? "helm" : "compose",
    database: t.database.type,
    postgresMajor: t.database.postgresMajor,
    components: { notary: t.components.notary, chartmuseum: t.components.chartmuseum, clair: t.components.clair },
    redisSentinel: t.redis.type === "external" && t.redis.mode === "sentinel",
    redisTls: t.redis.type === "external" && t.redis.tls,
    internalTls: t.access.internalTls,
    storage: t.storage.type,
    nodes: t.deployment.kind === "helm" ? 1 : t.deployment.nodes.length,
  };
}

const secretFields = new Set<string>(SECRET_PATHS);

/**
 * The errors checkTopology finds in the topology moved to `version`. Pages hold topologies without their secret
 * values, so "required" issues on secret fields are left out (the stored revision has them).
 */
export function topologyIssuesAt(t: TTopology, version: string): ConfigIssue[] {
  return checkTopology({ ...t, harborVersion: version }).issues.filter((i) => i.severity === "error" && !secretFields.has(i.field));
}
