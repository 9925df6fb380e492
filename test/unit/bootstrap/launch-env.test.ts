import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { validateLaunchEnv } from "@/lib/bootstrap/launch-env";
import { listenUrl } from "@/lib/bootstrap/listen-url";

const keys = { encryptionKey: crypto.randomBytes(32).toString("base64"), authSecret: "s".repeat(32) };
const refusal = (env: Record<string, string>) => {
  try {
    validateLaunchEnv({ env, ...keys });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

describe("validateLaunchEnv: one schema for the console's and the launcher's settings", () => {
  it("takes the defaults for unset launcher settings, and the embedded database when DATABASE_URL is unset", () => {
    const env = validateLaunchEnv({ env: {}, ...keys });
    expect(env).toMatchObject({ PORT: 3000, HOSTNAME: "0.0.0.0", EMBEDDED_PG_PORT: 54320, CONSOLE_DRAIN_SECONDS: 25 });
    expect(env.CONSOLE_MAX_HEAP_MB).toBeUndefined();
    expect(env.CONSOLE_SEED_INSTANCES).toBeUndefined();
  });

  it("reads the launcher's settings from the environment", () => {
    const env = validateLaunchEnv({
      env: { PORT: "3100", HOSTNAME: "127.0.0.1", CONSOLE_MAX_HEAP_MB: "512", CONSOLE_SEED_INSTANCES: " fleet.yaml ", CONSOLE_DRAIN_SECONDS: "5" },
      ...keys,
    });
    expect(validateLaunchEnv({ env: { HOSTNAME: "console-7d9f8_a.internal" }, ...keys }).HOSTNAME).toBe("console-7d9f8_a.internal");
    expect(env).toMatchObject({ PORT: 3100, HOSTNAME: "127.0.0.1", CONSOLE_MAX_HEAP_MB: 512, CONSOLE_SEED_INSTANCES: "fleet.yaml", CONSOLE_DRAIN_SECONDS: 5 });
  });

  it.each([
    [{ PORT: "70000" }, "PORT: must be at most 65535"],
    [{ PORT: "3000x" }, "PORT: must be a whole number from 1 to 65535"],
    [{ HOSTNAME: "http://0.0.0.0:3000" }, "HOSTNAME: must be an IP address or a host name"],
    [{ CONSOLE_MAX_HEAP_MB: "32" }, "CONSOLE_MAX_HEAP_MB: must be a whole number of megabytes, at least 64"],
    [{ CONSOLE_DRAIN_SECONDS: "0" }, "CONSOLE_DRAIN_SECONDS: must be at least 1"],
    [{ COLLECTOR_INTERVAL_SECONDS: "30" }, "COLLECTOR_INTERVAL_SECONDS: must be at least 60"],
    [{ DATABASE_URL: "mysql://u:pw@db:3306/x" }, "DATABASE_URL: DATABASE_URL must be a postgresql:// connection string"],
  ])("refuses %o, naming the variable and the rule", (env, message) => {
    const m = refusal(env);
    expect(m).toContain("Invalid console configuration");
    expect(m).toContain(message);
    expect(m).not.toContain("pw@");
  });
});

describe("listenUrl: the start log's address is the host Next.js binds", () => {
  it("names a specific address as such", () => {
    expect(listenUrl("127.0.0.1", "3000")).toBe("http://127.0.0.1:3000");
    expect(listenUrl("console.internal", "8080")).toBe("http://console.internal:8080");
    expect(listenUrl("::1", "3000")).toBe("http://[::1]:3000");
  });
  it("says a wildcard listens on every interface", () => {
    expect(listenUrl("0.0.0.0", "3000")).toBe("http://localhost:3000 (listening on every interface: 0.0.0.0)");
    expect(listenUrl("::", "3000")).toContain("listening on every interface: ::");
  });
});
