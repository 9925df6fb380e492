import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveVersionCard } from "@/components/upgrades/live-version-card";
import { TargetForm } from "@/components/upgrades/target-form";
import { UnreachableTargets } from "@/components/upgrades/unreachable-targets";
import { WizardSteps } from "@/components/upgrades/wizard-steps";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listUpgradePlans } from "@/lib/fleet/upgrade-plans";
import { getUpgradeSubject } from "@/lib/fleet/upgrade-subject";
import { EDITABLE_STATES, ZUpgradeWizardParams } from "@/lib/schemas/upgrade";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/search-params";
import { hasRole } from "@/lib/schemas/user";
import { targetOptions } from "@/lib/upgrade";

export const metadata: Metadata = { title: "Plan an upgrade" };

export default async function NewUpgradePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const { params } = parseSearchParams(ZUpgradeWizardParams.partial(), await searchParams);
  if (!params.instance) notFound();
  const subject = await getUpgradeSubject(params.instance);
  if (!subject) notFound();
  const canEdit = hasRole(user, "operator");
  const open = (await listUpgradePlans({ instance: subject.id, take: 20 })).filter((p) => EDITABLE_STATES.includes(p.state));
  const options = subject.liveVersion ? targetOptions(subject.liveVersion, { internalDatabase: subject.internalDatabase }) : null;
  return (
    <>
      <PageHeader
        title={`Plan an upgrade: ${subject.name}`}
        description="Choose the release to reach; the console plans the supported path, and the plan is saved as a draft that every operator sees."
      />
      <WizardSteps current="target" planned={false} />
      {open.length > 0 && (
        <Notice className="mb-4">
          {subject.name} already has an open plan:{" "}
          {open.map((p, i) => (
            <span key={p.id}>
              {i > 0 && ", "}
              <Link href={`/upgrades/${p.id}`} className="text-accent underline underline-offset-2">
                {p.fromVersion} → {p.targetVersion} ({p.state})
              </Link>
            </span>
          ))}
          . Continue it rather than starting another.
        </Notice>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <LiveVersionCard instanceId={subject.id} version={subject.liveVersion} at={subject.liveAt} canRecheck={canEdit} />
        <Card id="target">
          <CardTitle className="mb-3">1. Target</CardTitle>
          {!canEdit ? (
            <Notice tone="warning">Viewers can read upgrade plans and runbooks but cannot create them: ask an operator.</Notice>
          ) : !options ? (
            <p className="text-sm text-muted">The console does not know which version runs here yet: press “Re-check now”.</p>
          ) : options.reachable.length === 0 ? (
            <p className="text-sm text-success">{subject.name} runs the newest release: nothing to upgrade.</p>
          ) : (
            <TargetForm choices={options.reachable} initial={options.reachable[0].version} mode={{ kind: "create", instanceId: subject.id }} />
          )}
          {options && <UnreachableTargets from={subject.liveVersion!} unreachable={options.unreachable} />}
        </Card>
      </div>
    </>
  );
}
