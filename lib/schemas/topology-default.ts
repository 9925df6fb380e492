import { ZTopology, type TTopology } from "./topology";

/** A topology with every default filled in. */
export function defaultTopology(harborVersion: string): TTopology {
  return ZTopology.parse({ harborVersion });
}
