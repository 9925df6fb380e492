import "server-only";
import type { z } from "zod";
import { actorOf, getUser, requestId, requireRole, type SessionUser } from "../auth";
import type { Actor } from "../fleet/audit";
import { AppError } from "../errors";
import type { TRole } from "../schemas/user";
import { InputRefusal, runAction, validationResult, type ActionResult } from "./result";

/** Who may call an action: a role (or a stronger one), or any signed-in user — also one who must still choose a password. */
export type ActionRole = TRole | "signed-in";

export interface ActionContext {
  user: SessionUser;
  actor: Actor;
  requestId: string;
}

type Body<I, T> = (input: I, ctx: ActionContext) => Promise<T>;

interface ActionOptions {
  /** How a refused input is reported; by default each top-level field's messages (`validationResult`). */
  invalid?: (error: z.ZodError) => Extract<ActionResult<never>, { validationErrors: unknown }>;
}

/**
 * The one way to write a server action: the role is checked on the server from the session — before the input is read —
 * then the input is parsed with its schema, then the body runs with the parsed input, the user, the audit actor and
 * the request id; expected failures (AppError, a refused input) become results, anything else a logged generic
 * error (`runAction`). `schema` null: an action without input.
 *
 * In a "use server" module: `export const fooAction = action("foo", "operator", ZFooInput, async (input, ctx) => …)`.
 * test/unit/security/action-matrix.test.ts holds every exported action to this form and to its row of the matrix.
 */
export function action<S extends z.ZodType, T>(
  name: string,
  role: ActionRole,
  schema: S,
  body: Body<z.output<S>, T>,
  options?: ActionOptions,
): (input: unknown) => Promise<ActionResult<T>>;
export function action<T>(name: string, role: ActionRole, schema: null, body: Body<undefined, T>): () => Promise<ActionResult<T>>;
export function action<T>(name: string, role: ActionRole, schema: z.ZodType | null, body: Body<never, T>, options: ActionOptions = {}) {
  const run = body as Body<unknown, T>;
  return async (input?: unknown): Promise<ActionResult<T>> => {
    const rid = await requestId();
    return runAction<T>(name, rid, async () => {
      const user = await authorize(role);
      const ctx = { user, actor: actorOf(user), requestId: rid };
      if (!schema) return run(undefined, ctx);
      const parsed = schema.safeParse(input);
      if (!parsed.success)
        throw new InputRefusal((options.invalid ?? validationResult)(parsed.error) as Extract<ActionResult<never>, { validationErrors: unknown }>);
      return run(parsed.data, ctx);
    });
  };
}

async function authorize(role: ActionRole): Promise<SessionUser> {
  if (role !== "signed-in") return requireRole(role);
  const user = await getUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return user;
}
