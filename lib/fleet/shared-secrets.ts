import "server-only";
import { db } from "../db";
import type { SharedSecrets } from "../config/types";
import { generateSharedSecrets, ZSharedSecrets } from "../security/shared-secrets";
import { openSecret, sealSecret, secretContext } from "./keyring";

/** A planned instance's shared keys (secret key, CSRF key, token pair, component secrets), sealed in the database. */
export async function readSharedSecrets(instanceId: string): Promise<SharedSecrets | null> {
  const row = await db.instanceConfigSecrets.findUnique({ where: { instanceId } });
  return row ? ZSharedSecrets.parse(JSON.parse(openSecret(row.cipher, secretContext("config-secrets", instanceId, "shared")))) : null;
}

/** Generated on first need, then never re-randomised: a second writer's value is discarded, the stored one wins. */
export async function ensureSharedSecrets(instanceId: string): Promise<SharedSecrets> {
  const read = () => readSharedSecrets(instanceId);
  const existing = await read();
  if (existing) return existing;
  const fresh = await generateSharedSecrets();
  await db.instanceConfigSecrets.createMany({
    data: [{ instanceId, cipher: sealSecret(JSON.stringify(fresh), secretContext("config-secrets", instanceId, "shared")) }],
    skipDuplicates: true,
  });
  const stored = await read();
  if (!stored) throw new Error(`shared secrets of ${instanceId} vanished after insert`);
  return stored;
}
