import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { AppError } from "../errors";
import { log } from "../log";

export type ActionResult<T> =
  | { data: T }
  | { validationErrors: Record<string, string[] | undefined>; message?: string }
  | { serverError: string; code?: string };

export function validationResult(error: z.ZodError): ActionResult<never> {
  return { validationErrors: z.flattenError(error).fieldErrors as Record<string, string[]>, message: "Some fields need attention." };
}

/** Runs a server action's body, turning expected failures into results and anything else into a logged generic error. */
export async function runAction<T>(name: string, requestId: string, fn: () => Promise<T | ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    const out = await fn();
    if (out && typeof out === "object" && ("validationErrors" in out || "serverError" in out || "data" in out)) return out as ActionResult<T>;
    return { data: out as T };
  } catch (e) {
    unstable_rethrow(e);
    if (carriesNul(e)) {
      return { serverError: "Text may not contain NUL characters (\\u0000): remove them and try again.", code: "validation" };
    }
    if (e instanceof AppError) {
      if (e.fieldErrors) return { validationErrors: e.fieldErrors, message: e.message };
      return { serverError: e.message, code: e.code };
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
