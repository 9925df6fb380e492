/**
 * Shared types of the pure config core (lib/config): topology → files. No I/O here or anywhere under lib/config.
 */
import type { InstanceLifecycle } from "../schemas/instance";
import type { ConfigIssue } from "../schemas/config-issue";
import type { TTopology } from "../schemas/topology";

export type { ConfigIssue } from "../schemas/config-issue";
export type { InstanceLifecycle } from "../schemas/instance";

/**
 * Values that must be identical on every node (docs/harbor/config.md §5, docs/harbor/helm.md §3.5). Generated once per instance by the
 * server (lib/fleet), stored encrypted, never re-randomised; the pure core only places them into files.
 */
export interface SharedSecrets {
  /** 16 chars: <data_volume>/secret/keys/secretkey, the chart's secretKey (encrypts credentials stored in Harbor's DB) */
  secretKey: string;
  /** 32 chars: the chart's core.xsrfKey */
  csrfKey: string;
  /** 16 chars each */
  coreSecret: string;
  jobserviceSecret: string;
  registrySecret: string;
  /** registry basic-auth password for the chart (registry.credentials.password) */
  registryPassword: string;
  /** token-signing key pair: <data_volume>/secret/core/private_key.pem and secret/registry/root.crt (PEM) */
  tokenKey: string;
  tokenCert: string;
}

/** What previews, diffs and logs show instead of a secret value. */
export const SECRET_MASK = "********";

export interface ConfigFile {
  /** path inside the bundle, e.g. "nodes/harbor-1/harbor.yml", "helm/values.yaml", "loadbalancer/haproxy.cfg" */
  path: string;
  content: string;
  /** the whole file is secret material (key files, Secret manifests): previews show a placeholder */
  secret: boolean;
  /** one line: what the file is and where it goes */
  description: string;
}

export interface ChecklistItem {
  id: string;
  label: string;
  ok: boolean;
  /** why it matters, and what to change when not ok */
  explanation: string;
  /** the form field to focus when not ok */
  field?: string;
}

export interface GenerateOptions {
  /** null for previews and for running instances; a planned instance's download without them is refused by the bundle */
  secrets: SharedSecrets | null;
  /** true: every secret value becomes SECRET_MASK (previews, diffs); false: real values (download, CLI) */
  mask: boolean;
  /**
   * planned (the default: install files, the shared keys in them) or running (reconfigure files that carry no shared
   * key and refer to the ones on the hosts; `secrets` is never read). lib/config/lifecycle.ts.
   */
  lifecycle?: InstanceLifecycle;
}

/** What a bundle for a running instance knows about what runs there (lib/fleet gathers it). */
export interface RunningInstance {
  /** the version the collector last saw, or the last detection's; null when neither is known */
  version: string | null;
  /** the revision before the one generated, taken as what the hosts run now; null for the first one recorded */
  previous: { revision: number; topology: TTopology } | null;
}

export function isBlocking(issues: readonly ConfigIssue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
