"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { fleetQueries, type InstanceLive as TInstanceLive } from "@/lib/queries/fleet";
import { CredentialHealth } from "./credential-health";
import { InstanceStatusLine } from "./instance-status-line";
import { DriftList, RecentErrors } from "./instance-panels";
import { InstanceSparklines } from "./instance-sparklines";
import { InstanceUsage } from "./instance-usage";
import { ComponentList } from "./status-badges";

const CREDENTIAL_TEXT = {
  invalid: "Harbor rejects the console's credential for this instance (it answers as if anonymous), so projects, repositories and usage cannot be read.",
  forbidden: "The console's credential is valid, but the account may not read what the console needs (statistics, projects).",
} as const;

/** An instance's live health: status line, credential health, components, hourly sparklines over the retained history, errors and drift; refreshed every 10 s. */
export function InstanceLive({
  initial,
  canRefresh,
  isAdmin,
  everReached,
}: {
  initial: TInstanceLive;
  canRefresh: boolean;
  isAdmin: boolean;
  everReached: boolean;
}) {
  const { data } = useQuery({ ...fleetQueries.instance(initial.status.id), initialData: initial });
  const { status, days, bucket, points, errors, drift } = data;
  const polls = points.reduce((a, p) => a + p.polls, 0);
  const unhealthy = status.components?.filter((c) => c.status !== "healthy") ?? [];
  // The last poll's /health answer holds the components: none means it did not reach the instance.
  const reached = status.components ? "yes" : everReached ? "not_now" : "never";
  const credentialProblem = status.credential === "invalid" || status.credential === "forbidden" ? status.credential : null;
  return (
    <>
      <InstanceStatusLine status={status} canRefresh={canRefresh} />
      {credentialProblem && (
        <Notice tone="danger" className="mb-4" data-testid="credential-problem">
          <p className="font-medium">{CREDENTIAL_TEXT[credentialProblem]}</p>
          <p className="mt-1">
            {credentialProblem === "invalid"
              ? "Fix: put a valid username and password or robot secret into this instance's credential"
              : "Fix: give the account the system admin role, or a robot account with read access to projects and statistics, then update this instance's credential"}
            {isAdmin ? (
              <>
                {" — "}
                <Link href={`/instances/${status.id}/edit`} className="font-medium underline">
                  edit the credential
                </Link>
                .
              </>
            ) : (
              " (an admin can edit it)."
            )}
          </p>
        </Notice>
      )}
      <CredentialHealth status={status} />
      <div className="mb-4 grid gap-4 md:grid-cols-2">
        <Card data-testid="instance-components">
          <CardTitle>Components</CardTitle>
          <ComponentList components={status.components} neverReached={reached === "never"} className="mt-3 divide-y divide-border text-sm [&>li]:py-1.5" />
        </Card>
        <Card data-testid="instance-history" data-points={points.length} data-polls={polls} className="min-w-0">
          <CardTitle>
            Last {days} day{days === 1 ? "" : "s"}
          </CardTitle>
          <p className="text-xs text-muted">
            {polls} poll{polls === 1 ? "" : "s"}, by {bucket} (UTC)
          </p>
          <InstanceSparklines points={points} bucket={bucket} />
        </Card>
        <InstanceUsage status={status} />
        <RecentErrors errors={errors} days={days} unhealthy={unhealthy} />
        <DriftList drift={drift} reached={reached} />
      </div>
    </>
  );
}
