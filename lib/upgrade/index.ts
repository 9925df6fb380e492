/**
 * Upgrade-path planner, hop rules, advisor and targets (docs/harbor/upgrade.md §2). Pure: no I/O, no "server-only";
 * importable from server and client code alike. The release catalog itself is lib/releases.
 */
export { DOCUMENTED_MINIMUM, hopBlockers, hopNotes, isHopAllowed, type HopBlocker, type HopOptions, type HopRule } from "./rules";
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
export { approvalCheck, evaluatePreflight, waveCheck, type Outcome, type PreflightFacts } from "./preflight";
export { verifyHop, type HopObservation, type HopVerdict } from "./verify";
export { CALENDAR_DAYS, calendarDays, dayKey, timeOfDay, type CalendarDay, type CalendarWindow } from "./calendar";
