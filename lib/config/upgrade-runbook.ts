/**
 * The upgrade runbook of a plan (issue #12 step 5), as Markdown: per hop, for the instance's deployment mode, with its
 * own hostnames, nodes, paths and versions — back up, read-only, stop every node, the hop's harbor.yml per node (the
 * Config tab's generator, for a running instance: masked secrets and no shared key, lib/config/lifecycle.ts), start
 * one node for the schema migration, then the others, verify. Helm: the pinned chart per hop, `helm upgrade`, never
 * `helm rollback`. A restore runbook follows it. Pure; the console never runs any of it (docs/harbor/upgrade.md §5–§7).
 */
import type { TTopology } from "../schemas/topology";
import { featuresFor } from "./features";
import { generateHarborYml } from "./harbor-yml";
import { defaultHelmSecretNames, generateHelmValues } from "./helm-values";
import { chartFullname } from "./helm-secrets";
import { helmExternalUrl } from "./helm-values-backends";
import { healthCheckPath } from "./health-check-path";
import type { HopImpact } from "./upgrade-impact";

export interface RunbookInput {
  instanceName: string;
  baseUrl: string;
  helm: boolean;
  from: string;
  hops: HopImpact[];
  /** the current revision without secret values; null when no topology is recorded */
  topology: TTopology | null;
}

const fence = (lang: string, lines: string[]) => ["```" + lang, ...lines, "```"];

/** A hop's heading, why the path stops there, and its notes and advice (a blocking one says to change the topology first). */
function hopHeading(hop: HopImpact, n: number): string[] {
  return [
    `## Hop ${n}: ${hop.from} → ${hop.to}`,
    "",
    `Why this stop: ${hop.reason}`,
    "",
    ...[...hop.notes, ...hop.advice.map((a) => `${a.blocking ? "**Change the topology first:** " : ""}${a.title}: ${a.detail} (${a.source})`)].map(
      (x) => `- ${x}`,
    ),
  ];
}

function composeHop(input: RunbookInput, hop: HopImpact, n: number): string[] {
  const t = input.topology;
  const dv = t?.deployment.dataVolume ?? "/data";
  const nodes = t && t.deployment.nodes.length ? t.deployment.nodes : [{ name: "harbor", address: new URL(input.baseUrl).hostname }];
  const [first, ...rest] = nodes;
  const internalDb = !t || t.database.type === "internal";
  const ping = `${input.baseUrl.replace(/\/$/, "")}${healthCheckPath(hop.to)}`;
  const yml = t && featuresFor(hop.to) ? { ...t, harborVersion: hop.to } : null;
  const out = [
    ...hopHeading(hop, n),
    "",
    `On every node set \`H\` to its Harbor directory (the one holding \`docker-compose.yml\`, e.g. \`H=/opt/harbor\`).`,
    "",
    `1. **Pre-stage** on ${nodes.map((x) => `${x.name} (${x.address})`).join(", ")}: download \`harbor-offline-installer-v${hop.to}.tgz\` and load its images`,
    "   (`docker load -i harbor.v" + hop.to + ".tar.gz`) before the window.",
    `2. **Read-only**: Administration › Configuration › System Settings › Repository Read Only, in ${input.baseUrl}. Wait for running GC, replication and scan jobs to end.`,
    `3. **Stop every node** (no two versions may ever share the database): on ${nodes.map((x) => x.name).join(", ")}:`,
    ...fence("sh", ['cd "$H" && sudo docker compose down']).map((l) => `   ${l}`),
    `4. **Back up**, with Harbor stopped everywhere: the install directory and \`${dv}/secret/\` of every node; ${internalDb ? `the bundled database, \`${dv}/database\` (the only way back if its PostgreSQL major changes)` : "the external database"}:`,
    ...fence("sh", [
      `sudo cp -a "$H" /root/harbor-${hop.from}-install`,
      `sudo tar -czpf /root/harbor-${hop.from}-secret.tgz -C ${dv} secret`,
      internalDb
        ? `sudo cp -a ${dv}/database /root/harbor-${hop.from}-database   # on ${first.name}`
        : `pg_dump -h ${t!.database.host} -p ${t!.database.port} -U ${t!.database.username} -Fc ${t!.database.name} > registry-${hop.from}.dump`,
    ]).map((l) => `   ${l}`),
    `5. **Install ${hop.to}** on every node: unpack the installer into a new directory, put the hop's \`harbor.yml\` in it${yml ? " (below)" : ""}, and run \`./prepare\`. Never regenerate \`${dv}/secret\`: the nodes keep their keys.`,
    ...(yml
      ? []
      : [
          `   No topology is recorded for ${hop.to}: migrate the current file with \`docker run -it --rm -v /:/hostfs goharbor/prepare:v${hop.to} migrate -i "$H/harbor.yml"\`.`,
        ]),
    `6. **Start ${first.name} alone** and wait for its core to migrate the schema ("The database has been migrated successfully" in the core log) and for health:`,
    ...fence("sh", [
      'cd "$H" && sudo docker compose up -d',
      "sudo docker logs -f harbor-core   # until the migration line, then Ctrl-C",
      `curl -fsS ${ping}`,
    ]).map((l) => `   ${l}`),
    ...(rest.length
      ? [`7. **Then ${rest.map((x) => x.name).join(", ")}**, one after the other (their cores find no change), and put them back in the load balancer.`]
      : []),
    `${rest.length ? 8 : 7}. **Verify**: \`${input.baseUrl}/api/v2.0/systeminfo\` says ${hop.to} on every node, every component healthy, sign in, push and pull through ${rest.length ? "the load balancer" : "Harbor"}. Then switch Repository Read Only off.`,
    "",
  ];
  if (yml) {
    for (const node of nodes) {
      out.push(
        `### harbor.yml for ${node.name} (${node.address}), Harbor ${hop.to}`,
        "",
        "Secret values are masked: keep those of the node's current harbor.yml.",
        "",
      );
      out.push(...fence("yaml", generateHarborYml(yml, { secrets: null, mask: true, lifecycle: "running", node }).trimEnd().split("\n")), "");
    }
  }
  return out;
}

function helmHop(input: RunbookInput, hop: HopImpact, n: number): string[] {
  const t = input.topology;
  const h = t?.deployment.helm ?? { namespace: "harbor", releaseName: "harbor" };
  const full = chartFullname(h.releaseName);
  const chart = hop.chart?.ok ? hop.chart.chart : null;
  const out = [
    ...hopHeading(hop, n),
    "",
    chart
      ? `Chart: harbor-helm **${chart}** (Harbor ${hop.to}), pinned.`
      : `**No chart:** ${hop.chart && !hop.chart.ok ? hop.chart.message : "unknown"}. This hop cannot be done with Helm until a chart ships ${hop.to}.`,
    "",
    `1. **Read-only**: Administration › Configuration › System Settings › Repository Read Only. Wait for running jobs to end.`,
    "2. **Back up** the release's values, its Secrets and the database:",
    ...fence("sh", [
      `(umask 077; helm -n ${h.namespace} get values ${h.releaseName} -o yaml > values-${hop.from}.yaml)`,
      `kubectl -n ${h.namespace} get secret -o yaml > secrets-${hop.from}.yaml   # private: holds the keys`,
      t?.database.type === "external"
        ? `pg_dump -h ${t.database.host} -p ${t.database.port} -U ${t.database.username} -Fc ${t.database.name} > registry-${hop.from}.dump`
        : `# snapshot the bundled database's volume (${full}-database) with core scaled to 0`,
    ]).map((l) => `   ${l}`),
    `3. **Stop the old version** so that no two versions share the database, then **upgrade** (the chart's migration hook runs the schema migration once, before the new pods):`,
    ...fence("sh", [
      `kubectl -n ${h.namespace} scale deployment/${full}-core deployment/${full}-jobservice --replicas=0`,
      "helm repo update",
      chart
        ? `helm upgrade ${h.releaseName} harbor/harbor --version ${chart} -n ${h.namespace} -f values-${hop.to}.yaml --set enableMigrateHelmHook=true`
        : "# no chart for this hop",
      `kubectl -n ${h.namespace} rollout status deployment/${full}-core`,
    ]).map((l) => `   ${l}`),
    `4. **Verify**: \`${t ? helmExternalUrl(t) : input.baseUrl}/api/v2.0/systeminfo\` says ${hop.to}, every component healthy, push and pull. Then switch Repository Read Only off.`,
    "",
    "Never `helm rollback`: the database cannot go back to an older schema. If the upgrade fails, fix the values and run it again, or restore (below).",
    "",
  ];
  if (t && chart) {
    const values = generateHelmValues(
      { ...t, harborVersion: hop.to },
      { secrets: null, mask: true, lifecycle: "running", secretNames: defaultHelmSecretNames(h.releaseName) },
    );
    out.push(
      `### values-${hop.to}.yaml`,
      "",
      "Secret values are masked: the release keeps its keys in the Secrets this file names.",
      "",
      ...fence("yaml", values.trimEnd().split("\n")),
      "",
    );
  }
  return out;
}

function restore(input: RunbookInput): string[] {
  const t = input.topology;
  const dv = t?.deployment.dataVolume ?? "/data";
  const from = input.from;
  if (input.helm) {
    const h = t?.deployment.helm ?? { namespace: "harbor", releaseName: "harbor" };
    return [
      "# Restore runbook (Helm)",
      "",
      "Harbor does not downgrade: going back means restoring the database taken before the failed hop, then deploying that hop's",
      "starting chart with its saved values. Never `helm rollback`.",
      "",
      ...fence("sh", [
        `kubectl -n ${h.namespace} scale deployment --all --replicas=0`,
        t?.database.type === "external"
          ? `pg_restore --clean -h ${t.database.host} -U ${t.database.username} -d ${t.database.name} registry-<version>.dump`
          : "# restore the database volume's snapshot",
        `kubectl -n ${h.namespace} apply -f secrets-<version>.yaml`,
        `helm upgrade ${h.releaseName} harbor/harbor --version <that version's chart> -n ${h.namespace} -f values-<version>.yaml`,
      ]),
      "",
    ];
  }
  return [
    "# Restore runbook (docker-compose)",
    "",
    `Use the backup taken at the start of the hop that failed (\`<version>\` below; ${from} for the first). A core that died with`,
    '"Dirty database version" or "no migration found" means exactly this: restore, do not force the schema version.',
    "",
    '1. Stop Harbor on every node: `cd "$H" && sudo docker compose down`.',
    `2. Put the install directory and the keys back on every node: \`sudo rm -rf "$H" && sudo cp -a /root/harbor-<version>-install "$H"\`, \`sudo tar -xzpf /root/harbor-<version>-secret.tgz -C ${dv}\`.`,
    !t || t.database.type === "internal"
      ? `3. Put the database back (once, on the node that holds it): \`sudo rm -rf ${dv}/database && sudo cp -a /root/harbor-<version>-database ${dv}/database\`.`
      : `3. Restore the database once (it is shared): \`pg_restore --clean -h ${t.database.host} -U ${t.database.username} -d ${t.database.name} registry-<version>.dump\`.`,
    '4. Start the old version on one node, check health, then the others: `cd "$H" && sudo docker compose up -d`.',
    "",
  ];
}

export function generateUpgradeRunbook(input: RunbookInput): string {
  const path = [input.from, ...input.hops.map((h) => h.to)].join(" → ");
  const mode = input.helm ? "Kubernetes (Helm)" : "docker-compose";
  return [
    `# ${input.instanceName}: upgrade Harbor ${path} on ${mode}`,
    "",
    "Generated by Harbor Fleet Console. The console never runs commands on your hosts: every step below is yours to run,",
    "in order, one hop at a time. Each hop is a full stop, start and verify: core must start once on every hop so that its",
    "schema migration runs (docs/harbor/upgrade.md §2.3).",
    "",
    ...input.hops.flatMap((hop, i) => (input.helm ? helmHop(input, hop, i + 1) : composeHop(input, hop, i + 1))),
    ...restore(input),
  ].join("\n");
}
