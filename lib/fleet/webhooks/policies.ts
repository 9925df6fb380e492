import "server-only";
import {
  getProject,
  getSupportedEventTypes,
  listExecutions,
  listWebhookJobs,
  listWebhookPolicies,
  resolveVersion,
  type HarborClient,
  type THarborWebhookPolicy,
} from "../../harbor";
import type { DeliveryDto, WebhookCapabilities, WebhookPolicyDto } from "../../schemas/webhook-dto";
import { semaphore } from "../collector/semaphore";
import { withInstanceClient, type SessionInstance } from "../harbor-session";
import { capabilitiesOf, executionDelivery, jobDelivery, newest, toPolicyDto } from "./dto";
import { readFailureMessage } from "./failure";

export type ProjectWebhooksResult =
  | {
      ok: true;
      instance: SessionInstance;
      project: { id: number; name: string; public: boolean };
      capabilities: WebhookCapabilities;
      policies: WebhookPolicyDto[];
    }
  | { ok: false; instance: SessionInstance; error: string };

/** One Harbor request per policy for its last delivery: at most this many per page view, this many at once. */
export const MAX_DELIVERY_LOOKUPS = 50;
const DELIVERY_LOOKUP_CONCURRENCY = 4;

/** Every policy of one project (or only `policyId`) with its last delivery, and what this Harbor's form may offer. */
export async function getProjectWebhooks(opts: {
  instanceId: string;
  project: string;
  policyId?: number;
  withDeliveries?: boolean;
  maxDeliveryLookups?: number;
}): Promise<ProjectWebhooksResult> {
  const lookups = opts.maxDeliveryLookups ?? MAX_DELIVERY_LOOKUPS;
  return withInstanceClient(opts.instanceId, async (client, instance) => {
    const fail = (e: { kind: string; message: string }) => ({
      ok: false as const,
      instance,
      error: readFailureMessage(e as Parameters<typeof readFailureMessage>[0]),
    });
    const d = await resolveVersion({ client });
    if (!d.ok) return fail(d.error);
    const project = await getProject({ client, project: opts.project });
    if (!project.ok) return fail(project.error);
    const ref = project.value.project_id;
    const [supported, policies] = await Promise.all([getSupportedEventTypes({ client, project: ref }), listWebhookPolicies({ client, project: ref })]);
    if (!supported.ok) return fail(supported.error);
    if (!policies.ok) return fail(policies.error);
    const capabilities = capabilitiesOf(d.value, supported.value);
    const slot = semaphore(DELIVERY_LOOKUP_CONCURRENCY);
    const wanted = policies.value
      .filter((p) => opts.policyId === undefined || p.id === opts.policyId)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    const rows = await Promise.all(
      wanted.map((p, i) =>
        opts.withDeliveries === false
          ? toPolicyDto(p, null, null)
          : i < lookups
            ? slot(() => withLastDelivery(client, ref, p, capabilities.executions))
            : toPolicyDto(p, null, `Not read: the page reads the last delivery of the first ${lookups} policies only — open this policy's deliveries.`),
      ),
    );
    return {
      ok: true,
      instance,
      project: { id: ref, name: project.value.name, public: project.value.metadata?.public === "true" },
      capabilities,
      policies: rows,
    };
  });
}

async function withLastDelivery(client: HarborClient, project: number, p: THarborWebhookPolicy, executions: boolean): Promise<WebhookPolicyDto> {
  if (executions) {
    const r = await listExecutions({ client, project, policyId: p.id, page: 1, pageSize: 1, sort: "-start_time" });
    return r.ok ? toPolicyDto(p, r.value.items[0] ? executionDelivery(r.value.items[0]) : null, null) : toPolicyDto(p, null, readFailureMessage(r.error));
  }
  const r = await listWebhookJobs({ client, project, policyId: p.id, page: 1, pageSize: 1, sort: "-creation_time" });
  const last: DeliveryDto | null = r.ok ? newest(r.value.items.map(jobDelivery)) : null;
  return toPolicyDto(p, last, r.ok ? null : readFailureMessage(r.error));
}
