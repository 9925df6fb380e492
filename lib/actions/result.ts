import "server-only";
import { unstable_rethrow } from "next/navigation";
import * as z from "zod";
import { AppError } from "../errors";
import { log } from "../log";

import type { ActionResult } from "../schemas/action-result";

export type { ActionResult };

export function validationResult(error: z.ZodError): Extract<ActionResult<never>, { validationErrors: unknown }> {
  return { validationErrors: z.flattenError(error).fieldErrors as Record<string, string[]>, message: "Some fields need attention." };
}

/** A refused input that the body found itself (after the schema), thrown to be reported like the schema's refusals. */
export class InputRefusal extends Error {
  constructor(readonly result: Extract<ActionResult<never>, { validationErrors: unknown }>) {
    super(result.message ?? "Some fields need attention.");
  }
}

/**
 * Runs a server action's body, always wrapping what it returns as `{ data }`, turning expected failures (AppError, a
 * refused input) into results and anything else into a logged generic error. Only lib/actions/define.ts calls it.
 */
export async function runAction<T>(name: string, requestId: string, fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { data: await fn() };
  } catch (e) {
    unstable_rethrow(e);
    if (carriesNul(e)) {
      return { serverError: "Text may not contain NUL characters (\\u0000): remove them and try again.", code: "validation" };
    }
    if (e instanceof InputRefusal) return e.result;
    if (e instanceof AppError) {
      if (e.fieldErrors) return { validationErrors: e.fieldErrors, message: e.message };
      return { serverError: e.message, code: e.code, ...(e.conflict === undefined ? {} : { conflict: e.conflict }) };
    }
    log.error(`action ${name} failed`, { requestId, error: e });
    return { serverError: `Something went wrong on the server (request ${requestId}). The details are in the console's log.`, code: "internal" };
  }
}

/** PostgreSQL's refusal of a NUL character in text (22021) or JSON (22P05), however the driver wrapped it. */
function carriesNul(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 4) return false;
  const x = e as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
  if (["22021", "22P05"].includes(String(x.code)) || ["22021", "22P05"].includes(String(x.originalCode))) return true;
  if (typeof x.message === "string" && /0x00|\\u0000 cannot be converted/.test(x.message)) return true;
  return carriesNul(x.cause, depth + 1) || carriesNul(x.meta, depth + 1);
}
