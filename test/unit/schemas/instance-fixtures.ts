/** What the instance schema tests parse: a valid create and update input, a PEM, and the field errors of a parse. */
import * as z from "zod";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";

export const BODY =
  "MIIBszCCAVmgAwIBAgIUQ2l0eUNBMA0GCSqGSIb3DQEBCwUAMBIxEDAOBgNVBAMM\nB3Rlc3QtY2EwHhcNMjQwMTAxMDAwMDAwWhcNMzQwMTAxMDAwMDAwWjASMRAwDgYD\nVQQDDAd0ZXN0LWNhMA==";
export const PEM = `-----BEGIN CERTIFICATE-----\n${BODY}\n-----END CERTIFICATE-----`;

export const validCreate = {
  name: "harbor-eu-1",
  description: "EU primary",
  environment: "production",
  labels: "region=eu, team=platform",
  baseUrl: "https://harbor.example.com",
  username: "robot$fleet-console",
  caBundle: "",
  skipTlsVerify: false,
  deploymentMode: "helm",
  secret: "s3cret",
};
export const validUpdate = { ...validCreate, id: "1b4e28ba-2fa1-41d2-883f-0016d3cca427", version: 3 };

export function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string[] | undefined> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  return z.flattenError(r.error).fieldErrors as Record<string, string[] | undefined>;
}
export const createErrors = (patch: Record<string, unknown>) => fieldErrors(ZInstanceCreateInput, { ...validCreate, ...patch });
