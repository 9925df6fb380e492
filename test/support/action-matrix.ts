/**
 * Who may call each server action — the authorization matrix. Every exported function of every "use server" module
 * in lib/actions must have a row (test/unit/security/action-matrix.test.ts fails otherwise, and checks the row
 * against the role the action demands); the browser suite calls every action the build exposes with each weaker
 * role and asserts the refusal and that nothing was written (test/e2e/authorization-matrix.spec.ts).
 */
import { initialTopologyFor } from "../../lib/config/initial-topology";

export type MatrixRole = "viewer" | "operator" | "admin";

export interface Ids {
  instanceId: string;
  instanceName: string;
  instanceVersion: number;
  /** an upgrade plan of that instance, or a random id when none exists (refused calls must not find it either way) */
  planId: string;
  viewerId: string;
  adminId: string;
}

export interface ActionRow {
  /** the weakest role that may call it; "signed-in" also admits a user who must still choose their password */
  role: MatrixRole | "signed-in";
  /** an input that would do real harm if the call were let through; absent for actions without input */
  sample?: (ids: Ids) => unknown;
}

const attackerUrl = "http://127.0.0.1:9/attacker";
/** A harbor.yml adoption accepts and saves (a let-through call would write a revision and mark the instance running). */
const ADOPTABLE_HARBOR_YML =
  "hostname: adopted.example.com\nhttp:\n  port: 80\nharbor_admin_password: Matrix-Admin-1\ndatabase:\n  password: matrix-db-1\ndata_volume: /data\njobservice:\n  max_job_workers: 10\n  job_loggers: [STD_OUTPUT]\n  logger_sweeper_duration: 1\nnotification:\n  webhook_job_max_retry: 3\n  webhook_job_http_client_timeout: 3\nlog:\n  level: info\n_version: 2.11.0\n";

const matrixPolicy = {
  name: "matrix",
  description: "",
  enabled: true,
  eventTypes: ["PUSH_ARTIFACT"],
  targets: [{ type: "http", address: attackerUrl, authHeader: "Bearer stolen", clearAuthHeader: false, skipCertVerify: true, payloadFormat: "Default" }],
};

/** A template that selects every project of every instance and sends their events to the attacker. */
const matrixTemplate = { ...matrixPolicy, environments: [], labels: [], instancePattern: "*", projectPattern: "*", autoApply: true };

export const ACTION_MATRIX: Record<string, ActionRow> = {
  "connection.ts#testSavedConnectionAction": { role: "operator", sample: (i) => ({ instanceId: i.instanceId }) },
  "connection.ts#testDraftConnectionAction": {
    role: "admin",
    sample: (i) => ({ id: i.instanceId, baseUrl: attackerUrl, username: "admin", secret: "", caBundle: "", skipTlsVerify: false }),
  },
  "fleet.ts#refreshAllAction": { role: "operator" },
  "fleet.ts#refreshInstanceAction": { role: "operator", sample: (i) => ({ instanceId: i.instanceId }) },
  "fleet.ts#fleetVisitAction": { role: "viewer" },
  "fleet.ts#fleetHeartbeatAction": { role: "viewer" },
  "fleet.ts#markFleetSeenAction": { role: "viewer", sample: () => ({ asOf: new Date().toISOString() }) },
  "instances.ts#createInstanceAction": {
    role: "admin",
    sample: () => ({
      name: "matrix-created",
      environment: "staging",
      deploymentMode: "docker_compose",
      baseUrl: attackerUrl,
      username: "admin",
      secret: "x",
      labels: "",
      description: "",
    }),
  },
  "instances.ts#updateInstanceAction": {
    role: "admin",
    sample: (i) => ({
      id: i.instanceId,
      version: i.instanceVersion,
      name: i.instanceName,
      environment: "staging",
      deploymentMode: "docker_compose",
      baseUrl: attackerUrl,
      username: "admin",
      secret: "stolen",
      labels: "",
      description: "",
    }),
  },
  "instances.ts#deleteInstanceAction": { role: "admin", sample: (i) => ({ id: i.instanceId, name: i.instanceName }) },
  // the instance the suite registers is planned (its URL never answers as a Harbor): a let-through call would write
  "instances.ts#setInstanceLifecycleAction": { role: "operator", sample: (i) => ({ id: i.instanceId, lifecycle: "running" }) },
  "settings.ts#updateOutboundAllowListAction": { role: "admin", sample: () => ({ allow: [{ value: "0.0.0.0/0" }], expectedUpdatedAt: null }) },
  "settings.ts#updateWebhookTestAllowListAction": { role: "admin", sample: () => ({ allow: [{ value: "0.0.0.0/0" }], expectedUpdatedAt: null }) },
  "topology.ts#saveTopologyAction": {
    role: "operator",
    sample: (i) => ({
      instanceId: i.instanceId,
      baseRevision: 0,
      message: "matrix",
      topology: initialTopologyFor({ baseUrl: "https://harbor.example.com", harborVersion: "2.11.2", deploymentMode: "docker_compose" }),
    }),
  },
  "adopt.ts#previewAdoptionAction": {
    role: "operator",
    sample: (i) => ({
      instanceId: i.instanceId,
      upload: { kind: "harbor-yml", files: [{ file: "harbor.yml", text: "hostname: h.example.com\n_version: 2.11.0\n" }] },
    }),
  },
  "adopt.ts#adoptTopologyAction": {
    role: "operator",
    sample: (i) => ({
      instanceId: i.instanceId,
      baseRevision: 0,
      message: "matrix",
      upload: { kind: "harbor-yml", files: [{ file: "harbor.yml", text: ADOPTABLE_HARBOR_YML }] },
    }),
  },
  "topology.ts#diffConfigAction": {
    role: "viewer",
    sample: (i) => ({ instanceId: i.instanceId, revision: 1, against: { kind: "upload", text: "hostname: h\n", fileName: "harbor.yml" } }),
  },
  // the suite's instance is a planned one whose URL never answers as a Harbor: a let-through call would write an audit row
  "webhooks.ts#createWebhookPolicyAction": { role: "operator", sample: (i) => ({ instanceId: i.instanceId, project: "library", ...matrixPolicy }) },
  "webhooks.ts#updateWebhookPolicyAction": {
    role: "operator",
    sample: (i) => ({ instanceId: i.instanceId, project: "library", policyId: 1, updateTime: null, ...matrixPolicy }),
  },
  "webhooks.ts#setWebhookPolicyEnabledAction": {
    role: "operator",
    sample: (i) => ({ instanceId: i.instanceId, project: "library", policyId: 1, enabled: false, updateTime: null }),
  },
  "webhooks.ts#deleteWebhookPolicyAction": {
    role: "operator",
    sample: (i) => ({ instanceId: i.instanceId, project: "library", policyId: 1, name: "policy_1" }),
  },
  "webhooks.ts#testWebhookDeliveryAction": { role: "operator", sample: (i) => ({ instanceId: i.instanceId, project: "library", policyId: 1, target: 0 }) },
  "webhooks.ts#refreshWebhookInventoryAction": { role: "operator", sample: (i) => ({ instanceId: i.instanceId }) },
  "webhook-redelivery.ts#redeliverWebhookAction": {
    role: "operator",
    sample: (i) => ({ instanceId: i.instanceId, project: "library", policyId: 1, jobId: 1002 }),
  },
  "webhook-templates.ts#createWebhookTemplateAction": { role: "operator", sample: () => ({ ...matrixTemplate }) },
  "webhook-templates.ts#updateWebhookTemplateAction": { role: "operator", sample: (i) => ({ id: i.planId, version: 1, ...matrixTemplate }) },
  "webhook-templates.ts#deleteWebhookTemplateAction": { role: "operator", sample: (i) => ({ id: i.planId, name: "matrix" }) },
  "webhook-templates.ts#dryRunWebhookTemplateAction": { role: "operator", sample: (i) => ({ id: i.planId }) },
  "webhook-templates.ts#adoptWebhookTemplateDriftAction": { role: "operator", sample: (i) => ({ driftId: i.planId }) },
  "webhook-templates.ts#applyWebhookTemplateAction": { role: "operator", sample: (i) => ({ id: i.planId, instanceId: i.instanceId, version: 1 }) },
  // the plan the suite makes for its instance (see test/e2e/authorization-setup.ts: planId)
  "upgrades.ts#createUpgradePlanAction": { role: "operator", sample: (i) => ({ instanceId: i.instanceId, target: "2.15.2" }) },
  "upgrades.ts#updateUpgradePlanAction": { role: "operator", sample: (i) => ({ planId: i.planId, version: 1, target: "2.15.2" }) },
  "upgrades.ts#cancelUpgradePlanAction": { role: "operator", sample: (i) => ({ planId: i.planId, version: 1 }) },
  "upgrades.ts#runPreflightAction": { role: "operator", sample: (i) => ({ planId: i.planId, version: 1 }) },
  "upgrades.ts#createUpgradeWaveAction": {
    role: "operator",
    sample: (i) => ({ name: "matrix wave", target: "2.15.2", instanceIds: [i.instanceId, "00000000-0000-4000-8000-000000000001"] }),
  },
  "upgrades.ts#approveUpgradePlanAction": { role: "admin", sample: (i) => ({ planId: i.planId, version: 1 }) },
  "upgrades.ts#startUpgradeAction": { role: "operator", sample: (i) => ({ planId: i.planId, version: 1 }) },
  "upgrades.ts#verifyHopAction": { role: "operator", sample: (i) => ({ planId: i.planId, version: 1 }) },
  "upgrades.ts#setReadOnlyAction": { role: "operator", sample: (i) => ({ planId: i.planId, readOnly: true }) },
  "upgrades.ts#tickRunbookStepAction": { role: "operator", sample: (i) => ({ planId: i.planId, hop: 0, stepId: "stop", ticked: true }) },
  "upgrades.ts#scheduleUpgradePlanAction": {
    role: "operator",
    sample: (i) => ({
      planId: i.planId,
      version: 1,
      start: new Date(Date.now() + 3_600_000).toISOString(),
      end: new Date(Date.now() + 7_200_000).toISOString(),
      timeZone: "UTC",
    }),
  },
  "upgrades.ts#rescheduleUpgradePlanAction": {
    role: "operator",
    sample: (i) => ({
      planId: i.planId,
      version: 1,
      start: new Date(Date.now() + 3_600_000).toISOString(),
      end: new Date(Date.now() + 7_200_000).toISOString(),
      timeZone: "UTC",
    }),
  },
  "users.ts#createUserAction": { role: "admin", sample: () => ({ email: "matrix-made@e2e.test", name: "", role: "admin" }) },
  "users.ts#setUserRoleAction": { role: "admin", sample: (i) => ({ id: i.viewerId, role: "admin" }) },
  "users.ts#setUserDisabledAction": { role: "admin", sample: (i) => ({ id: i.adminId, disabled: true }) },
  "users.ts#resetUserPasswordAction": { role: "admin", sample: (i) => ({ id: i.adminId }) },
  "users.ts#unlockUserAction": { role: "admin", sample: (i) => ({ id: i.adminId }) },
  "users.ts#deleteUserAction": { role: "admin", sample: (i) => ({ id: i.adminId, email: process.env.E2E_ADMIN_EMAIL }) },
  "users.ts#changePasswordAction": {
    role: "signed-in",
    sample: () => ({ current: "wrong-password-1", next: "new-password-123", confirm: "new-password-123" }),
  },
};

/** Route handlers, by file under app/: the weakest role for each method (public ones say so). */
export const ROUTE_MATRIX: Record<string, { method: "GET"; role: MatrixRole | "public"; path: (ids: Ids) => string }> = {
  "api/health/route.ts": { method: "GET", role: "public", path: () => "/api/health" },
  "api/auth/[...nextauth]/route.ts": { method: "GET", role: "public", path: () => "/api/auth/csrf" },
  "api/fleet/route.ts": { method: "GET", role: "viewer", path: () => "/api/fleet" },
  "api/fleet/instances/[instanceId]/route.ts": { method: "GET", role: "viewer", path: (i) => `/api/fleet/instances/${i.instanceId}` },
  "api/fleet/sweeps/[sweepId]/route.ts": { method: "GET", role: "viewer", path: () => "/api/fleet/sweeps/00000000-0000-4000-8000-000000000000" },
  "api/upgrades/[planId]/runbook/route.ts": { method: "GET", role: "viewer", path: (i) => `/api/upgrades/${i.planId}/runbook` },
  "api/instances/[instanceId]/config/[revision]/route.ts": { method: "GET", role: "operator", path: (i) => `/api/instances/${i.instanceId}/config/1` },
};

export const ROLE_RANK: Record<MatrixRole, number> = { viewer: 1, operator: 2, admin: 3 };
