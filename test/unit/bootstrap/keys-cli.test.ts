import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatRotation, formatStatus, parseKeysArgs } from "@/lib/bootstrap/keys-cli";
import { StartupError } from "@/lib/bootstrap/embedded-postgres";
import { ensureEncryptionKey, previousEncryptionKeys } from "@/lib/bootstrap/keys";
import type { KeyStatus } from "@/lib/fleet/key-rotation";

describe("parseKeysArgs", () => {
  it("reads status, rotate and rotate --skip-unopenable", () => {
    expect(parseKeysArgs(["status"])).toEqual({ command: "status" });
    expect(parseKeysArgs(["rotate"])).toEqual({ command: "rotate", skipUnopenable: false });
    expect(parseKeysArgs(["rotate", "--skip-unopenable"])).toEqual({ command: "rotate", skipUnopenable: true });
    expect(parseKeysArgs(["accept-session-secret"])).toEqual({ command: "accept-session-secret" });
    expect(parseKeysArgs(["accept-session-secret", "--force"])).toEqual({ error: "unknown option for keys accept-session-secret: --force" });
  });

  it("says what is wrong with anything else", () => {
    expect(parseKeysArgs([])).toEqual({ error: "missing keys command" });
    expect(parseKeysArgs(["rotat"])).toEqual({ error: 'unknown keys command "rotat"' });
    expect(parseKeysArgs(["rotate", "--force"])).toEqual({ error: "unknown option for keys rotate: --force" });
    expect(parseKeysArgs(["status", "--skip-unopenable"])).toEqual({ error: "unknown option for keys status: --skip-unopenable" });
  });
});

const status = (columns: KeyStatus["columns"], previousKeyIds = ["aaaaaaaa"]): KeyStatus => ({ currentKeyId: "bbbbbbbb", previousKeyIds, columns });

describe("formatStatus", () => {
  it("lists each column's key ids with their role, says what to run next and what cannot be opened", () => {
    const lines = formatStatus(
      status([
        {
          column: "HarborInstance.secretCipher",
          keys: [
            { keyId: "aaaaaaaa", role: "previous", count: 3 },
            { keyId: "cccccccc", role: "unconfigured", count: 1 },
          ],
        },
        { column: "TopologyRevision.secretsCipher", keys: [] },
        { column: "InstanceConfigSecrets.cipher", keys: [{ keyId: null, role: "unconfigured", count: 2 }] },
      ]),
    );
    expect(lines[0]).toBe("Secrets by the key that sealed them (current key bbbbbbbb; previous: aaaaaaaa):");
    expect(lines[1]).toMatch(/^ {2}HarborInstance\.secretCipher +aaaaaaaa +3 {2}previous$/);
    expect(lines[2]).toMatch(/^ {34}cccccccc +1 {2}NOT CONFIGURED: cannot be opened$/);
    expect(lines[3]).toMatch(/^ {2}TopologyRevision\.secretsCipher +\(none\)$/);
    expect(lines[4]).toMatch(/InstanceConfigSecrets\.cipher +\(not a v1 envelope\) +2 {2}NOT CONFIGURED/);
    expect(lines.slice(5)).toEqual([
      "3 secrets still sealed by a previous key: run `npm run keys -- rotate`.",
      "3 secrets are sealed by key ids that are not configured: cccccccc (1), (not a v1 envelope) (2): such secrets cannot be opened until their key is added to CONSOLE_ENCRYPTION_KEY_PREVIOUS.",
    ]);
  });

  it("says when the previous keys can go", () => {
    const done = status([{ column: "HarborInstance.secretCipher", keys: [{ keyId: "bbbbbbbb", role: "current", count: 2 }] }]);
    expect(formatStatus(done).at(-1)).toBe("Every secret is sealed with the current key bbbbbbbb: CONSOLE_ENCRYPTION_KEY_PREVIOUS can be removed.");
    expect(formatStatus({ ...done, previousKeyIds: [] }).at(-1)).toBe("Every secret is sealed with the current key bbbbbbbb.");
  });
});

describe("formatRotation", () => {
  const before = status([]);
  const column = { column: "HarborInstance.secretCipher", resealed: 2, alreadyCurrent: 1, changed: 0, unopenable: 0, failed: 0 };

  it("exits 1 with one sentence when refused", () => {
    const r = formatRotation({ kind: "refused", unconfigured: [{ keyId: "cccccccc", role: "unconfigured", count: 2 }], before }, false);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([]);
    expect(r.errors).toEqual([
      "Refusing to rotate: 2 secrets are sealed by key cccccccc, which is not configured; add the key to CONSOLE_ENCRYPTION_KEY_PREVIOUS, or pass --skip-unopenable to re-seal the rest and leave those as they are.",
    ]);
  });

  it("exits 0 after re-sealing, and 1 when a secret could not be opened unless told to skip such", () => {
    const ok = formatRotation({ kind: "done", columns: [column], before, after: before, audited: true }, false);
    expect(ok).toMatchObject({ code: 0, errors: [] });
    expect(ok.lines.at(-1)).toBe("2 secrets re-sealed; recorded in the audit trail as secrets.rotate.");

    const left = { kind: "done" as const, columns: [{ ...column, failed: 1, changed: 1 }], before, after: before, audited: true };
    expect(formatRotation(left, false)).toMatchObject({
      code: 1,
      errors: ["1 secret could not be opened and was left as it was; see `npm run keys -- status`."],
    });
    expect(formatRotation(left, true)).toMatchObject({ code: 0, errors: [] });
    expect(formatRotation(left, true).lines.join("\n")).toContain("1 changed meanwhile (left to that edit), 1 not opened by its key: altered or moved (left)");
  });
});

describe("launcher keys", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("previousEncryptionKeys: CONSOLE_ENCRYPTION_KEY_PREVIOUS parsed, or a StartupError naming every bad entry", () => {
    const [current, old] = [crypto.randomBytes(32), crypto.randomBytes(32)];
    delete process.env.CONSOLE_ENCRYPTION_KEY_PREVIOUS;
    expect(previousEncryptionKeys(current.toString("base64"))).toEqual([]);
    process.env.CONSOLE_ENCRYPTION_KEY_PREVIOUS = `${old.toString("hex")}`;
    expect(previousEncryptionKeys(current.toString("base64"))).toEqual([old]);
    process.env.CONSOLE_ENCRYPTION_KEY_PREVIOUS = `junk,${current.toString("hex")}`;
    const err = (() => {
      try {
        previousEncryptionKeys(current.toString("base64"));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(StartupError);
    expect(err?.message.split("\n")).toEqual([
      expect.stringMatching(/^CONSOLE_ENCRYPTION_KEY_PREVIOUS entry 1 of 2 is not a key/),
      "CONSOLE_ENCRYPTION_KEY_PREVIOUS entry 2 of 2 is the current CONSOLE_ENCRYPTION_KEY: a previous key must differ from it",
    ]);
  });

  it("ensureEncryptionKey with create: false uses the development key but never makes one", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hfc-keys-"));
    try {
      delete process.env.CONSOLE_ENCRYPTION_KEY;
      expect(() => ensureEncryptionKey({ dataDir, production: false, log: () => {}, create: false })).toThrow(/there is no development key/);
      expect(fs.readdirSync(dataDir)).toEqual([]);
      const made = ensureEncryptionKey({ dataDir, production: false, log: () => {} });
      expect(ensureEncryptionKey({ dataDir, production: false, log: () => {}, create: false })).toBe(made);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
