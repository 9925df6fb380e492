import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { WEBHOOK_FLAG_STREAK, type FailedDeliveryDto } from "@/lib/schemas/webhook";
import { DeliveryStatus, whenUtc } from "./delivery-badge";

/** The inbox's rows: one failed delivery each, newest first; target hosts only (a URL's path or query may be a token). */
export function FailedDeliveryTable({ rows }: { rows: FailedDeliveryDto[] }) {
  return (
    <Table label="Failed deliveries">
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Instance</Th>
          <Th>Project</Th>
          <Th>Policy</Th>
          <Th>Event</Th>
          <Th>Status</Th>
          <Th>Targets</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={`failed-delivery-${r.instanceName}-${r.policyName}`} className="align-top">
            <Td className="whitespace-nowrap">{whenUtc(r.at)}</Td>
            <Td>
              <Link className="text-accent hover:underline" href={`/instances/${r.instanceId}/projects`}>
                {r.instanceName}
              </Link>
            </Td>
            <Td>
              <Link className="text-accent hover:underline" href={`/instances/${r.instanceId}/projects/${encodeURIComponent(r.projectName)}/webhooks`}>
                {r.projectName}
              </Link>
            </Td>
            <Td>
              <span className="font-medium">{r.policyName}</span>
              {r.flagged && (
                <Badge tone="danger" className="ml-1" title={`Its last ${WEBHOOK_FLAG_STREAK} or more deliveries failed`}>
                  failing {r.failingStreak} in a row
                </Badge>
              )}
            </Td>
            <Td className="text-xs">{r.event ?? "—"}</Td>
            <Td>
              <DeliveryStatus status={r.status} ok={false} />
              {r.message && <p className="mt-0.5 max-w-72 break-words text-xs text-muted">{r.message}</p>}
            </Td>
            <Td className="font-mono text-xs">{r.targets.join(", ")}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
