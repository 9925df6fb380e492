/**
 * Version gates: a setting the target release does not have is an error at that setting's field (docs/harbor/config.md §2.1).
 * Settings whose default is "on" for every version (upload purging) are simply not emitted where they do not exist.
 */
import type { ConfigIssue } from "../schemas/config-issue";
import { COMPONENT_SPANS, describeGate, PATCH_GATES } from "../releases";
import { error, warning, type Rules } from "./validate-issue";

export const versionRules: Rules = (t, f) => {
  const out: ConfigIssue[] = [];
  const v = t.harborVersion;
  const c = t.components;
  const r = t.redis;
  if (c.trivy && !f.trivy) out.push(error("components.trivy", `Trivy ships with Harbor ${COMPONENT_SPANS.trivy[0]} and later; turn it off for ${v}.`));
  if (c.clair && !f.clair) out.push(error("components.clair", `Clair was removed in Harbor ${COMPONENT_SPANS.clair[1]}; use Trivy on ${v}.`));
  if (c.notary && !f.notary) out.push(error("components.notary", `Notary was removed in Harbor ${COMPONENT_SPANS.notary[1]}; turn it off for ${v}.`));
  if (c.chartmuseum && !f.chartmuseum)
    out.push(error("components.chartmuseum", `ChartMuseum was removed in Harbor ${COMPONENT_SPANS.chartmuseum[1]}; store charts as OCI artifacts on ${v}.`));
  if (t.access.internalTls && !f.internalTls) out.push(error("access.internalTls", "Internal TLS needs Harbor 2.0 or later."));
  if (t.access.ipv6 && !f.ipFamily) out.push(error("access.ipv6", "IPv6 settings (ip_family) need Harbor 2.11 or later."));
  if (t.access.strongSslCiphers) {
    if (!f.httpsStrongCiphers)
      out.push(
        error(
          "access.strongSslCiphers",
          `Harbor ${v} ignores strong_ssl_ciphers: it is read by ${describeGate(PATCH_GATES.strongSslCiphers)}. Turn it off or choose a later patch.`,
        ),
      );
    else if (t.access.tls !== "nodes" && !t.access.internalTls)
      out.push(warning("access.strongSslCiphers", "Strong ciphers apply to https on the nodes and to internal TLS; with TLS elsewhere they have no effect."));
  }
  if (c.metrics.enabled && !f.metric) out.push(error("components.metrics.enabled", "Metrics need Harbor 2.2 or later."));
  if (c.trace.enabled && !f.trace) out.push(error("components.trace.enabled", "Tracing needs Harbor 2.4 or later."));
  if (c.cache.enabled && !f.cache) out.push(error("components.cache.enabled", "The cache layer needs Harbor 2.6 or later."));
  if (c.quotaUpdateProvider !== "db" && !f.quotaUpdateProvider)
    out.push(error("components.quotaUpdateProvider", "Choosing the quota update provider needs Harbor 2.9 or later; keep db."));
  if (c.jobservice.jobLoggers.includes("DB") && !f.jobLoggers && t.deployment.kind === "compose")
    out.push(
      error(
        "components.jobservice.jobLoggers",
        "The DB job logger is configurable from Harbor 2.9; before that job logs are files under data_volume/job_logs.",
      ),
    );
  if (c.jobservice.maxJobDurationHours !== 24 && !f.maxJobDuration)
    out.push(warning("components.jobservice.maxJobDurationHours", "The maximum job duration is configurable from Harbor 2.13; it is ignored here."));
  if (r.type === "external") {
    if (r.mode === "sentinel" && !f.sentinel) out.push(error("redis.mode", "Redis Sentinel needs Harbor 2.1 or later; use a standalone Redis address."));
    if (r.username && !f.redisUsername) out.push(error("redis.username", "A Redis username (ACL) needs Harbor 2.8 or later; leave it empty."));
    if (r.tls && !f.redisTls) out.push(error("redis.tls", "TLS to Redis needs Harbor 2.13 or later (older releases ignore it and connect in plain text)."));
  }
  const i = r.indexes;
  if (!f.harborAndCacheLayerDbIndex) {
    const since = describeGate(PATCH_GATES.redisSection);
    if (i.harbor !== null) out.push(error("redis.indexes.harbor", `The harbor Redis index needs Harbor ${since}; leave it unset.`));
    if (i.cacheLayer !== null) out.push(error("redis.indexes.cacheLayer", `The cache layer Redis index needs Harbor ${since}; leave it unset.`));
  }
  return out;
};
