/**
 * What Harbor's prepare tool rejects (docs/harbor/config.md §3.1, §3.2), in Harbor's words where it has them, plus the traps it
 * lets through (§3.2 #1: localhost; the sample's key placeholder; an unset admin password).
 */
import { LOG_LEVELS, QUOTA_PROVIDERS } from "../schemas/topology";
import type { ConfigIssue } from "../schemas/config-issue";
import { error, warning, type Rules } from "./validate-issue";

export const SAMPLE_HOSTNAME = "reg.mydomain.com";
export const SAMPLE_CERT_PATH = "/your/certificate/path";
export const SAMPLE_KEY_PATH = "/your/private/key/path";
export const SAMPLE_ADMIN_PASSWORD = "Harbor12345";

/** `<n>h` with an integer n ≥ 2 (models.py PurgeUpload.validate); null = valid. */
export function purgeDurationProblem(value: string, what: "age" | "interval"): string | null {
  const m = /^(\d+)h$/.exec(value);
  if (!m) return `purge upload ${what} should set with with nh, n is the number of hours, e.g. 168h.`;
  if (Number(m[1]) < 2) return `purge upload ${what}: n should not be less than 2.`;
  return null;
}

export const accessRules: Rules = (t, f) => {
  const out: ConfigIssue[] = [];
  const a = t.access;
  const host = a.hostname.toLowerCase();
  if (host === "") out.push(error("access.hostname", "Enter the host name clients use to reach Harbor."));
  else if (host === "127.0.0.1") out.push(error("access.hostname", "127.0.0.1 can not be the hostname: use the name or address clients reach Harbor at."));
  else if (host === SAMPLE_HOSTNAME) out.push(error("access.hostname", "Please specify hostname: reg.mydomain.com is the sample's placeholder."));
  else if (host === "localhost" || host === "::1")
    out.push(error("access.hostname", "localhost can not be the hostname (install.sh forbids it): use the name clients resolve."));
  if (a.tls === "nodes" && t.deployment.kind === "helm") {
    out.push(
      error("access.tls", "With Helm, TLS ends at the ingress or the chart's own nginx: choose “Terminated at the load balancer” (and name the TLS secret)."),
    );
  } else if (a.tls === "nodes") {
    if (a.certificatePath === "" || a.certificatePath === SAMPLE_CERT_PATH)
      out.push(error("access.certificatePath", "The protocol is https but attribute ssl_cert is not set: enter the certificate's path on the nodes."));
    if (["", SAMPLE_CERT_PATH, SAMPLE_KEY_PATH].includes(a.privateKeyPath))
      out.push(error("access.privateKeyPath", "The protocol is https but attribute ssl_cert_key is not set: enter the private key's path on the nodes."));
  }
  if (a.tls === "none")
    out.push(warning("access.tls", "HTTP is insecure: credentials travel in clear text and Docker clients must list Harbor as an insecure registry."));
  if (a.tls !== "none" && a.externalUrl.startsWith("http://"))
    out.push(warning("access.externalUrl", "TLS is on, but the external URL starts with http://; clients and tokens would use plain http."));
  if (f.internalTls && a.internalTls && a.internalTlsDir === "")
    out.push(error("access.internalTlsDir", "Enter the directory that holds the internal TLS certificates."));
  // prepare's rule (docker-compose); with Helm, TLS ends at the ingress or the chart's nginx, never on "nodes"
  if (t.components.notary && f.notary && t.deployment.kind === "compose" && a.tls !== "nodes")
    out.push(
      error("components.notary", "Error: the protocol must be https when Harbor is deployed with Notary. Terminate TLS on the nodes or turn Notary off."),
    );
  if (t.components.notary && f.notary && t.deployment.kind === "helm" && a.tls === "none")
    out.push(error("components.notary", "Notary needs https: turn TLS on (terminated at the ingress or the chart's nginx) or turn Notary off."));
  if (t.adminPassword === "")
    out.push(error("adminPassword", `Set the initial admin password; otherwise Harbor's sample default ${SAMPLE_ADMIN_PASSWORD} would be used.`));
  else if (t.adminPassword === SAMPLE_ADMIN_PASSWORD)
    out.push(warning("adminPassword", `${SAMPLE_ADMIN_PASSWORD} is the sample's well-known default; choose another password.`));
  return out;
};

export const componentRules: Rules = (t, f) => {
  const out: ConfigIssue[] = [];
  const c = t.components;
  if (!LOG_LEVELS.includes(c.log.level)) out.push(error("components.log.level", "log level must be one of debug, info, warning, error, fatal"));
  if (c.log.syslog.enabled && c.log.syslog.host === "")
    out.push(error("components.log.syslog.host", "Error: must set log endpoint host to enable external host."));
  if (f.jobLoggers && c.jobservice.jobLoggers.length === 0)
    out.push(error("components.jobservice.jobLoggers", "Choose at least one job logger (STD_OUTPUT, FILE or DB)."));
  if (f.trace && c.trace.enabled) {
    const tr = c.trace;
    if (tr.exporter === "jaeger") {
      if (!tr.jaegerEndpoint && !tr.jaegerAgentHost)
        out.push(error("components.trace.jaegerEndpoint", "Jaeger Colector Endpoint or Agent host not set, must set one."));
      if (tr.jaegerEndpoint && tr.jaegerAgentHost)
        out.push(error("components.trace.jaegerAgentHost", "Jaeger Colector Endpoint and Agent host both set, only can set one."));
    } else {
      if (!tr.otelEndpoint) out.push(error("components.trace.otelEndpoint", "Trace endpoint not set: enter the OTLP receiver's host:port."));
      if (!tr.otelUrlPath) out.push(error("components.trace.otelUrlPath", "Trace url path not set, e.g. /v1/traces."));
    }
  }
  if (f.uploadPurging && c.uploadPurging.enabled) {
    const age = purgeDurationProblem(c.uploadPurging.age, "age");
    const interval = purgeDurationProblem(c.uploadPurging.interval, "interval");
    if (age) out.push(error("components.uploadPurging.age", age));
    if (interval) out.push(error("components.uploadPurging.interval", interval));
  }
  if (f.cache && c.cache.enabled && !(c.cache.expireHours > 0))
    out.push(error("components.cache.expireHours", "cache expire hours should be positive number."));
  if (!QUOTA_PROVIDERS.includes(c.quotaUpdateProvider))
    out.push(error("components.quotaUpdateProvider", `invalid quota update provider: ${c.quotaUpdateProvider}`));
  return out;
};
