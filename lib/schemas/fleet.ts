import * as z from "zod";
import { ENVIRONMENTS } from "./instance";

export const HEALTH_STATES = ["healthy", "degraded", "down", "unknown"] as const;
export type THealthState = (typeof HEALTH_STATES)[number];
/** "status": worst first — down, degraded, credential problems, unknown, then healthy; by name within each. */
export const FLEET_SORTS = ["status", "name", "health", "version", "projects", "storage", "latency", "checked"] as const;

/** Fleet page filters, all in the URL so a view can be shared. Bad values are dropped with a notice. */
export const ZFleetParams = z.object({
  q: z.string().trim().max(100).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  label: z.string().trim().max(200).regex(/^[^=\s,]+(=[^=\s,]*)?$/).optional(),
  health: z.enum(HEALTH_STATES).optional(),
  credential: z.enum(["problem"]).optional(),
  version: z.string().trim().max(20).regex(/^\d+\.\d+$/).optional(),
  error: z.enum(["1"]).optional(),
  stale: z.enum(["1"]).optional(),
  /** two or more minor lines behind the newest release (the "Behind latest" tile) */
  behind: z.enum(["1"]).optional(),
  /** outside the maintained release lines (the "Outside maintained lines" tile) */
  unmaintained: z.enum(["1"]).optional(),
  sort: z.enum(FLEET_SORTS).optional().default("status"),
  dir: z.enum(["asc", "desc"]).optional().default("asc"),
  page: z.coerce.number().int().min(1).max(100000).optional().default(1),
});
export type TFleetParams = z.output<typeof ZFleetParams>;

/** The params that filter the fleet (all but sort, direction and page): a link "clear the filters" drops these. */
export const FLEET_FILTER_KEYS = Object.keys(ZFleetParams.shape).filter((k) => !["sort", "dir", "page"].includes(k)) as (keyof TFleetParams)[];

export const DEFAULT_FLEET_SORT: TFleetParams["sort"] = "status";
