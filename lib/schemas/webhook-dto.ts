/** What pages get of project webhooks (issue #13). Client-safe: a target's auth header never comes back — only whether one is stored. */

export interface ProjectRowDto {
  id: number;
  name: string;
  public: boolean;
  repoCount: number | null;
  /** null: Harbor did not let the console read them (the reason in webhookError) */
  webhookCount: number | null;
  webhookError: string | null;
}

export interface WebhookTargetDto {
  type: string;
  address: string;
  /** an auth header is stored in Harbor (never its value) */
  authHeaderSet: boolean;
  skipCertVerify: boolean;
  /** null before 2.8 and on slack targets */
  payloadFormat: string | null;
}

export interface DeliveryDto {
  at: string | null;
  status: string;
  ok: boolean | null;
  eventType: string | null;
  /** Harbor's status message (2.8+ executions), e.g. "http status code 503, expected 2xx" */
  message?: string | null;
}

export interface WebhookPolicyDto {
  id: number;
  name: string;
  description: string;
  enabled: boolean;
  eventTypes: { name: string; label: string }[];
  targets: WebhookTargetDto[];
  creator: string;
  creationTime: string | null;
  updateTime: string | null;
  lastDelivery: DeliveryDto | null;
  /** why the last delivery could not be read, if it could not */
  lastDeliveryError: string | null;
}

/** One delivery of a policy: an execution (2.8+) or a job (before). */
export interface DeliveryRow {
  id: number;
  status: string;
  ok: boolean | null;
  at: string | null;
  endAt: string | null;
  eventType: string | null;
  /** Harbor's status message, e.g. "http status code 503, expected 2xx" */
  message: string;
  /** the HTTP status the receiver answered, when Harbor's message says it */
  httpStatus: number | null;
  notifyType: string | null;
}

export interface TaskRow {
  id: number;
  status: string;
  ok: boolean | null;
  message: string;
  httpStatus: number | null;
  runCount: number | null;
  at: string | null;
  endAt: string | null;
}

/** What this Harbor version's form may offer. */
export interface WebhookCapabilities {
  /** "Harbor 2.15.2" */
  versionLabel: string;
  eventTypes: { name: string; label: string }[];
  notifyTypes: string[];
  /** payload formats per notify type (an empty list: the field is not offered) */
  payloadFormats: Record<string, string[]>;
  /** 1.x: one policy per project */
  onePolicyPerProject: boolean;
  /** 2.0: names unique across the whole Harbor (2.1+: per project) */
  namesGlobal: boolean;
  /** executions → tasks → log (2.8+), else jobs and last trigger */
  executions: boolean;
}

/** What a test delivery or redelivery brought back (lib/harbor/test-delivery.ts). */
export interface TestDeliveryDto {
  ok: boolean;
  /** the receiver's HTTP status; null when none came */
  status: number | null;
  /** response headers (lower-case names; Set-Cookie dropped) */
  headers: Record<string, string>;
  /** the start of the body, as text */
  excerpt: string;
  /** more body came than was read */
  truncated: boolean;
  latencyMs: number;
  /** why no answer came, or that a redirect was not followed */
  error: string | null;
  /** the delivery was refused before connecting (SSRF guard) */
  refused: boolean;
}
