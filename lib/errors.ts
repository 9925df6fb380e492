export type AppErrorCode = "unauthorized" | "forbidden" | "not_found" | "conflict" | "validation" | "rate_limited" | "internal";

const STATUS: Record<AppErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation: 422,
  rate_limited: 429,
  internal: 500,
};

/** An expected failure with a message fit to show the user. Anything else that is thrown is a bug. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  /** field → message, for errors that belong to one input */
  readonly fieldErrors?: Record<string, string[]>;
  /** for a conflict: what changed meanwhile, for the form to show beside the message (never a secret) */
  readonly conflict?: unknown;

  constructor(code: AppErrorCode, message: string, opts: { fieldErrors?: Record<string, string[]>; conflict?: unknown } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
    this.conflict = opts.conflict;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
