/**
 * helm/keep-secrets.sh, the first step of a running release's reconfigure bundle: it makes `helm upgrade` keep every
 * shared key the release runs with, and generates none (docs/harbor/helm.md §3.5; lib/config/lifecycle.ts). Pure; the script is
 * POSIX sh and needs kubectl, base64 and sed.
 *
 * 1. It reads every value it may need before it changes anything, so a value the release keeps elsewhere stops it
 *    with nothing changed.
 * 2. Each Secret values.yaml names is kept when it exists (a release installed from a console bundle has them) and
 *    otherwise created as a copy of the value the release holds now, in its chart's own Secret.
 * 3. The values this chart can only take inline go to keep-values.yaml (mode 600), read the same way.
 */
import type { TTopology } from "../schemas/topology";
import type { RunningHelmSecrets } from "./helm-secrets";

/** A single-quoted sh word. */
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** The key as kubectl's jsonpath wants it (a dot in a key is escaped). */
const jsonpathKey = (key: string) => key.replace(/\./g, "\\.");

export function generateKeepSecretsScript(t: TTopology, chart: string, running: RunningHelmSecrets): string {
  const h = t.deployment.helm;
  let n = 0;
  const reads: string[] = [];
  /** `secret` is a shell word already (at()). */
  const read = (secret: string, key: string, guard: string | null, setting?: string): string => {
    const file = `"$work/v${++n}"`;
    const call = setting ? `current_setting ${secret} ${sh(jsonpathKey(key))} ${sh(setting)} ${file}` : `current ${secret} ${sh(jsonpathKey(key))} ${file}`;
    reads.push(guard ? `exists ${sh(guard)} || ${call}` : call);
    return file;
  };
  /** The chart's own Secrets by "$FULLNAME-…", so the one variable at the top renames them all. */
  const at = (secret: string) => (secret.startsWith(`${running.fullname}-`) ? `"$FULLNAME${secret.slice(running.fullname.length)}"` : sh(secret));

  const pins = running.refs.map((r) => {
    const files = Object.entries(r.data).map(([key, from]) => [key, read(at(from.secret), from.key, r.name, from.setting)] as const);
    const create =
      r.type === "kubernetes.io/tls"
        ? `kubectl -n "$NS" create secret tls ${sh(r.name)} --cert=${files.find(([k]) => k === "tls.crt")![1]} --key=${files.find(([k]) => k === "tls.key")![1]}`
        : `kubectl -n "$NS" create secret generic ${sh(r.name)} ${files.map(([k, f]) => `--from-file=${sh(k)}=${f}`).join(" ")}`;
    const sources = [...new Set(Object.values(r.data).map((v) => v.secret.replace(running.fullname, "$FULLNAME")))].join(", ");
    return [
      `if exists ${sh(r.name)}; then`,
      `  echo "kept:   Secret ${r.name}"`,
      "else",
      `  ${create}`,
      `  echo "copied: Secret ${r.name} from ${sources}"`,
      "fi",
    ];
  });

  const keepFiles = running.keep.map((k) => ({ path: k.path.split("."), file: read(at(k.from.secret), k.from.key, null, k.from.setting) }));
  const settings = running.keep.some((k) => k.from.setting);
  const yaml: string[] = [];
  let parents: string[] = [];
  for (const { path, file } of keepFiles) {
    const dirs = path.slice(0, -1);
    let common = 0;
    while (common < dirs.length && common < parents.length && dirs[common] === parents[common]) common++;
    for (let i = common; i < dirs.length; i++) yaml.push(`  printf '%s\\n' ${sh(`${"  ".repeat(i)}${dirs[i]}:`)}`);
    yaml.push(`  printf "%s'%s'\\n" ${sh(`${"  ".repeat(dirs.length)}${path[path.length - 1]}: `)} "$(quoted ${file})"`);
    parents = dirs;
  }

  return [
    "#!/bin/sh",
    `# ${t.harborVersion} on harbor-helm ${chart}, running release ${h.releaseName} in ${h.namespace}: run this before \`helm upgrade\` (README.md).`,
    "# It generates no key: every Secret helm/values.yaml names is kept, or copied from the value the release runs with",
    "# now, and keep-values.yaml gets the values this chart takes only inline. keep-values.yaml holds secrets: keep it",
    "# private and delete it after the upgrade.",
    "set -eu",
    `NS=${sh(h.namespace)}`,
    '# The chart names its own Secrets after its fullname: the release name when that contains "harbor", else',
    "# <release>-harbor. A release installed with fullnameOverride: set that here.",
    `FULLNAME=${sh(running.fullname)}`,
    "umask 077",
    "work=$(mktemp -d)",
    "trap 'rm -rf \"$work\"' EXIT",
    "",
    'exists() { kubectl -n "$NS" get secret "$1" >/dev/null 2>&1; }',
    "# current SECRET KEY FILE: the value the release holds now; stops, with nothing changed, when it holds none",
    "current() {",
    '  if ! kubectl -n "$NS" get secret "$1" -o "jsonpath={.data.$2}" >"$work/b64" || [ ! -s "$work/b64" ]; then',
    '    echo "Secret $1 in $NS holds no $(printf %s "$2" | tr -d "\\\\"): the release keeps it elsewhere. Copy it by hand (README.md); nothing was changed." >&2',
    "    exit 1",
    "  fi",
    '  base64 -d <"$work/b64" >"$3"',
    "}",
    ...(settings
      ? [
          "# current_setting CONFIGMAP KEY NAME FILE: the `NAME = value` line of a file the chart keeps in a ConfigMap",
          "current_setting() {",
          '  kubectl -n "$NS" get configmap "$1" -o "jsonpath={.data.$2}" | sed -n "s/^[[:space:]]*$3[[:space:]]*=[[:space:]]*//p" | tr -d "\r\n" >"$4" || true',
          '  if [ ! -s "$4" ]; then',
          '    echo "ConfigMap $1 in $NS holds no $3: the release keeps it elsewhere. Copy it by hand (README.md); nothing was changed." >&2',
          "    exit 1",
          "  fi",
          "}",
        ]
      : []),
    'quoted() { sed "s/\'/\'\'/g" "$1"; }',
    "",
    'echo "cluster $(kubectl config current-context), namespace $NS"',
    "# 1. read first",
    ...reads,
    "",
    "# 2. the Secrets values.yaml names",
    ...pins.flat(),
    ...(yaml.length
      ? [
          "",
          "# 3. what this chart takes only inline",
          "{",
          ...yaml,
          "} >keep-values.yaml",
          `echo "written: keep-values.yaml (${keepFiles.length} value${keepFiles.length === 1 ? "" : "s"} the release runs with)"`,
        ]
      : []),
    "",
  ].join("\n");
}

/** Does the chart need keep-values.yaml for this release? */
export function needsKeepValues(running: RunningHelmSecrets): boolean {
  return running.keep.length > 0;
}
