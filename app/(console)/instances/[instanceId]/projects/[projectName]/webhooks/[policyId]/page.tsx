import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PolicyHistory } from "@/components/webhooks/policy-history";
import { requireUser } from "@/lib/auth";
import { getInstance } from "@/lib/fleet/instances";
import { getPolicyHistory, historyForViewer } from "@/lib/fleet/webhooks/history";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";
import { hasRole } from "@/lib/schemas/user";
import { parsePolicyIdParam, parseProjectRoute, ZWebhookHistoryParams } from "@/lib/schemas/webhook";

export const metadata: Metadata = { title: "Webhook deliveries" };

export default async function PolicyHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ instanceId: string; projectName: string; policyId: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requireUser();
  const raw = await params;
  const route = parseProjectRoute(raw);
  const policyId = parsePolicyIdParam(raw.policyId);
  if (!route || !policyId) notFound();
  const instance = await getInstance(route.instanceId);
  if (!instance) notFound();
  const { params: q, notices } = parseSearchParams(ZWebhookHistoryParams, await searchParams);
  const read = await getPolicyHistory({ ...route, policyId, page: q.page, execution: q.execution, task: q.execution ? q.task : undefined });
  const h = hasRole(user, "operator") ? read : historyForViewer(read);
  return <PolicyHistory instance={instance} project={route.project} policyId={policyId} history={h} notices={notices} />;
}
