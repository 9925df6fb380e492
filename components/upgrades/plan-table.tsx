import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { UpgradePlanDto } from "@/lib/schemas/upgrade";
import { PlanActions } from "./plan-actions";
import { PlanStateBadge } from "./plan-state-badge";

/** Every upgrade plan in the fleet (newest first), as the filters in the URL select them. */
export function PlanTable({ plans, canAct }: { plans: UpgradePlanDto[]; canAct: boolean }) {
  return (
    <Table data-testid="upgrade-plans" label="Upgrade plans">
      <thead>
        <tr>
          <Th>Instance</Th>
          <Th>Path</Th>
          <Th>State</Th>
          <Th>Window (UTC)</Th>
          <Th>Last change</Th>
          {canAct && <Th>Actions</Th>}
        </tr>
      </thead>
      <tbody>
        {plans.map((p) => (
          <tr key={p.id} data-testid={`plan-row-${p.instanceName}`}>
            <Td>
              <Link
                href={`/upgrades/${p.id}`}
                className="font-medium text-accent hover:underline"
                aria-label={`Plan ${p.instanceName} ${p.fromVersion} to ${p.targetVersion}`}
              >
                {p.instanceName}
              </Link>
              {p.wave && (
                <span className="block text-xs text-muted">
                  wave {p.wave.name}, {p.wave.position} of {p.wave.size}
                </span>
              )}
            </Td>
            <Td className="font-mono text-xs">{[p.fromVersion, ...p.path].join(" → ")}</Td>
            <Td>
              <PlanStateBadge state={p.state} />
            </Td>
            <Td className="whitespace-nowrap text-xs">
              {p.window ? (
                `${p.window.start.slice(0, 16).replace("T", " ")} – ${p.window.end.slice(0, 16).replace("T", " ")}`
              ) : (
                <span className="text-muted">—</span>
              )}
            </Td>
            <Td className="whitespace-nowrap text-xs text-muted">
              {p.updatedAt.slice(0, 16).replace("T", " ")} UTC · {p.updatedBy}
            </Td>
            {canAct && (
              <Td>
                <PlanActions plan={p} />
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
