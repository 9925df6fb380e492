/**
 * What adopting a running Harbor from its files yields (issue #18): one topology, what each node's file says
 * differently, what the files say that the topology does not hold, or why the files were refused. Client-safe: no
 * value of a secret key is ever in here.
 */
import type { TTopology } from "../schemas/topology";

/** A key of the files the topology does not hold: generating from the topology would not give it back. */
export interface NotRepresented {
  /** dotted path in the file, e.g. "trivy.ignore_unfixed", "uaa.ca_file", "expose.ingress.annotations" */
  path: string;
  reason: string;
}

/** A key whose value differs between nodes; the topology takes the first node's (secret values read "(secret)"). */
export interface NodeDifference {
  path: string;
  values: Array<{ node: string; value: string }>;
}

/** A refusal, placed at the file that caused it ("" when it concerns the upload as a whole). */
export interface AdoptError {
  file: string;
  message: string;
}

export type AdoptResult =
  | {
      ok: true;
      topology: TTopology;
      /** one line: where the topology came from, stored on the revision ("harbor.yml of 3 nodes (Harbor 2.11)") */
      source: string;
      notRepresented: NotRepresented[];
      nodeDifferences: NodeDifference[];
      warnings: string[];
    }
  | { ok: false; errors: AdoptError[] };

/** Adoption's bounds: a node list, and one uploaded file (harbor.yml's own limit). */
export const MAX_ADOPT_FILES = 16;
