import "server-only";
import type { HarborError } from "../../harbor";
import type { ApiGeneration } from "../../releases";
import type { CredentialCheck } from "./credential-check";

export type HealthState = "healthy" | "degraded" | "down" | "unknown";
export type CredentialState = "valid" | "invalid" | "forbidden" | "unknown";

export interface PollTarget {
  id: string;
  baseUrl: string;
  username: string;
  secret: string;
  caBundle: string | null;
  skipTlsVerify: boolean;
  /** the cached detection, so a poll does not re-detect every time */
  harborVersion: string | null;
  apiGeneration: string | null;
  /** the last credential check (hourly); null: never */
  credentialCheckedAt: Date | null;
}

/** What one poll learned about one instance. Never holds a secret. */
export interface PollResult {
  instanceId: string;
  checkedAt: Date;
  health: HealthState;
  /** the word /health said when the console does not know it (health is then "unknown") */
  healthWord?: string | null;
  credential: CredentialState;
  harborVersion: string | null;
  apiGeneration: ApiGeneration | null;
  components: { name: string; status: string; error?: string }[] | null;
  projectCount: number | null;
  repoCount: number | null;
  storageBytes: bigint | null;
  readOnly: boolean | null;
  authMode: string | null;
  /** the statistics came without totals: the counts are what the account sees (a lower bound), storage unknown */
  usagePartial: boolean | null;
  externalUrl: string | null;
  storageProvider: string | null;
  latencyMs: number | null;
  errorKind: string | null;
  errorMessage: string | null;
  /** set when this poll ran the (hourly) credential check */
  credentialCheck: CredentialCheck | null;
}

const NETWORK = new Set(["unreachable", "timeout", "tls"]);

export function empty(target: PollTarget): PollResult {
  return {
    instanceId: target.id,
    checkedAt: new Date(),
    health: "unknown",
    healthWord: null,
    credential: "unknown",
    harborVersion: target.harborVersion,
    apiGeneration: (target.apiGeneration as ApiGeneration | null) ?? null,
    components: null,
    projectCount: null,
    repoCount: null,
    storageBytes: null,
    readOnly: null,
    authMode: null,
    usagePartial: null,
    externalUrl: null,
    storageProvider: null,
    latencyMs: null,
    errorKind: null,
    errorMessage: null,
    credentialCheck: null,
  };
}

export function failed(r: PollResult, e: HarborError): PollResult {
  return { ...r, health: NETWORK.has(e.kind) ? "down" : "unknown", errorKind: e.kind, errorMessage: e.message };
}
