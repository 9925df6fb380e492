/**
 * Feature gates that change inside a line: Harbor backports fixes into older lines, so some harbor.yml keys arrive
 * in a patch rather than a minor. lib/config/features.ts turns them into flags. Pure.
 */
import { compareVersions, toVersion, type HarborVersion } from "./version";

/**
 * "From these patches on each line": `{ "2.7": "2.7.3", "2.8": "2.8.4", from: "2.9" }` holds on 2.7.3 and later
 * 2.7 patches, on 2.8.4 and later 2.8 patches, and on every release of the 2.9 line and later lines; nowhere else.
 */
export type PatchGate = { readonly from: string; readonly [line: string]: string };

/**
 * The patch-level gates: every patch-level fact about harbor.yml lives here, read in goharbor/harbor's
 * make/photon/prepare at the tags named (and checked by running that code on generated files). featuresFor turns
 * them into flags. docs/harbor/config.md §2.1 lists them with the tags that prove them.
 */
export const PATCH_GATES = {
  /**
   * utils/configs.py get_redis_url builds `:password@` with `quote(str(password), safe='')` from v2.7.2 and v2.8.1
   * (and every 2.9+); v2.5.6, v2.6.4, v2.7.1 and v2.8.0 insert it raw, so @ : / % # ? break the Redis URL.
   */
  redisPasswordQuoted: { "2.7": "2.7.2", "2.8": "2.8.1", from: "2.9" },
  /**
   * utils/configs.py parse_yaml_config calls get_redis_configs(configs.get("redis"), configs.get("external_redis"))
   * from v2.7.3 and v2.8.4 (v2.7.2 and v2.8.3 pass external_redis only): the bundled Redis' `redis:` section, and
   * harbor_db_index / cache_layer_db_index → _REDIS_URL_HARBOR / _REDIS_URL_CACHE_LAYER (templates/core/env.jinja,
   * templates/jobservice/env.jinja; read by src/core/main.go and src/lib/cache/cache.go at the same tags).
   */
  redisSection: { "2.7": "2.7.3", "2.8": "2.8.4", from: "2.9" },
  /**
   * utils/configs.py parse_yaml_config sets config_dict['strong_ssl_ciphers'] = https.strong_ssl_ciphers or
   * internal_tls.strong_ssl_ciphers from v2.9.3 and v2.10.1; templates/nginx/nginx.https.conf.jinja and
   * templates/portal/nginx.conf.jinja use it. At v2.9.0–v2.9.2 and v2.10.0 those templates test
   * `internal_tls.strong_ssl_ciphers`, an attribute models.py InternalTLS never has: the setting is read nowhere,
   * although the v2.9.x harbor.yml.tmpl documents it under internal_tls (v2.10.1+ under https).
   */
  strongSslCiphers: { "2.9": "2.9.3", "2.10": "2.10.1", from: "2.11" },
  /** utils/configs.py reads trivy.offline_scan and templates/trivy-adapter/env.jinja passes it on from v2.4.2. */
  trivyOfflineScan: { "2.4": "2.4.2", from: "2.5" },
  /** trivy.security_check (configs.py, trivy-adapter env.jinja) from v2.6.2. */
  trivySecurityCheck: { "2.6": "2.6.2", from: "2.7" },
  /** trivy.skip_java_db_update (configs.py, trivy-adapter env.jinja) from v2.9.3 and v2.10.1; v2.10.0 lacks it. */
  trivySkipJavaDbUpdate: { "2.9": "2.9.3", "2.10": "2.10.1", from: "2.11" },
} as const satisfies Record<string, PatchGate>;

/** Does the release pass the gate? A listed line is judged by its own patch; any other line by `from`. */
export function passesGate(gate: PatchGate, version: HarborVersion): boolean {
  const line = `${version.major}.${version.minor}`;
  const min = toVersion(line !== "from" && Object.hasOwn(gate, line) ? gate[line] : gate.from);
  if (!min) throw new Error(`Bad patch gate ${JSON.stringify(gate)}`);
  return compareVersions(version, min) >= 0;
}

/** "2.7.3+ on 2.7, 2.8.4+ on 2.8, or 2.9 and later" — for messages. */
export function describeGate(gate: PatchGate): string {
  const lines = Object.entries(gate)
    .filter(([line]) => line !== "from")
    .map(([line, patch]) => `${patch}+ on ${line}`);
  return [...lines, `${gate.from} and later`].join(", ").replace(/, ([^,]*)$/, ", or $1");
}
