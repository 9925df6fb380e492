"use client";
import { Plus, Trash2 } from "lucide-react";
import { useEffect, useRef } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { editableReleases } from "@/lib/config/features";
import { chartFor } from "@/lib/config/helm-chart";
import type { TTopology } from "@/lib/schemas/topology";
import { EXPOSE_TYPES, LB_KIND_LABEL, LB_KINDS } from "@/lib/schemas/topology-options";
import { fieldDomId } from "./field-link";
import { CheckField, NumberField, SelectField, TextField } from "./fields";
import { useTopologyForm } from "./topology-context";

const RELEASES = editableReleases();

export function DeploymentSection() {
  const { control } = useFormContext<TTopology>();
  const { readOnly, issueFor } = useTopologyForm();
  const kind = useWatch({ control, name: "deployment.kind" });
  const lbKind = useWatch({ control, name: "deployment.loadBalancer.kind" });
  const version = useWatch({ control, name: "harborVersion" });
  const chart = kind === "helm" ? chartFor(version) : null;
  const nodes = useFieldArray({ control, name: "deployment.nodes" });
  const nodesIssue = issueFor("deployment.nodes");
  // A removed node takes its Remove button (and the focus) with it: the focus goes to the row now in its place,
  // else the last row, else "Add node", so that a keyboard user stays in the form.
  const nodeList = useRef<HTMLFieldSetElement>(null);
  const removedAt = useRef<number | null>(null);
  useEffect(() => {
    const at = removedAt.current;
    if (at === null) return;
    removedAt.current = null;
    const removes = nodeList.current?.querySelectorAll<HTMLElement>("[data-remove-node]") ?? [];
    (removes[Math.min(at, removes.length - 1)] ?? nodeList.current?.querySelector<HTMLElement>("[data-add-node]"))?.focus();
  }, [nodes.fields]);
  return (
    <Card className="space-y-4" aria-labelledby="topology-deployment">
      <CardTitle id="topology-deployment">Version and deployment</CardTitle>
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField name="harborVersion" label="Harbor version" hint="The release these files are for." options={RELEASES.map((v) => [v, v] as const)} />
        <SelectField
          name="deployment.kind"
          label="Deployment"
          options={[
            ["compose", "docker-compose on hosts"],
            ["helm", "Helm on Kubernetes"],
          ]}
        />
        {kind === "compose" && <TextField name="deployment.dataVolume" label="Data volume" hint="data_volume on every node" />}
      </div>

      {kind === "compose" ? (
        <>
          <fieldset ref={nodeList} id={fieldDomId("deployment.nodes")} className="space-y-2" data-field="deployment.nodes">
            <legend className="text-sm font-medium">Harbor nodes</legend>
            <p className="text-xs text-muted">Every node runs the same stateless Harbor services with identical configuration and secrets.</p>
            {nodes.fields.map((f, i) => (
              <div key={f.id} className="grid items-start gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]" data-testid="node-row">
                <TextField name={`deployment.nodes.${i}.name`} label={`Node ${i + 1} name`} placeholder={`harbor-${i + 1}`} />
                <TextField name={`deployment.nodes.${i}.address`} label="Host name or IP" placeholder={`10.0.0.${11 + i}`} />
                {!readOnly && (
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    className="justify-self-start sm:mt-6"
                    aria-label={`Remove node ${i + 1}`}
                    data-remove-node
                    onClick={() => {
                      removedAt.current = i;
                      nodes.remove(i);
                    }}
                  >
                    <Trash2 className="size-4" aria-hidden />
                    <span className="sm:hidden">Remove</span>
                  </Button>
                )}
              </div>
            ))}
            {nodesIssue.error && (
              <p role="alert" className="text-xs font-medium text-danger">
                {nodesIssue.error}
              </p>
            )}
            {!readOnly && (
              <Button
                type="button"
                variant="secondary"
                size="sm"
                data-add-node
                onClick={() => nodes.append({ name: `harbor-${nodes.fields.length + 1}`, address: "" })}
              >
                <Plus className="size-4" aria-hidden /> Add node
              </Button>
            )}
          </fieldset>
          <div className="grid gap-4 border-t border-border pt-4 md:grid-cols-3">
            <SelectField name="deployment.loadBalancer.kind" label="Load balancer" options={LB_KINDS.map((k) => [k, LB_KIND_LABEL[k]] as const)} />
            <TextField
              name="deployment.loadBalancer.address"
              label="Virtual IP or DNS name"
              hint="What clients connect to; usually the same as the hostname."
            />
            {lbKind !== "external" && (
              <CheckField name="deployment.loadBalancer.healthCheck" label="Health check on Harbor's ping endpoint" className="md:mt-7" />
            )}
          </div>
        </>
      ) : (
        <div className="grid gap-4 md:grid-cols-3">
          <p className="text-sm md:col-span-3" data-testid="helm-chart">
            {chart?.ok ? (
              <>
                harbor-helm chart <span className="font-mono">{chart.chart}</span> (ships Harbor {chart.appVersion})
              </>
            ) : (
              <span className="text-danger">{chart?.message}</span>
            )}
          </p>
          <TextField name="deployment.helm.namespace" label="Namespace" />
          <TextField name="deployment.helm.releaseName" label="Release name" />
          <SelectField name="deployment.helm.exposeType" label="Expose" options={EXPOSE_TYPES.map((t) => [t, t] as const)} />
          <TextField name="deployment.helm.ingressClassName" label="Ingress class" hint="Empty = the cluster's default" />
          <TextField name="deployment.helm.tlsSecretName" label="TLS secret" hint="Secret with tls.crt and tls.key; empty = generated by the chart" />
          <div className="md:col-span-3">
            <p className="mb-2 text-sm font-medium">Replicas</p>
            <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
              {(["portal", "core", "jobservice", "registry", "trivy"] as const).map((c) => (
                <NumberField key={c} name={`deployment.helm.replicas.${c}`} label={c} />
              ))}
            </div>
          </div>
        </div>
      )}
    </Card>
  );
}
