import { describe, expect, it } from "vitest";
import { generateBundle } from "@/lib/config/bundle";
import { ZTopology } from "@/lib/schemas/topology";
import { threeNodes } from "./compose-fixtures";
import { FIXED_SECRETS, helmIngress, secretValues } from "./helm-fixtures";

const real = { secrets: FIXED_SECRETS, mask: false, instanceName: "prod" };

describe("generateBundle", () => {
  it("lays out a compose bundle: README, one harbor.yml per node, the shared secret files once, the LB config", () => {
    const r = generateBundle(threeNodes("2.15.2", { lb: "haproxy" }), real);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.files.map((f) => [f.path, f.secret])).toEqual([
      ["README.md", false],
      ["nodes/harbor-1/harbor.yml", false],
      ["nodes/harbor-2/harbor.yml", false],
      ["nodes/harbor-3/harbor.yml", false],
      ["secret/keys/secretkey", true],
      ["secret/core/private_key.pem", true],
      ["secret/registry/root.crt", true],
      ["loadbalancer/haproxy.cfg", false],
    ]);
    // prepare reads the key file verbatim and requires exactly 16 characters
    expect(r.files.find((f) => f.path === "secret/keys/secretkey")!.content).toBe(FIXED_SECRETS.secretKey);
    const readme = r.files[0].content;
    expect(readme).toMatch(/before the first `prepare`/);
    expect(readme.indexOf("harbor-1 (10.0.0.11): `sudo ./install.sh")).toBeLessThan(readme.indexOf("Then on harbor-2, harbor-3"));
    expect(readme).toContain("--with-trivy");
  });

  it("lays out a Helm bundle and tells the install order", () => {
    const r = generateBundle(helmIngress("2.11.2"), real);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.files.map((f) => [f.path, f.secret])).toEqual([
      ["README.md", false],
      ["helm/values.yaml", false],
      ["helm/secrets.yaml", true],
    ]);
    const readme = r.files[0].content;
    const order = [
      "kubectl create namespace registry",
      "kubectl apply -f helm/secrets.yaml",
      "helm repo add harbor https://helm.goharbor.io",
      "helm install harbor harbor/harbor --version 1.15.2 -n registry -f helm/values.yaml",
    ];
    const at = order.map((s) => readme.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("refuses a topology with errors, listing them", () => {
    const t = ZTopology.parse({
      harborVersion: "2.15.2",
      deployment: {
        kind: "compose",
        nodes: [
          { name: "a", address: "10.0.0.1" },
          { name: "b", address: "10.0.0.2" },
        ],
      },
    });
    const r = generateBundle(t, real);
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === "error").map((i) => i.field)).toEqual(
      expect.arrayContaining(["database.type", "redis.type", "access.hostname"]),
    );
  });

  it("refuses a Helm topology whose version has no chart", () => {
    const r = generateBundle(helmIngress("2.15.2"), real);
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ field: "harborVersion", message: expect.stringContaining("chart 1.19.1 ships 2.15.1") }));
  });

  it("refuses real values without the shared secrets, but previews masked ones", () => {
    const t = threeNodes("2.15.2");
    const r = generateBundle(t, { secrets: null, mask: false, instanceName: "prod" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ field: "secrets", severity: "error" }));
    expect(generateBundle(t, { secrets: null, mask: true, instanceName: "prod" }).ok).toBe(true);
  });

  it("a masked preview contains no secret value in any file", () => {
    for (const t of [threeNodes("2.15.2"), threeNodes("2.9.5", { lb: "haproxy", tls: "nodes" }), helmIngress("2.15.1"), helmIngress("2.8.6")]) {
      const r = generateBundle(t, { secrets: FIXED_SECRETS, mask: true, instanceName: "prod" });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      for (const file of r.files)
        for (const secret of secretValues(t, FIXED_SECRETS)) expect(file.content, `${file.path} leaks ${secret}`).not.toContain(secret);
    }
  });

  it("is deterministic: same input, byte-identical files", () => {
    for (const t of [threeNodes("2.15.2"), helmIngress("2.15.1")]) {
      expect(JSON.stringify(generateBundle(t, real))).toBe(JSON.stringify(generateBundle(structuredClone(t), real)));
    }
  });
});
