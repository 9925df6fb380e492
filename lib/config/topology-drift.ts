import type { TTopology } from "../schemas/topology";

export interface TopologyDrift {
  field: string;
  recorded: string | null;
  live: string | null;
  advice: string;
}

/** The public URL the generated files give Harbor (harbor.yml external_url, or protocol://hostname[:port]). */
export function publicUrlOf(t: TTopology): string {
  if (t.access.externalUrl) return t.access.externalUrl.replace(/\/+$/, "");
  const https = t.access.tls !== "none";
  const port =
    t.deployment.kind === "compose" && t.access.tls === "nodes" ? t.access.httpsPort : t.deployment.kind === "compose" && !https ? t.access.httpPort : null;
  const suffix = port && port !== (https ? 443 : 80) ? `:${port}` : "";
  return `${https ? "https" : "http"}://${t.access.hostname}${suffix}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url.includes("://") ? url : `https://${url}`).host.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

/**
 * Where the recorded topology (the current revision) disagrees with the live instance or its registration. Only
 * facts the live API exposes are compared: version, external URL and, where systeminfo names it, the storage driver.
 */
export function topologyDrift(
  t: TTopology,
  revision: number,
  live: { harborVersion: string | null; externalUrl: string | null; storageProvider: string | null },
  registration: { deploymentMode: "docker_compose" | "helm" },
): TopologyDrift[] {
  const out: TopologyDrift[] = [];
  const rev = `topology r${revision}`;
  if (live.harborVersion && live.harborVersion !== t.harborVersion) {
    out.push({
      field: "Version (topology)",
      recorded: `${t.harborVersion} (${rev})`,
      live: live.harborVersion,
      advice:
        "The recorded topology targets another release. Expected while an upgrade is planned; otherwise set the topology's version to what runs, so generated files match the hosts.",
    });
  }
  const url = publicUrlOf(t);
  if (live.externalUrl && t.access.hostname && hostOf(live.externalUrl) !== hostOf(url)) {
    out.push({
      field: "External URL (topology)",
      recorded: `${url} (${rev})`,
      live: live.externalUrl,
      advice:
        "Harbor announces another public URL than the topology generates. Deploying the generated files would change pull commands and token URLs: align the topology's hostname/external URL with the running one, or plan the change.",
    });
  }
  if (live.storageProvider && live.storageProvider.toLowerCase() !== t.storage.type) {
    out.push({
      field: "Storage (topology)",
      recorded: `${t.storage.type} (${rev})`,
      live: live.storageProvider,
      advice:
        "The registry runs on another storage driver than the topology records. Switching drivers does not move existing blobs: fix the topology unless a storage migration is planned.",
    });
  }
  const mode = t.deployment.kind === "helm" ? "helm" : "docker_compose";
  if (mode !== registration.deploymentMode) {
    out.push({
      field: "Deployment (topology)",
      recorded: `${t.deployment.kind === "helm" ? "Helm" : "docker-compose"} (${rev})`,
      live: `${registration.deploymentMode === "helm" ? "Helm" : "docker-compose"} (registration)`,
      advice:
        "The instance is registered with one deployment mode and its topology describes the other. Correct whichever is wrong (Edit instance, or the Topology tab).",
    });
  }
  return out;
}
