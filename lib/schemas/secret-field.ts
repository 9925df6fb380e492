import * as z from "zod";

/**
 * Secret fields are marked on the schema itself, once: `secret(z.string().default(""), { harborYml: […], helmValues: […] })`.
 * Every list of secrets (the topology's paths, the harbor.yml and values.yaml keys to mask) is derived from these
 * marks, at run time by secretFieldsOf and at compile time by SecretPathsOf. Client-safe.
 *
 * The file keys are the dotted keys each generated file writes the field's value to, so that masking a file follows
 * the schema. Secrets inside arrays are not supported (a path has no index); secretFieldsOf does not look into them.
 */

export interface SecretMeta {
  /** dotted harbor.yml keys the value is written to (docker-compose) */
  harborYml: readonly string[];
  /** dotted values.yaml keys the value is written to (Helm) */
  helmValues: readonly string[];
}

export interface SecretFieldInfo extends SecretMeta {
  /** dotted path of the field in the schema's output */
  path: string;
}

export const secretRegistry = z.registry<SecretMeta>();

declare const SECRET: unique symbol;
/** A type-level mark that SecretPathsOf finds; the run-time mark is the entry in secretRegistry. */
export type Secret<S> = S & { readonly [SECRET]: true };

/** Marks `schema` as a secret field written to the given file keys. */
export function secret<S extends z.ZodType>(schema: S, meta: SecretMeta): Secret<S> {
  const marked = schema.clone() as S;
  secretRegistry.add(marked, meta);
  return marked as Secret<S>;
}

type Join<P extends string, K extends string> = P extends "" ? K : `${P}.${K}`;

/** The dotted paths of every field marked with secret() in schema type S. */
export type SecretPathsOf<S, P extends string = ""> = S extends { readonly [SECRET]: true }
  ? P
  : S extends z.ZodObject<infer Shape>
    ? { [K in keyof Shape & string]: SecretPathsOf<Shape[K], Join<P, K>> }[keyof Shape & string]
    : S extends { _zod: { def: { type: "pipe"; out: infer Out } } }
      ? SecretPathsOf<Out, P>
      : S extends { _zod: { def: { innerType: infer Inner } } }
        ? SecretPathsOf<Inner, P>
        : never;

interface WalkDef {
  type: string;
  shape?: Readonly<Record<string, z.core.$ZodType>>;
  innerType?: z.core.$ZodType;
  out?: z.core.$ZodType;
}

/** Every field marked with secret() in `schema`, in the order the schema declares them. */
export function secretFieldsOf(schema: z.core.$ZodType): SecretFieldInfo[] {
  const out: SecretFieldInfo[] = [];
  const walk = (s: z.core.$ZodType, path: string[]) => {
    const meta = secretRegistry.get(s);
    if (meta) {
      out.push({ path: path.join("."), harborYml: meta.harborYml, helmValues: meta.helmValues });
      return;
    }
    const def = s._zod.def as unknown as WalkDef;
    if (def.type === "object" && def.shape) for (const [key, child] of Object.entries(def.shape)) walk(child, [...path, key]);
    else if (def.type === "pipe" && def.out) walk(def.out, path);
    else if (def.innerType) walk(def.innerType, path);
  };
  walk(schema, []);
  return out;
}
