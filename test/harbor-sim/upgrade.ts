/**
 * Playing an upgrade (issue #12): the instance switches to another version — its routes and shapes follow the new
 * version at once — with a period while core is "migrating" (nginx answers 502 for every core route, /health
 * included), or a dirty migration that leaves it on the new version with core down until the next switch.
 */
import { harborVersionString, profileOf, type InstanceState } from "./state";

export interface SwitchVersionOptions {
  /** core is down for this long after the switch (the schema migration); default 0 */
  migratingMs?: number;
  /** the migration failed: core stays down on the new version ("Dirty database version N") */
  dirty?: boolean;
}

export interface CoreOutage {
  /** epoch ms until which core answers 502; Infinity for a dirty migration */
  until: number;
  dirty: boolean;
}

/** Switches the state's version in place; throws for a version the simulator cannot play. */
export function switchVersion(st: InstanceState, version: string, opts: SwitchVersionOptions = {}, now = Date.now()): CoreOutage | null {
  const profile = profileOf(version);
  st.spec = { ...st.spec, version };
  st.profile = profile;
  st.harborVersion = harborVersionString(profile.v);
  if (opts.dirty) return { until: Number.POSITIVE_INFINITY, dirty: true };
  return opts.migratingMs ? { until: now + opts.migratingMs, dirty: false } : null;
}

/** What nginx answers while core is down. */
export const CORE_DOWN_PAGE =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
