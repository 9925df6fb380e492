"use client";
import { useFormContext, useWatch } from "react-hook-form";
import { Card, CardTitle } from "@/components/ui/card";
import type { HarborFeatures } from "@/lib/config/features";
import { EXTERNAL_POSTGRES_STEPS } from "@/lib/releases";
import type { TTopology } from "@/lib/schemas/topology";
import { SSL_MODES } from "@/lib/schemas/topology-options";
import { NumberField, SecretField, SelectField, TextField } from "./fields";

const SSL = SSL_MODES.map((m) => [m, m] as const);

const POSTGRES_HINT = `For Harbor's minimums (${EXTERNAL_POSTGRES_STEPS.map((s) => `≥${s.minimum} from ${s.line}`).join(", ")}).`;

type DatabasePrefix = "database" | "database.clair" | "database.notarySigner" | "database.notaryServer";

/** Where a database is and how Harbor signs in: the main database's and each sub-database's. */
function ConnectionFields({ prefix, hostPlaceholder }: { prefix: DatabasePrefix; hostPlaceholder?: string }) {
  return (
    <>
      <TextField name={`${prefix}.host`} label="Host" placeholder={hostPlaceholder} />
      <NumberField name={`${prefix}.port`} label="Port" />
      <TextField name={`${prefix}.name`} label="Database" />
      <TextField name={`${prefix}.username`} label="User" />
      <SecretField name={`${prefix}.password`} label="Password" />
      <SelectField name={`${prefix}.sslMode`} label="SSL mode" options={SSL} />
    </>
  );
}

function SubDatabase({ prefix, title }: { prefix: Exclude<DatabasePrefix, "database">; title: string }) {
  return (
    <fieldset className="grid gap-4 border-t border-border pt-4 md:grid-cols-3">
      <legend className="pt-2 text-sm font-medium">{title}</legend>
      <ConnectionFields prefix={prefix} />
    </fieldset>
  );
}

export function DatabaseSection({ features }: { features: HarborFeatures | null }) {
  const { control } = useFormContext<TTopology>();
  const type = useWatch({ control, name: "database.type" });
  const clair = useWatch({ control, name: "components.clair" });
  const notary = useWatch({ control, name: "components.notary" });
  return (
    <Card className="space-y-4" aria-labelledby="topology-database">
      <CardTitle id="topology-database">PostgreSQL</CardTitle>
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          name="database.type"
          label="Database"
          options={[
            ["internal", "Bundled with Harbor (single node only)"],
            ["external", "External PostgreSQL"],
          ]}
        />
        {type === "internal" ? (
          <SecretField name="database.password" label="Database password" hint="The bundled PostgreSQL's superuser password." />
        ) : (
          <>
            <ConnectionFields prefix="database" hostPlaceholder="pg.example.com" />
            <NumberField name="database.postgresMajor" label="PostgreSQL major version" hint={POSTGRES_HINT} nullable />
          </>
        )}
        <NumberField name="database.maxIdleConns" label="Max idle connections" />
        <NumberField name="database.maxOpenConns" label="Max open connections" hint="Per Harbor core; size max_connections for every node." />
      </div>
      {type === "external" && features?.clair && clair && <SubDatabase prefix="database.clair" title="Clair database" />}
      {type === "external" && features?.notary && notary && <SubDatabase prefix="database.notarySigner" title="Notary signer database" />}
      {type === "external" && features?.notary && notary && <SubDatabase prefix="database.notaryServer" title="Notary server database" />}
    </Card>
  );
}
