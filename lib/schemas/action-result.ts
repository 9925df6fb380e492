import type { AppErrorCode } from "../errors";

/**
 * What every server action answers (lib/actions/define.ts), for the forms that call them: the body's value, a refused
 * input per field, or an error fit to show — with, for a stale edit (`code` "conflict"), what changed meanwhile when the
 * action knows it (e.g. a topology's TopologyConflict).
 */
export type ActionResult<T> =
  { data: T } | { validationErrors: Record<string, string[] | undefined>; message?: string } | { serverError: string; code?: AppErrorCode; conflict?: unknown };
