import { secretContext } from "./secret-context";

export interface SecretRow {
  pk: string;
  cipher: string;
  instanceId: string;
  revision: number | null;
}

export interface SecretColumn {
  /** "Table.column", as status and the audit row name it */
  name: string;
  table: string;
  pk: string;
  column: string;
  /** SQL for the row's instance id and topology revision, which its context names */
  instanceId: string;
  revision: string;
  context(row: SecretRow): string;
}

/**
 * Every place a sealed secret is stored, with the context (associated data) its value is bound to: read by key rotation
 * (lib/fleet/key-rotation.ts) and by the launcher's key check (key-canary.ts), which runs outside Next.
 */
export const SECRET_COLUMNS: readonly SecretColumn[] = [
  {
    name: "HarborInstance.secretCipher",
    table: "HarborInstance",
    pk: "id",
    column: "secretCipher",
    instanceId: `"id"`,
    revision: "null::int",
    context: (r) => secretContext("harbor-instance", r.instanceId, "secret"),
  },
  {
    name: "TopologyRevision.secretsCipher",
    table: "TopologyRevision",
    pk: "id",
    column: "secretsCipher",
    instanceId: `"instanceId"`,
    revision: `"revision"`,
    context: (r) => secretContext("topology-revision", r.instanceId, String(r.revision)),
  },
  {
    name: "InstanceConfigSecrets.cipher",
    table: "InstanceConfigSecrets",
    pk: "instanceId",
    column: "cipher",
    instanceId: `"instanceId"`,
    revision: "null::int",
    context: (r) => secretContext("config-secrets", r.instanceId, "shared"),
  },
  {
    // no instance: the template's own id stands in the context's id position
    name: "WebhookTemplate.authCipher",
    table: "WebhookTemplate",
    pk: "id",
    column: "authCipher",
    instanceId: `"id"`,
    revision: "null::int",
    context: (r) => secretContext("webhook-template", r.instanceId, "auth"),
  },
];

/** The key id of a `v1.<keyId>.<iv>.<tag>.<ct>` envelope; null for anything else. */
export const ENVELOPE_KEY_ID_SQL = (column: string) =>
  `case when "${column}" ~ '^v1\\.[^.]*\\.[^.]*\\.[^.]*\\.[^.]*$' then split_part("${column}", '.', 2) end`;
