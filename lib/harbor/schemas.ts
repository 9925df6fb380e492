/**
 * Zod schemas for what Harbor returns, in Harbor's snake_case. Pure: the simulator may reuse them.
 * Unknown fields are kept (.loose()); fields the console relies on are required, so their absence is an
 * invalid_response; the rest is optional. Go nil slices arrive as null and become [].
 *
 * What the console keeps (versions, URLs, health, counts) is normalised here, at the boundary: strings lose NUL
 * characters and lone surrogates (PostgreSQL's text and JSON refuse both) and are capped; counts, int64 in the
 * specs, must be whole numbers from 0 to 2^53 − 1 (what JSON carries exactly), or the answer is invalid.
 */
import * as z from "zod";
import { bool, count, int, list, message, str, text, TEXT_MAX, url, word } from "./schema-fields";

export { cleanText, TEXT_MAX } from "./schema-fields";

/** Harbor's health words; anything else is "unknown" to the console, which keeps the word for display. */
export const HARBOR_HEALTH_WORDS = ["healthy", "unhealthy"] as const;
export type THarborHealthState = (typeof HARBOR_HEALTH_WORDS)[number] | "unknown";
export const harborHealthState = (w: string): THarborHealthState =>
  (HARBOR_HEALTH_WORDS as readonly string[]).includes(w) ? (w as THarborHealthState) : "unknown";

export const ZHarborApiVersion = z.object({ version: text(TEXT_MAX.word) }).loose();

export const ZHarborSystemInfo = z
  .object({
    harbor_version: word,
    auth_mode: word,
    primary_auth_mode: bool,
    external_url: url,
    registry_url: url,
    has_ca_root: bool,
    read_only: bool,
    notification_enable: bool,
    self_registration: bool,
    project_creation_restriction: word,
    registry_storage_provider_name: word,
    current_time: word,
    banner_message: message,
    oidc_provider_name: text(TEXT_MAX.name).nullish(),
  })
  .loose();
export type THarborSystemInfo = z.infer<typeof ZHarborSystemInfo>;

/**
 * `status` is the word Harbor said (cleaned); `state` what the console makes of it: "healthy", "unhealthy", or
 * "unknown" for any other word. Component statuses are kept as said (the page shows them).
 */
export const ZHarborHealth = z
  .object({
    status: text(TEXT_MAX.word),
    components: list(z.object({ name: text(TEXT_MAX.word), status: text(TEXT_MAX.word), error: message }).loose()),
  })
  .loose()
  .transform((h) => ({ ...h, state: harborHealthState(h.status) }));
export type THarborHealth = z.output<typeof ZHarborHealth>;

/** One GC run (GET /system/gc; GCResult ≤ 2.2, GCHistory 2.3+): system administrators only. */
export const ZHarborGcRun = z.object({ id: z.number().int().nullish(), job_status: word, creation_time: str, update_time: str }).loose();
export type THarborGcRun = z.infer<typeof ZHarborGcRun>;

/** One replication execution (GET /replication/executions): system administrators only. */
export const ZHarborReplicationExecution = z
  .object({ id: z.number().int().nullish(), policy_id: z.number().int().nullish(), status: word, trigger: word, start_time: str })
  .loose();
export type THarborReplicationExecution = z.infer<typeof ZHarborReplicationExecution>;

/**
 * GET /scans/all/metrics (1.10+): the latest scan-all's progress. `ongoing` from the execution model (2.5's spec and
 * later; absent before), so older versions are read from `metrics` (Running/Pending counts) and total vs completed.
 */
export const ZHarborScanAllMetrics = z
  .object({ total: count, completed: count, metrics: z.record(z.string().max(40), count).nullish(), ongoing: z.boolean().nullish(), trigger: word })
  .loose();
export type THarborScanAllMetrics = z.infer<typeof ZHarborScanAllMetrics>;

/** GET /systeminfo/volumes: the local disk core sees (not object storage): system administrators only. */
export const ZHarborVolumes = z.object({ storage: list(z.object({ total: count, free: count }).loose()) }).loose();
export type THarborVolumes = z.infer<typeof ZHarborVolumes>;

/** total_* only for system admins; total_storage_consumption from 2.3. */
export const ZHarborStatistics = z
  .object({
    private_project_count: count,
    private_repo_count: count,
    public_project_count: count,
    public_repo_count: count,
    total_project_count: count,
    total_repo_count: count,
    total_storage_consumption: count,
  })
  .loose();
export type THarborStatistics = z.infer<typeof ZHarborStatistics>;

/** 2.x `UserResp` (sysadmin_flag); the 1.x spec names the flag has_admin_role. */
export const ZHarborUser = z
  .object({
    user_id: z.number().int(),
    username: text(TEXT_MAX.name),
    email: str,
    realname: str,
    sysadmin_flag: bool,
    has_admin_role: bool,
    admin_role_in_auth: bool,
  })
  .loose();
export type THarborUser = z.infer<typeof ZHarborUser>;

export const ZHarborPermission = z.object({ resource: z.string(), action: z.string() }).loose();
export type THarborPermission = z.infer<typeof ZHarborPermission>;

/** metadata values are strings ("true"/"false"): public is `metadata.public === "true"`. */
export const ZHarborProject = z
  .object({
    project_id: z.number().int(),
    name: z.string(),
    owner_id: int,
    owner_name: str,
    registry_id: int,
    creation_time: str,
    update_time: str,
    deleted: bool,
    repo_count: count,
    chart_count: count,
    togglable: bool,
    current_user_role_id: int,
    current_user_role_ids: list(z.number().int()),
    metadata: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();
export type THarborProject = z.infer<typeof ZHarborProject>;

export const ZHarborWebhookTarget = z
  .object({
    type: z.string(),
    address: z.string(),
    auth_header: str,
    skip_cert_verify: bool,
    payload_format: str,
  })
  .loose();
export type THarborWebhookTarget = z.infer<typeof ZHarborWebhookTarget>;

/** auth_header comes back in clear: treat policies as secret-bearing (never to the browser or logs). */
export const ZHarborWebhookPolicy = z
  .object({
    id: z.number().int(),
    project_id: z.number().int(),
    name: z
      .string()
      .nullish()
      .transform((v) => v ?? ""),
    description: str,
    targets: list(ZHarborWebhookTarget),
    event_types: list(z.string()),
    creator: str,
    creation_time: str,
    update_time: str,
    enabled: z.boolean(),
  })
  .loose();
export type THarborWebhookPolicy = z.infer<typeof ZHarborWebhookPolicy>;

export const ZHarborSupportedEvents = z
  .object({
    event_type: list(z.string()),
    notify_type: list(z.string()),
    payload_formats: list(z.object({ notify_type: z.string(), formats: list(z.string()) }).loose()),
  })
  .loose();

export const ZHarborLastTrigger = z.object({ policy_name: str, event_type: z.string(), enabled: bool, creation_time: str, last_trigger_time: str }).loose();
export type THarborLastTrigger = z.infer<typeof ZHarborLastTrigger>;

export const ZHarborWebhookJob = z
  .object({
    id: z.number().int(),
    policy_id: z.number().int(),
    event_type: z.string(),
    notify_type: str,
    status: z.string(),
    job_detail: str,
    creation_time: str,
    update_time: str,
  })
  .loose();
export type THarborWebhookJob = z.infer<typeof ZHarborWebhookJob>;

export const ZHarborExecution = z
  .object({
    id: z.number().int(),
    vendor_type: str,
    vendor_id: int,
    status: z.string(),
    status_message: str,
    metrics: z.record(z.string(), z.unknown()).nullish(),
    trigger: str,
    extra_attrs: z.record(z.string(), z.unknown()).nullish(),
    start_time: str,
    end_time: str,
  })
  .loose();
export type THarborExecution = z.infer<typeof ZHarborExecution>;

export const ZHarborTask = z
  .object({
    id: z.number().int(),
    execution_id: z.number().int(),
    status: z.string(),
    status_message: str,
    run_count: int,
    extra_attrs: z.record(z.string(), z.unknown()).nullish(),
    creation_time: str,
    update_time: str,
    start_time: str,
    end_time: str,
  })
  .loose();
export type THarborTask = z.infer<typeof ZHarborTask>;

/**
 * Robot v2 (2.2+, `Robot`): expires_at is unix seconds, -1 = never. `disable` and `expires_at` are what the
 * console reads; `secret` never comes back in lists (and is never kept).
 */
export const ZHarborRobot = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: str,
    level: str,
    duration: int,
    editable: bool,
    disable: bool,
    expires_at: z.number().int(),
    creation_time: str,
    update_time: str,
  })
  .loose();
export type THarborRobot = z.infer<typeof ZHarborRobot>;

/** GET /configurations (system administrators only): each item is {value, editable}; the console reads read_only. */
export const ZHarborConfigurations = z
  .object({
    read_only: z.object({ value: z.boolean(), editable: bool }).loose().nullish(),
  })
  .loose();
