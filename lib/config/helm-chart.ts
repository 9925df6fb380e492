/**
 * Harbor version → harbor-helm chart version (docs/harbor/helm.md §1), from the release table's `chart` column. Pure.
 *
 * Only patches the table proves are mapped:
 * - lines the table gives as a range or a first/newest pair: every patch from .0 up to the listed newest, chart
 *   1.(N+4).p ↔ Harbor 2.N.p (and 1.3.p ↔ 1.10.p with the 1.3.17+ exception below);
 * - lines listed with .0 only (2.2, 2.3, 2.4): the table states the 1.(N+4).p rule for all of 2.x, so every patch
 *   the release catalog knows for those lines (2.2.0–2.2.4, 2.3.0–2.3.5, 2.4.0–2.4.3) maps by the rule;
 * - lines older than 1.10 are not offered for Helm (the console edits 1.10+).
 */
import type { ConfigIssue } from "../schemas/config-issue";
import type { TTopology } from "../schemas/topology";
import { lineInfo, RELEASE_LINES, toVersion } from "../releases";

export type ChartResult = { ok: true; chart: string; appVersion: string } | { ok: false; message: string };

/** 1.3.17 also ships 1.10.16 (docs/harbor/helm.md: "the 1.3.17+ chart patches trail the app patch by one"); the newer chart wins. */
function chartPatch(line: string, patch: number): number {
  if (line === "1.10" && patch >= 16) return patch + 1;
  return patch;
}

export function chartFor(harborVersion: string): ChartResult {
  const v = toVersion(harborVersion);
  if (!v) return { ok: false, message: `"${harborVersion}" is not a Harbor version` };
  const line = `${v.major}.${v.minor}`;
  const entry = lineInfo(line)?.chart;
  if (!entry) return { ok: false, message: `Helm deployments need Harbor 1.10 or newer; no harbor-helm chart is mapped for ${line}` };
  const [chartMinor, listedNewest] = entry;
  const newest = listedNewest ?? lineInfo(line)?.latest.patch ?? 0;
  const app = `${line}.${v.patch}`;
  if (v.patch > newest) {
    const newestChart = `1.${chartMinor}.${chartPatch(line, newest)}`;
    return { ok: false, message: `No harbor-helm chart ships Harbor ${app} yet; chart ${newestChart} ships ${line}.${newest}` };
  }
  return { ok: true, chart: `1.${chartMinor}.${chartPatch(line, v.patch)}`, appVersion: app };
}

/** "1.12.6" → 12: the chart minor, which is what key availability depends on. */
export function chartMinor(chart: string): number {
  return Number(chart.split(".")[1]);
}

const issue = (field: string, message: string, severity: ConfigIssue["severity"] = "error"): ConfigIssue => ({
  section: field.split(".")[0],
  field,
  message,
  severity,
});

/**
 * Rules that only apply to a Helm deployment with the pinned chart (docs/harbor/helm.md §1–3); [] for docker-compose. The rules
 * every deployment shares (hostname, admin password, HA) are validateTopology's.
 */
export function chartIssues(t: TTopology): ConfigIssue[] {
  if (t.deployment.kind !== "helm") return [];
  const r = chartFor(t.harborVersion);
  if (!r.ok) return [issue("harborVersion", r.message)];
  const minor = chartMinor(r.chart);
  const out: ConfigIssue[] = [];
  const h = t.deployment.helm;
  if (h.exposeType === "nodePort" && !t.access.externalUrl) {
    out.push(issue("access.externalUrl", "With nodePort, set the external URL including the node port (e.g. https://node.example.com:30003)", "warning"));
  }
  const rd = t.redis;
  if (rd.type === "external") {
    if (rd.mode === "sentinel" && minor < 5) out.push(issue("redis.mode", `Chart ${r.chart} has no Redis Sentinel support (chart 1.5 / Harbor 2.1+)`));
    if (rd.tls && minor < 17) out.push(issue("redis.tls", `Chart ${r.chart} cannot enable Redis TLS (chart 1.17 / Harbor 2.13+)`));
    if (rd.username && minor < 12) out.push(issue("redis.username", `Chart ${r.chart} has no Redis username (chart 1.12+); it is ignored`, "warning"));
  }
  const loggers = t.components.jobservice.jobLoggers;
  if (loggers.length > 1 && minor < 6) {
    out.push(issue("components.jobservice.jobLoggers", `Chart ${r.chart} takes a single job logger; only ${loggers[0]} is used`, "warning"));
  }
  if (t.storage.caBundle) {
    out.push(issue("storage.caBundle", `Create the Secret ${h.releaseName}-storage-ca with key ca.crt from this file before installing`, "warning"));
  }
  const db = t.database;
  const sameServer = (x: { host: string; username: string }) => (!x.host || x.host === db.host) && (!x.username || x.username === db.username);
  if (db.type === "external" && minor <= 12) {
    if (t.components.notary && (!sameServer(db.notaryServer) || !sameServer(db.notarySigner))) {
      out.push(issue("database.notaryServer.host", "The chart reaches the notary databases with the core database's host and credentials", "warning"));
    }
    if (t.components.clair && minor <= 5 && !sameServer(db.clair)) {
      out.push(issue("database.clair.host", "The chart reaches the clair database with the core database's host and credentials", "warning"));
    }
  }
  return out;
}

/** Chart "1.15.2" → the Harbor version it ships ("2.11.2"), the inverse of chartFor; an error for a chart not mapped. */
export function harborForChart(chart: string): { ok: true; version: string } | { ok: false; message: string } {
  const m = /^v?1\.(\d+)\.(\d+)$/.exec(chart.trim());
  if (!m) return { ok: false, message: `"${chart}" is not a harbor-helm chart version (e.g. 1.15.2)` };
  const [minor, patch] = [Number(m[1]), Number(m[2])];
  const line = RELEASE_LINES.find((l) => l.chart?.[0] === minor)?.line;
  if (!line) {
    const charted = RELEASE_LINES.filter((l) => l.chart);
    const span = [charted[0], charted[charted.length - 1]].map((l) => `1.${l.chart![0]} (Harbor ${l.line})`).join(" to ");
    return { ok: false, message: `Chart 1.${minor} is not mapped to a Harbor line: the console knows charts ${span}.` };
  }
  const appPatch = line === "1.10" && patch >= 17 ? patch - 1 : patch;
  const r = chartFor(`${line}.${appPatch}`);
  if (!r.ok || r.chart !== `1.${minor}.${patch}`)
    return {
      ok: false,
      message: `Chart 1.${minor}.${patch} is not one the console maps (${r.ok ? `Harbor ${line}.${appPatch} ships with chart ${r.chart}` : r.message}).`,
    };
  return { ok: true, version: `${line}.${appPatch}` };
}
