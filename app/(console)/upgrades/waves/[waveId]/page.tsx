import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PlanStateBadge } from "@/components/upgrades/plan-state-badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser } from "@/lib/auth";
import { getUpgradeWave } from "@/lib/fleet/upgrade-waves";
import { ZPlanIdParam } from "@/lib/schemas/upgrade";

export const metadata: Metadata = { title: "Upgrade wave" };

const utc = (iso: string) => iso.slice(0, 16).replace("T", " ");

export default async function WavePage({ params }: { params: Promise<{ waveId: string }> }) {
  await requireUser();
  const id = ZPlanIdParam.safeParse((await params).waveId);
  if (!id.success) notFound();
  const wave = await getUpgradeWave(id.data);
  if (!wave) notFound();
  return (
    <>
      <PageHeader
        title={`Wave ${wave.name} → ${wave.targetVersion}`}
        description={`${wave.plans.length} instances, one after another: each starts only once the one before it is completed (every hop verified). Created by ${wave.createdBy}.`}
      />
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
            {wave.plans.map((p, i) => (
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
    </>
  );
}
