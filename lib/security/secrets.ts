import crypto from "node:crypto";

/**
 * Envelope encryption of secrets at rest: AES-256-GCM with a random 96-bit IV, bound to a context string
 * (additional authenticated data, e.g. "harbor-instance:<id>:secret") so a ciphertext cannot be moved to
 * another row. Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url). The key id lets a later key
 * rotation find which key sealed each value.
 */
export interface Keyring {
  current: Buffer;
  /** older keys still accepted for decryption, by key id */
  previous?: Buffer[];
}

export function keyId(key: Buffer): string {
  return crypto.createHash("sha256").update(key).digest("hex").slice(0, 8);
}

export function encryptSecret(keyring: Keyring, plaintext: string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyring.current, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", keyId(keyring.current), iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

export class SecretDecryptionError extends Error {}

export function decryptSecret(keyring: Keyring, envelope: string, context: string): string {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") throw new SecretDecryptionError("unknown secret envelope format");
  const [, kid, iv, tag, ct] = parts;
  const key = [keyring.current, ...(keyring.previous ?? [])].find((k) => keyId(k) === kid);
  if (!key) throw new SecretDecryptionError(`secret was sealed with key ${kid}, which is not configured`);
  try {
    const authTag = Buffer.from(tag, "base64url");
    // A truncated tag would make forgery far cheaper: insist on the full 128 bits.
    if (authTag.length !== 16) throw new Error("bad tag length");
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("secret failed authentication (wrong key, wrong context or tampered value)");
  }
}
