import type { Metadata } from "next";
import { WaveForm } from "@/components/upgrades/wave-form";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listWaveCandidates } from "@/lib/fleet/upgrade-waves";
import { formatRelease, RELEASE_LINES } from "@/lib/releases";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Plan a wave" };

export default async function NewWavePage() {
  const user = await requireUser();
  const canEdit = hasRole(user, "operator");
  const candidates = canEdit ? await listWaveCandidates() : [];
  // the latest patch of every line, newest first: the server checks that each instance can reach the one chosen
  const targets = RELEASE_LINES.map((l) => formatRelease(l.latest)).reverse();
  return (
    <>
      <PageHeader
        title="Plan a wave"
        description="Several instances to one release, one after another: the first is the canary. Each gets its own draft plan, pre-flight and window; each starts only once the one before it is completed."
      />
      <Card>
        {canEdit ? (
          <WaveForm candidates={candidates} targets={targets} />
        ) : (
          <Notice tone="warning">Viewers can read upgrade plans and waves but cannot create them: ask an operator.</Notice>
        )}
      </Card>
    </>
  );
}
