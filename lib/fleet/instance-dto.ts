import "server-only";
import { Prisma } from "../generated/prisma/client";
import type { ConnectionReportDto } from "../schemas/connection";
import type { InstanceDto } from "../schemas/instance";

/** What every read of an instance selects (never its secret), how a row becomes the DTO the pages see, and the audit trail's view. */
export const PUBLIC_SELECT = {
  id: true,
  name: true,
  description: true,
  environment: true,
  labels: true,
  baseUrl: true,
  username: true,
  caBundle: true,
  skipTlsVerify: true,
  deploymentMode: true,
  lifecycle: true,
  reachedAt: true,
  version: true,
  harborVersion: true,
  apiGeneration: true,
  detectedAt: true,
  connectionTest: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { email: true } },
  updatedBy: { select: { email: true } },
} satisfies Prisma.HarborInstanceSelect;

type PublicRow = Prisma.HarborInstanceGetPayload<{ select: typeof PUBLIC_SELECT }>;

export function toDto(r: PublicRow): InstanceDto {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    environment: r.environment,
    labels: r.labels,
    baseUrl: r.baseUrl,
    username: r.username,
    secretSet: true,
    caBundle: r.caBundle,
    skipTlsVerify: r.skipTlsVerify,
    deploymentMode: r.deploymentMode,
    lifecycle: r.lifecycle,
    reachedAt: r.reachedAt?.toISOString() ?? null,
    version: r.version,
    harborVersion: r.harborVersion,
    apiGeneration: r.apiGeneration,
    detectedAt: r.detectedAt?.toISOString() ?? null,
    connectionTest: (r.connectionTest as ConnectionReportDto | null) ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    createdBy: r.createdBy?.email ?? null,
    updatedBy: r.updatedBy?.email ?? null,
  };
}

/** The audit trail's view of an instance: every field, the secret reduced to a marker. */
export function auditView(
  d: Pick<InstanceDto, "name" | "description" | "environment" | "labels" | "baseUrl" | "username" | "caBundle" | "skipTlsVerify" | "deploymentMode">,
  secret: string,
) {
  return {
    name: d.name,
    description: d.description,
    environment: d.environment,
    labels: d.labels,
    baseUrl: d.baseUrl,
    username: d.username,
    secret,
    caBundle: d.caBundle ? "(PEM bundle)" : null,
    skipTlsVerify: d.skipTlsVerify,
    deploymentMode: d.deploymentMode,
  };
}
