import { ArrowUpCircle, ExternalLink, Pencil } from "lucide-react";
import Link from "next/link";
import { ConnectionReport } from "@/components/instances/connection-report";
import { ConnectionTestButton } from "@/components/instances/connection-test-button";
import { DeleteInstanceButton } from "@/components/instances/delete-instance-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { lifecycleLine } from "@/lib/config/lifecycle";
import type { InstanceDto } from "@/lib/schemas/instance";
import { GENERATION_LABEL, type ApiGeneration } from "@/lib/releases";
import { DEPLOYMENT_MODE_LABEL } from "@/lib/schemas/instance-constants";
import { DetailRow } from "@/components/ui/detail-row";

/** The instance page's parts below its live status: what was registered and how the console connects. */

const when = (iso: string, by: string | null) => `${new Date(iso).toLocaleString("en-GB", { timeZone: "UTC" })} UTC${by ? ` by ${by}` : ""}`;

/** The header's buttons: plan an upgrade and open Harbor for everyone; edit and delete for admins. */
export function InstanceActions({ instance, isAdmin }: { instance: InstanceDto; isAdmin: boolean }) {
  return (
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
  );
}

/** Registration and connection, side by side; operators test the connection, viewers see the last test. */
export function InstanceDetails({ instance, canTest }: { instance: InstanceDto; canTest: boolean }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card>
        <CardTitle>Registration</CardTitle>
        <dl className="mt-3 divide-y divide-border">
          <DetailRow breakAll label="Environment">
            <Badge>{instance.environment}</Badge>
          </DetailRow>
          <DetailRow breakAll label="Labels">
            {instance.labels.length ? (
              <span className="flex flex-wrap gap-1">
                {instance.labels.map((l) => (
                  <Badge key={l}>{l}</Badge>
                ))}
              </span>
            ) : (
              <span className="text-muted">none</span>
            )}
          </DetailRow>
          <DetailRow breakAll label="Deployment">
            {DEPLOYMENT_MODE_LABEL[instance.deploymentMode]}
          </DetailRow>
          <DetailRow breakAll label="Lifecycle">
            <span data-testid="instance-lifecycle">{lifecycleLine(instance)}</span>
          </DetailRow>
          <DetailRow breakAll label="Created">
            {when(instance.createdAt, instance.createdBy)}
          </DetailRow>
          <DetailRow breakAll label="Updated">
            {when(instance.updatedAt, instance.updatedBy)}
          </DetailRow>
        </dl>
      </Card>
      <Card>
        <CardTitle>Connection</CardTitle>
        <dl className="mt-3 divide-y divide-border">
          <DetailRow breakAll label="URL">
            <span className="font-mono text-xs">{instance.baseUrl}</span>
          </DetailRow>
          <DetailRow breakAll label="Username">
            <span className="font-mono text-xs">{instance.username}</span>
          </DetailRow>
          <DetailRow breakAll label="Secret">
            {instance.secretSet ? "set (encrypted at rest)" : "not set"}
          </DetailRow>
          <DetailRow breakAll label="CA bundle">
            {instance.caBundle ? "custom CA bundle" : "system trust store"}
          </DetailRow>
          <DetailRow breakAll label="Detected">
            {instance.harborVersion || instance.apiGeneration ? (
              <span data-testid="detected-version">
                {instance.harborVersion ? `Harbor ${instance.harborVersion}` : "version hidden"}
                {instance.apiGeneration ? ` · API ${GENERATION_LABEL[instance.apiGeneration as ApiGeneration] ?? instance.apiGeneration}` : ""}
              </span>
            ) : (
              <span className="text-muted">not yet — run a connection test</span>
            )}
          </DetailRow>
          {instance.baseUrl.startsWith("https://") ? (
            <DetailRow breakAll label="TLS verification">
              {instance.skipTlsVerify ? <Badge tone="danger">skipped</Badge> : <Badge tone="success">on</Badge>}
            </DetailRow>
          ) : (
            <DetailRow breakAll label="Transport">
              <Badge tone="warning" data-testid="plain-http">
                plain http: no TLS
              </Badge>
            </DetailRow>
          )}
        </dl>
        <div className="mt-4 border-t border-border pt-4">
          {canTest ? (
            <ConnectionTestButton input={{ instanceId: instance.id }} initial={instance.connectionTest} />
          ) : instance.connectionTest ? (
            <ConnectionReport report={instance.connectionTest} />
          ) : (
            <p className="text-sm text-muted">Not tested yet.</p>
          )}
        </div>
      </Card>
    </div>
  );
}
