import { describe, expect, it } from "vitest";
import { healthCheckPath } from "@/lib/config/health-check-path";
import { generateLoadBalancerConfig } from "@/lib/config/load-balancer";
import { ZTopology } from "@/lib/schemas/topology";
import { threeNodes } from "./compose-fixtures";

describe("load balancer goldens (3 nodes)", () => {
  for (const lb of ["nginx", "haproxy"] as const) {
    for (const tls of ["loadBalancer", "nodes"] as const) {
      it(`${lb}, TLS ${tls === "nodes" ? "on the nodes" : "at the load balancer"}`, async () => {
        const file = generateLoadBalancerConfig(threeNodes("2.15.2", { lb, tls }));
        expect(file?.path).toBe(lb === "nginx" ? "loadbalancer/nginx.conf" : "loadbalancer/haproxy.cfg");
        await expect(file!.content).toMatchFileSnapshot(`golden/lb/${lb}-tls-${tls}.${lb === "nginx" ? "conf" : "cfg"}`);
      });
    }
  }
});

describe("generateLoadBalancerConfig", () => {
  it("nginx terminating TLS redirects http and streams large bodies to every node's http port", () => {
    const c = generateLoadBalancerConfig(threeNodes("2.15.2", { lb: "nginx", tls: "loadBalancer" }))!.content;
    expect(c).toContain("return 301 https://$host$request_uri;");
    for (const d of [
      "client_max_body_size 0;",
      "proxy_request_buffering off;",
      "proxy_buffering off;",
      "X-Forwarded-Proto https",
      "chunked_transfer_encoding on;",
    ])
      expect(c).toContain(d);
    for (const ip of ["10.0.0.11", "10.0.0.12", "10.0.0.13"]) expect(c).toContain(`server ${ip}:80 max_fails=3 fail_timeout=30s;`);
    expect(c).not.toContain("stream {");
  });

  it("nginx with TLS on the nodes passes TCP through", () => {
    const c = generateLoadBalancerConfig(threeNodes("2.15.2", { lb: "nginx", tls: "nodes" }))!.content;
    expect(c).toContain("stream {");
    expect(c).toContain("server 10.0.0.12:443");
    expect(c).not.toMatch(/^http \{/m);
  });

  it("haproxy checks Harbor's ping endpoint per version, over TLS when the nodes speak https", () => {
    const lbTls = generateLoadBalancerConfig(threeNodes("2.15.2", { lb: "haproxy", tls: "loadBalancer" }))!.content;
    expect(lbTls).toContain("option httpchk GET /api/v2.0/ping");
    expect(lbTls).toContain("http-check expect status 200");
    expect(lbTls).toContain("balance roundrobin");
    expect(lbTls).toMatch(/server harbor-1 10\.0\.0\.11:80 check /);
    const nodesTls = generateLoadBalancerConfig(threeNodes("2.15.2", { lb: "haproxy", tls: "nodes" }))!.content;
    expect(nodesTls).toContain("mode tcp");
    expect(nodesTls).toMatch(/server harbor-1 10\.0\.0\.11:443 check port 443 check-ssl verify none/);
    const old = generateLoadBalancerConfig(threeNodes("1.10.18", { lb: "haproxy", redis: { type: "external", address: "redis:6379" } }))!.content;
    expect(old).toContain("option httpchk GET /api/ping");
  });

  it("no health checks when they are off", () => {
    const h = generateLoadBalancerConfig(threeNodes("2.15.2", { lb: "haproxy", healthCheck: false }))!.content;
    expect(h).not.toContain("httpchk");
    expect(h).not.toMatch(/ check/);
    const n = generateLoadBalancerConfig(threeNodes("2.15.2", { lb: "nginx", healthCheck: false }))!.content;
    expect(n).toContain("max_fails=0");
  });

  it("is null for an external load balancer, a single node and Helm", () => {
    expect(generateLoadBalancerConfig(threeNodes("2.15.2", { lb: "external" }))).toBeNull();
    const one = threeNodes("2.15.2");
    expect(generateLoadBalancerConfig({ ...one, deployment: { ...one.deployment, nodes: one.deployment.nodes.slice(0, 1) } })).toBeNull();
    expect(generateLoadBalancerConfig(ZTopology.parse({ harborVersion: "2.15.2", deployment: { kind: "helm" } }))).toBeNull();
  });

  it("brackets IPv6 node addresses for nginx", () => {
    const t = threeNodes("2.15.2");
    t.deployment.nodes[0] = { name: "harbor-1", address: "fd00::11" };
    expect(generateLoadBalancerConfig(t)!.content).toContain("server [fd00::11]:80");
  });

  it("uses /api/ping on 1.x and /api/v2.0/ping from 2.2", () => {
    expect(healthCheckPath("1.10.18")).toBe("/api/ping");
    expect(healthCheckPath("2.2.0")).toBe("/api/v2.0/ping");
  });
});
