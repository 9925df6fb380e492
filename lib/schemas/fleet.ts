import * as z from "zod";
import { FLEET_FILTER_KEYS, FLEET_SORTS, HEALTH_STATES } from "./fleet-constants";
import { ENVIRONMENTS } from "./instance-constants";

export { DEFAULT_FLEET_SORT, FLEET_FILTER_KEYS, FLEET_SORTS, HEALTH_STATES, type THealthState } from "./fleet-constants";

/** Fleet page filters, all in the URL so a view can be shared. Bad values are dropped with a notice. */
export const ZFleetParams = z.object({
  q: z.string().trim().max(100).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  label: z
    .string()
    .trim()
    .max(200)
    .regex(/^[^=\s,]+(=[^=\s,]*)?$/)
    .optional(),
  health: z.enum(HEALTH_STATES).optional(),
  credential: z.enum(["problem"]).optional(),
  version: z
    .string()
    .trim()
    .max(20)
    .regex(/^\d+\.\d+$/)
    .optional(),
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

// FLEET_FILTER_KEYS is every param but sort, direction and page, both ways (and test/unit/schemas/fleet.test.ts).
type FilterKey = Exclude<keyof TFleetParams, "sort" | "dir" | "page">;
const everyFilterListed: FilterKey extends (typeof FLEET_FILTER_KEYS)[number] ? true : never = true;
const onlyFiltersListed: (typeof FLEET_FILTER_KEYS)[number] extends FilterKey ? true : never = true;
void [everyFilterListed, onlyFiltersListed];
