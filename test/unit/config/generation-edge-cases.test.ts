import { describe, expect, it } from "vitest";
import { diffYaml } from "@/lib/config/diff";
import { HARBOR_YML_SECRET_KEYS } from "@/lib/config/secret-keys";
import { generateHelmValues } from "@/lib/config/helm-values";
import { defaultHelmSecretNames } from "@/lib/config/helm-secrets";
import { initialTopologyFor } from "@/lib/config/initial-topology";
import { generateLoadBalancerConfig } from "@/lib/config/load-balancer";
import { SECRET_MASK } from "@/lib/config/types";
import { checkTopology } from "@/lib/config/validate";
import { defaultTopology } from "@/lib/schemas/topology-default";
import { ZTopology } from "@/lib/schemas/topology";

const errorsAt = (input: unknown, field: string) => checkTopology(input).issues.filter((i) => i.field === field && i.severity === "error");

describe("an uploaded file's secrets are never compared", () => {
  it("reports the same result whether the guessed password is right or wrong", () => {
    const generated = "hostname: h\nharbor_admin_password: the-real-one\ndatabase:\n  password: db-real\n";
    const right = diffYaml("hostname: h\nharbor_admin_password: the-real-one\ndatabase:\n  password: db-real\n", generated, {
      secretKeys: HARBOR_YML_SECRET_KEYS,
      blindSecrets: true,
    });
    const wrong = diffYaml("hostname: h\nharbor_admin_password: a-guess\ndatabase:\n  password: db-guess\n", generated, {
      secretKeys: HARBOR_YML_SECRET_KEYS,
      blindSecrets: true,
    });
    expect(right).toEqual([]);
    expect(wrong).toEqual(right);
    // without blindness (two generated revisions) a changed secret still shows, masked
    const revisions = diffYaml("database:\n  password: a\n", "database:\n  password: b\n", { secretKeys: HARBOR_YML_SECRET_KEYS });
    expect(revisions).toEqual([{ path: "database.password", kind: "changed", before: SECRET_MASK, after: SECRET_MASK }]);
  });

  it("reads YAML the way Harbor's parser does (1.1: `no` is false)", () => {
    expect(diffYaml("upload_purging:\n  dryrun: no\n", "upload_purging:\n  dryrun: false\n", { secretKeys: [] })).toEqual([]);
  });
});

describe("generation and checks at the edges: Helm passwords, load-balancer ports, Redis and proxy URLs, per-version defaults", () => {
  it("Helm with the bundled PostgreSQL carries its password (masked in previews)", () => {
    const t = defaultTopology("2.11.2");
    t.deployment.kind = "helm";
    t.database.password = "bundled-pw";
    const names = defaultHelmSecretNames("harbor");
    const secrets = {
      secretKey: "a".repeat(16),
      csrfKey: "b".repeat(32),
      coreSecret: "c".repeat(16),
      jobserviceSecret: "d".repeat(16),
      registrySecret: "e".repeat(16),
      registryPassword: "f".repeat(16),
      tokenKey: "KEY",
      tokenCert: "CERT",
    };
    expect(generateHelmValues(t, { secrets, mask: false, secretNames: names })).toContain("password: bundled-pw");
    const masked = generateHelmValues(t, { secrets: null, mask: true, secretNames: names });
    expect(masked).not.toContain("bundled-pw");
    expect(masked).toContain("internal:");
  });

  it("the load balancer listens on the public ports harbor.yml announces", () => {
    const t = defaultTopology("2.11.2");
    t.access.hostname = "h.example.com";
    t.access.httpsPort = 8443;
    t.deployment.nodes = [
      { name: "a", address: "10.0.0.1" },
      { name: "b", address: "10.0.0.2" },
    ];
    t.deployment.loadBalancer = { kind: "haproxy", address: "h.example.com", healthCheck: true };
    expect(generateLoadBalancerConfig(t)!.content).toContain("bind :8443 ssl");
    t.deployment.loadBalancer.kind = "nginx";
    const nginx = generateLoadBalancerConfig(t)!.content;
    expect(nginx).toContain("listen 8443 ssl;");
    expect(nginx).toContain("return 301 https://$host:8443$request_uri;");
  });

  it("refuses Redis passwords Harbor cannot put into its URL (before 2.7.2 / 2.8.1)", () => {
    const t = defaultTopology("2.8.0");
    t.redis = { ...t.redis, type: "external", address: "redis:6379", password: "p@ss:word" };
    expect(errorsAt(t, "redis.password")).toHaveLength(1);
    expect(errorsAt({ ...t, harborVersion: "2.8.1" }, "redis.password")).toHaveLength(0);
  });

  it("asks for the PostgreSQL version where Harbor has a minimum", () => {
    const t = defaultTopology("2.11.2");
    t.database = { ...t.database, type: "external", host: "pg", username: "u", password: "p" };
    expect(checkTopology(t).issues.find((i) => i.field === "database.postgresMajor")?.severity).toBe("warning");
  });

  it("refuses credentials in proxy URLs", () => {
    const r = ZTopology.safeParse({ harborVersion: "2.11.2", components: { proxy: { httpProxy: "http://user:pw@proxy:3128" } } });
    expect(r.success).toBe(false);
    expect(ZTopology.safeParse({ harborVersion: "2.11.2", components: { proxy: { httpProxy: "http://proxy:3128" } } }).success).toBe(true);
  });

  it("a new 1.10 instance starts without Trivy (which 1.10 does not have), so the form can be saved", () => {
    const t = initialTopologyFor({ baseUrl: "https://harbor.example.com", harborVersion: "1.10.19", deploymentMode: "docker_compose" });
    expect(t.components.trivy).toBe(false);
    const ready = {
      ...t,
      adminPassword: "x-Admin-1",
      database: { ...t.database, password: "db" },
      deployment: { ...t.deployment, nodes: [{ name: "harbor-1", address: "10.0.0.1" }] },
    };
    expect(checkTopology(ready).issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("Helm has no TLS on the nodes: the choice is refused at the TLS field", () => {
    const t = defaultTopology("2.11.2");
    t.deployment.kind = "helm";
    t.access.tls = "nodes";
    expect(errorsAt(t, "access.tls")).toHaveLength(1);
  });
});
