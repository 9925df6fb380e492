/**
 * The topology's constants: its document's kind, the patterns its fields must match and the choices its enums offer,
 * with their labels. No zod here, so the topology form's sections can import them without the schema (which the form
 * loads after the page's first paint). lib/schemas/topology.ts builds the schema from these and re-exports them.
 */

export const TOPOLOGY_API_VERSION = "harbor-fleet-console/v1";
export const TOPOLOGY_KIND = "HarborTopology";
/** host:port, the form Harbor 2.1+ and the chart use for Redis. */
export const HOST_PORT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;
/** DNS name or IPv4/IPv6 literal; no scheme, no port. */
export const HOST_NAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/;
export const NODE_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const HARBOR_VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
export const DEPLOYMENT_KINDS = ["compose", "helm"] as const;
export const TLS_MODES = ["none", "loadBalancer", "nodes"] as const;
export const TLS_MODE_LABEL: Record<(typeof TLS_MODES)[number], string> = {
  none: "No TLS (http only)",
  loadBalancer: "Terminated at the load balancer",
  nodes: "On every Harbor node",
};
export const LB_KINDS = ["nginx", "haproxy", "external"] as const;
export const LB_KIND_LABEL: Record<(typeof LB_KINDS)[number], string> = {
  nginx: "nginx",
  haproxy: "HAProxy",
  external: "External / cloud (no config generated)",
};
export const EXPOSE_TYPES = ["ingress", "clusterIP", "nodePort", "loadBalancer"] as const;
export const SSL_MODES = ["disable", "require", "verify-ca", "verify-full"] as const;
export const REDIS_MODES = ["standalone", "sentinel"] as const;
export const STORAGE_TYPES = ["filesystem", "s3", "azure", "gcs", "swift", "oss"] as const;
export const STORAGE_LABEL: Record<(typeof STORAGE_TYPES)[number], string> = {
  filesystem: "Filesystem (local disk or NFS)",
  s3: "Amazon S3 / S3-compatible",
  azure: "Azure Blob Storage",
  gcs: "Google Cloud Storage",
  swift: "OpenStack Swift",
  oss: "Alibaba Cloud OSS",
};
export const JOB_LOGGERS = ["STD_OUTPUT", "FILE", "DB"] as const;
export const LOG_LEVELS = ["debug", "info", "warning", "error", "fatal"] as const;
export const SYSLOG_PROTOCOLS = ["tcp", "udp"] as const;
export const TRACE_EXPORTERS = ["jaeger", "otel"] as const;
export const PROXY_COMPONENTS = ["core", "jobservice", "trivy", "clair"] as const;
export const QUOTA_PROVIDERS = ["db", "redis"] as const;
