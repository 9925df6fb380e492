/**
 * Harbor version catalog and upgrade-path planner (shared/harbor/upgrade.md §1–§2). Pure: no I/O, no
 * "server-only"; importable from server and client code alike.
 */
export {
  ALL_RELEASES,
  formatRelease,
  isKnownRelease,
  isMaintained,
  LATEST,
  LATEST_LINE,
  latestPatchOf,
  lineIndex,
  lineInfo,
  MAINTAINED_LINE_COUNT,
  MAINTAINED_LINES,
  patchesOf,
  RELEASE_LINES,
  releaseLine,
  toVersion,
  type HarborVersion,
  type ReleaseLine,
  type VersionInput,
} from "../releases";
export {
  DOCUMENTED_MINIMUM,
  hopBlockers,
  hopNotes,
  isHopAllowed,
  type HopBlocker,
  type HopOptions,
  type HopRule,
} from "./rules";
export { postgresAcceptedBy, postgresOf } from "../releases";
export {
  hopsToLatest,
  minorsBehind,
  planUpgradePath,
  supportStatus,
  type PlanOptions,
  type SupportInfo,
  type SupportStatus,
  type UpgradeHop,
  type UpgradePlan,
} from "./planner";
export { ADVISOR, adviseHop, type Advice, type AdviceEntry, type AdviceKind, type AdviceTopology } from "./advisor";
export { targetOptions, type TargetChoice, type TargetOptions } from "./targets";
