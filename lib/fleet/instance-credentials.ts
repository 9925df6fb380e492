import "server-only";
import { db, sql } from "../db";
import { openSecret, secretContext } from "./keyring";
import type { InstanceDto } from "../schemas/instance";
import { PUBLIC_SELECT, toDto } from "./instance-dto";

/** An instance's stored credential, opened: for the server-side Harbor client only, never for a page. */

/**
 * The poll targets of a collector batch, secrets opened (server-side only; never returned to a page). Raw pg, not
 * Prisma: it runs for every batch.
 */
export async function listInstancesWithCredentials(ids: string[]) {
  const { rows } = await sql().query<{
    id: string;
    baseUrl: string;
    username: string;
    secretCipher: string;
    caBundle: string | null;
    skipTlsVerify: boolean;
    harborVersion: string | null;
    apiGeneration: string | null;
    credentialCheckedAt: Date | null;
  }>(
    `select i.id::text as id, i."baseUrl", i.username, i."secretCipher", i."caBundle", i."skipTlsVerify", i."harborVersion", i."apiGeneration",
       s."credentialCheckedAt"
     from "HarborInstance" i left join "InstanceStatus" s on s."instanceId" = i.id
     where i.id = any($1::uuid[])`,
    [ids],
  );
  return rows.map(({ secretCipher, ...r }) => ({ ...r, secret: openSecret(secretCipher, secretContext("harbor-instance", r.id, "secret")) }));
}

/** The only way to read an instance's secret: for the server-side Harbor client, never for a page. */
export async function getInstanceWithCredentials(id: string): Promise<(InstanceDto & { secret: string }) | null> {
  const row = await db.harborInstance.findUnique({ where: { id }, select: { ...PUBLIC_SELECT, secretCipher: true } });
  if (!row) return null;
  return { ...toDto(row), secret: openSecret(row.secretCipher, secretContext("harbor-instance", id, "secret")) };
}
