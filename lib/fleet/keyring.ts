import "server-only";
import { encryptionKey } from "../env";
import { decryptSecret, encryptSecret, type Keyring } from "../security/secrets";

function keyring(): Keyring {
  return { current: encryptionKey() };
}

export { secretContext } from "../security/secret-context";

export function sealSecret(plaintext: string, context: string): string {
  return encryptSecret(keyring(), plaintext, context);
}

export function openSecret(envelope: string, context: string): string {
  return decryptSecret(keyring(), envelope, context);
}
