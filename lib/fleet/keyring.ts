import "server-only";
import { encryptionKey } from "../env";
import { decryptSecret, encryptSecret, type Keyring } from "../security/secrets";

function keyring(): Keyring {
  return { current: encryptionKey() };
}

export const secretContext = (kind: "harbor-instance" | "topology-revision" | "config-secrets", id: string, field: string) => `${kind}:${id}:${field}`;

export function sealSecret(plaintext: string, context: string): string {
  return encryptSecret(keyring(), plaintext, context);
}

export function openSecret(envelope: string, context: string): string {
  return decryptSecret(keyring(), envelope, context);
}
