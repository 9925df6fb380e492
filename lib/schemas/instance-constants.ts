// An instance's environments, deployment modes and lifecycles without zod, for client components that need only
// these (a value imported from lib/schemas/instance.ts would bring zod into the page's first load).

export const ENVIRONMENTS = ["production", "staging", "development", "other"] as const;
export const DEPLOYMENT_MODES = ["docker_compose", "helm"] as const;
export const DEPLOYMENT_MODE_LABEL: Record<(typeof DEPLOYMENT_MODES)[number], string> = { docker_compose: "docker-compose", helm: "Helm" };
/** planned: not deployed yet (bundles install it); running: a Harbor runs there (bundles reconfigure it, never carry its keys). */
export const INSTANCE_LIFECYCLES = ["planned", "running"] as const;
export type InstanceLifecycle = (typeof INSTANCE_LIFECYCLES)[number];
