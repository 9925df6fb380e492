import type { PollResult } from "@/lib/fleet/collector/poll";

/** A poll result as the collector would store it: a healthy 2.14.0 answering in 40 ms, unless `over` says otherwise. */
export function pollResult(instanceId: string, checkedAt: Date, over: Partial<PollResult> = {}): PollResult {
  return {
    instanceId,
    checkedAt,
    health: "healthy",
    credential: "valid",
    harborVersion: "2.14.0",
    apiGeneration: "v2.0",
    components: [],
    projectCount: 1,
    repoCount: 1,
    storageBytes: 0n,
    readOnly: false,
    authMode: "db_auth",
    usagePartial: false,
    externalUrl: null,
    storageProvider: null,
    latencyMs: 40,
    errorKind: null,
    errorMessage: null,
    credentialCheck: null,
    ...over,
  };
}

/** What a poll that could not connect stores over pollResult's defaults: down, no version, no latency, the error. */
export const unreachablePoll = {
  health: "down",
  harborVersion: null,
  apiGeneration: null,
  latencyMs: null,
  errorKind: "unreachable",
  errorMessage: "connect ECONNREFUSED",
} as const;
