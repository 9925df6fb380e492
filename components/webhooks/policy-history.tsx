import Link from "next/link";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { Card, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { whenUtc } from "./delivery-badge";
import type { DeliveryRow, TaskRow } from "@/lib/schemas/webhook-dto";
import { DeliveryTable, TaskTable } from "./delivery-table";
import { ProjectBreadcrumb } from "./project-breadcrumb";

/** What the page shows of a policy's deliveries (lib/fleet/webhooks/history.ts reads it; viewers get it reduced). */
export type PolicyHistoryData =
  | {
      ok: true;
      policy: { name: string; targets: { address: string }[] };
      kind: "executions" | "jobs";
      rows: DeliveryRow[];
      page: number;
      pageCount: number;
      lastTriggers: { eventType: string; label: string; at: string | null }[];
      tasks: { executionId: number; rows: TaskRow[] } | null;
      log: { executionId: number; taskId: number; text: string; truncated: boolean } | null;
      detailError: string | null;
    }
  | { ok: false; error: string };

/** A webhook policy's deliveries (2.8+: executions, their tasks and a task's log; before: jobs and last triggers), paged. */
export function PolicyHistory({
  instance,
  project,
  policyId,
  history: h,
  notices,
}: {
  instance: { id: string; name: string };
  project: string;
  policyId: number;
  history: PolicyHistoryData;
  notices: string[];
}) {
  const here = `/instances/${instance.id}/projects/${encodeURIComponent(project)}/webhooks/${policyId}`;
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
      <PageHeader title={`Deliveries of ${name}`} description={`Project ${project} on ${instance.name}.`} />
      <InstanceTabs instanceId={instance.id} />
      <ProjectBreadcrumb instanceId={instance.id} project={project} current={{ label: `Deliveries of ${name}` }} />
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
