import "server-only";
import * as z from "zod";
import { sendJson } from "./call";
import { harborOk, type HarborResult } from "./errors";
import { ZHarborReplicationExecution, type THarborReplicationExecution } from "./schemas";
import { apiPath, type HarborClient } from "./transport";
import { resolveVersion } from "./version";

/**
 * Replication executions in a status ("InProgress" for the running ones), first page: the same route and status filter
 * on every generation (1.9+). 401/403 for anyone but a system administrator.
 */
export async function listReplicationExecutions(opts: { client: HarborClient; status?: string }): Promise<HarborResult<THarborReplicationExecution[]>> {
  const d = await resolveVersion({ client: opts.client });
  if (!d.ok) return d;
  const r = await sendJson(opts.client, {
    method: "GET",
    path: apiPath(d.value.generation, "replication", "executions"),
    query: { status: opts.status },
    schema: z.array(ZHarborReplicationExecution),
  });
  return r.ok ? harborOk(r.value.data, r.requestId) : r;
}
