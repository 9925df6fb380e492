import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { log, redact } from "@/lib/log";

describe("redact", () => {
  it("replaces values under secret-looking keys, at any level, keeping other keys", () => {
    const input = {
      user: "alice",
      password: "hunter2",
      nested: {
        secret: "s",
        token: "t",
        Authorization: "Bearer abc",
        cookie: "sid=1",
        apiKey: "k",
        api_key: "k2",
        secretCipher: "v1.abcd",
        accessToken: "at",
        clientSecret: "cs",
        privateKey: "pk",
        credentials: { user: "u" },
        host: "harbor.example.com",
        port: 443,
      },
    };
    expect(redact(input)).toEqual({
      user: "alice",
      password: "[redacted]",
      nested: {
        secret: "[redacted]",
        token: "[redacted]",
        Authorization: "[redacted]",
        cookie: "[redacted]",
        apiKey: "[redacted]",
        api_key: "[redacted]",
        secretCipher: "[redacted]",
        accessToken: "[redacted]",
        clientSecret: "[redacted]",
        privateKey: "[redacted]",
        credentials: "[redacted]",
        host: "harbor.example.com",
        port: 443,
      },
    });
  });

  it("redacts webhook auth headers under any spelling of the key", () => {
    expect(redact({ authHeader: "Bearer a", auth_header: "Bearer b", "auth-header": "c", AuthHeader: "d", author: "alice" })).toEqual({
      authHeader: "[redacted]",
      auth_header: "[redacted]",
      "auth-header": "[redacted]",
      AuthHeader: "[redacted]",
      author: "alice",
    });
  });

  it("redacts inside arrays of objects", () => {
    expect(redact({ items: [{ name: "a", password: "x" }, { name: "b", token: "y" }, "plain", 3] })).toEqual({
      items: [{ name: "a", password: "[redacted]" }, { name: "b", token: "[redacted]" }, "plain", 3],
    });
    expect(redact([{ secret: "z" }])).toEqual([{ secret: "[redacted]" }]);
  });

  it("reduces Error objects to name and message (no stack or attached properties)", () => {
    const err = Object.assign(new TypeError("boom"), { config: { password: "leak" } });
    expect(redact({ err })).toEqual({ err: { name: "TypeError", message: "boom" } });
  });

  it("passes primitives, null and undefined through", () => {
    expect(redact("x")).toBe("x");
    expect(redact(5)).toBe(5);
    expect(redact(null)).toBeNull();
    expect(redact(undefined)).toBeUndefined();
  });

  it("does not mutate its input", () => {
    const input = { password: "p", inner: { token: "t" } };
    redact(input);
    expect(input).toEqual({ password: "p", inner: { token: "t" } });
  });

  it("never writes a secret from a deeply nested object", () => {
    let deep: Record<string, unknown> = { password: "deep-secret-value" };
    for (let i = 0; i < 10; i++) deep = { level: deep };
    expect(JSON.stringify(redact(deep))).not.toContain("deep-secret-value");
  });
});

describe("log", () => {
  let savedLevel: string | undefined;
  beforeEach(() => {
    savedLevel = process.env.LOG_LEVEL;
    delete process.env.LOG_LEVEL;
  });
  afterEach(() => {
    if (savedLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLevel;
    vi.restoreAllMocks();
  });

  it("writes one JSON line for info on stdout without the password value", () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    log.info("user signed in", { email: "a@b", password: "correct-horse-battery", meta: { token: "tok-123" } });
    expect(out).toHaveBeenCalledTimes(1);
    const line = String(out.mock.calls[0][0]);
    expect(line).not.toContain("correct-horse-battery");
    expect(line).not.toContain("tok-123");
    expect(line).not.toContain("\n");
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ level: "info", msg: "user signed in", email: "a@b", password: "[redacted]", meta: { token: "[redacted]" } });
    expect(new Date(parsed.t).toISOString()).toBe(parsed.t);
  });

  it("writes warn and error to stderr, also redacted", () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    log.warn("w", { password: "pw-1" });
    log.error("e", { secret: "pw-2" });
    expect(out).not.toHaveBeenCalled();
    expect(err).toHaveBeenCalledTimes(2);
    expect(err.mock.calls.map((c) => String(c[0])).join("\n")).not.toMatch(/pw-1|pw-2/);
  });

  it("respects LOG_LEVEL: debug is dropped at info, info dropped at warn", () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    log.debug("hidden");
    expect(out).not.toHaveBeenCalled();
    process.env.LOG_LEVEL = "debug";
    log.debug("shown");
    expect(out).toHaveBeenCalledTimes(1);
    process.env.LOG_LEVEL = "warn";
    log.info("hidden too");
    expect(out).toHaveBeenCalledTimes(1);
  });

  it("falls back to info for an unknown LOG_LEVEL", () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    process.env.LOG_LEVEL = "chatty";
    log.debug("hidden");
    log.info("shown");
    expect(out).toHaveBeenCalledTimes(1);
  });
});
