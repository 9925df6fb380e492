import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { INVENTORY_POLICY_CAP, type InventoryInstanceDto } from "@/lib/schemas/webhook-inventory";
import { whenUtc } from "./delivery-badge";
import { RefreshInventoryButton } from "./refresh-inventory-button";

/** When each instance's policies were last read, why the latest read failed, and (operators) a refresh now. */
export function InventoryInstances({ instances, canRefresh }: { instances: InventoryInstanceDto[]; canRefresh: boolean }) {
  return (
    <Table label="Inventory per instance">
      <thead>
        <tr>
          <Th>Instance</Th>
          <Th>Last read</Th>
          <Th className="text-right">Policies</Th>
          <Th>Latest refresh</Th>
          {canRefresh && (
            <Th>
              <span className="sr-only">Refresh</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody>
        {instances.map((i) => (
          <tr key={i.id} data-testid={`inventory-instance-${i.name}`} className="align-top">
            <Td className="font-medium">
              {i.name} {i.stale && <Badge tone="warning">stale</Badge>}
            </Td>
            <Td className="whitespace-nowrap text-xs">{i.succeededAt ? whenUtc(i.succeededAt) : "never"}</Td>
            <Td className="text-right tabular-nums">
              {i.policyCount ?? "—"}
              {i.truncated && (
                <span className="block text-xs text-warning" data-testid="inventory-truncated">
                  truncated: the first {INVENTORY_POLICY_CAP.toLocaleString("en")} only
                </span>
              )}
            </Td>
            <Td className="text-xs">{i.running ? "running…" : i.error ? <span className="text-danger">{i.error}</span> : i.attemptedAt ? "ok" : "not yet"}</Td>
            {canRefresh && (
              <Td>
                <RefreshInventoryButton instanceId={i.id} name={i.name} />
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
