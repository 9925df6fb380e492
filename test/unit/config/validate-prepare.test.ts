/** prepare's validate() rules and messages (docs/harbor/config.md §3.1, §3.2) and the traps it lets through. */
import { describe, expect, it } from "vitest";
import { validateTopology } from "@/lib/config/validate";
import type { TTopology } from "@/lib/schemas/topology";
import { single, at, errorAt, warningAt, type Edit } from "./rule-helpers";
import { build, threeNodes } from "./golden/topologies";

describe("hostname (§3.2 #1)", () => {
  it.each([
    ["", "Enter the host name"],
    ["127.0.0.1", "127.0.0.1 can not be the hostname"],
    ["reg.mydomain.com", "Please specify hostname"],
    ["localhost", "localhost can not be the hostname"],
    ["LOCALHOST", "localhost can not be the hostname"],
  ])("%j is refused", (hostname, message) => {
    expect(
      errorAt(
        single("2.11.2", (t) => void (t.access.hostname = hostname)),
        "access.hostname",
      )?.message,
    ).toContain(message);
  });

  it("a real name passes", () => {
    expect(at(single("2.11.2"), "access.hostname")).toEqual([]);
  });
});

describe("https (§3.2 #2)", () => {
  it.each(["", "/your/certificate/path"])("certificate %j is not set", (path) => {
    const t = single("2.11.2", (t) => void (t.access.certificatePath = path));
    expect(errorAt(t, "access.certificatePath")?.message).toContain("attribute ssl_cert is not set");
  });

  it.each(["", "/your/certificate/path", "/your/private/key/path"])("private key %j is not set (the sample's key placeholder too)", (path) => {
    const t = single("2.11.2", (t) => void (t.access.privateKeyPath = path));
    expect(errorAt(t, "access.privateKeyPath")?.message).toContain("attribute ssl_cert_key is not set");
  });

  it("certificates are not needed when TLS ends at the load balancer", () => {
    const t = build(threeNodes, "2.11.2");
    expect(at(t, "access.certificatePath")).toEqual([]);
    expect(at(t, "access.privateKeyPath")).toEqual([]);
  });

  it("http only is a warning", () => {
    expect(
      warningAt(
        single("2.11.2", (t) => void (t.access.tls = "none")),
        "access.tls",
      ),
    ).toBeDefined();
    expect(at(single("2.11.2"), "access.tls")).toEqual([]);
  });

  it("an http:// external URL with TLS on is a warning", () => {
    expect(
      warningAt(
        single("2.11.2", (t) => void (t.access.externalUrl = "http://harbor.example.com")),
        "access.externalUrl",
      ),
    ).toBeDefined();
  });

  it("internal TLS needs its certificate directory", () => {
    expect(
      errorAt(
        single("2.11.2", (t) => Object.assign(t.access, { internalTls: true, internalTlsDir: "" })),
        "access.internalTlsDir",
      ),
    ).toBeDefined();
  });

  it("Notary needs https on the nodes (≤2.8)", () => {
    const notary = (tls: TTopology["access"]["tls"]) =>
      single("2.8.6", (t) => Object.assign(t, { components: { ...t.components, notary: true }, access: { ...t.access, tls } }));
    expect(errorAt(notary("loadBalancer"), "components.notary")?.message).toContain("protocol must be https");
    expect(errorAt(notary("nodes"), "components.notary")).toBeUndefined();
  });

  it("with Helm, Notary needs TLS at the ingress (prepare's 'on the nodes' is compose's; Helm refuses TLS on nodes)", () => {
    const notary = (tls: TTopology["access"]["tls"]) =>
      single("2.8.6", (t) =>
        Object.assign(t, { deployment: { ...t.deployment, kind: "helm" }, components: { ...t.components, notary: true }, access: { ...t.access, tls } }),
      );
    expect(errorAt(notary("loadBalancer"), "components.notary")).toBeUndefined();
    expect(errorAt(notary("none"), "components.notary")?.message).toContain("Notary needs https");
  });
});

describe("passwords", () => {
  it("an empty admin password is an error (Harbor12345 would be used)", () => {
    expect(
      errorAt(
        single("2.11.2", (t) => void (t.adminPassword = "")),
        "adminPassword",
      )?.message,
    ).toContain("Harbor12345");
  });

  it("the sample's admin password is a warning", () => {
    expect(
      warningAt(
        single("2.11.2", (t) => void (t.adminPassword = "Harbor12345")),
        "adminPassword",
      ),
    ).toBeDefined();
  });

  it("the bundled PostgreSQL needs a password", () => {
    expect(
      errorAt(
        single("2.11.2", (t) => void (t.database.password = "")),
        "database.password",
      ),
    ).toBeDefined();
  });
});

describe("components (§3.2 #3, #6–#9)", () => {
  it("syslog needs a host", () => {
    const t = single("2.11.2", (t) => Object.assign(t.components.log.syslog, { enabled: true, host: "" }));
    expect(errorAt(t, "components.log.syslog.host")?.message).toContain("must set log endpoint host");
    expect(
      at(
        single("2.11.2", (t) => Object.assign(t.components.log.syslog, { enabled: true, host: "logs.example.com" })),
        "components.log.syslog.host",
      ),
    ).toEqual([]);
  });

  it("a log level outside Harbor's list is refused", () => {
    expect(
      errorAt(
        single("2.11.2", (t) => void (t.components.log.level = "INFO" as "info")),
        "components.log.level",
      )?.message,
    ).toBe("log level must be one of debug, info, warning, error, fatal");
  });

  it("jaeger needs exactly one of endpoint and agent host", () => {
    const jaeger = (endpoint: string, agent: string) =>
      single("2.11.2", (t) => Object.assign(t.components.trace, { enabled: true, exporter: "jaeger", jaegerEndpoint: endpoint, jaegerAgentHost: agent }));
    expect(errorAt(jaeger("", ""), "components.trace.jaegerEndpoint")?.message).toContain("must set one");
    expect(errorAt(jaeger("http://j:14268/api/traces", "j"), "components.trace.jaegerAgentHost")?.message).toContain("only can set one");
    expect(validateTopology(jaeger("", "j")).filter((i) => i.field.startsWith("components.trace"))).toEqual([]);
  });

  it("otel needs an endpoint and a url path", () => {
    const t = single("2.11.2", (t) => Object.assign(t.components.trace, { enabled: true, exporter: "otel", otelEndpoint: "", otelUrlPath: "" }));
    expect(errorAt(t, "components.trace.otelEndpoint")?.message).toContain("Trace endpoint not set");
    expect(errorAt(t, "components.trace.otelUrlPath")?.message).toContain("Trace url path not set");
  });

  it.each([
    ["age", "7d", "with nh"],
    ["age", "1h", "less than 2"],
    ["interval", "24", "with nh"],
    ["interval", "0h", "less than 2"],
  ] as const)("upload purging %s %j is refused", (key, value, message) => {
    const t = single("2.11.2", (t) => void (t.components.uploadPurging[key] = value));
    expect(errorAt(t, `components.uploadPurging.${key}`)?.message).toContain(message);
  });

  it("upload purging is not checked when disabled or before 2.5", () => {
    const edit: Edit = (t) => void (t.components.uploadPurging.age = "1h");
    expect(at(single("2.4.3", edit), "components.uploadPurging.age")).toEqual([]);
    expect(
      at(
        single("2.11.2", (t) => (edit(t), (t.components.uploadPurging.enabled = false))),
        "components.uploadPurging.age",
      ),
    ).toEqual([]);
  });

  it("the cache needs positive expire hours", () => {
    expect(
      errorAt(
        single("2.11.2", (t) => Object.assign(t.components.cache, { enabled: true, expireHours: 0 })),
        "components.cache.expireHours",
      )?.message,
    ).toContain("positive");
    expect(
      at(
        single("2.11.2", (t) => Object.assign(t.components.cache, { enabled: true, expireHours: 1 })),
        "components.cache.expireHours",
      ),
    ).toEqual([]);
  });

  it("an unknown quota provider is refused with Harbor's message", () => {
    const t = single("2.11.2", (t) => void (t.components.quotaUpdateProvider = "memcached" as "db"));
    expect(errorAt(t, "components.quotaUpdateProvider")?.message).toBe("invalid quota update provider: memcached");
  });

  it("2.9+ needs at least one job logger", () => {
    expect(
      errorAt(
        single("2.9.0", (t) => void (t.components.jobservice.jobLoggers = [])),
        "components.jobservice.jobLoggers",
      ),
    ).toBeDefined();
    expect(
      errorAt(
        single("2.8.6", (t) => void (t.components.jobservice.jobLoggers = [])),
        "components.jobservice.jobLoggers",
      ),
    ).toBeUndefined();
  });
});
