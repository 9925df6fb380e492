import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, keyId, SecretDecryptionError, type Keyring } from "@/lib/security/secrets";

const key = (fill: number) => Buffer.alloc(32, fill);
const CTX = "harbor-instance:1b4e28ba-2fa1-11d2-883f-0016d3cca427:secret";

function parts(envelope: string) {
  const [version, kid, iv, tag, ct] = envelope.split(".");
  return { version, kid, iv, tag, ct };
}

function flipFirstByte(b64url: string): string {
  const buf = Buffer.from(b64url, "base64url");
  buf[0] ^= 0x01;
  return buf.toString("base64url");
}

describe("encryptSecret / decryptSecret", () => {
  const keyring: Keyring = { current: key(1) };

  it("round-trips a plaintext, including unicode and the empty string", () => {
    for (const plaintext of ["robot-secret", "pässwörd 🔐 with spaces", ""]) {
      expect(decryptSecret(keyring, encryptSecret(keyring, plaintext, CTX), CTX)).toBe(plaintext);
    }
  });

  it("produces a different ciphertext each time for the same input (random IV)", () => {
    const a = encryptSecret(keyring, "same", CTX);
    const b = encryptSecret(keyring, "same", CTX);
    expect(a).not.toBe(b);
    expect(parts(a).iv).not.toBe(parts(b).iv);
    expect(decryptSecret(keyring, a, CTX)).toBe("same");
    expect(decryptSecret(keyring, b, CTX)).toBe("same");
  });

  it("uses the envelope format v1.<8-hex key id>.<iv>.<tag>.<ciphertext> in base64url", () => {
    const env = encryptSecret(keyring, "hello", CTX);
    expect(env).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/);
    const p = parts(env);
    expect(p.kid).toBe(keyId(keyring.current));
    expect(Buffer.from(p.iv, "base64url")).toHaveLength(12);
    expect(Buffer.from(p.tag, "base64url")).toHaveLength(16);
    expect(env).not.toContain("hello");
  });

  it("derives the key id from the key: stable for a key, different between keys", () => {
    expect(keyId(key(1))).toBe(keyId(Buffer.alloc(32, 1)));
    expect(keyId(key(1))).not.toBe(keyId(key(2)));
    expect(keyId(key(1))).toBe(crypto.createHash("sha256").update(key(1)).digest("hex").slice(0, 8));
  });

  it("fails with SecretDecryptionError when the context (AAD) differs", () => {
    const env = encryptSecret(keyring, "s3cret", CTX);
    expect(() => decryptSecret(keyring, env, "harbor-instance:other-id:secret")).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(keyring, env, "harbor-instance:other-id:secret")).toThrow(/failed authentication/);
  });

  it("fails when the ciphertext is tampered with", () => {
    const p = parts(encryptSecret(keyring, "s3cret-value", CTX));
    const tampered = ["v1", p.kid, p.iv, p.tag, flipFirstByte(p.ct)].join(".");
    expect(() => decryptSecret(keyring, tampered, CTX)).toThrow(SecretDecryptionError);
  });

  it("fails when the auth tag is tampered with", () => {
    const p = parts(encryptSecret(keyring, "s3cret-value", CTX));
    const tampered = ["v1", p.kid, p.iv, flipFirstByte(p.tag), p.ct].join(".");
    expect(() => decryptSecret(keyring, tampered, CTX)).toThrow(SecretDecryptionError);
  });

  it("fails when the IV is tampered with", () => {
    const p = parts(encryptSecret(keyring, "s3cret-value", CTX));
    const tampered = ["v1", p.kid, flipFirstByte(p.iv), p.tag, p.ct].join(".");
    expect(() => decryptSecret(keyring, tampered, CTX)).toThrow(SecretDecryptionError);
  });

  it("rejects a truncated auth tag (GCM tags must be the full 16 bytes)", () => {
    const p = parts(encryptSecret(keyring, "s3cret-value", CTX));
    const shortTag = Buffer.from(p.tag, "base64url").subarray(0, 4).toString("base64url");
    const truncated = ["v1", p.kid, p.iv, shortTag, p.ct].join(".");
    expect(() => decryptSecret(keyring, truncated, CTX)).toThrow(SecretDecryptionError);
  });

  it("rejects envelopes that are not v1 with five parts", () => {
    const env = encryptSecret(keyring, "x", CTX);
    for (const bad of ["", "plaintext", env.replace(/^v1\./, "v2."), env.split(".").slice(0, 4).join("."), `${env}.extra`]) {
      expect(() => decryptSecret(keyring, bad, CTX)).toThrow(new SecretDecryptionError("unknown secret envelope format"));
    }
  });

  it("decrypts with an older key kept in `previous` after rotation, and new values use the new key", () => {
    const oldRing: Keyring = { current: key(1) };
    const sealedWithOld = encryptSecret(oldRing, "legacy", CTX);
    const rotated: Keyring = { current: key(2), previous: [key(1)] };
    expect(decryptSecret(rotated, sealedWithOld, CTX)).toBe("legacy");
    const sealedWithNew = encryptSecret(rotated, "fresh", CTX);
    expect(parts(sealedWithNew).kid).toBe(keyId(key(2)));
    expect(decryptSecret(rotated, sealedWithNew, CTX)).toBe("fresh");
    // the old keyring knows nothing of the new key
    expect(() => decryptSecret(oldRing, sealedWithNew, CTX)).toThrow(SecretDecryptionError);
  });

  it("reports an unknown key id clearly, naming the key id", () => {
    const env = encryptSecret({ current: key(1) }, "x", CTX);
    const kid = keyId(key(1));
    let caught: unknown;
    try {
      decryptSecret({ current: key(2), previous: [key(3)] }, env, CTX);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SecretDecryptionError);
    expect((caught as Error).message).toBe(`secret was sealed with key ${kid}, which is not configured`);
  });

  it("does not fall back to another key when the key id matches none (even if that key would work)", () => {
    const p = parts(encryptSecret({ current: key(1) }, "x", CTX));
    const relabelled = ["v1", "deadbeef", p.iv, p.tag, p.ct].join(".");
    expect(() => decryptSecret({ current: key(1) }, relabelled, CTX)).toThrow(/sealed with key deadbeef/);
  });
});
