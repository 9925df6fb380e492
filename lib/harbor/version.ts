import "server-only";
import { sendJson } from "./call";
import { harborFail, harborOk, type HarborResult } from "./errors";
import { apiBasePath, type ApiGeneration, type HarborVersion } from "./facts";
import { formatRelease, generationOf, GENERATION_LABEL, parseHarborVersion } from "../releases";
import { ZHarborApiVersion, ZHarborSystemInfo, type THarborSystemInfo } from "./schemas";
import type { DetectedVersion, HarborClient } from "./transport";

/**
 * Generation detection (docs/harbor/api.md §1): GET /api/version (404 → 1.x; {"version":"v2.0"} → 2.x), then GET
 * systeminfo WITH the credential for harbor_version. 2.13+ hides harbor_version from callers it treats as
 * anonymous (a wrong credential included): then the generation is "v2.13" and the version unknown.
 * /api/version is outside every spec's basePath operations; it is the one request not in the specs.
 */

export interface DetectionDetails {
  result: HarborResult<DetectedVersion>;
  /** round trip of the first answered request (GET /api/version), null if nothing answered */
  latencyMs: number | null;
  /** systeminfo as seen with the credential (anonymous subset if Harbor did not accept it) */
  systemInfo: THarborSystemInfo | null;
}

export async function detectVersionDetailed(opts: { client: HarborClient }): Promise<DetectionDetails> {
  const { client } = opts;
  const host = new URL(client.baseUrl).host;
  const v = await sendJson(client, { method: "GET", path: "/api/version", schema: ZHarborApiVersion });
  let apiMajor: 1 | 2;
  let latencyMs: number | null = null;
  if (v.ok) {
    latencyMs = v.value.response.elapsedMs;
    const api = parseHarborVersion(v.value.data.version);
    if (!api || api.major !== 2) {
      return done(
        unsupported(`Harbor at ${host} speaks API ${v.value.data.version}, which the console does not know (it supports Harbor 1.9 to 2.x).`, v.requestId),
      );
    }
    apiMajor = 2;
  } else if (v.error.kind === "not_found") {
    apiMajor = 1;
  } else {
    return done(v);
  }
  const base = apiBasePath(apiMajor === 1 ? "v1" : "v2.0");
  const s = await sendJson(client, { method: "GET", path: `${base}/systeminfo`, schema: ZHarborSystemInfo });
  if (!s.ok) {
    if (apiMajor === 1 && s.error.kind === "not_found") {
      const message = `No Harbor API at ${client.baseUrl}: /api/version and /api/systeminfo both answered 404 — check the URL (Harbor's base URL, without /api).`;
      return done(harborFail({ ...s.error, message }));
    }
    return done(s);
  }
  latencyMs ??= s.value.response.elapsedMs;
  const info = s.value.data;
  const raw = info.harbor_version?.trim() || null;
  if (!raw) {
    if (apiMajor === 2) return done(harborOk({ generation: "v2.13", version: null }, s.requestId), info);
    return done(
      harborFail({
        kind: "invalid_response",
        message: `Harbor at ${host} did not report its version in /api/systeminfo.`,
        status: 200,
        requestId: s.requestId,
      }),
      info,
    );
  }
  const parsed = parseHarborVersion(raw);
  const generation = parsed && generationOf(parsed);
  if (!parsed || !generation) {
    const why = parsed && parsed.major < 2 ? "older than 1.9, the oldest version the console supports" : "not a version the console supports (1.9 to 2.x)";
    return done(unsupported(`Harbor at ${host} reports version ${raw}, which is ${why}.`, s.requestId), info);
  }
  return done(harborOk({ generation, version: formatRelease(parsed) }, s.requestId), info);

  function done(result: HarborResult<DetectedVersion>, systemInfo: THarborSystemInfo | null = null): DetectionDetails {
    if (result.ok) client.known = result.value;
    return { result, latencyMs, systemInfo };
  }
}

/** Detects afresh and caches the answer on the client (re-detect after upgrades). */
export async function detectVersion(opts: { client: HarborClient }): Promise<HarborResult<DetectedVersion>> {
  return (await detectVersionDetailed(opts)).result;
}

const inFlight = new WeakMap<HarborClient, Promise<HarborResult<DetectedVersion>>>();

/** The cached detection, or one detection shared by concurrent callers. */
export async function resolveVersion(opts: { client: HarborClient }): Promise<HarborResult<DetectedVersion>> {
  const { client } = opts;
  if (client.known) return harborOk(client.known, "");
  let p = inFlight.get(client);
  if (!p) {
    p = detectVersion({ client }).finally(() => inFlight.delete(client));
    inFlight.set(client, p);
  }
  return p;
}

/** Representative versions when only the generation is known (v1 → 1.9: the smaller event list). */
const REPRESENTATIVE: Record<ApiGeneration, HarborVersion> = {
  v1: { major: 1, minor: 9, patch: 0 },
  "v2.0": { major: 2, minor: 0, patch: 0 },
  "v2.3": { major: 2, minor: 3, patch: 0 },
  "v2.8": { major: 2, minor: 8, patch: 0 },
  "v2.13": { major: 2, minor: 13, patch: 0 },
};

/** The detected version, or the oldest of its generation when Harbor hid it. */
export function effectiveVersion(d: DetectedVersion): HarborVersion {
  return parseHarborVersion(d.version) ?? REPRESENTATIVE[d.generation];
}

/** "Harbor 2.11.2" / "Harbor 2.13+" for messages. */
export function versionLabel(d: DetectedVersion): string {
  return d.version ? `Harbor ${d.version}` : `Harbor ${GENERATION_LABEL[d.generation]}`;
}

function unsupported(message: string, requestId: string) {
  return harborFail({ kind: "unsupported_version", message, requestId });
}
