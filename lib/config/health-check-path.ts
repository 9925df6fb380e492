import { featuresFor } from "./features";

/** Harbor's unauthenticated liveness endpoint for the version (docs/harbor/api.md §1): what load balancers, READMEs and runbooks ping. */
export function healthCheckPath(harborVersion: string): string {
  return featuresFor(harborVersion)?.pingPath ?? "/api/v2.0/ping";
}
