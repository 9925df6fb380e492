import "server-only";
import { createHarborClient, detectVersion, getHealth, getStatistics, getSystemInfo, resolveVersion, type HarborClient } from "../../harbor";
import { API_GENERATIONS, parseHarborVersion, type ApiGeneration } from "../../releases";
import { getOutboundPolicy, type OutboundPolicyOptions } from "../settings";
import { keepAliveFor, poolFor } from "./connections";
import { checkCredential, credentialCheckDue } from "./credential-check";
import { empty, failed, type PollResult, type PollTarget } from "./poll-result";

export type { CredentialState, HealthState, PollResult, PollTarget } from "./poll-result";

export interface PollOptions {
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** the poll interval: idle connections are kept across it when the server allows (see keepAliveFor) */
  intervalSeconds?: number;
  /** the outbound address policy (pollBatch reads it once per batch); default: read from the settings */
  outbound?: OutboundPolicyOptions;
}
/**
 * Polls one Harbor: version (cached detection, re-detected when the cached generation no longer answers),
 * health, systeminfo and statistics. Every failure becomes part of the result; nothing throws for Harbor's sake.
 */
export async function pollInstance(target: PollTarget, opts: PollOptions = {}): Promise<PollResult> {
  const known =
    target.apiGeneration && (API_GENERATIONS as readonly string[]).includes(target.apiGeneration)
      ? { generation: target.apiGeneration as ApiGeneration, version: target.harborVersion }
      : null;
  const outbound = opts.outbound ?? (await getOutboundPolicy());
  const client = createHarborClient({
    baseUrl: target.baseUrl,
    credentials: { username: target.username, password: target.secret },
    ca: target.caBundle,
    skipTlsVerify: target.skipTlsVerify,
    known,
    timeoutMs: opts.timeoutMs ?? 10_000,
    connectTimeoutMs: opts.connectTimeoutMs ?? 5_000,
    maxRetries: 1,
    dispatcher: poolFor({
      caBundle: target.caBundle,
      skipTlsVerify: target.skipTlsVerify,
      timeoutMs: opts.timeoutMs ?? 10_000,
      connectTimeoutMs: opts.connectTimeoutMs ?? 5_000,
      keepAliveMs: keepAliveFor(opts.intervalSeconds),
      outbound,
    }),
  });
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const work = pollWith(client, target, Boolean(known)).finally(() => client.close());
  // Each request has its own timeout; the poll as a whole (several requests in turn) gets one more second, so that the
  // collector can bound a poll job's time (its expiry) by the timeout.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<PollResult>((resolve) => {
    timer = setTimeout(() => {
      const host = new URL(target.baseUrl).host;
      resolve(
        failed(empty(target), {
          kind: "timeout",
          message: `${host} did not finish answering a poll within ${(timeoutMs + POLL_GRACE_MS) / 1000} s (each answer came, but slowly).`,
          requestId: "",
        }),
      );
    }, timeoutMs + POLL_GRACE_MS);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a whole poll may take beyond the per-request timeout. */
export const POLL_GRACE_MS = 1_000;

async function pollWith(client: HarborClient, target: PollTarget, usedCache: boolean): Promise<PollResult> {
  let r = empty(target);
  const version = await resolveVersion({ client });
  if (!version.ok) return failed(r, version.error);
  const t0 = performance.now();
  // With a cached detection, ask for everything at once: one round trip instead of two.
  const early = usedCache ? Promise.all([getSystemInfo({ client }), getStatistics({ client })]) : null;
  // The credential check runs hourly, not every round, alongside the other calls: no extra round trip (one for
  // robots on 2.2+, whose expiry is looked up after users/current).
  const checkDue = credentialCheckDue(target.credentialCheckedAt);
  const startCheck = () => checkCredential(client, target.username).catch(() => null);
  let credentialCheck = checkDue && usedCache ? startCheck() : null;
  let health = await getHealth({ client });
  // A cached generation that no longer answers (the instance was re-installed or rolled back): detect afresh.
  let redetected = false;
  if (!health.ok && usedCache && (health.error.kind === "not_found" || health.error.kind === "invalid_response")) {
    redetected = true;
    await early;
    client.known = null;
    const fresh = await detectVersion({ client });
    if (!fresh.ok) return failed(r, fresh.error);
    health = await getHealth({ client });
  }
  r.latencyMs = Math.round(performance.now() - t0);
  r.apiGeneration = client.known?.generation ?? null;
  r.harborVersion = client.known?.version ?? r.harborVersion;
  if (!health.ok) {
    await Promise.all([early, credentialCheck]);
    return failed(r, health.error);
  }
  if (checkDue && (!credentialCheck || redetected)) {
    await credentialCheck;
    credentialCheck = startCheck();
  }
  r.components = health.value.components.map((c) => ({ name: c.name, status: c.status, ...(c.error ? { error: c.error } : {}) }));
  if (health.value.state === "unknown") {
    // A word Harbor does not use: the console cannot tell healthy from not, and says what it heard.
    r.health = "unknown";
    r.healthWord = health.value.status;
  } else r.health = health.value.state === "healthy" && r.components.every((c) => c.status === "healthy") ? "healthy" : "degraded";

  const [info, stats] = early && !redetected ? await early : await Promise.all([getSystemInfo({ client }), getStatistics({ client })]);
  r.credentialCheck = credentialCheck ? await credentialCheck : null;
  if (info.ok) {
    const v = info.value;
    const parsed = parseHarborVersion(v.harbor_version ?? null);
    if (parsed) r.harborVersion = `${parsed.major}.${parsed.minor}.${parsed.patch}`;
    r = {
      ...r,
      readOnly: v.read_only ?? null,
      authMode: v.auth_mode ?? null,
      externalUrl: v.external_url ?? null,
      storageProvider: v.registry_storage_provider_name ?? null,
    };
  }
  if (stats.ok) {
    const s = stats.value;
    r.credential = "valid";
    // Harbor fills the totals for system admins only; others (robots always) get the public projects and the private
    // ones they belong to (robots: none), with totals left out (≤ 2.2) or at 0 (2.3+) — a partial view, not a total.
    const visibleProjects = (s.private_project_count ?? 0) + (s.public_project_count ?? 0);
    const totals = typeof s.total_project_count === "number" && (s.total_project_count > 0 || visibleProjects === 0);
    r.usagePartial = !totals;
    r.projectCount = totals ? s.total_project_count! : visibleProjects;
    r.repoCount = totals && typeof s.total_repo_count === "number" ? s.total_repo_count : (s.private_repo_count ?? 0) + (s.public_repo_count ?? 0);
    r.storageBytes = totals && typeof s.total_storage_consumption === "number" ? BigInt(s.total_storage_consumption) : null;
  } else if (stats.error.kind === "unauthorized") {
    r = {
      ...r,
      credential: "invalid",
      errorKind: "unauthorized",
      errorMessage: "Harbor rejected the credential (it answers it as anonymous). Update the username or secret of this instance.",
    };
  } else if (stats.error.kind === "forbidden") {
    r = {
      ...r,
      credential: "forbidden",
      errorKind: "forbidden",
      errorMessage: "The credential is valid but may not read statistics. Give the account more rights.",
    };
  } else {
    r = { ...r, errorKind: stats.error.kind, errorMessage: stats.error.message };
  }
  return r;
}
