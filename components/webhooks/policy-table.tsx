import { History } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { WebhookPolicyDto } from "@/lib/schemas/webhook-dto";
import { LastDelivery } from "./delivery-badge";
import { PolicyRowActions } from "./policy-row-actions";
import { TestDeliveryButton } from "./test-delivery-button";

/** Every policy of a project: targets, events, format, state, creator, last delivery; actions for operators. */
export function PolicyTable({
  instanceId,
  project,
  policies,
  canEdit,
}: {
  instanceId: string;
  project: string;
  policies: WebhookPolicyDto[];
  canEdit: boolean;
}) {
  const base = `/instances/${instanceId}/projects/${encodeURIComponent(project)}/webhooks`;
  return (
    <Table label="Webhook policies">
      <thead>
        <tr>
          <Th>Policy</Th>
          <Th>Targets</Th>
          <Th>Events</Th>
          <Th>State</Th>
          <Th>Creator</Th>
          <Th>Last delivery</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {policies.map((p) => (
          <tr key={p.id} data-testid={`policy-row-${p.name}`} className="align-top">
            <Td>
              <span className="font-medium">{p.name || <em className="text-muted">unnamed</em>}</span>
              {p.description && <span className="block max-w-xs text-xs text-muted">{p.description}</span>}
            </Td>
            <Td>
              <ul className="space-y-1">
                {p.targets.map((t, i) => (
                  <li key={i} className="max-w-xs">
                    <span className="break-all font-mono text-xs">{t.address}</span>
                    <span className="mt-0.5 flex flex-wrap gap-1">
                      <Badge>{t.type}</Badge>
                      {t.payloadFormat && <Badge tone="accent">{t.payloadFormat}</Badge>}
                      {t.authHeaderSet && <Badge>auth header stored</Badge>}
                      {t.skipCertVerify && <Badge tone="warning">TLS not verified</Badge>}
                    </span>
                    {canEdit && (
                      <TestDeliveryButton instanceId={instanceId} project={project} policyId={p.id} policyName={p.name} target={i} address={t.address} />
                    )}
                  </li>
                ))}
              </ul>
            </Td>
            <Td>
              <ul className="text-xs" data-testid="policy-events">
                {p.eventTypes.map((e) => (
                  <li key={e.name} title={e.name}>
                    {e.label}
                  </li>
                ))}
              </ul>
            </Td>
            <Td>{p.enabled ? <Badge tone="success">enabled</Badge> : <Badge tone="neutral">disabled</Badge>}</Td>
            <Td className="text-xs">{p.creator || <span className="text-muted">—</span>}</Td>
            <Td>
              <LastDelivery delivery={p.lastDelivery} error={p.lastDeliveryError} />
            </Td>
            <Td>
              <div className="flex flex-col items-start gap-2">
                <Link
                  href={`${base}/${p.id}`}
                  className="inline-flex items-center gap-1 text-sm text-accent hover:underline"
                  aria-label={`Deliveries of ${p.name}`}
                >
                  <History className="size-4" aria-hidden /> Deliveries
                </Link>
                {canEdit && (
                  <PolicyRowActions
                    instanceId={instanceId}
                    project={project}
                    policy={{ id: p.id, name: p.name, enabled: p.enabled, updateTime: p.updateTime }}
                  />
                )}
              </div>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
