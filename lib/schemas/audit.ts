import * as z from "zod";

export const ZAuditListParams = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z_.]+$/)
    .optional(),
  targetType: z.enum(["instance", "user", "session", "webhook"]).optional(),
  target: z.string().trim().max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
});
export type TAuditListParams = z.output<typeof ZAuditListParams>;
