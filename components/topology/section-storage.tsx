"use client";
import { useFormContext, useWatch } from "react-hook-form";
import { Card, CardTitle } from "@/components/ui/card";
import type { TTopology } from "@/lib/schemas/topology";
import { STORAGE_LABEL, STORAGE_TYPES } from "@/lib/schemas/topology-options";
import { CheckField, NumberField, SecretField, SelectField, TextField } from "./fields";

function Backend({ type, kind }: { type: TTopology["storage"]["type"]; kind: TTopology["deployment"]["kind"] }) {
  switch (type) {
    case "filesystem":
      return (
        <>
          <TextField
            name="storage.filesystem.rootDirectory"
            label="Root directory"
            hint="Inside the registry container; the data lives under the data volume."
          />
          <CheckField
            name="storage.filesystem.shared"
            label="The data volume is on storage shared by every node (NFS, CephFS…)"
            hint="Required with more than one node: each node must see the same blobs."
            className="md:col-span-2 md:mt-7"
          />
        </>
      );
    case "s3":
      return (
        <>
          <TextField name="storage.s3.region" label="Region" placeholder="eu-west-1" />
          <TextField name="storage.s3.bucket" label="Bucket" />
          <TextField name="storage.s3.regionEndpoint" label="Endpoint (S3-compatible only)" placeholder="https://minio.example.com" />
          <TextField name="storage.s3.accessKey" label="Access key" hint="Empty = IAM role / IRSA" />
          <SecretField name="storage.s3.secretKey" label="Secret key" />
          <TextField name="storage.s3.rootDirectory" label="Root directory (optional)" />
          <TextField name="storage.s3.storageClass" label="Storage class" />
          <CheckField name="storage.s3.secure" label="Use HTTPS" />
          <CheckField name="storage.s3.v4auth" label="Signature v4" />
          <CheckField name="storage.s3.encrypt" label="Server-side encryption" />
          <CheckField name="storage.s3.skipVerify" label="Skip TLS verification of the endpoint" />
        </>
      );
    case "azure":
      return (
        <>
          <TextField name="storage.azure.accountName" label="Account name" />
          <SecretField name="storage.azure.accountKey" label="Account key" />
          <TextField name="storage.azure.container" label="Container" />
          <TextField name="storage.azure.realm" label="Realm" />
        </>
      );
    case "gcs":
      return (
        <>
          <TextField name="storage.gcs.bucket" label="Bucket" />
          {kind === "compose" ? (
            <TextField name="storage.gcs.keyfile" label="Key file path (on every node)" placeholder="/etc/harbor/gcs.key" />
          ) : (
            <SecretField name="storage.gcs.encodedKey" label="Service-account key JSON" hint="Empty = workload identity" />
          )}
          <TextField name="storage.gcs.rootDirectory" label="Root directory (optional)" />
          <NumberField name="storage.gcs.chunkSize" label="Chunk size (bytes)" />
        </>
      );
    case "swift":
      return (
        <>
          <TextField name="storage.swift.authUrl" label="Auth URL" />
          <TextField name="storage.swift.username" label="Username" />
          <SecretField name="storage.swift.password" label="Password" />
          <TextField name="storage.swift.container" label="Container" />
          <TextField name="storage.swift.region" label="Region" />
          <TextField name="storage.swift.tenant" label="Tenant" />
          <TextField name="storage.swift.domain" label="Domain" />
        </>
      );
    case "oss":
      return (
        <>
          <TextField name="storage.oss.accessKeyId" label="Access key ID" />
          <SecretField name="storage.oss.accessKeySecret" label="Access key secret" />
          <TextField name="storage.oss.region" label="Region" />
          <TextField name="storage.oss.bucket" label="Bucket" />
          <TextField name="storage.oss.endpoint" label="Endpoint (optional)" />
          <TextField name="storage.oss.rootDirectory" label="Root directory (optional)" />
          <CheckField name="storage.oss.internal" label="Internal endpoint" />
          <CheckField name="storage.oss.secure" label="Use HTTPS" />
          <CheckField name="storage.oss.encrypt" label="Server-side encryption" />
        </>
      );
  }
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
        <Backend type={type} kind={kind} />
      </div>
    </Card>
  );
}
