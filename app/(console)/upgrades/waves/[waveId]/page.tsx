import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { WavePlans } from "@/components/upgrades/wave-plans";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth";
import { listUpgradePlans } from "@/lib/fleet/upgrade-plans";
import { getUpgradeWaveSummary } from "@/lib/fleet/upgrade-waves";
import { ZPlanIdParam } from "@/lib/schemas/upgrade";

export const metadata: Metadata = { title: "Upgrade wave" };

/** The 404 check first (no loading.tsx: it would answer an unknown id with 200), then the header at once and the plans streamed. */
export default async function WavePage({ params }: { params: Promise<{ waveId: string }> }) {
  await requireUser();
  const id = ZPlanIdParam.safeParse((await params).waveId);
  if (!id.success) notFound();
  const wave = await getUpgradeWaveSummary(id.data);
  if (!wave) notFound();
  return (
    <>
      <PageHeader
        title={`Wave ${wave.name} → ${wave.targetVersion}`}
        description={`${wave.planCount} instances, one after another: each starts only once the one before it is completed (every hop verified). Created by ${wave.createdBy}.`}
      />
      <Suspense fallback={<SectionSkeleton label="Loading the wave's plans…" rows={5} />}>
        <WavePlans plans={listUpgradePlans({ waveId: id.data })} />
      </Suspense>
    </>
  );
}
