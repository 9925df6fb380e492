import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { DeliveryRow, TaskRow } from "@/lib/schemas/webhook-dto";
import { DeliveryStatus, whenUtc } from "./delivery-badge";

/** Deliveries (executions on 2.8+, jobs before), newest first; on 2.8+ each opens its tasks. */
export function DeliveryTable({ rows, target, taskHref }: { rows: DeliveryRow[]; target: string; taskHref?: (executionId: number) => string }) {
  return (
    <Table label="Deliveries">
      <thead>
        <tr>
          <Th>Status</Th>
          <Th>Time</Th>
          <Th>Event</Th>
          <Th>Target</Th>
          <Th>HTTP status</Th>
          <Th>Message</Th>
          {taskHref && (
            <Th>
              <span className="sr-only">Details</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={`delivery-${r.id}`}>
            <Td>
              <DeliveryStatus status={r.status} ok={r.ok} />
            </Td>
            <Td className="whitespace-nowrap text-xs">{whenUtc(r.at)}</Td>
            <Td className="text-xs">{r.eventType ?? "—"}</Td>
            <Td className="max-w-xs break-all font-mono text-xs">{target}</Td>
            <Td className="tabular-nums">{r.httpStatus ?? "—"}</Td>
            <Td className="text-xs">{r.message || "—"}</Td>
            {taskHref && (
              <Td>
                <Link className="text-sm text-accent hover:underline" href={taskHref(r.id)} aria-label={`Tasks of delivery ${r.id}`}>
                  Tasks
                </Link>
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function TaskTable({ rows, logHref }: { rows: TaskRow[]; logHref: (taskId: number) => string }) {
  return (
    <Table label="Tasks">
      <thead>
        <tr>
          <Th>Task</Th>
          <Th>Status</Th>
          <Th>Started</Th>
          <Th>Attempts</Th>
          <Th>HTTP status</Th>
          <Th>Message</Th>
          <Th>
            <span className="sr-only">Log</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.id} data-testid={`task-${t.id}`}>
            <Td className="tabular-nums">{t.id}</Td>
            <Td>
              <DeliveryStatus status={t.status} ok={t.ok} />
            </Td>
            <Td className="whitespace-nowrap text-xs">{whenUtc(t.at)}</Td>
            <Td className="tabular-nums">{t.runCount ?? "—"}</Td>
            <Td className="tabular-nums">{t.httpStatus ?? "—"}</Td>
            <Td className="text-xs">{t.message || "—"}</Td>
            <Td>
              <Link className="text-sm text-accent hover:underline" href={logHref(t.id)} aria-label={`Log of task ${t.id}`}>
                Log
              </Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
