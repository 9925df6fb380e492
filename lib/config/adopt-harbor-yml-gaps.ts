/**
 * What adopted harbor.yml files say that the topology does not hold, found by generating harbor.yml from the adopted
 * topology and comparing leaf by leaf: a key the generator leaves out or writes differently is "not represented".
 * The model holds none of these, so a bundle would drop or change them: the user sees each path before saving. Pure.
 */
import type { TTopology } from "../schemas/topology";
import { leaves, underAny } from "./adopt-leaves";
import type { NotRepresented } from "./adopt-types";
import { harborYmlObject } from "./harbor-yml";
import { HARBOR_YML_SECRET_KEYS } from "./secret-keys";
import { unknownHarborYmlKeys } from "./harbor-yml-keys";

/** `differing`: keys the nodes' files disagree on, listed as node differences instead. */
export function notRepresentedInHarborYml(
  docs: readonly Record<string, unknown>[],
  t: TTopology,
  differing: ReadonlySet<string> = new Set(),
): NotRepresented[] {
  const generated = leaves(harborYmlObject(t, false));
  const out: NotRepresented[] = [];
  const seen = new Set<string>();
  const add = (path: string, reason: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ path, reason });
  };
  for (const doc of docs) {
    const unknown = unknownHarborYmlKeys(doc, t.harborVersion);
    for (const path of unknown) add(path, `Not a harbor.yml key of Harbor ${t.harborVersion}: prepare ignores it, and generated files leave it out.`);
    for (const [path, value] of leaves(doc)) {
      if (underAny(path, unknown) || differing.has(path) || generated.get(path) === value) continue;
      const now = generated.get(path);
      const secret = HARBOR_YML_SECRET_KEYS.includes(path);
      if (now === undefined) add(path, "The topology does not hold this key: generated files leave it out (Harbor then uses its default).");
      else
        add(
          path,
          secret
            ? "The topology does not hold this value: generated files write another one."
            : `The topology does not hold this value: generated files write ${now}.`,
        );
    }
  }
  return out;
}
