import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { PlanAction, PlanRowDto } from "@/lib/schemas/webhook-template";

export type InstanceProgress = { state: "waiting" | "applying" | "done" } | { state: "failed"; message: string };

const TONE: Record<PlanAction, BadgeTone> = { create: "accent", update: "warning", unchanged: "neutral", cannot: "danger" };

function Result({ row, progress }: { row: PlanRowDto; progress?: InstanceProgress }) {
  if (row.applied)
    return row.applied.ok ? <Badge tone="success">applied</Badge> : <span className="text-xs font-medium text-danger">failed: {row.applied.message}</span>;
  if (progress?.state === "failed") return <span className="text-xs font-medium text-danger">failed: {progress.message}</span>;
  if (progress?.state === "applying") return <span className="text-xs text-muted">applying…</span>;
  if (progress?.state === "waiting" && (row.action === "create" || row.action === "update")) return <span className="text-xs text-muted">waiting</span>;
  return null;
}

/** One row per instance × project: what it would get (or got), why not, and the exact body Harbor receives. */
export function PlanTable({ rows, progress }: { rows: PlanRowDto[]; progress: Record<string, InstanceProgress> }) {
  return (
    <Table label="Dry run by instance and project">
      <thead>
        <tr>
          <Th>Instance</Th>
          <Th>Project</Th>
          <Th>Plan</Th>
          <Th>Details</Th>
          <Th>Result</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.instanceId}/${r.project ?? ""}`} data-testid={`plan-row-${r.instanceName}-${r.project ?? "instance"}`} className="align-top">
            <Td>
              <span className="font-medium">{r.instanceName}</span>
              {r.versionLabel && <span className="block text-xs text-muted">{r.versionLabel}</span>}
            </Td>
            <Td>{r.project ?? <span className="text-muted">—</span>}</Td>
            <Td>
              <Badge tone={TONE[r.action]} data-testid="plan-action">
                {r.action}
              </Badge>
            </Td>
            <Td className="max-w-xl text-xs">
              {r.reason && <p data-testid="plan-reason">{r.reason}</p>}
              {r.policyName && <p className="font-mono text-muted">{r.policyName}</p>}
              {r.changes.length > 0 && (
                <ul className="mt-1 space-y-0.5" data-testid="plan-changes">
                  {r.changes.map((c) => (
                    <li key={c.field}>
                      <span className="font-medium">{c.field}</span>: <del className="text-muted">{c.from || "(empty)"}</del> →{" "}
                      <ins className="no-underline">{c.to || "(empty)"}</ins>
                    </li>
                  ))}
                </ul>
              )}
              {r.body && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-accent underline underline-offset-2">Request body</summary>
                  <pre className="mt-1 max-h-64 overflow-auto rounded bg-surface-muted p-2 font-mono text-[11px]" data-testid="plan-body" tabIndex={0}>
                    {r.body}
                  </pre>
                </details>
              )}
            </Td>
            <Td>
              <Result row={r} progress={progress[r.instanceId]} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
