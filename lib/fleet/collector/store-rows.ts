import "server-only";
import { parseHarborVersion } from "../../releases";
import { cleanText, TEXT_MAX } from "../../harbor/schemas";
import type { PollResult } from "./poll";

function versionColumns(v: string | null) {
  const p = parseHarborVersion(v);
  return p ? { versionNum: p.major * 10_000 + p.minor * 100 + p.patch, versionLine: `${p.major}.${p.minor}` } : { versionNum: null, versionLine: null };
}

const text = (v: string | null, max: number) => (v === null ? null : cleanText(v, max));

/**
 * Every string of a poll as PostgreSQL takes it (no NUL, no lone surrogate, capped), whatever the Harbor client
 * already did: error texts quote Harbor, and the component list is Harbor's own words.
 */
export function toRow(r: PollResult, sweepId: string | null) {
  const version = text(r.harborVersion, TEXT_MAX.word);
  return {
    instanceId: r.instanceId,
    sweepId,
    checkedAt: r.checkedAt.toISOString(),
    health: r.health,
    healthWord: text(r.healthWord ?? null, TEXT_MAX.word),
    credential: r.credential,
    harborVersion: version,
    ...versionColumns(version),
    apiGeneration: r.apiGeneration,
    components:
      r.components?.map((c) => ({
        name: cleanText(c.name, TEXT_MAX.word),
        status: cleanText(c.status, TEXT_MAX.word),
        ...(c.error ? { error: cleanText(c.error, TEXT_MAX.message) } : {}),
      })) ?? null,
    projectCount: r.projectCount,
    repoCount: r.repoCount,
    storageBytes: r.storageBytes === null ? null : r.storageBytes.toString(),
    readOnly: r.readOnly,
    authMode: text(r.authMode, TEXT_MAX.word),
    usagePartial: r.usagePartial,
    externalUrl: text(r.externalUrl, TEXT_MAX.url),
    storageProvider: text(r.storageProvider, TEXT_MAX.word),
    latencyMs: r.latencyMs,
    errorKind: text(r.errorKind, TEXT_MAX.word),
    errorMessage: text(r.errorMessage, TEXT_MAX.message),
    // a poll that reached nothing, or learned nothing because of an error, counts towards the backoff
    failing: r.health === "down" || (r.health === "unknown" && r.errorKind !== null),
    credentialCheckedAt: r.credentialCheck?.checkedAt.toISOString() ?? null,
    credentialKind: r.credentialCheck?.kind ?? null,
    robotExpiry: r.credentialCheck?.robotExpiry ?? null,
    robotExpiresAt: r.credentialCheck?.robotExpiresAt?.toISOString() ?? null,
  };
}
export type Row = ReturnType<typeof toRow>;

/**
 * What is left of a poll whose answer PostgreSQL refused: nothing Harbor said, only that it said something the console
 * cannot keep, and why (invalid_response, which counts towards the backoff like any failed poll).
 */
export function rejectedRow(row: Row, reason: string): Row {
  return {
    ...row,
    health: "unknown",
    healthWord: null,
    credential: "unknown",
    harborVersion: null,
    versionNum: null,
    versionLine: null,
    apiGeneration: null,
    components: null,
    projectCount: null,
    repoCount: null,
    storageBytes: null,
    readOnly: null,
    authMode: null,
    usagePartial: null,
    externalUrl: null,
    storageProvider: null,
    errorKind: "invalid_response",
    errorMessage: cleanText(
      `Harbor's answer could not be stored (${reason}); nothing of this poll is kept. Check what this instance's API returns.`,
      TEXT_MAX.message,
    ),
    failing: true,
    credentialKind: null,
    robotExpiry: null,
    robotExpiresAt: null,
  };
}
