import "server-only";

/**
 * The Harbor REST client: the only code that speaks Harbor's wire format. Server code imports it from here; the pure,
 * client-safe modules (facts, event-types, robot-expiry, sample-payload, template-plan, schemas' cleanText) are imported
 * by path, because this entry is server-only.
 */
export { createHarborClient, createHarborDispatcher, apiPath, DEFAULTS as HARBOR_CLIENT_DEFAULTS } from "./transport";
export type { CreateHarborClientOptions, DetectedVersion, HarborClient, HarborCredentials, HarborResponse, SendOptions } from "./transport";
export { createOutboundPolicy, defaultRefusal } from "./outbound";
export type { OutboundOptions, OutboundPolicy, OutboundResolver } from "./outbound";
export { HARBOR_ERROR_KINDS, serializableError } from "./errors";
export type { HarborError, HarborErrorKind, HarborFailure, HarborResult } from "./errors";
export { detectVersion, effectiveVersion, resolveVersion, versionLabel } from "./version";
export { sendTestDelivery, type TestDeliveryResult } from "./test-delivery";
export { getReadOnly, setReadOnly } from "./configurations";
export { getSystemInfo, getHealth, getStatistics, getCurrentUser, getCurrentUserPermissions, getVolumes, getScanAllMetrics, listGcRuns, ping } from "./system";
export { listProjects, listAllProjects, getProject } from "./projects";
export { listReplicationExecutions } from "./replication";
export { getRobotExpiry } from "./robots";
export { classifyRobotExpiry, expiryUrgency, storedRobotName, EXPIRY_WARNING_DAYS } from "./robot-expiry";
export type { ExpiryUrgency, RobotExpiryValue } from "./robot-expiry";
export type { ProjectRef, ListProjectsOptions } from "./projects";
export type { HarborPage } from "./paging";
export { listWebhookPolicies, getWebhookPolicy, createWebhookPolicy, updateWebhookPolicy, deleteWebhookPolicy, getSupportedEventTypes } from "./webhooks";
export { listWebhookJobs, getLastTrigger, listExecutions, listTasks, getTaskLog } from "./webhook-history";
export { getWebhookJob, redeliveryBlocker, redeliveryContentType } from "./webhook-redelivery";
export type { PayloadFormat, WebhookPolicyInput, WebhookTargetInput } from "./webhook-body";
export { canonicalEventType, eventTypeForVersion, EVENT_TYPE_LABEL } from "./event-types";
export type { SupportedEventTypes, WebhookEventType } from "./event-types";
export { testConnection } from "./probe";
export { buildReport } from "./probe-report";
export type { ConnectionReport, CredentialStatus, ProbeCheck } from "./probe-report";
export type {
  THarborExecution,
  THarborHealth,
  THarborLastTrigger,
  THarborPermission,
  THarborProject,
  THarborRobot,
  THarborStatistics,
  THarborSystemInfo,
  THarborTask,
  THarborUser,
  THarborWebhookJob,
  THarborWebhookPolicy,
  THarborWebhookTarget,
} from "./schemas";
