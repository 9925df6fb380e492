/**
 * Deployment shape and HA rules (docs/harbor/config.md §5; docs/harbor/helm.md §2): several Harbor processes share one PostgreSQL, one Redis
 * and one image store, and every node is reached through one name. The chart-version rules live with the Helm code.
 */
import { HOST_NAME, NODE_NAME } from "../schemas/topology";
import type { ConfigIssue } from "../schemas/config-issue";
import { error, isMultiInstance, jobserviceCount, warning, type Rules } from "./validate-issue";

const dupes = (values: string[]) => values.map((v, i) => v !== "" && values.indexOf(v) !== i);

export const nodeRules: Rules = (t) => {
  const out: ConfigIssue[] = [];
  const d = t.deployment;
  if (d.kind !== "compose") return out;
  if (d.nodes.length === 0) out.push(error("deployment.nodes", "Add at least one node: the host that runs Harbor."));
  d.nodes.forEach((n, i) => {
    if (!NODE_NAME.test(n.name)) out.push(error(`deployment.nodes.${i}.name`, "Lower-case letters, digits and -, e.g. harbor-1"));
    if (n.address === "") out.push(error(`deployment.nodes.${i}.address`, "Enter the node's host name or IP address"));
    else if (!HOST_NAME.test(n.address)) out.push(error(`deployment.nodes.${i}.address`, "Enter a host name or IP address, without scheme or port"));
  });
  dupes(d.nodes.map((n) => n.name)).forEach((dup, i) => dup && out.push(error(`deployment.nodes.${i}.name`, "Another node already has this name.")));
  dupes(d.nodes.map((n) => n.address.toLowerCase())).forEach(
    (dup, i) => dup && out.push(error(`deployment.nodes.${i}.address`, "Another node already has this address; each node is a separate host.")),
  );
  return out;
};

export const haRules: Rules = (t, f) => {
  const out: ConfigIssue[] = [];
  const d = t.deployment;
  const compose = d.kind === "compose";
  if (isMultiInstance(t)) {
    const many = compose ? "More than one node" : "More than one replica";
    if (t.database.type === "internal")
      out.push(error("database.type", `${many} needs an external PostgreSQL: the bundled database lives on one host and the others cannot share it.`));
    if (t.redis.type === "internal")
      out.push(error("redis.type", `${many} needs an external Redis: sessions, job queues and caches must be shared by every Harbor process.`));
    if (t.storage.type === "filesystem") {
      if (compose && !t.storage.filesystem.shared)
        out.push(
          error(
            "storage.filesystem.shared",
            "More than one node needs shared image storage: put data_volume on NFS (or similar) on every node and confirm it, or use object storage.",
          ),
        );
      if (!compose)
        out.push(warning("storage.type", "Several registry pods on filesystem storage need a ReadWriteMany volume; object storage is the safer choice."));
    }
    if (t.components.notary && f.notary)
      out.push(warning("components.notary", "Notary does not support HA; it will run on every node without shared signing state."));
  }
  if (compose && d.nodes.length > 1) {
    if (d.loadBalancer.address === "")
      out.push(
        error(
          "deployment.loadBalancer.address",
          "More than one node needs a load balancer: enter its virtual IP or DNS name (harbor.yml's hostname should resolve to it).",
        ),
      );
    const node = d.nodes.find((n) => n.address.toLowerCase() === t.access.hostname.toLowerCase() || n.name === t.access.hostname.toLowerCase());
    if (node)
      out.push(warning("access.hostname", `The hostname points at node ${node.name} only; use the load balancer's name so clients and tokens go through it.`));
  }
  if (jobserviceCount(t) > 1 && !t.components.jobservice.jobLoggers.includes("DB")) {
    if (f.jobLoggers)
      out.push(
        error(
          "components.jobservice.jobLoggers",
          "More than one jobservice needs the DB job logger: otherwise a job's log stays on the node or pod that ran it.",
        ),
      );
    else if (!(compose && t.storage.type === "filesystem" && t.storage.filesystem.shared)) {
      out.push(
        warning(
          "components.jobservice.jobLoggers",
          "Before Harbor 2.9 job logs are files on the node that ran the job: put data_volume/job_logs on shared storage to see them from every node.",
        ),
      );
    }
  }
  return out;
};
