/**
 * The README of a running instance's bundle: the reconfigure procedure (lib/config/lifecycle.ts). It never installs:
 * no installer script, no key file put in place, no new namespace or release, no Helm roll-back. It backs up what
 * runs, replaces the configuration, lets Harbor's own `prepare` (compose) or `helm upgrade` (Kubernetes) apply it,
 * node by node or all at once (rollout.ts), and checks each step with the ping. Pure; deterministic.
 *
 * Sources: Harbor's reconfigure order (down, prepare, up: `prepare` deletes common/config, which the running
 * containers mount — goharbor/harbor@v2.15.2:make/photon/prepare/commands/prepare.py), docs/harbor/config.md §5 (the keys under
 * <data_volume>/secret, which prepare creates when absent), docs/harbor/upgrade.md §3.3–§7 (patch upgrades, backups, HA order,
 * "`helm rollback` is not supported"), docs/harbor/helm.md §3.5 (the chart's Secrets).
 */
import type { TTopology } from "../schemas/topology";
import { healthCheckPath } from "./health-check-path";
import { componentFlags, nodeBaseUrl, publicUrl } from "./readme";
import { changeSection, tag } from "./readme-change-section";
import type { Rollout } from "./rollout";
import type { ConfigFile } from "./types";

export interface ReconfigureReadmeInput {
  instanceName: string;
  files: readonly ConfigFile[];
  rollout: Rollout;
  /** the revision these files come from, for backup names; null when not known */
  revision: number | null;
  /** helm only */
  chart: string | null;
  keepValues: boolean;
}

const KEY_FILES = ["keys/secretkey", "core/private_key.pem", "registry/root.crt"] as const;

/** The compose README, as lines (bundle.ts joins them; readme-reconfigure-helm.ts has the Helm one). */
export function composeReconfigureReadme(t: TTopology, input: ReconfigureReadmeInput): string[] {
  const { files, rollout: r, revision } = input;
  const dv = t.deployment.dataVolume;
  const oldDv = r.movedDataVolume ?? dv;
  const nodes = t.deployment.nodes;
  const ping = healthCheckPath(t.harborVersion);
  const flags = componentFlags(t);
  const compose = t.harborVersion.startsWith("1.") ? "docker-compose" : "docker compose";
  const lb = files.find((f) => f.path.startsWith("loadbalancer/"));
  const before = tag(revision);
  const pingOf = (address: string) => `curl -fsS ${nodeBaseUrl(t).replace("<node>", address)}${ping}`;
  const running = nodes.filter((n) => !r.addedNodes.includes(n.name));
  const [first] = running;
  const every = running.length === 1 ? `On ${running[0].name}` : r.addedNodes.length ? `On ${running.map((x) => x.name).join(", ")}` : "On every node";
  const rows = files.map((f) => {
    const node = nodes.find((n) => f.path === `nodes/${n.name}/harbor.yml`);
    if (node) return `| \`${f.path}\` | ${node.name} (${node.address}): replaces \`harbor.yml\` in its Harbor directory |`;
    if (f === lb) return `| \`${f.path}\` | the load balancer (${t.deployment.loadBalancer.address || t.access.hostname}) |`;
    return `| \`${f.path}\` | this guide |`;
  });
  const newVersionDir = r.patch
    ? [
        `   sudo mv "$H" "$H.${before}"        # the ${r.patch.from} directory, kept as it is: the way back`,
        `   sudo mkdir "$H" && sudo tar -xzf harbor-offline-installer-v${r.patch.to}.tgz -C "$H" --strip-components=1`,
        `   sudo docker load -i "$H/harbor.v${r.patch.to}.tar.gz"   # offline installer; the online one pulls at \`up\``,
      ]
    : [];
  const apply = (n: { name: string }) => [`   sudo cp "$B/nodes/${n.name}/harbor.yml" "$H/harbor.yml"`, `   cd "$H" && sudo ./prepare${flags}`];
  const drain =
    t.deployment.loadBalancer.kind !== "external" && t.deployment.loadBalancer.healthCheck
      ? "the load balancer's health check takes it out while it is down"
      : "take it out of the load balancer first and put it back after the check";
  const backupDb =
    r.patch || r.reasons.includes("the database")
      ? [
          t.database.type === "external"
            ? `   pg_dump -h ${t.database.host} -p ${t.database.port} -U ${t.database.username} -Fc ${t.database.name} > registry-${before}.dump   # once, from any host`
            : `   sudo cp -a ${oldDv}/database /root/harbor-database-${before}   # the bundled database, with Harbor stopped`,
        ]
      : [];
  const moveDv = r.movedDataVolume
    ? [`   sudo rsync -aHAX ${r.movedDataVolume}/ ${dv}/   # data_volume moves: everything, the keys included, before prepare`]
    : [];

  const steps: string[] = [];
  let n = 0;
  const head = (title: string) => `### ${++n}. ${title}`;
  steps.push(
    head(`${every}: check the keys and back up`),
    "",
    "   ```sh",
    `   sudo ls -l ${KEY_FILES.map((k) => `${oldDv}/secret/${k}`).join(" ")}`,
    `   sudo cp -p "$H/harbor.yml" "$H/harbor.yml.${before}"`,
    `   sudo tar -czpf /root/harbor-secret-${before}.tgz -C ${oldDv} secret`,
    "   ```",
    "",
    `   \`ls\` must list all three key files. If one is missing, go no further${running.length > 1 ? " on any node" : ""}: \`./prepare\` creates a missing`,
    "   key, and a new secret key cannot read the credentials Harbor stored, nor are new tokens valid where the old",
    `   pair is. ${running.length > 1 ? `Copy \`${oldDv}/secret\` from a node that has it (modes kept) first.` : "Restore the folder from a backup first."}`,
  );
  if (r.allAtOnce) {
    steps.push(
      "",
      head(`${every}: \`sudo ${compose} down\``),
      "",
      "   ```sh",
      `   cd "$H" && sudo ${compose} down`,
      ...backupDb,
      ...moveDv,
      "   ```",
      "",
      head(`${every}: the new configuration`),
      "",
      "   ```sh",
      ...newVersionDir,
      ...apply({ name: running.length === 1 ? running[0].name : "<node>" }),
      "   ```",
      "",
      head(`On ${first ? `${first.name} (${first.address})` : "the first node"}${running.length > 1 ? " alone" : ""}: start it`),
      "",
      "   ```sh",
      `   cd "$H" && sudo ${compose} up -d`,
      `   ${pingOf(first?.address ?? "<node>")}   # repeat until it answers${r.patch ? " (its core migrates the database first)" : ""}`,
      "   ```",
    );
    const rest = running.slice(1);
    if (rest.length) {
      steps.push(
        "",
        head(`Then ${rest.map((x) => x.name).join(", ")}, one after the other`),
        "",
        "   ```sh",
        `   cd "$H" && sudo ${compose} up -d`,
        `   ${pingOf("<node>")}`,
        "   ```",
      );
    }
  } else {
    steps.push(
      "",
      head(running.length === 1 ? `On ${running[0].name}: the new configuration` : `Node by node (${running.map((x) => x.name).join(", ")}): ${drain}`),
      "",
      "   ```sh",
      `   sudo cp "$B/nodes/${running.length === 1 ? running[0].name : "<node>"}/harbor.yml" "$H/harbor.yml"`,
      `   cd "$H" && sudo ${compose} down`,
      `   sudo ./prepare${flags}`,
      `   sudo ${compose} up -d`,
      running.length === 1
        ? `   ${pingOf(running[0].address)}   # repeat until it answers`
        : `   ${pingOf("<node>")}   # answers before you go on to the next node`,
      "   ```",
    );
  }
  for (const name of r.addedNodes) {
    const node = nodes.find((x) => x.name === name)!;
    steps.push(
      "",
      head(`${name} (${node.address}) is new in this revision: nothing runs there yet`),
      "",
      `   Copy \`${dv}/secret\` from ${first?.name ?? "a running node"} to ${name} first (the whole folder, modes kept: \`sudo tar -czpf /root/secret.tgz -C ${dv} secret\``,
      `   there, \`sudo tar -xzpf secret.tgz -C ${dv}\` here), and check it as in step 1. Then put the Harbor v${t.harborVersion} installer's`,
      `   files into \`$H\` on ${name}, and:`,
      "",
      "   ```sh",
      ...apply(node),
      `   sudo ${compose} up -d`,
      `   ${pingOf(node.address)}`,
      "   ```",
    );
  }
  for (const name of r.removedNodes) {
    steps.push(
      "",
      head(`${name} is no longer in this revision`),
      "",
      `   Take it out of the load balancer, then \`cd "$H" && sudo ${compose} down\` there. Keep its \`${dv}/secret\` until the others run this revision.`,
    );
  }
  if (lb) {
    const target = lb.path.endsWith(".cfg") ? "/etc/haproxy/haproxy.cfg" : "/etc/nginx/nginx.conf";
    const check = lb.path.endsWith(".cfg") ? `haproxy -c -f ${target}` : "nginx -t";
    steps.push(
      "",
      head("On the load balancer"),
      "",
      `   \`diff -u ${target} ${lb.path}\`; if it differs, put it in place, check it (\`${check}\`) and reload.`,
    );
  }

  return [
    `# ${input.instanceName}: reconfigure Harbor ${t.harborVersion} on docker-compose, ${nodes.length} node${nodes.length === 1 ? "" : "s"}`,
    "",
    "Generated by Harbor Fleet Console for a **running** instance. This bundle reconfigures the Harbor on these hosts and",
    `keeps its keys where they are, in \`${dv}/secret\` on every node: \`keys/secretkey\`, which encrypts the credentials`,
    "stored in Harbor's database, and the token signing pair `core/private_key.pem` / `registry/root.crt`. It carries no",
    "key and installs nothing: never run the installer's script on a running Harbor, and never unpack an installer over",
    "its directory.",
    "",
    "| file | where it goes |",
    "| --- | --- |",
    ...rows,
    "",
    ...changeSection(r, "compose", nodes.length),
    ...(t.database.type === "internal"
      ? ["The bundled PostgreSQL keeps the password it was first started with: `database.password` must be that one, or core cannot connect.", ""]
      : []),
    "## Steps",
    "",
    "On each node, set `H` to its Harbor directory (the one holding `docker-compose.yml`, e.g. `H=/opt/harbor`) and `B` to",
    "this bundle's folder copied to the node.",
    "",
    ...steps,
    "",
    `Finally check through the public address: \`curl -fsS ${publicUrl(t)}${ping}\`. Keep the \`${before}\` copies until it has run a while.`,
    "",
  ];
}
