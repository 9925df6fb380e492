import "server-only";
import { encryptionKey, previousEncryptionKeys } from "../env";
import { decryptSecret, encryptSecret, type Keyring } from "../security/secrets";

/** Seals with CONSOLE_ENCRYPTION_KEY; opens with it or any of CONSOLE_ENCRYPTION_KEY_PREVIOUS (during a rotation). */
function keyring(): Keyring {
  return { current: encryptionKey(), previous: previousEncryptionKeys() };
}

export { secretContext } from "../security/secret-context";

export function sealSecret(plaintext: string, context: string): string {
  return encryptSecret(keyring(), plaintext, context);
}

export function openSecret(envelope: string, context: string): string {
  return decryptSecret(keyring(), envelope, context);
}
