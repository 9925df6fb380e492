// The fleet's states, sorts and filter names without zod, for client components that need only these (a value
// imported from lib/schemas/fleet.ts would bring zod into the page's first load). ZFleetParams is built on them.

export const HEALTH_STATES = ["healthy", "degraded", "down", "unknown"] as const;
export type THealthState = (typeof HEALTH_STATES)[number];
/** "status": worst first — down, degraded, credential problems, unknown, then healthy; by name within each. */
export const FLEET_SORTS = ["status", "name", "health", "version", "projects", "storage", "latency", "checked"] as const;
export const DEFAULT_FLEET_SORT: (typeof FLEET_SORTS)[number] = "status";

/** The params that filter the fleet (all of ZFleetParams but sort, direction and page): "clear the filters" drops these. */
export const FLEET_FILTER_KEYS = ["q", "environment", "label", "health", "credential", "version", "error", "stale", "behind", "unmaintained"] as const;
