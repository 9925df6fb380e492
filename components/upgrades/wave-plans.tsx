import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { UpgradePlanDto } from "@/lib/schemas/upgrade";
import { PlanStateBadge } from "./plan-state-badge";

const utc = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** A wave's plans in wave order (the canary first), streamed once the page has read them. */
export async function WavePlans({ plans: pending }: { plans: Promise<UpgradePlanDto[]> }) {
  const plans = await pending;
  return (
    <Card>
      <Table label="Plans of the wave" data-testid="wave-plans">
        <thead>
          <tr>
            <Th>#</Th>
            <Th>Instance</Th>
            <Th>Path</Th>
            <Th>State</Th>
            <Th>Window (UTC)</Th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p, i) => (
            <tr key={p.id} data-testid={`wave-plan-${i + 1}`}>
              <Td>{i === 0 ? "1 (canary)" : i + 1}</Td>
              <Td>
                <Link href={`/upgrades/${p.id}`} className="font-medium text-accent underline underline-offset-2">
                  {p.instanceName}
                </Link>
              </Td>
              <Td className="font-mono text-xs">{[p.fromVersion, ...p.path].join(" → ")}</Td>
              <Td>
                <PlanStateBadge state={p.state} />
              </Td>
              <Td className="whitespace-nowrap text-xs">
                {p.window ? `${utc(p.window.start)} – ${utc(p.window.end)}` : <span className="text-muted">—</span>}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
