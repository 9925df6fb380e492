/**
 * The associated data every sealed secret is bound to (lib/security/secrets.ts): the kind of row, its id and the
 * field. One definition for the app (lib/fleet/keyring.ts) and the launcher's seeding, which must agree byte for
 * byte or the app cannot open what the seed sealed.
 */
export type SecretKind = "harbor-instance" | "topology-revision" | "config-secrets" | "webhook-template";

export const secretContext = (kind: SecretKind, id: string, field: string) => `${kind}:${id}:${field}`;
