// Upgrade plan states, their labels and the states' groups without zod, for client components that need only these (a value imported
// from lib/schemas/upgrade.ts would bring zod into the page's first load).

export const UPGRADE_PLAN_STATES = ["draft", "ready", "blocked", "scheduled", "in_progress", "needs_attention", "completed", "cancelled"] as const;
export type UpgradePlanState = (typeof UPGRADE_PLAN_STATES)[number];

export const UPGRADE_STATE_LABEL: Record<UpgradePlanState, string> = {
  draft: "Draft",
  ready: "Ready",
  blocked: "Blocked",
  scheduled: "Scheduled",
  in_progress: "In progress",
  needs_attention: "Needs attention",
  completed: "Completed",
  cancelled: "Cancelled",
};

/** States in which the plan may still be edited, pre-flighted or cancelled. */
export const EDITABLE_STATES: readonly UpgradePlanState[] = ["draft", "ready", "blocked"];
/** States from which a plan may be cancelled (not while it runs, nor once it ended). */
export const CANCELLABLE_STATES: readonly UpgradePlanState[] = ["draft", "ready", "blocked", "scheduled", "needs_attention"];
