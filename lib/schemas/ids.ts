import * as z from "zod";

/** An instance's id, as every input that names an instance takes it. */
export const ZInstanceId = z.uuid();

/** An upgrade plan's id. */
export const ZPlanId = z.uuid();

/** A console user's id. */
export const ZUserId = z.uuid();
