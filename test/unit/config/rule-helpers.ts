/** Shared by the validate*.test.ts files: the golden topologies with an edit, and the issues at one field. */
import { validateTopology } from "@/lib/config/validate";
import type { TTopology } from "@/lib/schemas/topology";
import { build, singleNode, threeNodes } from "./golden/topologies";

export type Edit = (t: TTopology) => void;
export const single = (v: string, edit?: Edit) => build(singleNode, v, edit);
export const three = (v: string, edit?: Edit) => build(threeNodes, v, edit);
export const at = (t: TTopology, field: string) => validateTopology(t).filter((i) => i.field === field);
export const errorAt = (t: TTopology, field: string) => at(t, field).find((i) => i.severity === "error");
export const warningAt = (t: TTopology, field: string) => at(t, field).find((i) => i.severity === "warning");
