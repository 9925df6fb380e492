/**
 * Zod schemas for what Harbor returns, in Harbor's snake_case. Pure: the simulator may reuse them.
 * Unknown fields are kept (.loose()); fields the console relies on are required, so their absence is an
 * invalid_response; the rest is optional. Go nil slices arrive as null and become [].
 */
import { z } from "zod";

const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
const str = z.string().nullish();
const bool = z.boolean().nullish();
const int = z.number().int().nullish();

export const ZHarborApiVersion = z.object({ version: z.string() }).loose();

export const ZHarborSystemInfo = z
  .object({
    harbor_version: str,
    auth_mode: str,
    primary_auth_mode: bool,
    external_url: str,
    registry_url: str,
    has_ca_root: bool,
    read_only: bool,
    notification_enable: bool,
    self_registration: bool,
    project_creation_restriction: str,
    registry_storage_provider_name: str,
    current_time: str,
    banner_message: str,
    oidc_provider_name: str,
  })
  .loose();
export type THarborSystemInfo = z.infer<typeof ZHarborSystemInfo>;

export const ZHarborHealth = z
  .object({
    status: z.string(),
    components: list(z.object({ name: z.string(), status: z.string(), error: str }).loose()),
  })
  .loose();
export type THarborHealth = z.infer<typeof ZHarborHealth>;

/** total_* only for system admins; total_storage_consumption from 2.3. */
export const ZHarborStatistics = z
  .object({
    private_project_count: int,
    private_repo_count: int,
    public_project_count: int,
    public_repo_count: int,
    total_project_count: int,
    total_repo_count: int,
    total_storage_consumption: int,
  })
  .loose();
export type THarborStatistics = z.infer<typeof ZHarborStatistics>;

/** 2.x `UserResp` (sysadmin_flag); the 1.x spec names the flag has_admin_role. */
export const ZHarborUser = z
  .object({
    user_id: z.number().int(),
    username: z.string(),
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
    repo_count: int,
    chart_count: int,
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

export const ZHarborLastTrigger = z
  .object({ policy_name: str, event_type: z.string(), enabled: bool, creation_time: str, last_trigger_time: str })
  .loose();
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
