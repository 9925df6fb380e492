"use client";
import { useFormContext, useWatch } from "react-hook-form";
import { Card, CardTitle } from "@/components/ui/card";
import type { HarborFeatures } from "@/lib/config/features";
import type { TTopology } from "@/lib/schemas/topology";
import { JOB_LOGGERS, LOG_LEVELS, PROXY_COMPONENTS, QUOTA_PROVIDERS, SYSLOG_PROTOCOLS, TRACE_EXPORTERS } from "@/lib/schemas/topology-options";
import { CheckField, MultiCheckField, NumberField, SelectField, TextField } from "./fields";

const opts = (xs: readonly string[]) => xs.map((x) => [x, x] as const);

export function ComponentsSection({ features: f }: { features: HarborFeatures | null }) {
  const { control } = useFormContext<TTopology>();
  const c = useWatch({ control, name: "components" });
  return (
    <Card className="space-y-5" aria-labelledby="topology-components">
      <CardTitle id="topology-components">Components</CardTitle>
      <div className="flex flex-wrap gap-6">
        {(f?.trivy || c?.trivy) && <CheckField name="components.trivy" label="Trivy scanner" />}
        {(f?.notary || c?.notary) && <CheckField name="components.notary" label="Notary (content trust)" />}
        {(f?.chartmuseum || c?.chartmuseum) && <CheckField name="components.chartmuseum" label="ChartMuseum" />}
        {(f?.clair || c?.clair) && <CheckField name="components.clair" label="Clair scanner" />}
      </div>

      <fieldset className="grid gap-4 border-t border-border pt-4 md:grid-cols-4">
        <legend className="pt-2 text-sm font-medium">Job service</legend>
        <NumberField name="components.jobservice.maxJobWorkers" label="Workers per node" />
        {(f?.jobLoggers || (c?.jobservice?.jobLoggers ?? []).join() !== "STD_OUTPUT,FILE") && (
          <MultiCheckField name="components.jobservice.jobLoggers" label="Job loggers" options={opts(JOB_LOGGERS)} className="md:col-span-2" />
        )}
        {f?.loggerSweeper && <NumberField name="components.jobservice.loggerSweeperDays" label="Keep job logs (days)" />}
        {f?.maxJobDuration && <NumberField name="components.jobservice.maxJobDurationHours" label="Max job duration (hours)" />}
        <NumberField name="components.notification.webhookJobMaxRetry" label="Webhook retries" />
        {f?.webhookHttpClientTimeout && <NumberField name="components.notification.webhookJobHttpClientTimeout" label="Webhook timeout (s)" />}
      </fieldset>

      <fieldset className="grid gap-4 border-t border-border pt-4 md:grid-cols-4">
        <legend className="pt-2 text-sm font-medium">Logs</legend>
        <SelectField name="components.log.level" label="Level" options={opts(LOG_LEVELS)} />
        <NumberField name="components.log.rotateCount" label="Rotate count" />
        <TextField name="components.log.rotateSize" label="Rotate size" />
        <TextField name="components.log.location" label="Location" />
        <CheckField name="components.log.syslog.enabled" label="Send to syslog" />
        {c?.log?.syslog?.enabled && (
          <>
            <SelectField name="components.log.syslog.protocol" label="Protocol" options={opts(SYSLOG_PROTOCOLS)} />
            <TextField name="components.log.syslog.host" label="Syslog host" />
            <NumberField name="components.log.syslog.port" label="Syslog port" />
          </>
        )}
      </fieldset>

      <fieldset className="grid gap-4 border-t border-border pt-4 md:grid-cols-3">
        <legend className="pt-2 text-sm font-medium">Proxy</legend>
        <TextField name="components.proxy.httpProxy" label="HTTP proxy" />
        <TextField name="components.proxy.httpsProxy" label="HTTPS proxy" />
        <TextField name="components.proxy.noProxy" label="No proxy" />
        <MultiCheckField
          name="components.proxy.components"
          label="Components using the proxy"
          options={opts(PROXY_COMPONENTS.filter((p) => (p === "trivy" ? f?.trivy : p === "clair" ? f?.clair : true)))}
          className="md:col-span-3"
        />
      </fieldset>

      {(f?.metric ||
        f?.trace ||
        f?.uploadPurging ||
        f?.cache ||
        f?.quotaUpdateProvider ||
        c?.metrics?.enabled ||
        c?.trace?.enabled ||
        c?.cache?.enabled ||
        c?.quotaUpdateProvider !== "db") && (
        <fieldset className="grid gap-4 border-t border-border pt-4 md:grid-cols-4">
          <legend className="pt-2 text-sm font-medium">Features</legend>
          {(f?.metric || c?.metrics?.enabled) && (
            <>
              <CheckField name="components.metrics.enabled" label="Prometheus metrics" className="md:mt-7" />
              {c?.metrics?.enabled && <NumberField name="components.metrics.port" label="Metrics port" />}
              {c?.metrics?.enabled && <TextField name="components.metrics.path" label="Metrics path" />}
            </>
          )}
          {(f?.trace || c?.trace?.enabled) && (
            <div className="grid gap-4 md:col-span-4 md:grid-cols-4">
              <CheckField name="components.trace.enabled" label="Distributed tracing" className="md:mt-7" />
              {c?.trace?.enabled && <SelectField name="components.trace.exporter" label="Exporter" options={opts(TRACE_EXPORTERS)} />}
              {c?.trace?.enabled && c.trace.exporter === "otel" && (
                <TextField name="components.trace.otelEndpoint" label="OTLP endpoint" placeholder="otel-collector:4318" />
              )}
              {c?.trace?.enabled && c.trace.exporter === "otel" && <TextField name="components.trace.otelUrlPath" label="URL path" />}
              {c?.trace?.enabled && c.trace.exporter === "jaeger" && <TextField name="components.trace.jaegerEndpoint" label="Jaeger collector URL" />}
              {c?.trace?.enabled && c.trace.exporter === "jaeger" && <TextField name="components.trace.jaegerAgentHost" label="or agent host" />}
            </div>
          )}
          {f?.uploadPurging && (
            <div className="grid gap-4 md:col-span-4 md:grid-cols-4">
              <CheckField name="components.uploadPurging.enabled" label="Purge unfinished uploads" className="md:mt-7" />
              {c?.uploadPurging?.enabled && <TextField name="components.uploadPurging.age" label="Age" hint="e.g. 168h" />}
              {c?.uploadPurging?.enabled && <TextField name="components.uploadPurging.interval" label="Interval" hint="e.g. 24h" />}
              {c?.uploadPurging?.enabled && <CheckField name="components.uploadPurging.dryrun" label="Dry run" className="md:mt-7" />}
            </div>
          )}
          {(f?.cache || c?.cache?.enabled) && (
            <div className="grid gap-4 md:col-span-4 md:grid-cols-4">
              <CheckField name="components.cache.enabled" label="Cache layer" hint="Same setting on every node (generated so)." className="md:mt-7" />
              {c?.cache?.enabled && <NumberField name="components.cache.expireHours" label="Expire after (hours)" />}
            </div>
          )}
          {(f?.quotaUpdateProvider || c?.quotaUpdateProvider !== "db") && (
            <SelectField name="components.quotaUpdateProvider" label="Quota updates via" options={opts(QUOTA_PROVIDERS)} />
          )}
        </fieldset>
      )}
    </Card>
  );
}
