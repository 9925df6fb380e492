import "server-only";
import { sendJson } from "./call";
import { harborOk, type HarborResult } from "./errors";
import { ZHarborConfigurations } from "./schemas";
import { apiPath, type HarborClient } from "./transport";
import { resolveVersion } from "./version";

/**
 * System configurations (docs/harbor/api.md; ConfigurationsResponse / Configurations in every spec from 1.9 on): the same routes
 * on every generation. The console only touches `read_only` — Repository Read Only, a runbook step of an upgrade.
 * Both calls are for system administrators (401/403 otherwise).
 */

type Opts = { client: HarborClient };

/** Whether Harbor is in read-only mode now, or null when its configurations do not say. */
export async function getReadOnly(opts: Opts): Promise<HarborResult<{ readOnly: boolean | null }>> {
  const d = await resolveVersion(opts);
  if (!d.ok) return d;
  const r = await sendJson(opts.client, { method: "GET", path: apiPath(d.value.generation, "configurations"), schema: ZHarborConfigurations });
  return r.ok ? harborOk({ readOnly: r.value.data.read_only?.value ?? null }, r.requestId) : r;
}

/** PUT /configurations with only `read_only` (a subset of the map updates only those keys); Harbor answers 200 with no body. */
export async function setReadOnly(opts: Opts & { readOnly: boolean }): Promise<HarborResult<{ readOnly: boolean }>> {
  const d = await resolveVersion(opts);
  if (!d.ok) return d;
  const r = await opts.client.send({ method: "PUT", path: apiPath(d.value.generation, "configurations"), body: { read_only: opts.readOnly } });
  return r.ok ? harborOk({ readOnly: opts.readOnly }, r.requestId) : r;
}
