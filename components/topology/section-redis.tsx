"use client";
import { useFormContext, useWatch } from "react-hook-form";
import { Card, CardTitle } from "@/components/ui/card";
import type { HarborFeatures } from "@/lib/config/features";
import type { TTopology } from "@/lib/schemas/topology";
import { CheckField, NumberField, SecretField, SelectField, TextField } from "./fields";

export function RedisSection({ features }: { features: HarborFeatures | null }) {
  const { control } = useFormContext<TTopology>();
  const type = useWatch({ control, name: "redis.type" });
  const mode = useWatch({ control, name: "redis.mode" });
  const tls = useWatch({ control, name: "redis.tls" });
  const c = useWatch({ control, name: "components" });
  const r = useWatch({ control, name: "redis" });
  return (
    <Card className="space-y-4" aria-labelledby="topology-redis">
      <CardTitle id="topology-redis">Redis</CardTitle>
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          name="redis.type"
          label="Redis"
          options={[
            ["internal", "Bundled with Harbor (single node only)"],
            ["external", "External Redis"],
          ]}
        />
        {type === "external" && (
          <>
            <SelectField
              name="redis.mode"
              label="Mode"
              hint={features?.sentinel ? undefined : "Sentinel needs Harbor 2.1 or later."}
              options={[
                ["standalone", "Standalone"],
                ["sentinel", "Sentinel"],
              ]}
            />
            {mode === "sentinel" ? (
              <>
                <TextField name="redis.sentinelHosts" label="Sentinels" hint="host:port, comma-separated" placeholder="s1:26379,s2:26379,s3:26379" />
                <TextField name="redis.sentinelMasterSet" label="Master set" placeholder="mymaster" />
              </>
            ) : (
              <TextField name="redis.address" label="Address" hint="host:port" placeholder="redis.example.com:6379" />
            )}
            {(features?.redisUsername || r?.username) && <TextField name="redis.username" label="Username (Redis 6 ACL)" />}
            <SecretField name="redis.password" label="Password" />
            {(features?.redisTls || tls) && <CheckField name="redis.tls" label="TLS (rediss://)" className="md:mt-7" />}
            {tls && <TextField name="redis.tlsRootCa" label="Root CA path" />}
          </>
        )}
      </div>
      {(type === "external" || features?.redisSection) && (
        <fieldset className="grid grid-cols-2 gap-3 border-t border-border pt-4 md:grid-cols-4">
          <legend className="pt-2 text-sm font-medium">Database index per component (0 is core&apos;s)</legend>
          <NumberField name="redis.indexes.registry" label="registry" />
          <NumberField name="redis.indexes.jobservice" label="jobservice" />
          {c?.chartmuseum && <NumberField name="redis.indexes.chartmuseum" label="chartmuseum" />}
          {c?.clair && <NumberField name="redis.indexes.clair" label="clair" />}
          {c?.trivy && <NumberField name="redis.indexes.trivy" label="trivy" />}
          {(features?.harborAndCacheLayerDbIndex || r?.indexes?.harbor != null) && (
            <NumberField name="redis.indexes.harbor" label="harbor (optional)" nullable />
          )}
          {(features?.harborAndCacheLayerDbIndex || r?.indexes?.cacheLayer != null) && (
            <NumberField name="redis.indexes.cacheLayer" label="cache layer (optional)" nullable />
          )}
        </fieldset>
      )}
    </Card>
  );
}
