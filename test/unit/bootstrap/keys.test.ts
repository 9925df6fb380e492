import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StartupError } from "@/lib/bootstrap/embedded-postgres";
import { ensureAuthSecret, ensureEncryptionKey } from "@/lib/bootstrap/keys";
import { parseEncryptionKey } from "@/lib/env-schema";

const VARS = ["CONSOLE_ENCRYPTION_KEY", "NEXTAUTH_SECRET"] as const;
let saved: Partial<Record<(typeof VARS)[number], string>>;
let dataDir: string;

beforeEach(() => {
  saved = {};
  for (const v of VARS) {
    saved[v] = process.env[v];
    delete process.env[v];
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-keys-"));
});

afterEach(() => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a throw");
}

describe("ensureEncryptionKey", () => {
  it("in production, refuses to start without the key, naming CONSOLE_ENCRYPTION_KEY, and writes no file", () => {
    const log = vi.fn();
    const e = thrown(() => ensureEncryptionKey({ dataDir, production: true, log }));
    expect(e).toBeInstanceOf(StartupError);
    expect(e.message).toMatch(/^CONSOLE_ENCRYPTION_KEY is not set/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(log).not.toHaveBeenCalled();
  });

  it("treats an empty variable as missing in production", () => {
    process.env.CONSOLE_ENCRYPTION_KEY = "";
    expect(() => ensureEncryptionKey({ dataDir, production: true, log: vi.fn() })).toThrow(/CONSOLE_ENCRYPTION_KEY is not set/);
  });

  it("refuses a malformed key, naming CONSOLE_ENCRYPTION_KEY (production and development)", () => {
    process.env.CONSOLE_ENCRYPTION_KEY = "not-a-key";
    for (const production of [true, false]) {
      const e = thrown(() => ensureEncryptionKey({ dataDir, production, log: vi.fn() }));
      expect(e).toBeInstanceOf(StartupError);
      expect(e.message).toMatch(/^CONSOLE_ENCRYPTION_KEY is malformed/);
    }
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("returns a well-formed key from the environment, trimmed, without logging", () => {
    const key = crypto.randomBytes(32).toString("base64");
    process.env.CONSOLE_ENCRYPTION_KEY = `${key}\n`;
    const log = vi.fn();
    expect(ensureEncryptionKey({ dataDir, production: true, log })).toBe(key);
    expect(log).not.toHaveBeenCalled();
  });

  it("in development, generates a key file once (mode 0600) and reuses it", () => {
    const log = vi.fn();
    const first = ensureEncryptionKey({ dataDir, production: false, log });
    const file = path.join(dataDir, "encryption.key");
    expect(parseEncryptionKey(first)).not.toBeNull();
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first);
    if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toMatch(/^WARNING: CONSOLE_ENCRYPTION_KEY is not set; generated a development key/);
    expect(log.mock.calls[0][0]).toContain(file);

    const second = ensureEncryptionKey({ dataDir, production: false, log });
    expect(second).toBe(first);
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[1][0]).toMatch(/^WARNING: CONSOLE_ENCRYPTION_KEY is not set; using the development key/);
  });

  it("creates the data folder if it does not exist", () => {
    const nested = path.join(dataDir, "a", "b");
    const key = ensureEncryptionKey({ dataDir: nested, production: false, log: vi.fn() });
    expect(fs.readFileSync(path.join(nested, "encryption.key"), "utf8").trim()).toBe(key);
  });

  it("refuses a corrupt development key file, naming the file", () => {
    const file = path.join(dataDir, "encryption.key");
    fs.writeFileSync(file, "garbage\n");
    const e = thrown(() => ensureEncryptionKey({ dataDir, production: false, log: vi.fn() }));
    expect(e).toBeInstanceOf(StartupError);
    expect(e.message).toContain(file);
    expect(fs.readFileSync(file, "utf8")).toBe("garbage\n");
  });

  it("prefers the environment over an existing development key file", () => {
    ensureEncryptionKey({ dataDir, production: false, log: vi.fn() });
    const key = crypto.randomBytes(32).toString("hex");
    process.env.CONSOLE_ENCRYPTION_KEY = key;
    expect(ensureEncryptionKey({ dataDir, production: false, log: vi.fn() })).toBe(key);
  });
});

describe("ensureAuthSecret", () => {
  it("in production, refuses to start without NEXTAUTH_SECRET", () => {
    const e = thrown(() => ensureAuthSecret({ dataDir, production: true, log: vi.fn() }));
    expect(e).toBeInstanceOf(StartupError);
    expect(e.message).toMatch(/^NEXTAUTH_SECRET is not set/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("refuses a secret shorter than 32 characters", () => {
    process.env.NEXTAUTH_SECRET = "s".repeat(31);
    expect(() => ensureAuthSecret({ dataDir, production: false, log: vi.fn() })).toThrow(StartupError);
    expect(() => ensureAuthSecret({ dataDir, production: false, log: vi.fn() })).toThrow(/NEXTAUTH_SECRET must be at least 32/);
  });

  it("returns a given secret as is", () => {
    process.env.NEXTAUTH_SECRET = "s".repeat(32);
    expect(ensureAuthSecret({ dataDir, production: true, log: vi.fn() })).toBe("s".repeat(32));
  });

  it("in development, generates a secret file once (mode 0600), logs only on creation, and reuses it", () => {
    const log = vi.fn();
    const first = ensureAuthSecret({ dataDir, production: false, log });
    const file = path.join(dataDir, "auth-secret");
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first);
    if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toContain(file);

    expect(ensureAuthSecret({ dataDir, production: false, log })).toBe(first);
    expect(log).toHaveBeenCalledTimes(1);
  });
});
