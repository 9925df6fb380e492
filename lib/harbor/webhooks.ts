import "server-only";
import { sendJson, totalCount } from "./call";
import { harborFail, harborOk, type HarborFailure, type HarborResult } from "./errors";
import { webhookEventTypes, webhookNotifyTypes } from "./facts";
import { normaliseEventTypes, type SupportedEventTypes } from "./event-types";
import { collectPages } from "./paging";
import type { ProjectRef } from "./projects";
import { ZHarborSupportedEvents, ZHarborWebhookPolicy, type THarborWebhookPolicy } from "./schemas";
import type { HarborClient } from "./transport";
import { buildCreateBody, buildUpdateBody, type WebhookPolicyInput } from "./webhook-body";
import { checkId, paginatedPolicies, webhookScope, type WebhookScope } from "./webhook-scope";

/**
 * Webhook policies (docs/harbor/api.md §7). Results are Harbor's snake_case objects; auth_header comes back in clear,
 * so never hand them to the browser or a log. 1.x–2.2 address projects by id only (names are resolved).
 */

type Opts = { client: HarborClient; project: ProjectRef };
const MAX_POLICIES = 5_000;

/** Every policy of the project (2.3+ pages are followed; older versions return all at once). */
export async function listWebhookPolicies(opts: Opts): Promise<HarborResult<THarborWebhookPolicy[]>> {
  const s = await webhookScope(opts);
  if (!s.ok) return s;
  const { client } = opts;
  const sc = s.value;
  if (!paginatedPolicies(sc.generation)) {
    const r = await sendJson(client, { method: "GET", path: sc.path("policies"), schema: ZHarborWebhookPolicy.array() });
    return r.ok ? harborOk(r.value.data, r.requestId) : r;
  }
  const pageSize = 100;
  const all = await collectPages({
    pageSize,
    maxItems: MAX_POLICIES,
    fetchPage: async (page) => {
      const r = await sendJson(client, {
        method: "GET",
        path: sc.path("policies"),
        byName: sc.byName,
        query: { page, page_size: pageSize },
        schema: ZHarborWebhookPolicy.array(),
      });
      return r.ok ? harborOk({ items: r.value.data, total: totalCount(r.value.response), page, pageSize }, r.requestId) : r;
    },
  });
  return all.ok ? harborOk(all.value.items, all.requestId) : all;
}

export async function getWebhookPolicy(opts: Opts & { policyId: number }): Promise<HarborResult<THarborWebhookPolicy>> {
  checkId("policyId", opts.policyId);
  const s = await webhookScope(opts);
  if (!s.ok) return s;
  return getIn(opts.client, s.value, opts.policyId);
}

async function getIn(client: HarborClient, sc: WebhookScope, policyId: number): Promise<HarborResult<THarborWebhookPolicy>> {
  const r = await sendJson(client, { method: "GET", path: sc.path("policies", policyId), byName: sc.byName, schema: ZHarborWebhookPolicy });
  return r.ok ? harborOk(r.value.data, r.requestId) : r;
}

/**
 * Creates a policy; the id comes from the Location of the 201 (its last segment). `creator` defaults to
 * the client's username (2.3+ stores whatever the client sends; older versions set it themselves).
 */
export async function createWebhookPolicy(opts: Opts & { policy: WebhookPolicyInput; creator?: string }): Promise<HarborResult<{ id: number }>> {
  const s = await webhookScope(opts);
  if (!s.ok) return s;
  const sc = s.value;
  const body = buildCreateBody({ input: opts.policy, version: sc.version, label: sc.label, creator: opts.creator ?? opts.client.username });
  if (!body.ok) return body;
  if (sc.generation === "v1") {
    // 1.x allows one policy per project (a second POST is a 500): say so before trying.
    const existing = await listWebhookPolicies(opts);
    if (!existing.ok) return existing;
    if (existing.value.length > 0) {
      const name = existing.value[0].name;
      return harborFail({
        kind: "conflict",
        message: `${sc.label} allows one webhook policy per project, and this project has one${name ? ` ("${name}")` : ""} — edit it instead.`,
        requestId: existing.requestId,
      });
    }
  }
  const r = await opts.client.send({ method: "POST", path: sc.path("policies"), byName: sc.byName, body: body.value });
  if (!r.ok) return duplicateHint(r, sc);
  const id = idFromLocation(r.value.headers.location);
  if (id !== null) return harborOk({ id }, r.requestId);
  // No usable Location: find the new policy by its (per-project unique) name rather than report a failure.
  const list = await listWebhookPolicies(opts);
  const hit = list.ok ? list.value.filter((p) => p.name === opts.policy.name) : [];
  if (hit.length === 1) return harborOk({ id: hit[0].id }, r.requestId);
  const host = new URL(opts.client.baseUrl).host;
  return harborFail({
    kind: "invalid_response",
    status: r.value.status,
    requestId: r.requestId,
    message: `Harbor at ${host} created the policy but did not say its id — reload the list to see it.`,
  });
}

/**
 * GET → merge → PUT of the full object (PUT replaces every column: omitted enabled → false, creator → "",
 * creation_time → NULL). `ifUpdateTime`: the update_time the caller based its change on; a different
 * current one → conflict instead of overwriting someone else's edit.
 */
export async function updateWebhookPolicy(
  opts: Opts & { policyId: number; changes: Partial<WebhookPolicyInput>; ifUpdateTime?: string | null },
): Promise<HarborResult<{ id: number }>> {
  checkId("policyId", opts.policyId);
  const s = await webhookScope(opts);
  if (!s.ok) return s;
  const sc = s.value;
  const current = await getIn(opts.client, sc, opts.policyId);
  if (!current.ok) return current;
  if (opts.ifUpdateTime !== undefined && (current.value.update_time ?? null) !== opts.ifUpdateTime) {
    return harborFail({
      kind: "conflict",
      message: "The webhook policy was changed in Harbor after it was loaded — reload it and apply your change again.",
      requestId: current.requestId,
    });
  }
  const body = buildUpdateBody({ current: current.value, changes: opts.changes, version: sc.version, label: sc.label });
  if (!body.ok) return body;
  const r = await opts.client.send({ method: "PUT", path: sc.path("policies", opts.policyId), byName: sc.byName, body: body.value });
  return r.ok ? harborOk({ id: opts.policyId }, r.requestId) : duplicateHint(r, sc);
}

export async function deleteWebhookPolicy(opts: Opts & { policyId: number }): Promise<HarborResult<{ id: number }>> {
  checkId("policyId", opts.policyId);
  const s = await webhookScope(opts);
  if (!s.ok) return s;
  const r = await opts.client.send({ method: "DELETE", path: s.value.path("policies", opts.policyId), byName: s.value.byName });
  return r.ok ? harborOk({ id: opts.policyId }, r.requestId) : r;
}

/** 2.0+: the server's lists (unordered before 2.8), sorted; 1.x: facts.ts (no such endpoint). */
export async function getSupportedEventTypes(opts: Opts): Promise<HarborResult<SupportedEventTypes>> {
  const s = await webhookScope(opts);
  if (!s.ok) return s;
  const { version } = s.value;
  if (s.value.generation === "v1") {
    const value = normaliseEventTypes({ eventTypes: webhookEventTypes(version), notifyTypes: webhookNotifyTypes(version), version, source: "facts" });
    return harborOk(value, "");
  }
  const r = await sendJson(opts.client, { method: "GET", path: s.value.path("events"), byName: s.value.byName, schema: ZHarborSupportedEvents });
  if (!r.ok) return r;
  const d = r.value.data;
  const value = normaliseEventTypes({ eventTypes: d.event_type, notifyTypes: d.notify_type, payloadFormats: d.payload_formats, version, source: "server" });
  return harborOk(value, r.requestId);
}

/** "/api/v2.0/projects/library/webhook/policies/7", ".../policies//7", or an absolute URL → 7. */
export function idFromLocation(location: string | undefined): number | null {
  if (!location) return null;
  let path: string;
  try {
    path = new URL(location, "http://location.invalid").pathname;
  } catch {
    return null;
  }
  const last = path.split("/").filter(Boolean).pop() ?? "";
  return /^\d+$/.test(last) && Number.isSafeInteger(Number(last)) ? Number(last) : null;
}

/** 1.x and 2.0 answer a duplicate policy name with 500 (2.1+: 409). */
function duplicateHint(r: HarborFailure, sc: WebhookScope): HarborFailure {
  if (r.error.status !== 500 || (sc.generation !== "v1" && sc.generation !== "v2.0")) return r;
  return {
    ok: false,
    error: { ...r.error, message: `${r.error.message} On ${sc.label} this is also how a duplicate policy name is reported — the name may already be in use.` },
  };
}
