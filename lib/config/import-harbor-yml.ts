/**
 * harbor.yml → topology, best effort: the inverse of generateHarborYml for everything harbor.yml records. What it
 * does not record (deployment, load balancer, install.sh component flags, the target version, PostgreSQL major,
 * "storage is shared") is kept from `base`. A value the schema refuses keeps the base value and adds a warning.
 * Contract (tested): generate(import(parse(generate(t)), t)) === generate(t).
 */
import { getPath, setPath } from "../schemas/topology-path";
import { ZTopology, type TTopology } from "../schemas/topology";
import { featuresFor } from "./features";
import { externalUrlOf } from "./harbor-yml-sections";
import { STORAGE_DRIVERS } from "./harbor-yml-keys";
import { applyBackends } from "./harbor-yml-import-backends";
import { applyComponents } from "./harbor-yml-import-components";
import { bool, int, map, str } from "./harbor-yml-import-read";

function applyAccess(t: TTopology, doc: Record<string, unknown>): void {
  const a = t.access;
  const https = map(doc.https);
  const internalTls = map(doc.internal_tls);
  const url = str(doc.external_url);
  a.hostname = str(doc.hostname);
  a.httpPort = int(map(doc.http)?.port, 80);
  if (https) {
    a.tls = "nodes";
    a.httpsPort = int(https.port, 443);
    a.certificatePath = str(https.certificate);
    a.privateKeyPath = str(https.private_key);
  } else {
    a.tls = url.startsWith("https://") ? "loadBalancer" : "none";
  }
  a.externalUrl = "";
  if (url && url !== externalUrlOf(t)) a.externalUrl = url;
  a.strongSslCiphers = bool(https?.strong_ssl_ciphers, false) || bool(internalTls?.strong_ssl_ciphers, false);
  a.internalTls = bool(internalTls?.enabled, false);
  if (internalTls?.dir !== undefined) a.internalTlsDir = str(internalTls.dir);
  a.ipv6 = bool(map(map(doc.ip_family)?.ipv6)?.enabled, false);
  t.adminPassword = str(doc.harbor_admin_password);
  if (doc.data_volume !== undefined) t.deployment.dataVolume = str(doc.data_volume);
}

/** Leaves the schema refuses go back to the base value, one warning each (also the Helm adoption's). */
export function settleImported(candidate: TTopology, base: TTopology, warnings: string[]): TTopology {
  let current = candidate;
  for (let round = 0; round < 3; round++) {
    const parsed = ZTopology.safeParse(current);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      warnings.push(`${path}: ${issue.message}; kept the current value.`);
      current = path && getPath(base, path) !== undefined ? setPath(current, path, getPath(base, path)) : base;
    }
  }
  return base;
}

export function topologyFromHarborYml(doc: Record<string, unknown>, base: TTopology): { topology: TTopology; warnings: string[] } {
  const warnings: string[] = [];
  const f = featuresFor(base.harborVersion);
  if (!f) return { topology: base, warnings: [`Harbor ${base.harborVersion} is outside the editable range; nothing imported.`] };
  const t = structuredClone(base);
  if (doc._version !== undefined && String(doc._version) !== f.ymlVersion) {
    warnings.push(`The file is for _version ${String(doc._version)}; values were read as Harbor ${base.harborVersion}.`);
  }
  applyAccess(t, doc);
  applyBackends(t, doc, f, warnings);
  applyComponents(t, doc, f, warnings);
  const hinted = (["trivy", "clair", "chart"] as const).filter((k) => map(doc[k]) && !base.components[k === "chart" ? "chartmuseum" : k]);
  if (hinted.length)
    warnings.push(`The file has ${hinted.join(", ")} settings, but whether a component runs is an install.sh flag; components were kept as they were.`);
  const storage = map(doc.storage_service) ?? {};
  const unknownDrivers = Object.keys(storage).filter((k) => !["ca_bundle", "redirect", ...STORAGE_DRIVERS].includes(k));
  if (unknownDrivers.length) warnings.push(`Unknown storage driver ${unknownDrivers.join(", ")}: Harbor ignores it.`);
  return { topology: settleImported(t, base, warnings), warnings };
}
