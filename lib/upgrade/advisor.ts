/**
 * Upgrade advisor: what an operator must know about one hop S→T for *this* topology — components removed, keys
 * renamed, the bundled PostgreSQL's major change, the external PostgreSQL minimum, slow data migrations and known
 * issues. Pure data + one lookup; every entry cites where the fact comes from (docs/harbor/*.md and the
 * goharbor sources they name). Entries are informational except `blocking` ones, which the topology must fix first.
 */
import { compareVersions, COMPONENT_SPANS, postgresOf, type HarborVersion } from "../releases";

export type AdviceKind = "removed" | "config" | "database" | "migration" | "known-issue";

/** The facts about an instance an entry may depend on; all optional (an unrecorded topology gives the general advice). */
export interface AdviceTopology {
  deployment?: "compose" | "helm";
  database?: "internal" | "external";
  /** the external PostgreSQL's major, when recorded */
  postgresMajor?: number | null;
  components?: { notary?: boolean; chartmuseum?: boolean; clair?: boolean };
  redisSentinel?: boolean;
  redisTls?: boolean;
  internalTls?: boolean;
  storage?: string;
  /** HA compose nodes */
  nodes?: number;
}

export interface AdviceEntry {
  id: string;
  kind: AdviceKind;
  /** the first release the entry applies to: it concerns a hop with from < since ≤ to */
  since: string;
  title: string;
  detail: string;
  source: string;
  /** the topology must change before the hop (the hop's Harbor refuses or loses data otherwise) */
  blocking?: (t: AdviceTopology) => boolean;
  /** only for some topologies; absent = every topology */
  when?: (t: AdviceTopology) => boolean;
}

export interface Advice {
  id: string;
  kind: AdviceKind;
  title: string;
  detail: string;
  source: string;
  blocking: boolean;
}

const v = (s: string): HarborVersion => {
  const [major, minor, patch] = s.split(".").map(Number);
  return { major, minor, patch };
};

export const ADVISOR: readonly AdviceEntry[] = [
  {
    id: "artifact-migration",
    kind: "migration",
    since: "2.0.0",
    title: "2.0 artifact data migration",
    detail:
      "The first 2.x start abstracts artifact metadata from registry storage: minutes to hours on object storage, and the API is unresponsive meanwhile. Watch the harbor-core and registry logs.",
    source: "goharbor/website@release-2.0.0:docs/administration/upgrade/_index.md (docs/harbor/upgrade.md §3.3)",
  },
  {
    id: "artifact-migration-object-storage",
    kind: "known-issue",
    since: "2.0.0",
    title: "Artifact migration on object storage is slow",
    detail: "This instance keeps blobs in object storage: plan the window for the 2.0 artifact walk over the whole bucket.",
    source: "goharbor/website@release-2.0.0:docs/administration/upgrade/_index.md (docs/harbor/upgrade.md §3.3)",
    when: (t) => !!t.storage && t.storage !== "filesystem",
  },
  {
    id: "clair-removed",
    kind: "removed",
    since: `${COMPONENT_SPANS.clair[1]}.0`,
    title: "Clair removed",
    detail: "2.2 drops Clair (the clair section, its DB and Redis index, --with-clair). Use Trivy and rescan everything for reports to show.",
    source: "goharbor/website@release-2.2.0:docs/administration/upgrade/_index.md; docs/harbor/config.md §2.1 (2.2.0)",
    blocking: (t) => !!t.components?.clair,
  },
  {
    id: "internal-tls-san",
    kind: "known-issue",
    since: "2.2.0",
    title: "Internal TLS certificates need a SAN",
    detail: "Internal-TLS certificates without a SAN must be regenerated: docker run -v /:/hostfs goharbor/prepare:v2.2.0 gencert -p <dir>.",
    source: "goharbor/website@release-2.2.0:docs/administration/upgrade/_index.md (docs/harbor/upgrade.md §3.3)",
    when: (t) => !!t.internalTls,
  },
  {
    id: "external-pg-10",
    kind: "database",
    since: "2.5.0",
    title: "External PostgreSQL ≥ 10",
    detail: "From 2.5, Harbor needs an external PostgreSQL 10 or newer.",
    source: "goharbor/website@release-2.5.0:docs/administration/upgrade/_index.md (docs/harbor/upgrade.md §2.2 item 4, §3.3)",
    when: (t) => t.database === "external",
    blocking: (t) => t.database === "external" && t.postgresMajor != null && t.postgresMajor < 10,
  },
  {
    id: "cache-layer-ha",
    kind: "config",
    since: "2.6.0",
    title: "Cache layer: same setting on every node",
    detail: "2.6 adds cache.{enabled,expire_hours}; all HA nodes must have the same cache setting.",
    source: "goharbor/harbor@v2.6.0:make/harbor.yml.tmpl (docs/harbor/config.md §2.1, 2.6.0)",
    when: (t) => (t.nodes ?? 1) > 1,
  },
  {
    id: "chartmuseum-removed",
    kind: "removed",
    since: `${COMPONENT_SPANS.chartmuseum[1]}.0`,
    title: "ChartMuseum removed",
    detail: "2.8 drops ChartMuseum (the chart section, chartmuseum_db_index, --with-chartmuseum). Move charts to OCI artifacts in projects before this hop.",
    source: "goharbor/harbor@v2.8.0:make/harbor.yml.tmpl; docs/harbor/config.md §2.1 (2.8.0)",
    blocking: (t) => !!t.components?.chartmuseum,
  },
  {
    id: "redirect-key-renamed",
    kind: "config",
    since: "2.8.0",
    title: "storage_service.redirect.disabled renamed to redirect.disable",
    detail:
      "The old spelling is a KeyError from 2.8 on (and the new one before 2.8). prepare migrate and the console's generator write the right one per version.",
    source: "docs/harbor/config.md §2.1 (2.8.0)",
  },
  {
    id: "notary-removed",
    kind: "removed",
    since: `${COMPONENT_SPANS.notary[1]}.0`,
    title: "Notary removed",
    detail: "2.9 drops Notary (external_database notary_*, --with-notary). Signatures move to Cosign or Notation.",
    source: "goharbor/harbor@v2.9.0:make/harbor.yml.tmpl; docs/harbor/config.md §2.1 (2.9.0)",
    blocking: (t) => !!t.components?.notary,
  },
  {
    id: "legacy-migration-removed",
    kind: "migration",
    since: "2.9.0",
    title: "Legacy 1.x data migration removed",
    detail: "2.9 removed the 2.0 artifact-abstraction migration (commit 5c42bc10ec): a 1.x database must have started on a 2.0–2.8 release first.",
    source: 'goharbor/harbor@v2.9.0 commit 5c42bc10ec "remove the legacy migration (#18754)" (docs/harbor/upgrade.md §2.2 item 2)',
  },
  {
    id: "external-pg-12",
    kind: "database",
    since: "2.9.0",
    title: "External PostgreSQL ≥ 12",
    detail: "From 2.9, Harbor needs an external PostgreSQL 12 or newer.",
    source: "goharbor/website@release-2.9.0:docs/administration/upgrade/_index.md (docs/harbor/upgrade.md §2.2 item 4, §3.3)",
    when: (t) => t.database === "external",
    blocking: (t) => t.database === "external" && t.postgresMajor != null && t.postgresMajor < 12,
  },
  {
    id: "redis-tls",
    kind: "config",
    since: "2.13.0",
    title: "Redis TLS takes effect",
    detail:
      "external_redis.tlsOptions is silently ignored up to 2.12 and switches to rediss:// (rediss+sentinel://) from 2.13: the Redis server must accept TLS before this hop.",
    source: "docs/harbor/config.md §2.1 (2.13.0) and §3.3 (Redis URL building)",
    when: (t) => !!t.redisTls,
  },
  {
    id: "redis-sentinel-url",
    kind: "known-issue",
    since: "2.13.0",
    title: "Redis Sentinel URL scheme changes with TLS",
    detail: "With Sentinel and TLS the scheme becomes rediss+sentinel://; check every sentinel address answers TLS on its own port.",
    source: "docs/harbor/config.md §3.3 (Redis URL building: rediss+sentinel, 2.13+)",
    when: (t) => !!t.redisSentinel && !!t.redisTls,
  },
  {
    id: "helm-tls-auto",
    kind: "known-issue",
    since: "0.0.0",
    title: "Helm: pin the TLS certificate and the core token key",
    detail:
      "With expose.tls.certSource=auto a new certificate is generated on upgrade, and the core token key and cert are regenerated on every upgrade unless pinned: copy them into Secrets and reference them before helm upgrade.",
    source: "goharbor/harbor-helm@v1.19.1:docs/Upgrade.md (docs/harbor/upgrade.md §3.4, docs/harbor/helm.md)",
    when: (t) => t.deployment === "helm",
  },
];

/** The bundled PostgreSQL's major change on this hop (internal database only), as an advice row. */
function postgresAdvice(s: HarborVersion, t: HarborVersion, topo: AdviceTopology): Advice[] {
  if (topo.database === "external") return [];
  const from = postgresOf(s);
  const to = postgresOf(t);
  if (!from || !to || from === to) return [];
  return [
    {
      id: `internal-pg-${from}-${to}`,
      kind: "database",
      title: `Bundled PostgreSQL ${from} → ${to}`,
      detail: `harbor-db runs pg_upgrade on the first start and then deletes the PG ${from} data: the file copy of <data_volume>/database taken while Harbor is stopped is the only way back.`,
      source: `goharbor/harbor@v${t.major}.${t.minor}.${t.patch}:make/photon/db/Dockerfile and docker-entrypoint.sh (docs/harbor/upgrade.md §2.2 item 4, §5)`,
      blocking: false,
    },
  ];
}

/** Every advisor entry for the hop S→T (from < since ≤ to) that applies to the topology, in release order. */
const SINCE = ADVISOR.map((e) => ({ e, since: v(e.since), everyHop: e.since === "0.0.0" }));

export function adviseHop(s: HarborVersion, t: HarborVersion, topo: AdviceTopology = {}): Advice[] {
  const crossed = SINCE.filter(
    ({ e, since, everyHop }) => (everyHop || (compareVersions(s, since) < 0 && compareVersions(since, t) <= 0)) && (!e.when || e.when(topo)),
  ).map(({ e }) => e);
  const rows = crossed.map((e): Advice => ({ id: e.id, kind: e.kind, title: e.title, detail: e.detail, source: e.source, blocking: !!e.blocking?.(topo) }));
  return [...postgresAdvice(s, t, topo), ...rows];
}
