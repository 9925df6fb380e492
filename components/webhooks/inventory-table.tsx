import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { InventoryRowDto } from "@/lib/schemas/webhook-inventory";
import { DeliveryStatus, whenUtc } from "./delivery-badge";

/** Every policy in the fleet as last read: instance, project, name, target hosts, events, format, state, last delivery, failing streak. */
export function InventoryTable({ rows }: { rows: InventoryRowDto[] }) {
  return (
    <Table label="Webhook policies in the fleet">
      <thead>
        <tr>
          <Th>Instance</Th>
          <Th>Project</Th>
          <Th>Policy</Th>
          <Th>Targets</Th>
          <Th>Events</Th>
          <Th>State</Th>
          <Th>Last delivery</Th>
          <Th className="text-right">Failing</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.instanceId}-${r.policyId}`} data-testid={`inventory-row-${r.instanceName}-${r.name}`} className="align-top">
            <Td>
              <Link className="text-accent hover:underline" href={`/instances/${r.instanceId}/projects`}>
                {r.instanceName}
              </Link>
              {r.stale && (
                <Badge tone="warning" className="ml-1" title={`Read ${whenUtc(r.refreshedAt)}; the latest refresh failed or is overdue`}>
                  stale
                </Badge>
              )}
            </Td>
            <Td>
              <Link className="text-accent hover:underline" href={`/instances/${r.instanceId}/projects/${encodeURIComponent(r.projectName)}/webhooks`}>
                {r.projectName}
              </Link>
            </Td>
            <Td className="font-medium">{r.name}</Td>
            <Td>
              <ul className="space-y-0.5 text-xs">
                {r.targets.map((t, i) => (
                  <li key={i}>
                    <span className="font-mono">{t.host}</span>{" "}
                    <span className="text-muted">
                      {t.type}
                      {t.format ? ` · ${t.format}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </Td>
            <Td className="text-xs">{r.events.join(", ")}</Td>
            <Td>{r.enabled ? <Badge tone="success">enabled</Badge> : <Badge>disabled</Badge>}</Td>
            <Td>
              {r.lastDeliveryStatus ? (
                <span className="flex flex-col gap-0.5">
                  <span>
                    <DeliveryStatus status={r.lastDeliveryStatus} ok={r.lastDeliveryOk} />
                  </span>
                  <span className="text-xs text-muted">{whenUtc(r.lastDeliveryAt)}</span>
                </span>
              ) : (
                <span className="text-muted">none</span>
              )}
            </Td>
            <Td className="text-right tabular-nums" data-testid="failing-streak">
              {r.failingStreak === null ? "—" : r.failingStreak > 0 ? <Badge tone="danger">{r.failingStreak} in a row</Badge> : "0"}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
