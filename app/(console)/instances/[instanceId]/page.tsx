import { ArrowUpCircle, ExternalLink, Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ConnectionReport } from "@/components/instances/connection-report";
import { ConnectionTestButton } from "@/components/instances/connection-test-button";
import { DeleteInstanceButton } from "@/components/instances/delete-instance-button";
import { InstanceLive } from "@/components/fleet/instance-live";
import { InstanceTabs } from "@/components/instances/instance-tabs";
import { GENERATION_LABEL, type ApiGeneration } from "@/lib/releases";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getFleetRow } from "@/lib/fleet/fleet-rows";
import { getDeployedRevision, getDrift, getInstanceHistory } from "@/lib/fleet/instance-health";
import { getInstance } from "@/lib/fleet/instances";
import { lifecycleLine } from "@/lib/config/lifecycle";
import { DEPLOYMENT_MODE_LABEL } from "@/lib/schemas/instance";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Instance" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1.5 text-sm">
      <dt className="text-muted">{label}</dt>
      <dd className="col-span-2 break-all">{children}</dd>
    </div>
  );
}

export default async function InstancePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).instanceId);
  if (!id.success) notFound();
  const instance = await getInstance(id.data);
  if (!instance) notFound();
  const [status, history, drift, deployed] = await Promise.all([getFleetRow(id.data), getInstanceHistory(id.data), getDrift(id.data), getDeployedRevision(id.data)]);
  if (!status) notFound();
  const isAdmin = hasRole(user, "admin");
  return (
    <>
      <PageHeader
        title={instance.name}
        description={instance.description || undefined}
        actions={
          <>
            <Button asChild variant="secondary" size="sm">
              <Link href={`/upgrades/new?instance=${instance.id}`}>
                <ArrowUpCircle className="size-4" aria-hidden /> Plan an upgrade
              </Link>
            </Button>
            <Button asChild variant="secondary" size="sm">
              <a href={instance.baseUrl} target="_blank" rel="noreferrer noopener">
                <ExternalLink className="size-4" aria-hidden /> Open Harbor
              </a>
            </Button>
            {isAdmin && (
              <>
                <Button asChild variant="secondary" size="sm">
                  <Link href={`/instances/${instance.id}/edit`}>
                    <Pencil className="size-4" aria-hidden /> Edit
                  </Link>
                </Button>
                <DeleteInstanceButton id={instance.id} name={instance.name} redirectTo="/instances" />
              </>
            )}
          </>
        }
      />
      <InstanceTabs instanceId={instance.id} />
      {instance.skipTlsVerify && instance.baseUrl.startsWith("https://") && (
        <Notice tone="danger" className="mb-4">
          TLS verification is skipped for this instance: the console cannot tell this Harbor from an impostor. Paste its CA bundle and turn verification back on.
        </Notice>
      )}
      {deployed.kind !== "none" && (
        <Notice tone={deployed.kind === "undeployed" ? "warning" : "info"} className="mb-4" data-testid="deployed-revision" data-kind={deployed.kind}>
          {deployed.text}
        </Notice>
      )}
      <InstanceLive initial={{ status, ...history, drift }} canRefresh={hasRole(user, "operator")} isAdmin={isAdmin} everReached={Boolean(instance.reachedAt)} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardTitle>Registration</CardTitle>
          <dl className="mt-3 divide-y divide-border">
            <Row label="Environment">
              <Badge>{instance.environment}</Badge>
            </Row>
            <Row label="Labels">{instance.labels.length ? <span className="flex flex-wrap gap-1">{instance.labels.map((l) => <Badge key={l}>{l}</Badge>)}</span> : <span className="text-muted">none</span>}</Row>
            <Row label="Deployment">{DEPLOYMENT_MODE_LABEL[instance.deploymentMode]}</Row>
            <Row label="Lifecycle"><span data-testid="instance-lifecycle">{lifecycleLine(instance)}</span></Row>
            <Row label="Created">
              {new Date(instance.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC{instance.createdBy ? ` by ${instance.createdBy}` : ""}
            </Row>
            <Row label="Updated">
              {new Date(instance.updatedAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC{instance.updatedBy ? ` by ${instance.updatedBy}` : ""}
            </Row>
          </dl>
        </Card>
        <Card>
          <CardTitle>Connection</CardTitle>
          <dl className="mt-3 divide-y divide-border">
            <Row label="URL">
              <span className="font-mono text-xs">{instance.baseUrl}</span>
            </Row>
            <Row label="Username">
              <span className="font-mono text-xs">{instance.username}</span>
            </Row>
            <Row label="Secret">{instance.secretSet ? "set (encrypted at rest)" : "not set"}</Row>
            <Row label="CA bundle">{instance.caBundle ? "custom CA bundle" : "system trust store"}</Row>
            <Row label="Detected">
              {instance.harborVersion || instance.apiGeneration ? (
                <span data-testid="detected-version">
                  {instance.harborVersion ? `Harbor ${instance.harborVersion}` : "version hidden"}
                  {instance.apiGeneration ? ` · API ${GENERATION_LABEL[instance.apiGeneration as ApiGeneration] ?? instance.apiGeneration}` : ""}
                </span>
              ) : (
                <span className="text-muted">not yet — run a connection test</span>
              )}
            </Row>
            {instance.baseUrl.startsWith("https://") ? (
              <Row label="TLS verification">{instance.skipTlsVerify ? <Badge tone="danger">skipped</Badge> : <Badge tone="success">on</Badge>}</Row>
            ) : (
              <Row label="Transport">
                <Badge tone="warning" data-testid="plain-http">
                  plain http: no TLS
                </Badge>
              </Row>
            )}
          </dl>
          <div className="mt-4 border-t border-border pt-4">
            {hasRole(user, "operator") ? (
              <ConnectionTestButton input={{ instanceId: instance.id }} initial={instance.connectionTest} />
            ) : instance.connectionTest ? (
              <ConnectionReport report={instance.connectionTest} />
            ) : (
              <p className="text-sm text-muted">Not tested yet.</p>
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
