import "server-only";
import { AppError } from "../errors";
import { createHarborClient, type HarborClient } from "../harbor";
import { API_GENERATIONS, type ApiGeneration } from "../releases";
import { getInstanceWithCredentials } from "./instance-credentials";
import { getOutboundPolicy } from "./settings";

/** The registered instance a page or action works on (never its secret). */
export interface SessionInstance {
  id: string;
  name: string;
  baseUrl: string;
}

/**
 * Runs `fn` with a Harbor client for one registered instance: its stored credential, CA, TLS choice, the console's
 * outbound policy and the version detected last (re-detected when none is cached). The client is closed afterwards.
 * The credential never leaves this module's callers (lib/fleet); results handed to pages are DTOs.
 */
export async function withInstanceClient<T>(instanceId: string, fn: (client: HarborClient, instance: SessionInstance) => Promise<T>): Promise<T> {
  const inst = await getInstanceWithCredentials(instanceId);
  if (!inst) throw new AppError("not_found", "This instance no longer exists.");
  const known =
    inst.apiGeneration && (API_GENERATIONS as readonly string[]).includes(inst.apiGeneration)
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
