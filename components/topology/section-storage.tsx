"use client";
import { useFormContext, useWatch, type FieldPath } from "react-hook-form";
import { Card, CardTitle } from "@/components/ui/card";
import type { TTopology } from "@/lib/schemas/topology";
import { STORAGE_LABEL, STORAGE_TYPES } from "@/lib/schemas/topology-options";
import type { SecretPath } from "@/lib/schemas/topology-secrets";
import { CheckField, NumberField, SecretField, SelectField, TextField } from "./fields";

type More = { hint?: string; placeholder?: string; className?: string };
type Spec =
  | { kind: "text" | "check" | "number"; name: FieldPath<TTopology>; label: string; more?: More }
  | { kind: "secret"; name: SecretPath; label: string; more?: More };

const text = (name: FieldPath<TTopology>, label: string, more?: More): Spec => ({ kind: "text", name, label, more });
const check = (name: FieldPath<TTopology>, label: string, more?: More): Spec => ({ kind: "check", name, label, more });
const secret = (name: SecretPath, label: string, more?: More): Spec => ({ kind: "secret", name, label, more });

/** Each backend's fields, in the order the form shows them. */
function backendFields(type: TTopology["storage"]["type"], kind: TTopology["deployment"]["kind"]): Spec[] {
  switch (type) {
    case "filesystem":
      return [
        text("storage.filesystem.rootDirectory", "Root directory", { hint: "Inside the registry container; the data lives under the data volume." }),
        check("storage.filesystem.shared", "The data volume is on storage shared by every node (NFS, CephFS…)", {
          hint: "Required with more than one node: each node must see the same blobs.",
          className: "md:col-span-2 md:mt-7",
        }),
      ];
    case "s3":
      return [
        text("storage.s3.region", "Region", { placeholder: "eu-west-1" }),
        text("storage.s3.bucket", "Bucket"),
        text("storage.s3.regionEndpoint", "Endpoint (S3-compatible only)", { placeholder: "https://minio.example.com" }),
        text("storage.s3.accessKey", "Access key", { hint: "Empty = IAM role / IRSA" }),
        secret("storage.s3.secretKey", "Secret key"),
        text("storage.s3.rootDirectory", "Root directory (optional)"),
        text("storage.s3.storageClass", "Storage class"),
        check("storage.s3.secure", "Use HTTPS"),
        check("storage.s3.v4auth", "Signature v4"),
        check("storage.s3.encrypt", "Server-side encryption"),
        check("storage.s3.skipVerify", "Skip TLS verification of the endpoint"),
      ];
    case "azure":
      return [
        text("storage.azure.accountName", "Account name"),
        secret("storage.azure.accountKey", "Account key"),
        text("storage.azure.container", "Container"),
        text("storage.azure.realm", "Realm"),
      ];
    case "gcs":
      return [
        text("storage.gcs.bucket", "Bucket"),
        kind === "compose"
          ? text("storage.gcs.keyfile", "Key file path (on every node)", { placeholder: "/etc/harbor/gcs.key" })
          : secret("storage.gcs.encodedKey", "Service-account key JSON", { hint: "Empty = workload identity" }),
        text("storage.gcs.rootDirectory", "Root directory (optional)"),
        { kind: "number", name: "storage.gcs.chunkSize", label: "Chunk size (bytes)" },
      ];
    case "swift":
      return [
        text("storage.swift.authUrl", "Auth URL"),
        text("storage.swift.username", "Username"),
        secret("storage.swift.password", "Password"),
        text("storage.swift.container", "Container"),
        text("storage.swift.region", "Region"),
        text("storage.swift.tenant", "Tenant"),
        text("storage.swift.domain", "Domain"),
      ];
    case "oss":
      return [
        text("storage.oss.accessKeyId", "Access key ID"),
        secret("storage.oss.accessKeySecret", "Access key secret"),
        text("storage.oss.region", "Region"),
        text("storage.oss.bucket", "Bucket"),
        text("storage.oss.endpoint", "Endpoint (optional)"),
        text("storage.oss.rootDirectory", "Root directory (optional)"),
        check("storage.oss.internal", "Internal endpoint"),
        check("storage.oss.secure", "Use HTTPS"),
        check("storage.oss.encrypt", "Server-side encryption"),
      ];
  }
}

function SpecField({ spec: s }: { spec: Spec }) {
  const { hint, className } = s.more ?? {};
  if (s.kind === "secret") return <SecretField name={s.name} label={s.label} hint={hint} className={className} />;
  if (s.kind === "check") return <CheckField name={s.name} label={s.label} hint={hint} className={className} />;
  if (s.kind === "number") return <NumberField name={s.name} label={s.label} hint={hint} className={className} />;
  return <TextField name={s.name} label={s.label} hint={hint} className={className} placeholder={s.more?.placeholder} />;
}

export function StorageSection() {
  const { control } = useFormContext<TTopology>();
  const type = useWatch({ control, name: "storage.type" });
  const kind = useWatch({ control, name: "deployment.kind" });
  return (
    <Card className="space-y-4" aria-labelledby="topology-storage">
      <CardTitle id="topology-storage">Image storage</CardTitle>
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField name="storage.type" label="Backend" options={STORAGE_TYPES.map((t) => [t, STORAGE_LABEL[t]] as const)} />
        <TextField name="storage.caBundle" label="CA bundle path (optional)" hint="For a backend with a private CA; readable by uid 10000." />
        <CheckField
          name="storage.redirectDisabled"
          label="Disable redirects to the backend"
          hint="Only when clients cannot reach the backend directly."
          className="md:mt-7"
        />
        {backendFields(type, kind).map((spec) => (
          <SpecField key={spec.name} spec={spec} />
        ))}
      </div>
    </Card>
  );
}
