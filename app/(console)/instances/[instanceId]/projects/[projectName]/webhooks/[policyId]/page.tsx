import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { DeliveryTable, TaskTable } from "@/components/webhooks/delivery-table";
import { whenUtc } from "@/components/webhooks/delivery-badge";
import { ProjectBreadcrumb } from "@/components/webhooks/project-breadcrumb";
import { Card, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
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
  const here = `/instances/${route.instanceId}/projects/${encodeURIComponent(route.project)}/webhooks/${policyId}`;
  const link = (p: Record<string, number | undefined>) => {
    const qs = new URLSearchParams(
      Object.entries(p)
        .filter((e): e is [string, number] => e[1] !== undefined && !(e[0] === "page" && e[1] === 1))
        .map(([k, v]) => [k, String(v)]),
    );
    return `${here}${qs.size ? `?${qs}` : ""}`;
  };
  const name = h.ok ? h.policy.name : `policy ${policyId}`;
  return (
    <>
      <PageHeader title={`Deliveries of ${name}`} description={`Project ${route.project} on ${instance.name}.`} />
      <InstanceTabs instanceId={instance.id} />
      <ProjectBreadcrumb instanceId={instance.id} project={route.project} current={{ label: `Deliveries of ${name}` }} />
      {notices.map((n) => (
        <Notice key={n} tone="warning" className="mb-3">
          {n}
        </Notice>
      ))}
      {!h.ok ? (
        <Notice tone="danger" data-testid="history-error">
          Could not read the deliveries: {h.error}
        </Notice>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-muted">
            {h.kind === "executions"
              ? "Harbor 2.8+ records each delivery as an execution with one task per attempt series, and keeps its log."
              : "Before 2.8 Harbor records delivery jobs (status and time, no receiver answer) and when each event type last fired."}
          </p>
          {h.rows.length === 0 ? (
            <EmptyState title="No deliveries yet">Harbor has sent nothing for this policy.</EmptyState>
          ) : (
            <DeliveryTable
              rows={h.rows}
              target={h.policy.targets.map((t) => t.address).join(", ")}
              taskHref={h.kind === "executions" ? (id) => link({ page: h.page, execution: id }) : undefined}
            />
          )}
          {h.pageCount > 1 && (
            <nav aria-label="Pages" className="flex items-center gap-3 text-sm text-muted">
              {h.page > 1 && <Link href={link({ page: h.page - 1 })}>← Newer</Link>}
              <span>
                Page {h.page} of {h.pageCount}
              </span>
              {h.page < h.pageCount && <Link href={link({ page: h.page + 1 })}>Older →</Link>}
            </nav>
          )}
          {h.detailError && <Notice tone="danger">{h.detailError}</Notice>}
          {h.tasks && (
            <Card data-testid="tasks">
              <CardTitle className="mb-3">Tasks of delivery {h.tasks.executionId}</CardTitle>
              <TaskTable rows={h.tasks.rows} logHref={(taskId) => link({ page: h.page, execution: h.tasks!.executionId, task: taskId })} />
            </Card>
          )}
          {h.log && (
            <Card data-testid="task-log">
              <CardTitle className="mb-3">Log of task {h.log.taskId}</CardTitle>
              <ScrollRegion label={`Log of task ${h.log.taskId}`} className="max-h-96 overflow-auto rounded-md bg-surface-muted">
                <pre className="p-3 font-mono text-xs whitespace-pre">{h.log.text || "(empty)"}</pre>
              </ScrollRegion>
              {h.log.truncated && <p className="mt-2 text-xs text-muted">The log is longer; the console shows its first 64 KiB.</p>}
            </Card>
          )}
          {h.lastTriggers.length > 0 && (
            <Card data-testid="last-triggers">
              <CardTitle className="mb-3">Last trigger per event</CardTitle>
              <ul className="space-y-1 text-sm">
                {h.lastTriggers.map((t) => (
                  <li key={t.eventType}>
                    {t.label} <span className="font-mono text-xs text-muted">{t.eventType}</span>: {whenUtc(t.at)}
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
      )}
    </>
  );
}
