"use client";
import { useFormContext, useWatch } from "react-hook-form";
import { Card, CardTitle } from "@/components/ui/card";
import type { TTopology } from "@/lib/schemas/topology";
import { TLS_MODE_LABEL, TLS_MODES } from "@/lib/schemas/topology-options";
import type { HarborFeatures } from "@/lib/config/features";
import { CheckField, NumberField, SecretField, SelectField, TextField } from "./fields";

export function AccessSection({ features }: { features: HarborFeatures | null }) {
  const { control } = useFormContext<TTopology>();
  const tls = useWatch({ control, name: "access.tls" });
  const internalTls = useWatch({ control, name: "access.internalTls" });
  const kind = useWatch({ control, name: "deployment.kind" });
  const ipv6 = useWatch({ control, name: "access.ipv6" });
  const strong = useWatch({ control, name: "access.strongSslCiphers" });
  // Helm has no "TLS on the nodes"; a value carried over from compose stays selectable so its error can be fixed.
  const tlsModes = TLS_MODES.filter((m) => kind === "compose" || m !== "nodes" || tls === "nodes");
  return (
    <Card className="space-y-4" aria-labelledby="topology-access">
      <CardTitle id="topology-access">Access</CardTitle>
      <div className="grid gap-4 md:grid-cols-3">
        <TextField name="access.hostname" label="Hostname" hint="The name clients use (the load balancer's), not localhost." placeholder="harbor.example.com" />
        <TextField name="access.externalUrl" label="External URL (optional)" hint="Only when clients reach Harbor on another URL, e.g. a non-standard port." />
        <SelectField name="access.tls" label="TLS" options={tlsModes.map((m) => [m, TLS_MODE_LABEL[m]] as const)} />
        {kind === "compose" && (
          <>
            <NumberField
              name="access.httpPort"
              label="HTTP port"
              hint={tls === "loadBalancer" ? "The port the nodes listen on behind the load balancer." : undefined}
            />
            {tls !== "none" && (
              <NumberField
                name="access.httpsPort"
                label="HTTPS port"
                hint={tls === "loadBalancer" ? "The port clients use on the load balancer." : undefined}
              />
            )}
            {tls === "nodes" && <TextField name="access.certificatePath" label="Certificate path (on every node)" placeholder="/etc/harbor/certs/harbor.crt" />}
            {tls === "nodes" && <TextField name="access.privateKeyPath" label="Private key path (on every node)" placeholder="/etc/harbor/certs/harbor.key" />}
          </>
        )}
        {(features?.internalTls || internalTls) && <CheckField name="access.internalTls" label="Internal TLS between Harbor components" className="md:mt-7" />}
        {features?.internalTls && internalTls && kind === "compose" && <TextField name="access.internalTlsDir" label="Internal TLS directory" />}
        {(((features?.httpsStrongCiphers || features?.internalTlsStrongCiphers) && (tls === "nodes" || internalTls)) || strong) && (
          <CheckField name="access.strongSslCiphers" label="Strong TLS ciphers only" className="md:mt-7" />
        )}
        {((features?.ipFamily && kind === "compose") || ipv6) && <CheckField name="access.ipv6" label="Listen on IPv6 too" className="md:mt-7" />}
        <SecretField name="adminPassword" label="Initial admin password" hint="Used on first install only; change it in Harbor afterwards." />
      </div>
    </Card>
  );
}
