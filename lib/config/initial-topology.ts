import { defaultTopology } from "../schemas/topology-default";
import type { TTopology } from "../schemas/topology";
import { editableReleases, featuresFor } from "./features";

/**
 * A starting point for an instance without a recorded topology: what the registration already says (URL, detected
 * version, deployment mode), one compose node, everything else at Harbor's defaults.
 */
export function initialTopologyFor(instance: { baseUrl: string; harborVersion: string | null; deploymentMode: "docker_compose" | "helm" }): TTopology {
  const releases = editableReleases();
  const version = instance.harborVersion && releases.includes(instance.harborVersion) ? instance.harborVersion : releases[0];
  const t = defaultTopology(version);
  let hostname = "";
  let https = true;
  try {
    const u = new URL(instance.baseUrl);
    hostname = u.hostname;
    https = u.protocol === "https:";
  } catch {
    // a registration always holds a valid URL; keep the defaults otherwise
  }
  return {
    ...t,
    deployment: { ...t.deployment, kind: instance.deploymentMode === "helm" ? "helm" : "compose", nodes: [{ name: "harbor-1", address: "" }] },
    access: { ...t.access, hostname, tls: https ? "loadBalancer" : "none" },
    // the schema's defaults are the newest release's; start without what this release does not have
    components: { ...t.components, trivy: featuresFor(version)?.trivy ?? false },
  };
}
