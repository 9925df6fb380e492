import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { createHarborClient, type HarborClient } from "../harbor";
import { API_GENERATIONS, type ApiGeneration } from "../releases";
import { recordAudit, type Actor } from "./audit";
import { getInstanceWithCredentials } from "./instance-credentials";
import { getOutboundPolicy } from "./settings";

/** The registered instance a page or action works on (never its secret). */
export interface SessionInstance {
  id: string;
  name: string;
  baseUrl: string;
}

export interface InstanceClientOptions {
  /** ask Harbor which version it runs rather than start from the one detected last (pre-flight, an upgrade's checks) */
  detect?: boolean;
}

/**
 * Runs `fn` with a Harbor client for one registered instance: its stored credential, CA, TLS choice, the console's
 * outbound policy and the version detected last (re-detected when none is cached, or when `detect` asks). The client
 * is closed afterwards. The credential never leaves this module's callers (lib/fleet); results handed to pages are DTOs.
 */
export async function withInstanceClient<T>(
  instanceId: string,
  fn: (client: HarborClient, instance: SessionInstance) => Promise<T>,
  opts: InstanceClientOptions = {},
): Promise<T> {
  const inst = await getInstanceWithCredentials(instanceId);
  if (!inst) throw new AppError("not_found", "This instance no longer exists.");
  const known =
    !opts.detect && inst.apiGeneration && (API_GENERATIONS as readonly string[]).includes(inst.apiGeneration)
      ? { generation: inst.apiGeneration as ApiGeneration, version: inst.harborVersion }
      : null;
  const client = createHarborClient({
    baseUrl: inst.baseUrl,
    credentials: { username: inst.username, password: inst.secret },
    ca: inst.caBundle,
    skipTlsVerify: inst.skipTlsVerify,
    known,
    outbound: await getOutboundPolicy(),
  });
  try {
    return await fn(client, { id: inst.id, name: inst.name, baseUrl: inst.baseUrl });
  } finally {
    await client.close();
  }
}

/** Audits that `inst`'s stored secret went to its Harbor (sent only to its saved URL), with what the call found. */
export async function auditStoredSecretUse(
  inst: SessionInstance,
  e: { actor: Actor; action: string; requestId: string; after?: Record<string, Prisma.InputJsonValue | null> },
): Promise<void> {
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: e.actor,
      action: e.action,
      targetType: "instance",
      targetId: inst.id,
      targetName: inst.name,
      after: { ...e.after, baseUrl: inst.baseUrl, storedSecret: true },
      requestId: e.requestId,
    }),
  );
}
