/** One problem found in a topology, placed where the form shows it. Client-safe. */
export interface ConfigIssue {
  /** first segment of the field path: deployment, access, database, redis, storage, components, harborVersion */
  section: string;
  /** dotted path of the form field, e.g. "redis.sentinelHosts" or "deployment.nodes.1.address" */
  field: string;
  message: string;
  /** errors block generation and saving; warnings are shown but allowed */
  severity: "error" | "warning";
}
