/**
 * What still makes a topology a single point of failure (docs/harbor/config.md §5, docs/harbor/helm.md §2). Each item is ok or not, says why
 * it matters and names the field to change. A single-node topology is expected to show most items open.
 */
import type { TTopology } from "../schemas/topology";
import type { ChecklistItem } from "./types";
import { featuresFor } from "./features";
import { jobserviceCount } from "./validate-issue";

const minReplicas = (t: TTopology) => {
  const r = t.deployment.helm.replicas;
  return Math.min(r.portal, r.core, r.jobservice, r.registry);
};

export function haChecklist(t: TTopology): ChecklistItem[] {
  const compose = t.deployment.kind === "compose";
  const f = featuresFor(t.harborVersion);
  const ping = f?.pingPath ?? "/api/v2.0/ping";
  const s = t.storage;
  const lb = t.deployment.loadBalancer;
  const items: ChecklistItem[] = [
    compose
      ? {
          id: "nodes",
          label: "More than one Harbor node",
          ok: t.deployment.nodes.length > 1,
          field: "deployment.nodes",
          explanation: "One node is a single point of failure; run two or more behind a load balancer, each with the same harbor.yml.",
        }
      : {
          id: "nodes",
          label: "Two or more replicas of core, portal, registry and jobservice",
          ok: minReplicas(t) > 1,
          field: "deployment.helm.replicas.core",
          explanation: "Each component with one replica stops Harbor while its pod restarts; set portal, core, jobservice and registry to 2 or more.",
        },
    {
      id: "database",
      label: "External PostgreSQL",
      ok: t.database.type === "external",
      field: "database.type",
      explanation: "The bundled database lives on one host and cannot be shared; use an external, replicated PostgreSQL.",
    },
    {
      id: "redis",
      label: "External Redis (Sentinel recommended)",
      ok: t.redis.type === "external" && t.redis.mode === "sentinel",
      field: t.redis.type === "external" ? "redis.mode" : "redis.type",
      explanation:
        t.redis.type === "external" && t.redis.mode === "standalone"
          ? "Shared Redis is in place; a standalone server is still a single point of failure unless it fails over behind one address. Sentinel (2.1+) removes it."
          : "Sessions, job queues and caches live in Redis; every Harbor process must share one external Redis, ideally Sentinel-managed.",
    },
    compose
      ? {
          id: "storage",
          label: "Shared image storage",
          ok: s.type !== "filesystem" || s.filesystem.shared,
          field: s.type === "filesystem" ? "storage.filesystem.shared" : "storage.type",
          explanation: "Every node must see every blob: use object storage, or put data_volume on NFS (owned by 10000:10000) on all nodes.",
        }
      : {
          id: "storage",
          label: "Shared image storage",
          ok: s.type !== "filesystem",
          field: "storage.type",
          explanation: "Several registry pods need object storage (or a ReadWriteMany volume, which the console cannot verify).",
        },
    jobLogItem(t, f !== null && f.jobLoggers),
    compose
      ? {
          id: "loadBalancer",
          label: `Load balancer with a health check on ${ping}`,
          ok: lb.address !== "" && lb.healthCheck,
          field: lb.address === "" ? "deployment.loadBalancer.address" : "deployment.loadBalancer.healthCheck",
          explanation: `Clients reach the nodes through one name; the load balancer must probe ${ping} so a stopped node stops receiving traffic.`,
        }
      : {
          id: "loadBalancer",
          label: "Exposed through an ingress or a load balancer",
          ok: t.deployment.helm.exposeType === "ingress" || t.deployment.helm.exposeType === "loadBalancer",
          field: "deployment.helm.exposeType",
          explanation:
            "A ClusterIP or NodePort service ties clients to cluster internals or one node; expose Harbor with an ingress or a LoadBalancer service.",
        },
    {
      id: "secrets",
      label: "Identical secrets on every node",
      ok: true,
      explanation:
        "The secret key, token signing key pair and component secrets must match everywhere; the console generates them once and pins them in every file it produces.",
    },
  ];
  if (t.components.notary && f?.notary) {
    items.push({
      id: "notary",
      label: "Notary off (it has no HA mode)",
      ok: false,
      field: "components.notary",
      explanation: "Notary keeps signing state that several nodes cannot share; turn it off for an HA setup or accept it as a single point of failure.",
    });
  }
  return items;
}

function jobLogItem(t: TTopology, hasLoggers: boolean): ChecklistItem {
  const db = t.components.jobservice.jobLoggers.includes("DB");
  const sharedVolume = t.deployment.kind === "compose" && t.storage.type === "filesystem" && t.storage.filesystem.shared;
  const ok = db || (!hasLoggers && sharedVolume);
  const dbLogger = hasLoggers || t.deployment.kind === "helm";
  const explanation = dbLogger
    ? `A job's log is written where it ran${jobserviceCount(t) > 1 ? " and there are several jobservices" : ""}; the DB logger makes every log readable from any node.`
    : "Before Harbor 2.9 job logs are files under data_volume/job_logs; keep data_volume on shared storage so every node sees them.";
  return dbLogger
    ? { id: "jobLogs", label: "Job logs in the database", ok, field: "components.jobservice.jobLoggers", explanation }
    : { id: "jobLogs", label: "Job logs on shared storage", ok, field: "storage.filesystem.shared", explanation };
}
